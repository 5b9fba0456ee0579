// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IPaymentPolicy} from "../src/interfaces/IPaymentPolicy.sol";
import {ITreasury} from "../src/interfaces/ITreasury.sol";
import {SystemFixture} from "./utils/SystemFixture.sol";

/// @dev Budgets and policy limits on treasurer payouts, over random amounts, periods and times.
contract TreasuryFuzzTest is SystemFixture {
    uint256 internal constant MAX_AMOUNT = type(uint128).max;

    function setUp() public override {
        super.setUp();
        _fundUsd(type(uint128).max);
    }

    function test_SetUpState() public view {
        assertEq(usd.balanceOf(address(treasury)), type(uint128).max, "funded");
    }

    /// @dev Any split of exactly the budget goes through; one unit more fails and names the excess.
    function testFuzz_Payout_UpToExactlyTheBudget(uint256 amountPerPeriod, uint256 period, uint256 firstPart)
        public
    {
        amountPerPeriod = bound(amountPerPeriod, 1, MAX_AMOUNT);
        period = bound(period, 1, type(uint64).max);
        firstPart = bound(firstPart, 0, amountPerPeriod);
        _setBudget(treasurer, address(usd), amountPerPeriod, period);

        vm.startPrank(treasurer);
        if (firstPart > 0) treasury.payout(address(usd), merchant, firstPart, "a");
        if (amountPerPeriod - firstPart > 0) treasury.payout(address(usd), merchant, amountPerPeriod - firstPart, "b");
        vm.expectRevert(
            abi.encodeWithSelector(ITreasury.TreasuryBudgetExceeded.selector, treasurer, address(usd), 0, 1)
        );
        treasury.payout(address(usd), merchant, 1, "c");
        vm.stopPrank();

        assertEq(usd.balanceOf(merchant), amountPerPeriod, "paid exactly the budget");
        ITreasury.BudgetView memory b = treasury.budget(treasurer, address(usd));
        assertEq(b.spent, amountPerPeriod, "spent");
        assertEq(b.remaining, 0, "remaining");
    }

    /// @dev Over budget reverts with what was available and by how much the request exceeded it.
    function testFuzz_RevertWhen_PayoutOverBudget(uint256 amountPerPeriod, uint256 spent, uint256 excess) public {
        amountPerPeriod = bound(amountPerPeriod, 1, MAX_AMOUNT);
        spent = bound(spent, 0, amountPerPeriod);
        uint256 available = amountPerPeriod - spent;
        excess = bound(excess, 1, type(uint256).max - available);
        _setBudget(treasurer, address(usd), amountPerPeriod, 30 days);
        if (spent > 0) {
            vm.prank(treasurer);
            treasury.payout(address(usd), merchant, spent, "");
        }

        vm.expectRevert(
            abi.encodeWithSelector(
                ITreasury.TreasuryBudgetExceeded.selector, treasurer, address(usd), available, excess
            )
        );
        vm.prank(treasurer);
        treasury.payout(address(usd), merchant, available + excess, "");
    }

    /// @dev Periods follow one another from the moment the budget was set; a new one starts unspent.
    function testFuzz_Budget_PeriodRollover(uint256 period, uint256 elapsed, uint256 spent) public {
        period = bound(period, 1, 10 * 365 days);
        elapsed = bound(elapsed, 0, 100 * 365 days);
        uint256 amountPerPeriod = 1_000e6;
        spent = bound(spent, 1, amountPerPeriod);
        uint256 start = block.timestamp;
        _setBudget(treasurer, address(usd), amountPerPeriod, period);
        vm.prank(treasurer);
        treasury.payout(address(usd), merchant, spent, "");

        vm.warp(start + elapsed);
        ITreasury.BudgetView memory b = treasury.budget(treasurer, address(usd));
        uint256 periodsPassed = elapsed / period;
        assertEq(b.periodStart, start + periodsPassed * period, "period start");
        assertLe(b.periodStart, block.timestamp, "started already");
        assertGt(b.periodStart + period, block.timestamp, "not over yet");
        uint256 expectedSpent = periodsPassed == 0 ? spent : 0;
        assertEq(b.spent, expectedSpent, "spent");
        assertEq(b.remaining, amountPerPeriod - expectedSpent, "remaining");

        // The view and the payout agree: the whole remaining budget can be spent, not a unit more.
        vm.startPrank(treasurer);
        if (b.remaining > 0) treasury.payout(address(usd), merchant, b.remaining, "rest");
        vm.expectRevert(
            abi.encodeWithSelector(ITreasury.TreasuryBudgetExceeded.selector, treasurer, address(usd), 0, 1)
        );
        treasury.payout(address(usd), merchant, 1, "more");
        vm.stopPrank();
    }

    /// @dev A batch is charged as one sum against the budget.
    function testFuzz_PayoutBatch_ChargesTheSum(uint8 count, uint256 amount) public {
        count = uint8(bound(count, 1, treasury.MAX_BATCH_SIZE()));
        amount = bound(amount, 1, 1e12);
        uint256 budget = uint256(count) * amount;
        _setBudget(treasurer, address(usd), budget, 1 days);
        ITreasury.Payment[] memory payments = new ITreasury.Payment[](count);
        for (uint256 i = 0; i < count; ++i) {
            // casting to 'uint160' is safe because i < 50
            // forge-lint: disable-next-line(unsafe-typecast)
            payments[i] = ITreasury.Payment(address(uint160(0x1000 + i)), amount, "");
        }
        vm.prank(treasurer);
        treasury.payoutBatch(address(usd), payments);
        assertEq(treasury.budget(treasurer, address(usd)).remaining, 0, "all spent");
        assertEq(usd.balanceOf(address(uint160(0x1000 + count - 1))), amount, "last paid");
    }

    /// @dev Any amounts, however large: a batch is paid when its total fits the budget and is
    /// otherwise refused with the budget error, never with an arithmetic panic.
    function testFuzz_PayoutBatch_AnyAmounts(uint256[3] memory amounts) public {
        uint256 budget = 1_000e6;
        _setBudget(treasurer, address(usd), budget, 1 days);
        ITreasury.Payment[] memory payments = new ITreasury.Payment[](3);
        uint256 total = 0;
        bool overflows = false;
        for (uint256 i = 0; i < 3; ++i) {
            amounts[i] = bound(amounts[i], 1, type(uint256).max);
            // casting to 'uint160' is safe because i < 3
            // forge-lint: disable-next-line(unsafe-typecast)
            payments[i] = ITreasury.Payment(address(uint160(0x1000 + i)), amounts[i], "");
            if (type(uint256).max - total < amounts[i]) overflows = true;
            else total += amounts[i];
        }
        if (overflows) total = type(uint256).max;
        if (total > budget) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    ITreasury.TreasuryBudgetExceeded.selector, treasurer, address(usd), budget, total - budget
                )
            );
        }
        vm.prank(treasurer);
        treasury.payoutBatch(address(usd), payments);
        if (total <= budget) assertEq(treasury.budget(treasurer, address(usd)).spent, total, "charged the total");
    }

    /// @dev Budgets that cannot be stored are refused; every storable one is kept exactly.
    function testFuzz_SetBudget_Validation(uint256 amountPerPeriod, uint256 period) public {
        amountPerPeriod = bound(amountPerPeriod, 1, type(uint256).max);
        bool valid = period != 0 && period <= type(uint64).max && amountPerPeriod <= type(uint128).max;
        if (!valid) {
            vm.expectRevert(
                abi.encodeWithSelector(ITreasury.TreasuryInvalidBudget.selector, amountPerPeriod, period)
            );
        }
        _setBudget(treasurer, address(usd), amountPerPeriod, period);
        if (valid) {
            ITreasury.BudgetView memory b = treasury.budget(treasurer, address(usd));
            assertEq(b.amountPerPeriod, amountPerPeriod, "amount");
            assertEq(b.period, period, "period");
        }
    }

    /// @dev The max single payment binds treasurer payouts exactly: equal passes, one more fails.
    function testFuzz_Payout_RespectsMaxSinglePayment(uint256 maxSingle, uint256 amount) public {
        maxSingle = bound(maxSingle, 1, MAX_AMOUNT - 1);
        amount = bound(amount, 1, MAX_AMOUNT);
        _setBudget(treasurer, address(usd), MAX_AMOUNT, 1 days);
        vm.prank(address(timelock));
        policy.setTokenLimits(address(usd), maxSingle, 0, 0);
        if (amount > maxSingle) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IPaymentPolicy.PaymentPolicyAmountAboveMax.selector,
                    address(usd),
                    merchant,
                    amount,
                    maxSingle,
                    amount - maxSingle
                )
            );
        }
        vm.prank(treasurer);
        treasury.payout(address(usd), merchant, amount, "");
        assertEq(usd.balanceOf(merchant), amount > maxSingle ? 0 : amount, "paid only within the limit");
    }
}
