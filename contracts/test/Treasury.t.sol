// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IPaymentPolicy} from "../src/interfaces/IPaymentPolicy.sol";
import {ITreasury} from "../src/interfaces/ITreasury.sol";
import {PaymentPolicy} from "../src/PaymentPolicy.sol";
import {Treasury} from "../src/Treasury.sol";
import {SystemFixture} from "./utils/SystemFixture.sol";
import {RefusingRecipient, ReentrantTreasurer} from "./utils/Recipients.sol";

contract TreasuryTest is SystemFixture {
    address internal constant ETH = address(0);
    uint256 internal constant PERIOD = 30 days;
    uint256 internal constant USD_BUDGET = 1_000e6;

    function _unauthorized(address who) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, who);
    }

    function _payments(uint256 count, uint256 amount) internal returns (ITreasury.Payment[] memory payments) {
        payments = new ITreasury.Payment[](count);
        for (uint256 i = 0; i < count; ++i) {
            payments[i] = ITreasury.Payment(makeAddr(string.concat("payee", vm.toString(i))), amount, "inv");
        }
    }

    // ---------------------------------------------------------------- deployment

    function test_SetUpState() public view {
        assertEq(treasury.owner(), address(timelock), "owner");
        assertEq(address(treasury.policy()), address(policy), "policy");
        assertEq(treasury.MAX_BATCH_SIZE(), 50, "max batch");
        assertEq(address(treasury).balance, 0, "no ETH");
    }

    function test_Constructor_EmitsPolicyChanged() public {
        vm.expectEmit();
        emit ITreasury.PolicyChanged(address(0), address(policy));
        new Treasury(address(timelock), policy);
    }

    function test_RevertWhen_ConstructedWithZeroPolicy() public {
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryZeroAddress.selector));
        new Treasury(address(timelock), IPaymentPolicy(address(0)));
    }

    // ---------------------------------------------------------------- receive / deposit

    function test_Receive_EmitsDeposited() public {
        vm.deal(member1, 1 ether);
        vm.expectEmit();
        emit ITreasury.Deposited(member1, ETH, 1 ether);
        vm.prank(member1);
        (bool ok,) = address(treasury).call{value: 1 ether}("");
        assertTrue(ok, "sent");
        assertEq(address(treasury).balance, 1 ether, "balance");
    }

    function test_Deposit() public {
        usd.mint(member1, 50e6);
        vm.startPrank(member1);
        usd.approve(address(treasury), 50e6);
        vm.expectEmit();
        emit ITreasury.Deposited(member1, address(usd), 50e6);
        treasury.deposit(address(usd), 50e6);
        vm.stopPrank();
        assertEq(usd.balanceOf(address(treasury)), 50e6, "treasury balance");
        assertEq(usd.balanceOf(member1), 0, "member balance");
    }

    function test_RevertWhen_DepositZeroToken() public {
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryZeroAddress.selector));
        treasury.deposit(ETH, 1);
    }

    function test_RevertWhen_DepositZeroAmount() public {
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryZeroAmount.selector));
        treasury.deposit(address(usd), 0);
    }

    function test_RevertWhen_DepositNotApproved() public {
        usd.mint(member1, 5e6);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(treasury), 0, 5e6)
        );
        vm.prank(member1);
        treasury.deposit(address(usd), 5e6);
    }

    // ---------------------------------------------------------------- pay (by vote)

    function test_Pay_Erc20() public {
        _fundUsd(700e6);
        vm.expectEmit();
        emit ITreasury.PaidOut(address(timelock), address(usd), merchant, 200e6, "grant #1", true);
        vm.prank(address(timelock));
        treasury.pay(address(usd), merchant, 200e6, "grant #1");
        assertEq(usd.balanceOf(merchant), 200e6, "paid");
        assertEq(usd.balanceOf(address(treasury)), 500e6, "left");
    }

    function test_Pay_Eth() public {
        _fundEth(3 ether);
        vm.expectEmit();
        emit ITreasury.PaidOut(address(timelock), ETH, merchant, 2 ether, "grant #2", true);
        vm.prank(address(timelock));
        treasury.pay(ETH, merchant, 2 ether, "grant #2");
        assertEq(merchant.balance, 2 ether, "paid");
        assertEq(address(treasury).balance, 1 ether, "left");
    }

    function test_RevertWhen_PayCallerNotTimelock() public {
        _fundUsd(10e6);
        vm.expectRevert(_unauthorized(treasurer));
        vm.prank(treasurer);
        treasury.pay(address(usd), merchant, 1e6, "");
    }

    function test_RevertWhen_PayToZeroAddress() public {
        _fundUsd(10e6);
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryZeroAddress.selector));
        vm.prank(address(timelock));
        treasury.pay(address(usd), address(0), 1e6, "");
    }

    function test_RevertWhen_PayZeroAmount() public {
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryZeroAmount.selector));
        vm.prank(address(timelock));
        treasury.pay(address(usd), merchant, 0, "");
    }

    function test_RevertWhen_PayBlockedRecipient() public {
        _fundUsd(10e6);
        vm.startPrank(address(timelock));
        policy.setMerchantStatus(merchant, IPaymentPolicy.MerchantStatus.Blocked, "scam");
        vm.expectRevert(abi.encodeWithSelector(IPaymentPolicy.PaymentPolicyRecipientBlocked.selector, merchant));
        treasury.pay(address(usd), merchant, 1e6, "");
        vm.stopPrank();
    }

    function test_RevertWhen_PayAboveMaxSinglePayment() public {
        _fundEth(5 ether);
        vm.startPrank(address(timelock));
        policy.setTokenLimits(ETH, 1 ether, 0, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IPaymentPolicy.PaymentPolicyAmountAboveMax.selector, ETH, merchant, 1.5 ether, 1 ether, 0.5 ether
            )
        );
        treasury.pay(ETH, merchant, 1.5 ether, "");
        vm.stopPrank();
    }

    function test_RevertWhen_PayInsufficientEth() public {
        _fundEth(1 ether);
        vm.expectRevert(
            abi.encodeWithSelector(ITreasury.TreasuryInsufficientBalance.selector, ETH, 1 ether, 2 ether)
        );
        vm.prank(address(timelock));
        treasury.pay(ETH, merchant, 2 ether, "");
    }

    function test_RevertWhen_PayInsufficientErc20() public {
        _fundUsd(10e6);
        vm.expectRevert(
            abi.encodeWithSelector(ITreasury.TreasuryInsufficientBalance.selector, address(usd), 10e6, 11e6)
        );
        vm.prank(address(timelock));
        treasury.pay(address(usd), merchant, 11e6, "");
    }

    function test_RevertWhen_PayEthRecipientRefuses() public {
        _fundEth(1 ether);
        address refusing = address(new RefusingRecipient());
        vm.expectRevert(
            abi.encodeWithSelector(ITreasury.TreasuryNativeTransferFailed.selector, refusing, 1 ether)
        );
        vm.prank(address(timelock));
        treasury.pay(ETH, refusing, 1 ether, "");
    }

    // ---------------------------------------------------------------- setBudget

    function test_SetBudget() public {
        vm.warp(1_000_000);
        vm.expectEmit();
        emit ITreasury.BudgetSet(treasurer, address(usd), USD_BUDGET, PERIOD, 1_000_000, 0);
        _setBudget(treasurer, address(usd), USD_BUDGET, PERIOD);

        ITreasury.BudgetView memory b = treasury.budget(treasurer, address(usd));
        assertEq(b.amountPerPeriod, USD_BUDGET, "amount");
        assertEq(b.period, PERIOD, "period");
        assertEq(b.periodStart, 1_000_000, "start");
        assertEq(b.spent, 0, "spent");
        assertEq(b.remaining, USD_BUDGET, "remaining");
    }

    function test_SetBudget_KeepsSpentInCurrentPeriod() public {
        _fundUsd(USD_BUDGET);
        _setBudget(treasurer, address(usd), USD_BUDGET, PERIOD);
        uint256 start = block.timestamp;
        vm.prank(treasurer);
        treasury.payout(address(usd), merchant, 400e6, "");
        vm.warp(block.timestamp + 3 days);
        vm.expectEmit();
        emit ITreasury.BudgetSet(treasurer, address(usd), 500e6, PERIOD, start, 400e6);
        _setBudget(treasurer, address(usd), 500e6, PERIOD);
        ITreasury.BudgetView memory b = treasury.budget(treasurer, address(usd));
        assertEq(b.spent, 400e6, "spent kept");
        assertEq(b.periodStart, start, "same period");
        assertEq(b.remaining, 100e6, "only the rest of the lower budget");
    }

    function test_SetBudget_ZeroRevokes() public {
        _setBudget(treasurer, address(usd), USD_BUDGET, PERIOD);
        vm.expectEmit();
        emit ITreasury.BudgetRevoked(treasurer, address(usd));
        _setBudget(treasurer, address(usd), 0, 0);
        ITreasury.BudgetView memory b = treasury.budget(treasurer, address(usd));
        assertEq(b.amountPerPeriod + b.period + b.periodStart + b.spent + b.remaining, 0, "all zero");

        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryNoBudget.selector, treasurer, address(usd)));
        vm.prank(treasurer);
        treasury.payout(address(usd), merchant, 1, "");
    }

    function test_SetBudget_AcceptsLargestValues() public {
        _setBudget(treasurer, ETH, type(uint128).max, type(uint64).max);
        ITreasury.BudgetView memory b = treasury.budget(treasurer, ETH);
        assertEq(b.amountPerPeriod, type(uint128).max, "amount");
        assertEq(b.period, type(uint64).max, "period");
    }

    function test_RevertWhen_SetBudgetCallerNotTimelock() public {
        vm.expectRevert(_unauthorized(treasurer));
        vm.prank(treasurer);
        treasury.setBudget(treasurer, address(usd), USD_BUDGET, PERIOD);
    }

    function test_RevertWhen_SetBudgetZeroTreasurer() public {
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryZeroAddress.selector));
        _setBudget(address(0), address(usd), USD_BUDGET, PERIOD);
    }

    function test_RevertWhen_SetBudgetZeroPeriod() public {
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryInvalidBudget.selector, USD_BUDGET, 0));
        _setBudget(treasurer, address(usd), USD_BUDGET, 0);
    }

    function test_RevertWhen_SetBudgetPeriodTooLarge() public {
        uint256 period = uint256(type(uint64).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryInvalidBudget.selector, USD_BUDGET, period));
        _setBudget(treasurer, address(usd), USD_BUDGET, period);
    }

    function test_RevertWhen_SetBudgetAmountTooLarge() public {
        uint256 amount = uint256(type(uint128).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryInvalidBudget.selector, amount, PERIOD));
        _setBudget(treasurer, address(usd), amount, PERIOD);
    }

    // ---------------------------------------------------------------- setPolicy

    function test_SetPolicy() public {
        PaymentPolicy next = new PaymentPolicy(address(timelock), 10, 20, false);
        vm.expectEmit();
        emit ITreasury.PolicyChanged(address(policy), address(next));
        vm.prank(address(timelock));
        treasury.setPolicy(next);
        assertEq(address(treasury.policy()), address(next), "replaced");
    }

    function test_RevertWhen_SetPolicyZero() public {
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryZeroAddress.selector));
        vm.prank(address(timelock));
        treasury.setPolicy(IPaymentPolicy(address(0)));
    }

    function test_RevertWhen_SetPolicyCallerNotTimelock() public {
        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        treasury.setPolicy(IPaymentPolicy(address(1)));
    }

    // ---------------------------------------------------------------- payout

    function test_Payout_Erc20() public {
        _fundUsd(2_000e6);
        _setBudget(treasurer, address(usd), USD_BUDGET, PERIOD);
        vm.expectEmit();
        emit ITreasury.PaidOut(treasurer, address(usd), merchant, 300e6, "INV-7", false);
        vm.prank(treasurer);
        treasury.payout(address(usd), merchant, 300e6, "INV-7");
        assertEq(usd.balanceOf(merchant), 300e6, "paid");
        ITreasury.BudgetView memory b = treasury.budget(treasurer, address(usd));
        assertEq(b.spent, 300e6, "spent");
        assertEq(b.remaining, 700e6, "remaining");
    }

    function test_Payout_Eth() public {
        _fundEth(1 ether);
        _setBudget(treasurer, ETH, 0.5 ether, PERIOD);
        vm.expectEmit();
        emit ITreasury.PaidOut(treasurer, ETH, merchant, 0.5 ether, "INV-8", false);
        vm.prank(treasurer);
        treasury.payout(ETH, merchant, 0.5 ether, "INV-8");
        assertEq(merchant.balance, 0.5 ether, "paid");
        assertEq(treasury.budget(treasurer, ETH).remaining, 0, "used up");
    }

    function test_Payout_NewPeriodRestoresBudget() public {
        _fundUsd(5_000e6);
        uint256 start = block.timestamp;
        _setBudget(treasurer, address(usd), USD_BUDGET, PERIOD);
        vm.prank(treasurer);
        treasury.payout(address(usd), merchant, USD_BUDGET, "");
        assertEq(treasury.budget(treasurer, address(usd)).remaining, 0, "used up");

        // Two and a half periods later: the current period started two periods after the first.
        vm.warp(start + 2 * PERIOD + PERIOD / 2);
        ITreasury.BudgetView memory b = treasury.budget(treasurer, address(usd));
        assertEq(b.periodStart, start + 2 * PERIOD, "period start");
        assertEq(b.spent, 0, "unspent");
        assertEq(b.remaining, USD_BUDGET, "restored");
        vm.prank(treasurer);
        treasury.payout(address(usd), merchant, 600e6, "");
        assertEq(treasury.budget(treasurer, address(usd)).periodStart, start + 2 * PERIOD, "stored start");
        assertEq(treasury.budget(treasurer, address(usd)).remaining, 400e6, "remaining");
    }

    function test_Payout_LastSecondOfPeriodStillCounts() public {
        _fundUsd(5_000e6);
        uint256 start = block.timestamp;
        _setBudget(treasurer, address(usd), USD_BUDGET, PERIOD);
        vm.prank(treasurer);
        treasury.payout(address(usd), merchant, USD_BUDGET, "");
        vm.warp(start + PERIOD - 1);
        vm.expectRevert(
            abi.encodeWithSelector(ITreasury.TreasuryBudgetExceeded.selector, treasurer, address(usd), 0, 1)
        );
        vm.prank(treasurer);
        treasury.payout(address(usd), merchant, 1, "");
        vm.warp(start + PERIOD);
        vm.prank(treasurer);
        treasury.payout(address(usd), merchant, 1, "");
    }

    function test_RevertWhen_PayoutWithoutBudget() public {
        _fundUsd(10e6);
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryNoBudget.selector, stranger, address(usd)));
        vm.prank(stranger);
        treasury.payout(address(usd), merchant, 1e6, "");
    }

    function test_RevertWhen_PayoutBudgetForOtherToken() public {
        _fundEth(1 ether);
        _setBudget(treasurer, address(usd), USD_BUDGET, PERIOD);
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryNoBudget.selector, treasurer, ETH));
        vm.prank(treasurer);
        treasury.payout(ETH, merchant, 1, "");
    }

    function test_RevertWhen_PayoutOverBudget() public {
        _fundUsd(5_000e6);
        _setBudget(treasurer, address(usd), USD_BUDGET, PERIOD);
        vm.startPrank(treasurer);
        treasury.payout(address(usd), merchant, 900e6, "");
        vm.expectRevert(
            abi.encodeWithSelector(ITreasury.TreasuryBudgetExceeded.selector, treasurer, address(usd), 100e6, 150e6)
        );
        treasury.payout(address(usd), merchant, 250e6, "");
        vm.stopPrank();
    }

    function test_RevertWhen_PayoutZeroAmount() public {
        _setBudget(treasurer, address(usd), USD_BUDGET, PERIOD);
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryZeroAmount.selector));
        vm.prank(treasurer);
        treasury.payout(address(usd), merchant, 0, "");
    }

    function test_RevertWhen_PayoutToZeroAddress() public {
        _fundUsd(10e6);
        _setBudget(treasurer, address(usd), USD_BUDGET, PERIOD);
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryZeroAddress.selector));
        vm.prank(treasurer);
        treasury.payout(address(usd), address(0), 1e6, "");
    }

    function test_RevertWhen_PayoutBlockedRecipient() public {
        _fundUsd(10e6);
        _setBudget(treasurer, address(usd), USD_BUDGET, PERIOD);
        vm.prank(address(timelock));
        policy.setMerchantStatus(merchant, IPaymentPolicy.MerchantStatus.Blocked, "");
        vm.expectRevert(abi.encodeWithSelector(IPaymentPolicy.PaymentPolicyRecipientBlocked.selector, merchant));
        vm.prank(treasurer);
        treasury.payout(address(usd), merchant, 1e6, "");
    }

    function test_RevertWhen_PayoutAboveMaxSinglePayment() public {
        _fundUsd(1_000e6);
        _setBudget(treasurer, address(usd), USD_BUDGET, PERIOD);
        vm.prank(address(timelock));
        policy.setTokenLimits(address(usd), 500e6, 0, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IPaymentPolicy.PaymentPolicyAmountAboveMax.selector, address(usd), merchant, 501e6, 500e6, 1e6
            )
        );
        vm.prank(treasurer);
        treasury.payout(address(usd), merchant, 501e6, "");
    }

    function test_RevertWhen_PayoutInsufficientBalance() public {
        _fundUsd(10e6);
        _setBudget(treasurer, address(usd), USD_BUDGET, PERIOD);
        vm.expectRevert(
            abi.encodeWithSelector(ITreasury.TreasuryInsufficientBalance.selector, address(usd), 10e6, 20e6)
        );
        vm.prank(treasurer);
        treasury.payout(address(usd), merchant, 20e6, "");
    }

    function test_RevertWhen_PayoutReentersThroughEthCallback() public {
        _fundEth(1 ether);
        ReentrantTreasurer attacker = new ReentrantTreasurer(treasury);
        _setBudget(address(attacker), ETH, 1 ether, PERIOD);
        // The nested payout hits the reentrancy guard, so the recipient's `receive` fails.
        vm.expectRevert(
            abi.encodeWithSelector(ITreasury.TreasuryNativeTransferFailed.selector, address(attacker), 0.4 ether)
        );
        attacker.pay(0.4 ether);
        assertEq(treasury.budget(address(attacker), ETH).spent, 0, "nothing spent");
    }

    // ---------------------------------------------------------------- payoutBatch

    function test_PayoutBatch() public {
        _fundUsd(2_000e6);
        _setBudget(treasurer, address(usd), USD_BUDGET, PERIOD);
        ITreasury.Payment[] memory payments = _payments(3, 100e6);
        payments[1].amount = 250e6;
        for (uint256 i = 0; i < payments.length; ++i) {
            vm.expectEmit();
            emit ITreasury.PaidOut(treasurer, address(usd), payments[i].recipient, payments[i].amount, "inv", false);
        }
        vm.prank(treasurer);
        treasury.payoutBatch(address(usd), payments);
        assertEq(usd.balanceOf(payments[1].recipient), 250e6, "second paid");
        assertEq(treasury.budget(treasurer, address(usd)).spent, 450e6, "spent");
    }

    function test_PayoutBatch_MaxSize() public {
        _fundUsd(2_000e6);
        _setBudget(treasurer, address(usd), USD_BUDGET, PERIOD);
        vm.prank(treasurer);
        treasury.payoutBatch(address(usd), _payments(50, 20e6));
        assertEq(treasury.budget(treasurer, address(usd)).remaining, 0, "exactly the budget");
    }

    function test_RevertWhen_PayoutBatchEmpty() public {
        _setBudget(treasurer, address(usd), USD_BUDGET, PERIOD);
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryInvalidBatchSize.selector, 0, 50));
        vm.prank(treasurer);
        treasury.payoutBatch(address(usd), new ITreasury.Payment[](0));
    }

    function test_RevertWhen_PayoutBatchTooLarge() public {
        _setBudget(treasurer, address(usd), USD_BUDGET, PERIOD);
        ITreasury.Payment[] memory payments = _payments(51, 1);
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryInvalidBatchSize.selector, 51, 50));
        vm.prank(treasurer);
        treasury.payoutBatch(address(usd), payments);
    }

    function test_RevertWhen_PayoutBatchOverBudget() public {
        _fundUsd(2_000e6);
        _setBudget(treasurer, address(usd), USD_BUDGET, PERIOD);
        ITreasury.Payment[] memory payments = _payments(3, 400e6);
        vm.expectRevert(
            abi.encodeWithSelector(ITreasury.TreasuryBudgetExceeded.selector, treasurer, address(usd), USD_BUDGET, 200e6)
        );
        vm.prank(treasurer);
        treasury.payoutBatch(address(usd), payments);
    }

    function test_RevertWhen_PayoutBatchTotalOverflows() public {
        _fundUsd(2_000e6);
        _setBudget(treasurer, address(usd), USD_BUDGET, PERIOD);
        // 2**255 + 2**255 does not fit in uint256: the budget error, not an arithmetic panic.
        ITreasury.Payment[] memory payments = _payments(2, 2 ** 255);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITreasury.TreasuryBudgetExceeded.selector,
                treasurer,
                address(usd),
                USD_BUDGET,
                type(uint256).max - USD_BUDGET
            )
        );
        vm.prank(treasurer);
        treasury.payoutBatch(address(usd), payments);
    }

    function test_RevertWhen_PayoutBatchOneRecipientBlocked() public {
        _fundUsd(2_000e6);
        _setBudget(treasurer, address(usd), USD_BUDGET, PERIOD);
        ITreasury.Payment[] memory payments = _payments(3, 10e6);
        vm.prank(address(timelock));
        policy.setMerchantStatus(payments[2].recipient, IPaymentPolicy.MerchantStatus.Blocked, "");
        vm.expectRevert(
            abi.encodeWithSelector(IPaymentPolicy.PaymentPolicyRecipientBlocked.selector, payments[2].recipient)
        );
        vm.prank(treasurer);
        treasury.payoutBatch(address(usd), payments);
        // All or nothing: the first two were not paid either.
        assertEq(usd.balanceOf(payments[0].recipient), 0, "nothing paid");
        assertEq(treasury.budget(treasurer, address(usd)).spent, 0, "nothing spent");
    }

    // ---------------------------------------------------------------- budget view

    function test_Budget_UnknownIsAllZero() public view {
        ITreasury.BudgetView memory b = treasury.budget(stranger, ETH);
        assertEq(b.amountPerPeriod + b.period + b.periodStart + b.spent + b.remaining, 0, "all zero");
    }
}
