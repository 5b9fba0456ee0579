// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IPaymentPolicy} from "../../../src/interfaces/IPaymentPolicy.sol";
import {ITreasury} from "../../../src/interfaces/ITreasury.sol";
import {PaymentPolicy} from "../../../src/PaymentPolicy.sol";
import {Treasury} from "../../../src/Treasury.sol";
import {DemoStablecoin} from "../../../src/demo/DemoStablecoin.sol";
import {HandlerBase} from "./HandlerBase.sol";

/**
 * @dev Drives the treasury the way the community would: members deposit, the timelock pays and sets
 * budgets, treasurers pay out (sometimes over budget or over a policy limit, sometimes splitting one
 * payment over a batch's rows), time passes. Ghost variables keep an independent account of deposits,
 * payouts, per-period spending and every treasurer payout's time (per treasurer, and per recipient), to
 * compare with the contract.
 */
contract TreasuryHandler is HandlerBase {
    address internal constant ETH = address(0);

    /// @dev The budget as the handler models it: voted terms and the running period.
    struct GhostBudget {
        uint256 amountPerPeriod;
        uint256 period;
        uint256 start;
        uint256 spent;
    }

    /// @dev One successful treasurer payout (a batch is one entry with its total).
    struct GhostPayout {
        uint256 timestamp;
        uint256 amount;
    }

    /// @dev The treasury refused a plain ETH transfer, which it must always accept.
    error TreasuryHandlerDepositFailed(address from, uint256 amount);

    Treasury public immutable treasury;
    PaymentPolicy public immutable policy;
    DemoStablecoin public immutable usd;
    address public immutable timelock;

    address[] public treasurers;
    address[] public depositors;
    address[] public recipients;

    mapping(address token => uint256) public ghost_depositSum;
    mapping(address token => uint256) public ghost_payoutSum;
    mapping(address treasurer => mapping(address token => GhostBudget)) internal _ghostBudgets;
    mapping(address treasurer => mapping(address token => GhostPayout[])) internal _ghostPayouts;
    mapping(address recipient => bool) public ghost_paid;
    /// @dev Every treasurer payout to a recipient in a token (a batch's rows to it are one entry).
    mapping(address recipient => mapping(address token => GhostPayout[])) internal _ghostRecipientPayouts;
    /// @dev When a treasurer first paid the recipient (in any token), and when a vote first did; 0 if never.
    mapping(address recipient => uint256) public ghost_firstTreasurerPayoutAt;
    mapping(address recipient => uint256) public ghost_firstVoteAt;
    uint256 public ghost_treasurerPayouts;
    uint256 public ghost_overBudgetRejections;
    uint256 public ghost_policyRejections;
    uint256 public ghost_budgetChanges;
    /// @dev Set if a payout ever took a treasurer over its budget, or an over-budget error misreported.
    bool public ghost_budgetBreached;
    bool public ghost_excessMisreported;
    /// @dev Set if a treasurer ever paid more than the daily cap within 24 hours.
    bool public ghost_dailyCapBreached;
    /// @dev Set if one batch ever paid one recipient more than the max single payment.
    bool public ghost_batchRecipientAboveMax;
    /// @dev Set if treasurers ever paid one recipient more than the max single payment within 24 hours.
    bool public ghost_recipientAboveMaxIn24Hours;
    /// @dev Set if treasurers ever paid a newcomer more than the first-payment cap within 24 hours of its
    /// first treasurer payout, with no vote paying it in between.
    bool public ghost_newcomerAboveFirstCap;
    /// @dev Set if a budget change ever lowered what was spent in the current period.
    bool public ghost_budgetChangeLoweredSpent;
    /// @dev Set if a policy refusal reported a limit or an excess that does not add up.
    bool public ghost_policyErrorMisreported;

    constructor(Treasury treasury_, PaymentPolicy policy_, DemoStablecoin usd_, address timelock_) {
        treasury = treasury_;
        policy = policy_;
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
        GhostBudget storage g = _rolled(treasurer, token);
        uint256 spentBefore = g.spent;
        vm.prank(timelock);
        treasury.setBudget(treasurer, token, amountPerPeriod, period);
        ++ghost_budgetChanges;
        if (amountPerPeriod == 0) {
            g.amountPerPeriod = 0;
        } else if (g.period == 0) {
            (g.amountPerPeriod, g.period, g.start, g.spent) = (amountPerPeriod, period, block.timestamp, 0);
        } else {
            if (block.timestamp >= g.start + period) g.start = block.timestamp;
            (g.amountPerPeriod, g.period) = (amountPerPeriod, period);
        }
        if (amountPerPeriod != 0 && treasury.budget(treasurer, token).spent < spentBefore) {
            ghost_budgetChangeLoweredSpent = true;
        }
    }

    function payout(uint256 treasurerSeed, bool eth, uint256 recipientSeed, uint256 amount)
        external
        countCall("payout")
    {
        address treasurer = treasurers[treasurerSeed % treasurers.length];
        address token = eth ? ETH : address(usd);
        address recipient = recipients[recipientSeed % recipients.length];
        amount = _boundAttempt(treasurer, token, amount);
        vm.prank(treasurer);
        try treasury.payout(token, recipient, amount, "INV") {
            _recordTreasurerSpend(treasurer, token, amount);
            _recordRecipient(recipient, token, amount);
        } catch (bytes memory reason) {
            _checkRejection(treasurer, token, amount, reason);
        }
    }

    /// @dev Rows go to the four recipients in turn, so a batch of more than four pays some twice.
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
            uint256 maxSingle = policy.tokenLimits(token).maxSinglePayment;
            for (uint256 r = 0; r < recipients.length && r < count; ++r) {
                // Recipient r received the rows r, r + 4, r + 8, ...
                uint256 rows = (count - r + recipients.length - 1) / recipients.length;
                if (maxSingle != 0 && rows * each > maxSingle) ghost_batchRecipientAboveMax = true;
                _recordRecipient(recipients[r], token, rows * each);
            }
        } catch (bytes memory reason) {
            _checkRejection(treasurer, token, each * count, reason);
        }
    }

    function payByVote(bool eth, uint256 recipientSeed, uint256 amount) external countCall("payByVote") {
        address token = eth ? ETH : address(usd);
        uint256 balance = eth ? address(treasury).balance : usd.balanceOf(address(treasury));
        if (balance == 0) return;
        uint256 maxSingle = policy.tokenLimits(token).maxSinglePayment;
        address recipient = recipients[recipientSeed % recipients.length];
        amount = bound(amount, 1, balance < maxSingle || maxSingle == 0 ? balance : maxSingle);
        vm.prank(timelock);
        treasury.pay(token, recipient, amount, "VOTE");
        ghost_payoutSum[token] += amount;
        ghost_paid[recipient] = true;
        if (ghost_firstVoteAt[recipient] == 0) ghost_firstVoteAt[recipient] = block.timestamp;
    }

    function warp(uint256 seconds_) external countCall("warp") {
        // Mostly hours, so the daily window is crossed often; sometimes weeks, so periods roll over.
        uint256 step = seconds_ % 4 == 0 ? bound(seconds_, 1, 20 days) : bound(seconds_, 1, 30 hours);
        vm.warp(block.timestamp + step);
    }

    // ---------------------------------------------------------------- ghost views

    /// @dev What the handler's own bookkeeping says the treasurer has spent in the current period.
    function ghostSpentNow(address treasurer, address token) public view returns (uint256) {
        GhostBudget memory g = _ghostBudgets[treasurer][token];
        if (g.period == 0) return 0;
        if (block.timestamp >= g.start + g.period) return 0;
        return g.spent;
    }

    function treasurerCount() external view returns (uint256) {
        return treasurers.length;
    }

    // ---------------------------------------------------------------- private helpers

    /// @dev The ghost budget, rolled over to the period `block.timestamp` falls in.
    function _rolled(address treasurer, address token) private returns (GhostBudget storage g) {
        g = _ghostBudgets[treasurer][token];
        if (g.period != 0 && block.timestamp >= g.start + g.period) {
            g.start += ((block.timestamp - g.start) / g.period) * g.period;
            g.spent = 0;
        }
    }

    /// @dev Mostly within the remaining budget, sometimes above it, so both paths are exercised.
    function _boundAttempt(address treasurer, address token, uint256 amount) private view returns (uint256) {
        uint256 perPeriod = _ghostBudgets[treasurer][token].amountPerPeriod;
        uint256 ceiling = perPeriod == 0 ? 1e12 : perPeriod + perPeriod / 4 + 1;
        return bound(amount, 1, ceiling);
    }

    function _recordTreasurerSpend(address treasurer, address token, uint256 amount) private {
        GhostBudget storage g = _rolled(treasurer, token);
        g.spent += amount;
        if (g.spent > g.amountPerPeriod) ghost_budgetBreached = true;
        ghost_payoutSum[token] += amount;
        ++ghost_treasurerPayouts;

        // Every 24-hour window's total is largest in a window that ends at a payout: check them all.
        GhostPayout[] storage log = _ghostPayouts[treasurer][token];
        log.push(GhostPayout(block.timestamp, amount));
        uint256 cap = policy.tokenLimits(token).dailyCap;
        uint256 inLastDay = 0;
        for (uint256 i = log.length; i > 0; --i) {
            if (log[i - 1].timestamp + 1 days < block.timestamp) break;
            inLastDay += log[i - 1].amount;
        }
        if (cap != 0 && inLastDay > cap) ghost_dailyCapBreached = true;
    }

    /// @dev Logs a successful treasurer payout to `recipient` and checks the per-recipient rules over the 24
    /// hours that end now (the largest total any window ending at a payout can hold).
    function _recordRecipient(address recipient, address token, uint256 amount) private {
        ghost_paid[recipient] = true;
        if (ghost_firstTreasurerPayoutAt[recipient] == 0) ghost_firstTreasurerPayoutAt[recipient] = block.timestamp;
        GhostPayout[] storage log = _ghostRecipientPayouts[recipient][token];
        log.push(GhostPayout(block.timestamp, amount));
        IPaymentPolicy.TokenLimits memory limits = policy.tokenLimits(token);
        uint256 inLastDay = 0;
        for (uint256 i = log.length; i > 0; --i) {
            if (log[i - 1].timestamp + 1 days < block.timestamp) break;
            inLastDay += log[i - 1].amount;
        }
        if (limits.maxSinglePayment != 0 && inLastDay > limits.maxSinglePayment) ghost_recipientAboveMaxIn24Hours = true;
        // Within 24 hours of its first treasurer payout and with no vote yet, a recipient is new: everything
        // treasurers paid it in this token since then must fit the first-payment cap.
        uint256 first = ghost_firstTreasurerPayoutAt[recipient];
        if (ghost_firstVoteAt[recipient] == 0 && block.timestamp <= first + 1 days && limits.maxFirstPayment != 0) {
            uint256 sinceFirst = 0;
            for (uint256 i = 0; i < log.length; ++i) sinceFirst += log[i].amount;
            if (sinceFirst > limits.maxFirstPayment) ghost_newcomerAboveFirstCap = true;
        }
    }

    /// @dev New, as the handler models it: no vote paid it, and a treasurer never paid it or first did so
    /// on the current or the previous UTC day.
    function _ghostIsNew(address recipient) private view returns (bool) {
        if (ghost_firstVoteAt[recipient] != 0) return false;
        uint256 first = ghost_firstTreasurerPayoutAt[recipient];
        return first == 0 || block.timestamp / 1 days <= first / 1 days + 1;
    }

    /// @dev What the handler's log says the treasurer paid on the current and the previous UTC day.
    function _ghostTwoDays(address treasurer, address token) private view returns (uint256 total) {
        GhostPayout[] storage log = _ghostPayouts[treasurer][token];
        uint256 today = block.timestamp / 1 days;
        for (uint256 i = log.length; i > 0; --i) {
            if (log[i - 1].timestamp / 1 days + 1 < today) break;
            total += log[i - 1].amount;
        }
    }

    /// @dev A rejected payout must be for a reason the handler can explain, with figures that add up.
    function _checkRejection(address treasurer, address token, uint256 amount, bytes memory reason) private {
        // casting to 'bytes4' is safe because a custom error always carries its 4-byte selector
        // forge-lint: disable-next-line(unsafe-typecast)
        bytes4 selector = bytes4(reason);
        if (selector == ITreasury.TreasuryBudgetExceeded.selector) {
            ++ghost_overBudgetRejections;
            (,, uint256 available, uint256 excess) = abi.decode(_args(reason), (address, address, uint256, uint256));
            uint256 perPeriod = _ghostBudgets[treasurer][token].amountPerPeriod;
            uint256 spent = ghostSpentNow(treasurer, token);
            uint256 expectedAvailable = spent < perPeriod ? perPeriod - spent : 0;
            if (available != expectedAvailable || available + excess != amount) ghost_excessMisreported = true;
            return;
        }
        IPaymentPolicy.TokenLimits memory limits = policy.tokenLimits(token);
        if (selector == IPaymentPolicy.PaymentPolicyDailyCapExceeded.selector) {
            ++ghost_policyRejections;
            (, uint256 inWindow, uint256 asked, uint256 cap, uint256 excess) =
                abi.decode(_args(reason), (address, uint256, uint256, uint256, uint256));
            if (
                inWindow != _ghostTwoDays(treasurer, token) || asked != amount || cap != limits.dailyCap
                    || inWindow + asked != cap + excess
            ) ghost_policyErrorMisreported = true;
            return;
        }
        if (
            selector == IPaymentPolicy.PaymentPolicyAmountAboveMax.selector
                || selector == IPaymentPolicy.PaymentPolicyFirstPaymentAboveMax.selector
        ) {
            ++ghost_policyRejections;
            (, address recipient, uint256 asked, uint256 limit, uint256 excess) =
                abi.decode(_args(reason), (address, address, uint256, uint256, uint256));
            bool first = selector == IPaymentPolicy.PaymentPolicyFirstPaymentAboveMax.selector;
            uint256 expectedLimit = first ? limits.maxFirstPayment : limits.maxSinglePayment;
            if (limit != expectedLimit || asked != limit + excess || (first && !_ghostIsNew(recipient))) {
                ghost_policyErrorMisreported = true;
            }
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
