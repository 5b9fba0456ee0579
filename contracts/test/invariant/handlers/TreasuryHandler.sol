// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ITreasury} from "../../../src/interfaces/ITreasury.sol";
import {Treasury} from "../../../src/Treasury.sol";
import {DemoStablecoin} from "../../../src/demo/DemoStablecoin.sol";
import {HandlerBase} from "./HandlerBase.sol";

/**
 * @dev Drives the treasury the way the community would: members deposit, the timelock pays and sets
 * budgets, treasurers pay out (sometimes over budget), time passes. Ghost variables keep an
 * independent account of deposits, payouts and per-period spending to compare with the contract.
 */
contract TreasuryHandler is HandlerBase {
    address internal constant ETH = address(0);

    /// @dev The budget terms as the handler last set them; `epoch` changes with every {setBudget}.
    struct GhostBudget {
        uint256 amountPerPeriod;
        uint256 period;
        uint256 start;
        uint256 epoch;
    }

    /// @dev The treasury refused a plain ETH transfer, which it must always accept.
    error TreasuryHandlerDepositFailed(address from, uint256 amount);

    Treasury public immutable treasury;
    DemoStablecoin public immutable usd;
    address public immutable timelock;

    address[] public treasurers;
    address[] public depositors;
    address[] public recipients;

    mapping(address token => uint256) public ghost_depositSum;
    mapping(address token => uint256) public ghost_payoutSum;
    mapping(address treasurer => mapping(address token => GhostBudget)) public ghost_budgets;
    /// @dev Spent per (treasurer, token, budget epoch, period index), counted from successful payouts.
    mapping(bytes32 periodKey => uint256) public ghost_spentInPeriod;
    uint256 public ghost_epochs;
    uint256 public ghost_treasurerPayouts;
    uint256 public ghost_overBudgetRejections;
    /// @dev Set if a payout ever took a treasurer over its budget, or an over-budget error misreported.
    bool public ghost_budgetBreached;
    bool public ghost_excessMisreported;

    constructor(Treasury treasury_, DemoStablecoin usd_, address timelock_) {
        treasury = treasury_;
        usd = usd_;
        timelock = timelock_;
        for (uint256 i = 0; i < 3; ++i) {
            treasurers.push(makeAddr(string.concat("treasurer ", vm.toString(i))));
            depositors.push(makeAddr(string.concat("depositor ", vm.toString(i))));
        }
        for (uint256 i = 0; i < 4; ++i) {
            recipients.push(makeAddr(string.concat("recipient ", vm.toString(i))));
        }
    }

    // ---------------------------------------------------------------- actions

    function deposit(uint256 actorSeed, uint256 amount) external countCall("deposit") {
        address actor = depositors[actorSeed % depositors.length];
        amount = bound(amount, 1, 1e15);
        usd.mint(actor, amount);
        vm.startPrank(actor);
        usd.approve(address(treasury), amount);
        treasury.deposit(address(usd), amount);
        vm.stopPrank();
        ghost_depositSum[address(usd)] += amount;
    }

    function depositEth(uint256 actorSeed, uint256 amount) external countCall("depositEth") {
        address actor = depositors[actorSeed % depositors.length];
        amount = bound(amount, 1, 100 ether);
        vm.deal(actor, amount);
        vm.prank(actor);
        (bool ok,) = address(treasury).call{value: amount}("");
        if (!ok) revert TreasuryHandlerDepositFailed(actor, amount);
        ghost_depositSum[ETH] += amount;
    }

    function setBudget(uint256 treasurerSeed, bool eth, uint256 amountPerPeriod, uint256 period)
        external
        countCall("setBudget")
    {
        address treasurer = treasurers[treasurerSeed % treasurers.length];
        address token = eth ? ETH : address(usd);
        // One call in eight revokes the budget.
        amountPerPeriod = amountPerPeriod % 8 == 0 ? 0 : bound(amountPerPeriod, 1, eth ? 10 ether : 1e13);
        period = bound(period, 1 hours, 45 days);
        vm.prank(timelock);
        treasury.setBudget(treasurer, token, amountPerPeriod, period);
        ghost_budgets[treasurer][token] =
            GhostBudget(amountPerPeriod, amountPerPeriod == 0 ? 0 : period, block.timestamp, ++ghost_epochs);
    }

    function payout(uint256 treasurerSeed, bool eth, uint256 recipientSeed, uint256 amount)
        external
        countCall("payout")
    {
        address treasurer = treasurers[treasurerSeed % treasurers.length];
        address token = eth ? ETH : address(usd);
        amount = _boundAttempt(treasurer, token, amount);
        vm.prank(treasurer);
        try treasury.payout(token, recipients[recipientSeed % recipients.length], amount, "INV") {
            _recordTreasurerSpend(treasurer, token, amount);
        } catch (bytes memory reason) {
            _checkRejection(treasurer, token, amount, reason);
        }
    }

    function payoutBatch(uint256 treasurerSeed, bool eth, uint256 count, uint256 amount)
        external
        countCall("payoutBatch")
    {
        address treasurer = treasurers[treasurerSeed % treasurers.length];
        address token = eth ? ETH : address(usd);
        count = bound(count, 1, 10);
        uint256 each = _boundAttempt(treasurer, token, amount) / count + 1;
        ITreasury.Payment[] memory payments = new ITreasury.Payment[](count);
        for (uint256 i = 0; i < count; ++i) {
            payments[i] = ITreasury.Payment(recipients[i % recipients.length], each, "BATCH");
        }
        vm.prank(treasurer);
        try treasury.payoutBatch(token, payments) {
            _recordTreasurerSpend(treasurer, token, each * count);
        } catch (bytes memory reason) {
            _checkRejection(treasurer, token, each * count, reason);
        }
    }

    function payByVote(bool eth, uint256 recipientSeed, uint256 amount) external countCall("payByVote") {
        address token = eth ? ETH : address(usd);
        uint256 balance = eth ? address(treasury).balance : usd.balanceOf(address(treasury));
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        vm.prank(timelock);
        treasury.pay(token, recipients[recipientSeed % recipients.length], amount, "VOTE");
        ghost_payoutSum[token] += amount;
    }

    function warp(uint256 seconds_) external countCall("warp") {
        vm.warp(block.timestamp + bound(seconds_, 1, 20 days));
    }

    // ---------------------------------------------------------------- ghost views

    /// @dev What the handler's own bookkeeping says the treasurer has spent in the current period.
    function ghostSpentNow(address treasurer, address token) public view returns (uint256) {
        GhostBudget memory b = ghost_budgets[treasurer][token];
        if (b.amountPerPeriod == 0) return 0;
        return ghost_spentInPeriod[_periodKey(treasurer, token, b)];
    }

    function treasurerCount() external view returns (uint256) {
        return treasurers.length;
    }

    // ---------------------------------------------------------------- private helpers

    /// @dev Mostly within the remaining budget, sometimes above it, so both paths are exercised.
    function _boundAttempt(address treasurer, address token, uint256 amount) private view returns (uint256) {
        uint256 perPeriod = ghost_budgets[treasurer][token].amountPerPeriod;
        uint256 ceiling = perPeriod == 0 ? 1e12 : perPeriod + perPeriod / 4 + 1;
        return bound(amount, 1, ceiling);
    }

    function _periodKey(address treasurer, address token, GhostBudget memory b) private view returns (bytes32) {
        return keccak256(abi.encode(treasurer, token, b.epoch, (block.timestamp - b.start) / b.period));
    }

    function _recordTreasurerSpend(address treasurer, address token, uint256 amount) private {
        GhostBudget memory b = ghost_budgets[treasurer][token];
        bytes32 key = _periodKey(treasurer, token, b);
        ghost_spentInPeriod[key] += amount;
        if (ghost_spentInPeriod[key] > b.amountPerPeriod) ghost_budgetBreached = true;
        ghost_payoutSum[token] += amount;
        ++ghost_treasurerPayouts;
    }

    /// @dev A rejected payout must be for a reason the handler can explain.
    function _checkRejection(address treasurer, address token, uint256 amount, bytes memory reason) private {
        // casting to 'bytes4' is safe because a custom error always carries its 4-byte selector
        // forge-lint: disable-next-line(unsafe-typecast)
        bytes4 selector = bytes4(reason);
        if (selector == ITreasury.TreasuryBudgetExceeded.selector) {
            ++ghost_overBudgetRejections;
            (, , uint256 available, uint256 excess) = abi.decode(_args(reason), (address, address, uint256, uint256));
            uint256 expectedAvailable = ghost_budgets[treasurer][token].amountPerPeriod - ghostSpentNow(treasurer, token);
            if (available != expectedAvailable || available + excess != amount) ghost_excessMisreported = true;
            return;
        }
        _expectOneOf(
            reason,
            _selectors(ITreasury.TreasuryNoBudget.selector, ITreasury.TreasuryInsufficientBalance.selector)
        );
    }

    function _args(bytes memory reason) private pure returns (bytes memory args) {
        args = new bytes(reason.length - 4);
        for (uint256 i = 0; i < args.length; ++i) args[i] = reason[i + 4];
    }
}
