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
        handler = new TreasuryHandler(treasury, usd, address(timelock));
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
        assertLe(b.spent, b.amountPerPeriod, "spent within budget");
        assertEq(b.spent + b.remaining, b.amountPerPeriod, "spent + remaining");
        assertEq(b.spent, handler.ghostSpentNow(treasurer, token), "spent matches ghost");
    }

    /// @dev An over-budget payout reports the budget still available and exactly the excess asked for.
    function invariant_OverBudgetErrorSaysByHowMuch() public view {
        assertFalse(handler.ghost_excessMisreported(), "TreasuryBudgetExceeded misreported");
    }

    function afterInvariant() public view {
        handler.callSummary();
        console2.log("treasurer payouts", handler.ghost_treasurerPayouts());
        console2.log("over-budget rejections", handler.ghost_overBudgetRejections());
        assertGt(handler.totalCalls(), 0, "the handler was called");
    }
}
