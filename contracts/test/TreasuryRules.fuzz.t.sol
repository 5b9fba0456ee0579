// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IPaymentPolicy} from "../src/interfaces/IPaymentPolicy.sol";
import {ITreasury} from "../src/interfaces/ITreasury.sol";
import {SystemFixture} from "./utils/SystemFixture.sol";

/// @dev Random sequences of treasurer payouts against the daily window, and random batches against the
/// per-recipient rules.
contract TreasuryRulesFuzzTest is SystemFixture {
    uint256 internal constant MAX_SINGLE = 500e6;
    uint256 internal constant DAILY_CAP = 1_000e6;
    uint256 internal constant MAX_FIRST = 100e6;
    uint256 internal constant STEPS = 16;

    /// @dev Known recipients (paid by vote). The daily-cap fuzz pays a different one at every step, so
    /// only the daily cap binds (one recipient gets at most the max single payment per window); the
    /// batch fuzz uses the first three.
    address[STEPS] internal payees;
    uint256[] internal paidAt;
    uint256[] internal paidAmount;

    function setUp() public override {
        super.setUp();
        vm.warp(20_000 days + 5 hours);
        _fundUsd(1_000_000e6);
        vm.startPrank(address(timelock));
        policy.setTokenLimits(address(usd), MAX_SINGLE, DAILY_CAP, MAX_FIRST);
        treasury.setBudget(treasurer, address(usd), type(uint128).max, 365 days);
        for (uint256 i = 0; i < payees.length; ++i) {
            payees[i] = makeAddr(string.concat("payee ", vm.toString(i)));
            treasury.pay(address(usd), payees[i], 1, "KNOWN");
        }
        vm.stopPrank();
    }

    /// @dev What was paid on the current and the previous UTC day, from this test's own log.
    function _twoDays() internal view returns (uint256 total) {
        uint256 today = block.timestamp / 1 days;
        for (uint256 i = 0; i < paidAt.length; ++i) {
            if (paidAt[i] / 1 days + 1 >= today) total += paidAmount[i];
        }
    }

    /// @dev Whatever the timing, no 24 hours hold more than the daily cap, and a refusal happens exactly
    /// when the current and previous UTC day would hold more than the cap, with the right figures.
    function testFuzz_DailyCap_NoWindowExceedsCap(uint256 seed) public {
        for (uint256 step = 0; step < STEPS; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            vm.warp(block.timestamp + (r % 30 hours));
            uint256 amount = bound(r >> 64, 1, MAX_SINGLE);
            uint256 inWindow = _twoDays();
            vm.prank(treasurer);
            if (inWindow + amount > DAILY_CAP) {
                vm.expectRevert(
                    abi.encodeWithSelector(
                        IPaymentPolicy.PaymentPolicyDailyCapExceeded.selector,
                        address(usd),
                        inWindow,
                        amount,
                        DAILY_CAP,
                        inWindow + amount - DAILY_CAP
                    )
                );
                treasury.payout(address(usd), payees[step], amount, "INV");
            } else {
                treasury.payout(address(usd), payees[step], amount, "INV");
                paidAt.push(block.timestamp);
                paidAmount.push(amount);
            }
            assertEq(treasury.dailyWindow(treasurer, address(usd)).spent, _twoDays(), "window matches the log");
        }
        for (uint256 i = 0; i < paidAt.length; ++i) {
            uint256 within = 0;
            for (uint256 j = 0; j <= i; ++j) {
                if (paidAt[j] + 1 days >= paidAt[i]) within += paidAmount[j];
            }
            assertLe(within, DAILY_CAP, "24 hours ending at a payout");
        }
    }

    /// @dev A batch's rows to one recipient count together: the batch is refused exactly when some
    /// recipient's total is above the max single payment (or, for a newcomer, the first-payment cap),
    /// naming the first such recipient in row order and its total.
    function testFuzz_PayoutBatch_AggregatesPerRecipient(uint256 seed, uint256 count, bool withNewcomer) public {
        vm.prank(address(timelock));
        policy.setTokenLimits(address(usd), MAX_SINGLE, 0, MAX_FIRST);
        count = bound(count, 1, 12);
        address newcomer = makeAddr("newcomer");
        address[] memory who = new address[](count);
        ITreasury.Payment[] memory rows = new ITreasury.Payment[](count);
        for (uint256 i = 0; i < count; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            who[i] = (withNewcomer && r % 4 == 0) ? newcomer : payees[r % 3];
            rows[i] = ITreasury.Payment(who[i], bound(r >> 32, 1, 300e6), "ROW");
        }

        bytes memory expected;
        for (uint256 i = 0; i < count && expected.length == 0; ++i) {
            bool firstRow = true;
            for (uint256 j = 0; j < i; ++j) {
                if (who[j] == who[i]) firstRow = false;
            }
            if (!firstRow) continue;
            uint256 total = 0;
            for (uint256 j = i; j < count; ++j) {
                if (who[j] == who[i]) total += rows[j].amount;
            }
            if (total > MAX_SINGLE) {
                expected = abi.encodeWithSelector(
                    IPaymentPolicy.PaymentPolicyAmountAboveMax.selector, address(usd), who[i], total, MAX_SINGLE, total - MAX_SINGLE
                );
            } else if (who[i] == newcomer && total > MAX_FIRST) {
                expected = abi.encodeWithSelector(
                    IPaymentPolicy.PaymentPolicyFirstPaymentAboveMax.selector,
                    address(usd),
                    newcomer,
                    total,
                    MAX_FIRST,
                    total - MAX_FIRST
                );
            }
        }

        uint256 before = usd.balanceOf(address(treasury));
        if (expected.length != 0) vm.expectRevert(expected);
        vm.prank(treasurer);
        treasury.payoutBatch(address(usd), rows);
        if (expected.length == 0) {
            uint256 sum = 0;
            for (uint256 i = 0; i < count; ++i) sum += rows[i].amount;
            assertEq(usd.balanceOf(address(treasury)), before - sum, "the whole batch was paid");
        }
    }
}
