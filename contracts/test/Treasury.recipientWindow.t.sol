// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IPaymentPolicy} from "../src/interfaces/IPaymentPolicy.sol";
import {ITreasury} from "../src/interfaces/ITreasury.sol";
import {SystemFixture} from "./utils/SystemFixture.sol";

/// @dev The recipient window: the max single payment and the first-payment cap hold per recipient and
/// token across calls, so single payouts, batches and several treasurers meet the limit one batch meets.
contract TreasuryRecipientWindowTest is SystemFixture {
    uint256 internal constant PERIOD = 30 days;
    uint256 internal constant BUDGET = 50_000e6;
    uint256 internal constant MAX_SINGLE = 500e6;
    uint256 internal constant DAILY_CAP = 5_000e6;
    uint256 internal constant MAX_FIRST = 100e6;
    /// @dev A UTC midnight well after the fixture's start, so the tests can reason in whole days.
    uint256 internal constant MIDNIGHT = 20_000 days;

    address internal known = makeAddr("known recipient");
    address internal other = makeAddr("other known recipient");
    address internal newcomer = makeAddr("newcomer");
    address internal second = makeAddr("second treasurer");

    function setUp() public override {
        super.setUp();
        vm.warp(MIDNIGHT + 9 hours);
        _fundUsd(100_000e6);
        vm.startPrank(address(timelock));
        // A daily cap well above the max single payment, so only the per-recipient rules bind here.
        policy.setTokenLimits(address(usd), MAX_SINGLE, DAILY_CAP, MAX_FIRST);
        treasury.pay(address(usd), known, 1e6, "GRANT");
        treasury.pay(address(usd), other, 1e6, "GRANT");
        treasury.setBudget(treasurer, address(usd), BUDGET, PERIOD);
        treasury.setBudget(second, address(usd), BUDGET, PERIOD);
        vm.stopPrank();
    }

    function _payout(address to, uint256 amount) internal {
        vm.prank(treasurer);
        treasury.payout(address(usd), to, amount, "INV");
    }

    function _aboveMax(address to, uint256 total) internal view returns (bytes memory) {
        return abi.encodeWithSelector(
            IPaymentPolicy.PaymentPolicyAmountAboveMax.selector, address(usd), to, total, MAX_SINGLE, total - MAX_SINGLE
        );
    }

    function _aboveFirst(address to, uint256 total) internal view returns (bytes memory) {
        return abi.encodeWithSelector(
            IPaymentPolicy.PaymentPolicyFirstPaymentAboveMax.selector, address(usd), to, total, MAX_FIRST, total - MAX_FIRST
        );
    }

    function _batch(address a, uint256 x, address b, uint256 y) internal pure returns (ITreasury.Payment[] memory rows) {
        rows = new ITreasury.Payment[](2);
        rows[0] = ITreasury.Payment(a, x, "ROW");
        rows[1] = ITreasury.Payment(b, y, "ROW");
    }

    // ---------------------------------------------------------------- setup

    function test_SetUpState() public view {
        ITreasury.RecipientWindowView memory w = treasury.recipientWindow(known, address(usd));
        assertEq(w.paid, 0, "votes do not count in the window");
        assertFalse(w.isNew, "paid by vote: known");
        assertTrue(treasury.recipientWindow(newcomer, address(usd)).isNew, "never paid: new");
        assertEq(w.windowStart, MIDNIGHT - 1 days, "from yesterday's midnight");
        assertEq(w.windowEnd, MIDNIGHT + 1 days, "until tonight");
    }

    // ---------------------------------------------------------------- single + single

    function test_RevertWhen_SinglePayoutsSplitFirstPayment() public {
        _payout(newcomer, 60e6);
        vm.expectRevert(_aboveFirst(newcomer, 120e6));
        _payout(newcomer, 60e6);
    }

    /// @dev The finding's first case: 100 to a newcomer, then 500 more in the same transaction.
    function test_RevertWhen_SinglePayoutsSplitFirstPaymentAboveMax() public {
        _payout(newcomer, MAX_FIRST);
        vm.expectRevert(_aboveMax(newcomer, MAX_FIRST + MAX_SINGLE));
        _payout(newcomer, MAX_SINGLE);
    }

    /// @dev The finding's second case: 500 + 500 to one recipient.
    function test_RevertWhen_SinglePayoutsSplitMaxSingle() public {
        _payout(known, MAX_SINGLE);
        vm.expectRevert(_aboveMax(known, 2 * MAX_SINGLE));
        _payout(known, MAX_SINGLE);
    }

    function test_Payout_SplitUpToExactlyTheLimits() public {
        _payout(newcomer, 40e6);
        _payout(newcomer, 60e6);
        _payout(known, 200e6);
        _payout(known, 300e6);
        assertEq(treasury.recipientWindow(newcomer, address(usd)).paid, MAX_FIRST, "newcomer: the cap");
        assertEq(treasury.recipientWindow(known, address(usd)).paid, MAX_SINGLE, "known: the max");
    }

    function test_RevertWhen_TreasurersSplitOneRecipient() public {
        _payout(known, 300e6);
        vm.expectRevert(_aboveMax(known, 600e6));
        vm.prank(second);
        treasury.payout(address(usd), known, 300e6, "INV");
    }

    // ---------------------------------------------------------------- batch + single

    function test_RevertWhen_BatchThenSingleSplitFirstPayment() public {
        vm.prank(treasurer);
        treasury.payoutBatch(address(usd), _batch(newcomer, 50e6, newcomer, 50e6));
        vm.expectRevert(_aboveFirst(newcomer, MAX_FIRST + 1));
        _payout(newcomer, 1);
    }

    function test_RevertWhen_SingleThenBatchSplitMaxSingle() public {
        _payout(known, 300e6);
        vm.expectRevert(_aboveMax(known, 550e6));
        vm.prank(treasurer);
        treasury.payoutBatch(address(usd), _batch(known, 100e6, known, 150e6));
    }

    function test_PayoutBatch_ChargesEachRecipientsWindow() public {
        vm.prank(treasurer);
        treasury.payoutBatch(address(usd), _batch(known, 100e6, other, 200e6));
        assertEq(treasury.recipientWindow(known, address(usd)).paid, 100e6, "known");
        assertEq(treasury.recipientWindow(other, address(usd)).paid, 200e6, "other");
    }

    // ---------------------------------------------------------------- the UTC days

    function test_RevertWhen_SplitAcrossMidnight() public {
        vm.warp(MIDNIGHT + 1 days - 1);
        _payout(known, MAX_SINGLE);
        vm.warp(MIDNIGHT + 1 days + 1);
        vm.expectRevert(_aboveMax(known, MAX_SINGLE + 1));
        _payout(known, 1);
    }

    function test_RecipientWindow_ForgetsAtTheSecondMidnight() public {
        _payout(known, MAX_SINGLE); // day D, 09:00
        vm.warp(MIDNIGHT + 2 days - 1); // the last second of D + 1
        assertEq(treasury.recipientWindow(known, address(usd)).paid, MAX_SINGLE, "still counted on D + 1");
        vm.expectRevert(_aboveMax(known, MAX_SINGLE + 1));
        _payout(known, 1);
        vm.warp(MIDNIGHT + 2 days);
        assertEq(treasury.recipientWindow(known, address(usd)).paid, 0, "forgotten on D + 2");
        _payout(known, MAX_SINGLE);
    }

    function test_Newcomer_StaysNewWhileItsFirstPayoutIsInTheWindow() public {
        _payout(newcomer, MAX_FIRST);
        assertTrue(treasury.paidBefore(newcomer), "paid before");
        vm.warp(MIDNIGHT + 1 days + 20 hours);
        assertTrue(treasury.recipientWindow(newcomer, address(usd)).isNew, "still new on D + 1");
        vm.expectRevert(_aboveFirst(newcomer, MAX_FIRST + 1));
        _payout(newcomer, 1);
        vm.warp(MIDNIGHT + 2 days);
        assertFalse(treasury.recipientWindow(newcomer, address(usd)).isNew, "known on D + 2");
        _payout(newcomer, MAX_SINGLE);
    }

    // ---------------------------------------------------------------- payouts by vote

    function test_PayByVote_NotCountedAndMakesNewcomerKnown() public {
        _payout(newcomer, MAX_FIRST);
        // A vote pays the max single payment on top, in the same window: exempt from the window...
        vm.prank(address(timelock));
        treasury.pay(address(usd), newcomer, MAX_SINGLE, "GRANT");
        ITreasury.RecipientWindowView memory w = treasury.recipientWindow(newcomer, address(usd));
        assertEq(w.paid, MAX_FIRST, "the vote is not in the window");
        // ...and it makes the recipient known: treasurers may now pay up to the max single payment.
        assertFalse(w.isNew, "known after the vote");
        _payout(newcomer, MAX_SINGLE - MAX_FIRST);
        vm.expectRevert(_aboveMax(newcomer, MAX_SINGLE + 1));
        _payout(newcomer, 1);
    }

    // ---------------------------------------------------------------- fuzz

    /// @dev However a total is split into single payouts within one day, each payout passes exactly while
    /// the running total stays within the limit one batch of the same rows would meet.
    function testFuzz_SinglePayoutsMeetTheBatchLimit(uint256[6] memory amounts, bool toNewcomer) public {
        address to = toNewcomer ? newcomer : known;
        uint256 limit = toNewcomer ? MAX_FIRST : MAX_SINGLE;
        uint256 total = 0;
        for (uint256 i = 0; i < amounts.length; ++i) {
            uint256 amount = bound(amounts[i], 1, limit);
            if (total + amount > limit) {
                vm.expectRevert(toNewcomer ? _aboveFirst(to, total + amount) : _aboveMax(to, total + amount));
                _payout(to, amount);
            } else {
                _payout(to, amount);
                total += amount;
            }
            vm.warp(block.timestamp + bound(amounts[i] >> 128, 0, 1 hours));
        }
        assertEq(treasury.recipientWindow(to, address(usd)).paid, total, "the window holds what passed");
        assertLe(total, limit, "never above the batch limit");
    }

    /// @dev The window forgets exactly at the second UTC midnight after a payout, whatever the times.
    function testFuzz_RecipientWindow_TwoUtcDays(uint256 firstAt, uint256 elapsed) public {
        firstAt = MIDNIGHT + bound(firstAt, 0, 1 days - 1);
        elapsed = bound(elapsed, 1, 4 days);
        vm.warp(firstAt);
        _payout(known, MAX_SINGLE);
        vm.warp(firstAt + elapsed);
        bool forgotten = block.timestamp / 1 days >= firstAt / 1 days + 2;
        if (!forgotten) vm.expectRevert(_aboveMax(known, MAX_SINGLE + 1));
        _payout(known, forgotten ? MAX_SINGLE : 1);
    }
}
