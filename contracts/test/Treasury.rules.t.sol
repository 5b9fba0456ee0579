// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IPaymentPolicy} from "../src/interfaces/IPaymentPolicy.sol";
import {ITreasury} from "../src/interfaces/ITreasury.sol";
import {SystemFixture} from "./utils/SystemFixture.sol";

/// @dev The policy's rules on treasurer payouts: first-payment cap, daily cap, batch aggregation, and
/// budget changes that keep what was spent.
contract TreasuryRulesTest is SystemFixture {
    address internal constant ETH = address(0);
    uint256 internal constant PERIOD = 30 days;
    uint256 internal constant BUDGET = 5_000e6;
    uint256 internal constant MAX_SINGLE = 500e6;
    uint256 internal constant DAILY_CAP = 1_000e6;
    uint256 internal constant MAX_FIRST = 100e6;
    /// @dev A UTC midnight well after the fixture's start, so the tests can reason in whole days.
    uint256 internal constant MIDNIGHT = 20_000 days;

    address internal known = makeAddr("known recipient");
    address internal newcomer = makeAddr("newcomer");
    /// @dev More recipients paid by vote once, so the daily-cap tests can pay several known recipients
    /// (one recipient gets at most the max single payment per window).
    address[3] internal others;

    function setUp() public override {
        super.setUp();
        vm.warp(MIDNIGHT + 9 hours);
        _fundUsd(100_000e6);
        vm.startPrank(address(timelock));
        policy.setTokenLimits(address(usd), MAX_SINGLE, DAILY_CAP, MAX_FIRST);
        // The community paid `known` by vote once: it is no newcomer to the treasury.
        treasury.pay(address(usd), known, 1e6, "GRANT");
        for (uint256 i = 0; i < others.length; ++i) {
            others[i] = makeAddr(string.concat("other known ", vm.toString(i)));
            treasury.pay(address(usd), others[i], 1e6, "GRANT");
        }
        treasury.setBudget(treasurer, address(usd), BUDGET, PERIOD);
        vm.stopPrank();
    }

    function _payout(address to, uint256 amount) internal {
        vm.prank(treasurer);
        treasury.payout(address(usd), to, amount, "INV");
    }

    function _row(address to, uint256 amount) internal pure returns (ITreasury.Payment memory) {
        return ITreasury.Payment(to, amount, "ROW");
    }

    function _dailyCapErrorFor(uint256 spent, uint256 amount) internal view returns (bytes memory) {
        return abi.encodeWithSelector(
            IPaymentPolicy.PaymentPolicyDailyCapExceeded.selector,
            address(usd),
            spent,
            amount,
            DAILY_CAP,
            spent + amount - DAILY_CAP
        );
    }

    // ---------------------------------------------------------------- setup

    function test_SetUpState() public view {
        assertTrue(treasury.paidBefore(known), "paid by vote counts");
        assertFalse(treasury.paidBefore(newcomer), "newcomer never paid");
        assertEq(treasury.dailyWindow(treasurer, address(usd)).spent, 0, "nothing paid today");
    }

    // ---------------------------------------------------------------- first-payment cap

    function test_Payout_FirstPaymentWithinCap() public {
        _payout(newcomer, MAX_FIRST);
        assertTrue(treasury.paidBefore(newcomer), "now paid before");
        // Once that first payout has left the recipient window (the second midnight after it), the
        // first-payment cap no longer applies; the max single payment still does.
        vm.warp(MIDNIGHT + 2 days);
        assertFalse(treasury.recipientWindow(newcomer, address(usd)).isNew, "no longer new");
        _payout(newcomer, MAX_SINGLE);
        assertEq(usd.balanceOf(newcomer), MAX_FIRST + MAX_SINGLE, "both paid");
    }

    function test_RevertWhen_FirstPaymentAboveCap() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IPaymentPolicy.PaymentPolicyFirstPaymentAboveMax.selector, address(usd), newcomer, 300e6, MAX_FIRST, 200e6
            )
        );
        _payout(newcomer, 300e6);
    }

    function test_RevertWhen_BatchSplitsFirstPayment() public {
        ITreasury.Payment[] memory rows = new ITreasury.Payment[](3);
        rows[0] = _row(newcomer, 60e6);
        rows[1] = _row(known, 10e6);
        rows[2] = _row(newcomer, 60e6);
        vm.expectRevert(
            abi.encodeWithSelector(
                IPaymentPolicy.PaymentPolicyFirstPaymentAboveMax.selector, address(usd), newcomer, 120e6, MAX_FIRST, 20e6
            )
        );
        vm.prank(treasurer);
        treasury.payoutBatch(address(usd), rows);
    }

    function test_PayByVote_NotHeldToFirstPaymentOrDailyCap() public {
        // A vote may pay a newcomer up to the max single payment, more than the first-payment cap,
        // and more than the daily cap in one day.
        vm.startPrank(address(timelock));
        treasury.pay(address(usd), newcomer, MAX_SINGLE, "GRANT-A");
        treasury.pay(address(usd), makeAddr("another"), MAX_SINGLE, "GRANT-B");
        treasury.pay(address(usd), makeAddr("third"), MAX_SINGLE, "GRANT-C");
        vm.stopPrank();
        assertEq(usd.balanceOf(newcomer), MAX_SINGLE, "paid");
        assertTrue(treasury.paidBefore(newcomer), "known after a vote");
    }

    // ---------------------------------------------------------------- max single payment in a batch

    function test_RevertWhen_BatchSplitsOverLimitPayment() public {
        ITreasury.Payment[] memory rows = new ITreasury.Payment[](3);
        rows[0] = _row(known, 300e6);
        rows[1] = _row(known, 150e6);
        rows[2] = _row(known, 150e6);
        vm.expectRevert(
            abi.encodeWithSelector(
                IPaymentPolicy.PaymentPolicyAmountAboveMax.selector, address(usd), known, 600e6, MAX_SINGLE, 100e6
            )
        );
        vm.prank(treasurer);
        treasury.payoutBatch(address(usd), rows);
    }

    function test_PayoutBatch_RowsToDifferentRecipientsCountApart() public {
        address other = makeAddr("other known");
        vm.prank(address(timelock));
        treasury.pay(address(usd), other, 1e6, "GRANT");
        ITreasury.Payment[] memory rows = new ITreasury.Payment[](3);
        rows[0] = _row(known, 250e6);
        rows[1] = _row(other, 400e6);
        rows[2] = _row(known, 250e6);
        vm.prank(treasurer);
        treasury.payoutBatch(address(usd), rows);
        assertEq(usd.balanceOf(known), 1e6 + 500e6, "known: 500 in two rows, exactly the max");
        assertEq(treasury.dailyWindow(treasurer, address(usd)).spent, 900e6, "whole batch counts today");
    }

    function test_RevertWhen_BatchToBlockedRecipient() public {
        vm.prank(address(timelock));
        policy.setMerchantStatus(known, IPaymentPolicy.MerchantStatus.Blocked, "compromised");
        ITreasury.Payment[] memory rows = new ITreasury.Payment[](1);
        rows[0] = _row(known, 1e6);
        vm.expectRevert(abi.encodeWithSelector(IPaymentPolicy.PaymentPolicyRecipientBlocked.selector, known));
        vm.prank(treasurer);
        treasury.payoutBatch(address(usd), rows);
    }

    // ---------------------------------------------------------------- daily cap

    function test_RevertWhen_PayoutsExceedDailyCap() public {
        _payout(known, 500e6);
        _payout(others[0], 300e6);
        vm.expectRevert(_dailyCapErrorFor(800e6, 300e6));
        _payout(others[1], 300e6);
    }

    function test_RevertWhen_BatchExceedsDailyCap() public {
        _payout(others[0], 400e6);
        ITreasury.Payment[] memory rows = new ITreasury.Payment[](2);
        rows[0] = _row(known, 400e6);
        rows[1] = _row(makeAddr("fresh"), 100e6);
        vm.prank(address(timelock));
        treasury.pay(address(usd), rows[1].recipient, 1e6, "GRANT");
        ITreasury.Payment[] memory big = new ITreasury.Payment[](3);
        big[0] = rows[0];
        big[1] = rows[1];
        big[2] = _row(rows[1].recipient, 200e6);
        vm.expectRevert(_dailyCapErrorFor(400e6, 700e6));
        vm.prank(treasurer);
        treasury.payoutBatch(address(usd), big);
    }

    function test_DailyWindow_IsTodayAndYesterdayUtc() public {
        _payout(known, MAX_SINGLE); // day D, 09:00
        _payout(others[0], MAX_SINGLE);
        ITreasury.DailyWindowView memory w = treasury.dailyWindow(treasurer, address(usd));
        assertEq(w.spent, DAILY_CAP, "spent");
        assertEq(w.windowStart, MIDNIGHT - 1 days, "from yesterday's midnight");
        assertEq(w.windowEnd, MIDNIGHT + 1 days, "until tonight");

        // 24 hours later (day D+1, 09:00) the payout still counts: the window is never looser than 24 hours.
        vm.warp(MIDNIGHT + 1 days + 9 hours);
        assertEq(treasury.dailyWindow(treasurer, address(usd)).spent, DAILY_CAP, "still counted on D+1");
        vm.expectRevert(_dailyCapErrorFor(DAILY_CAP, 1e6));
        _payout(others[1], 1e6);

        // At the second midnight after it, the payout drops out.
        vm.warp(MIDNIGHT + 2 days);
        assertEq(treasury.dailyWindow(treasurer, address(usd)).spent, 0, "forgotten on D+2");
        _payout(known, MAX_SINGLE);
    }

    function test_DailyWindow_JustBeforeAndAfterMidnight() public {
        // The classic dodge: the cap just before midnight, then again just after.
        vm.warp(MIDNIGHT + 1 days - 1);
        _payout(known, MAX_SINGLE);
        _payout(others[0], MAX_SINGLE);
        vm.warp(MIDNIGHT + 1 days + 1);
        vm.expectRevert(_dailyCapErrorFor(DAILY_CAP, 1e6));
        _payout(others[1], 1e6);
    }

    function test_DailyCap_IsPerTreasurer() public {
        address second = makeAddr("second treasurer");
        vm.prank(address(timelock));
        treasury.setBudget(second, address(usd), BUDGET, PERIOD);
        _payout(known, MAX_SINGLE);
        _payout(others[0], MAX_SINGLE);
        vm.prank(second);
        treasury.payout(address(usd), others[1], MAX_SINGLE, "INV");
        assertEq(treasury.dailyWindow(second, address(usd)).spent, MAX_SINGLE, "own window");
    }

    function test_DailyCap_ZeroMeansNoCap() public {
        vm.prank(address(timelock));
        policy.setTokenLimits(address(usd), MAX_SINGLE, 0, MAX_FIRST);
        _payout(known, MAX_SINGLE);
        for (uint256 i = 0; i < others.length; ++i) _payout(others[i], MAX_SINGLE);
        assertEq(treasury.dailyWindow(treasurer, address(usd)).spent, 4 * MAX_SINGLE, "still counted");
    }

    function test_DailyWindow_SurvivesBudgetChange() public {
        _payout(known, 500e6);
        _payout(others[0], 300e6);
        vm.prank(address(timelock));
        treasury.setBudget(treasurer, address(usd), BUDGET * 2, 7 days);
        vm.expectRevert(_dailyCapErrorFor(800e6, 300e6));
        _payout(others[1], 300e6);
    }

    // ---------------------------------------------------------------- budget changes keep what was spent

    function test_SetBudget_LoweredBelowSpentLeavesNothing() public {
        _payout(known, 400e6);
        vm.prank(address(timelock));
        treasury.setBudget(treasurer, address(usd), 300e6, PERIOD);
        ITreasury.BudgetView memory b = treasury.budget(treasurer, address(usd));
        assertEq(b.spent, 400e6, "spent kept");
        assertEq(b.remaining, 0, "nothing left");
        vm.expectRevert(
            abi.encodeWithSelector(ITreasury.TreasuryBudgetExceeded.selector, treasurer, address(usd), 0, 1e6)
        );
        _payout(known, 1e6);
        // The next period starts afresh under the new terms.
        vm.warp(b.periodStart + PERIOD);
        _payout(known, 300e6);
    }

    function test_SetBudget_RevokeAndGrantAgainKeepsSpent() public {
        _payout(known, 400e6);
        uint256 start = block.timestamp;
        vm.startPrank(address(timelock));
        treasury.setBudget(treasurer, address(usd), 0, 0);
        vm.warp(block.timestamp + 2 days);
        vm.expectEmit();
        emit ITreasury.BudgetSet(treasurer, address(usd), BUDGET, PERIOD, start, 400e6);
        treasury.setBudget(treasurer, address(usd), BUDGET, PERIOD);
        vm.stopPrank();
        assertEq(treasury.budget(treasurer, address(usd)).remaining, BUDGET - 400e6, "same period continues");
    }

    function test_SetBudget_ShorterPeriodRestartsNowWithSpent() public {
        _payout(known, 400e6);
        vm.warp(block.timestamp + 10 days);
        vm.prank(address(timelock));
        treasury.setBudget(treasurer, address(usd), BUDGET, 7 days);
        ITreasury.BudgetView memory b = treasury.budget(treasurer, address(usd));
        assertEq(b.periodStart, block.timestamp, "restarted now");
        assertEq(b.spent, 400e6, "with what was spent");
        vm.warp(block.timestamp + 7 days);
        assertEq(treasury.budget(treasurer, address(usd)).spent, 0, "next period is fresh");
    }

    function test_SetBudget_AfterPeriodEndedStartsFresh() public {
        _payout(known, 400e6);
        vm.warp(block.timestamp + PERIOD);
        vm.prank(address(timelock));
        treasury.setBudget(treasurer, address(usd), 2_000e6, PERIOD);
        assertEq(treasury.budget(treasurer, address(usd)).spent, 0, "the old period is over");
    }

    // ---------------------------------------------------------------- ownership

    function test_RevertWhen_RenounceOwnership() public {
        vm.prank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryRenounceOwnershipDisabled.selector));
        treasury.renounceOwnership();
        assertEq(treasury.owner(), address(timelock), "still owned by the timelock");
    }
}
