// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {console2} from "forge-std/console2.sol";
import {ITreasury} from "../../src/interfaces/ITreasury.sol";
import {SystemFixture} from "../utils/SystemFixture.sol";
import {TreasuryHandler} from "./handlers/TreasuryHandler.sol";

contract TreasuryInvariantTest is SystemFixture {
    TreasuryHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new TreasuryHandler(treasury, policy, usd, address(timelock));
        // The rules every treasurer payout must meet, at amounts the handler's budgets reach.
        vm.startPrank(address(timelock));
        policy.setTokenLimits(address(usd), 2e12, 5e12, 5e11);
        policy.setTokenLimits(address(0), 3 ether, 8 ether, 1 ether);
        vm.stopPrank();
        // The handler mints the demo coin for its depositors.
        usd.transferOwnership(address(handler));

        bytes4[] memory selectors = new bytes4[](7);
        selectors[0] = TreasuryHandler.deposit.selector;
        selectors[1] = TreasuryHandler.depositEth.selector;
        selectors[2] = TreasuryHandler.setBudget.selector;
        selectors[3] = TreasuryHandler.payout.selector;
        selectors[4] = TreasuryHandler.payoutBatch.selector;
        selectors[5] = TreasuryHandler.payByVote.selector;
        selectors[6] = TreasuryHandler.warp.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /// @dev The treasury's balance of each asset is exactly what was deposited minus what was paid out.
    function invariant_BalanceIsDepositsMinusPayouts() public view {
        assertEq(
            usd.balanceOf(address(treasury)),
            handler.ghost_depositSum(address(usd)) - handler.ghost_payoutSum(address(usd)),
            "cgUSD conservation"
        );
        assertEq(
            address(treasury).balance,
            handler.ghost_depositSum(address(0)) - handler.ghost_payoutSum(address(0)),
            "ETH conservation"
        );
    }

    /// @dev No treasurer ever pays more than its budget within one period, and the contract agrees with
    /// the handler's independent count of what was spent in the current period.
    function invariant_TreasurerNeverExceedsBudget() public view {
        assertFalse(handler.ghost_budgetBreached(), "a period's spending exceeded its budget");
        for (uint256 i = 0; i < handler.treasurerCount(); ++i) {
            address treasurer = handler.treasurers(i);
            _checkBudget(treasurer, address(usd));
            _checkBudget(treasurer, address(0));
        }
    }

    function _checkBudget(address treasurer, address token) internal view {
        ITreasury.BudgetView memory b = treasury.budget(treasurer, token);
        if (b.amountPerPeriod == 0) return;
        // A budget lowered below what was already spent has nothing left, and spent stays as it was.
        uint256 ceiling = b.spent > b.amountPerPeriod ? b.spent : b.amountPerPeriod;
        assertEq(b.spent + b.remaining, ceiling, "spent + remaining");
        assertEq(b.spent, handler.ghostSpentNow(treasurer, token), "spent matches ghost");
    }

    /// @dev In any 24 hours, no treasurer pays more of a token than the policy's daily cap.
    function invariant_TreasurerNeverExceedsDailyCap() public view {
        assertFalse(handler.ghost_dailyCapBreached(), "a treasurer paid more than the daily cap within 24 hours");
    }

    /// @dev No batch pays one recipient more than the max single payment, however the rows are split.
    function invariant_BatchNeverPaysOneRecipientAboveMax() public view {
        assertFalse(handler.ghost_batchRecipientAboveMax(), "a batch paid one recipient above the max single payment");
    }

    /// @dev In any 24 hours, treasurers together never pay one recipient more of a token than the max single
    /// payment, however they split it across calls, batches and treasurers.
    function invariant_RecipientNeverGetsAboveMaxIn24Hours() public view {
        assertFalse(handler.ghost_recipientAboveMaxIn24Hours(), "a recipient got more than the max single payment");
    }

    /// @dev While a recipient is new (no vote paid it, and its first treasurer payout is under 24 hours
    /// old), treasurers together never pay it more of a token than the first-payment cap.
    function invariant_NewcomerNeverGetsAboveFirstPaymentCap() public view {
        assertFalse(handler.ghost_newcomerAboveFirstCap(), "a newcomer got more than the first-payment cap");
    }

    /// @dev A budget change never lowers what was spent in the current period.
    function invariant_BudgetChangeNeverLowersSpent() public view {
        assertFalse(handler.ghost_budgetChangeLoweredSpent(), "a budget change lowered spent");
    }

    /// @dev Every policy refusal names the limit in force and an excess that adds up.
    function invariant_PolicyRefusalsSayByHowMuch() public view {
        assertFalse(handler.ghost_policyErrorMisreported(), "a policy refusal misreported its figures");
    }

    /// @dev An over-budget payout reports the budget still available and exactly the excess asked for.
    function invariant_OverBudgetErrorSaysByHowMuch() public view {
        assertFalse(handler.ghost_excessMisreported(), "TreasuryBudgetExceeded misreported");
    }

    function afterInvariant() public view {
        handler.callSummary();
        console2.log("treasurer payouts", handler.ghost_treasurerPayouts());
        console2.log("over-budget rejections", handler.ghost_overBudgetRejections());
        console2.log("policy rejections", handler.ghost_policyRejections());
        console2.log("budget changes", handler.ghost_budgetChanges());
        assertGt(handler.totalCalls(), 0, "the handler was called");
    }
}
