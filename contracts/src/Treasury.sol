// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IPaymentPolicy} from "./interfaces/IPaymentPolicy.sol";
import {ITreasury} from "./interfaces/ITreasury.sol";

/**
 * @dev The community treasury. It holds ETH and ERC-20 tokens and pays out in two ways:
 *
 * - by vote: the owner (the governance timelock) calls {pay};
 * - by a treasurer: within a budget the timelock gave it with {setBudget} (an amount per period
 *   for one token), through {payout} or {payoutBatch}. Periods follow one another from the moment
 *   the budget was first set; unspent budget does not carry over. Changing a budget keeps what was
 *   spent in the current period, so a new vote never hands out a fresh allowance for the same period.
 *
 * Every payout is first checked against the {PaymentPolicy}, so the same rules guard the treasury and
 * the members' wallets. A treasurer's payout meets every per-token rule the wallet applies:
 *
 * - blocked recipient: {IPaymentPolicy-PaymentPolicyRecipientBlocked};
 * - max single payment, per recipient and token over the recipient window (below), the rows of one
 *   {payoutBatch} to the same recipient counted together: {IPaymentPolicy-PaymentPolicyAmountAboveMax};
 * - first-payment cap, while the recipient is new (below), again over the recipient window:
 *   {IPaymentPolicy-PaymentPolicyFirstPaymentAboveMax};
 * - daily cap, per treasurer and token: {IPaymentPolicy-PaymentPolicyDailyCapExceeded}.
 *
 * The daily window. The wallet counts a rolling 24 hours before each payment. The treasury keeps one
 * storage slot per treasurer and token instead of a list of payments, so it counts whole UTC days
 * (`block.timestamp / 1 days`): a payout counts against the daily cap on the day it is made and on
 * the following day. Any rolling 24 hours lies within two consecutive UTC days, so in every 24 hours
 * a treasurer pays at most the daily cap: the treasury's window is never looser than the wallet's. It
 * is stricter by up to one day: a payout is forgotten 24 to 48 hours after it was made, at the second
 * midnight (UTC) after it. {dailyWindow} says what counts now and until when. A day's total is kept
 * saturated at `2**112 - 1` base units, so a daily cap is meaningful up to that amount (about
 * 5 * 10**15 whole tokens of 18 decimals); a larger cap is no cap in practice.
 *
 * The recipient window. The max single payment and the first-payment cap are per recipient, not per
 * call: otherwise a treasurer that is a contract could pay 100 + 500 to a newcomer, or 500 + 500 to
 * anyone, in one transaction, where the same rows as one batch are refused. So the treasury keeps, per
 * recipient and token, what treasurers (all of them together) paid it on the current and the previous
 * UTC day, in one slot, exactly like the daily window. A treasurer's payout is checked with the
 * recipient's window total plus this payout (plus the batch's other rows to it) as the amount, which is
 * the `amount` the policy's error then reports:
 *
 * - above the max single payment: refused, whether the recipient is new or known;
 * - above the first-payment cap while the recipient is new: refused. A recipient is new until a
 *   vote pays it, or until the second UTC midnight after a treasurer first paid it, that is for as long
 *   as that first payout is still in the window. So within any window a newcomer gets at most the
 *   first-payment cap from treasurers, however the payouts are split across calls and treasurers.
 *
 * A batch and a series of single payouts therefore meet the same limits. Like the daily window, the
 * recipient window is stricter than a rolling 24 hours by up to one day, and its days are saturated at
 * `2**112 - 1` base units.
 *
 * Payouts by vote keep two rules: blocked recipient and max single payment ({IPaymentPolicy-checkPayment}),
 * on their own amount; they neither count in nor are checked against the recipient window.
 * The first-payment and daily caps guard against one key, or one person's mistake or coercion, moving
 * money fast to someone new; a payment by vote has been proposed in public, voted on by the members,
 * and waited out the timelock delay, which is exactly the slow, many-eyes path those caps push large or
 * unusual payments towards. Holding votes to them would force the community to vote a policy change
 * before every grant to a new recipient, with no gain in safety. A payment by vote makes the recipient
 * known at once, so a treasurer's later payouts to it are not first payments.
 *
 * ==== Security Considerations
 *
 * The owner is the timelock; a treasurer can spend no more than `amountPerPeriod` of one token per
 * period, and only while its budget stands. Budgets are updated before any transfer, and payouts
 * are non-reentrant, so a recipient that calls back cannot spend twice. Splitting a payment across the
 * rows of a batch or across several transactions gets around neither the per-recipient rules nor the
 * daily cap; splitting it across treasurers gets around only the daily cap, which is per treasurer.
 * Ownership cannot be renounced
 * ({renounceOwnership} reverts): an ownerless treasury could never pay by vote or change a budget
 * again, and would strand its funds. ERC-20 tokens sent to the treasury with a plain `transfer` are
 * held like any deposit but emit no {Deposited} event.
 *
 * The owner comes from OpenZeppelin's upgradeable {OwnableUpgradeable} (the reentrancy guard keeps no
 * storage), so that the {CommunityFactory} can create the treasury as an ERC-1167 clone: the constructor
 * initialises a treasury deployed with `new`, {initialize} initialises a clone, and either can happen only
 * once. A clone cannot be upgraded: it always runs the code it was cloned from.
 */
contract Treasury is ITreasury, Initializable, OwnableUpgradeable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @dev The most payments one {payoutBatch} may carry.
    uint256 public constant MAX_BATCH_SIZE = 50;

    /// @dev Three slots: the voted terms (`amountPerPeriod`, `period`); the running state of the
    /// current period (`spent`, `periodStart`); and the daily window (`day`, the UTC day of the last
    /// payout, and what was paid on it and on the day before). A payout writes only the last two, which
    /// are never zero once a budget was set, so even the first payout of a budget pays no
    /// zero-to-non-zero store. A revoked budget keeps its running state (`amountPerPeriod` is zero).
    struct Budget {
        uint128 amountPerPeriod;
        uint64 period;
        uint128 spent;
        // uint128 rather than uint64 only to fill the slot, so the daily window starts its own slot.
        uint128 periodStart;
        uint32 day;
        uint112 spentOnDay;
        uint112 spentOnDayBefore;
    }

    /// @dev One slot per recipient and token: `day`, the UTC day of the last treasurer payout to it, and
    /// what treasurers paid it on that day and on the day before (see "The recipient window" above).
    struct RecipientWindow {
        uint32 day;
        uint112 paidOnDay;
        uint112 paidOnDayBefore;
    }

    /// @dev One slot per recipient: whether the treasury ever paid it, whether a vote did, and the UTC day
    /// a treasurer first paid it (meaningful only when `paid` and not `byVote`).
    struct RecipientStatus {
        bool paid;
        bool byVote;
        uint32 firstPaidDay;
    }

    IPaymentPolicy private _policy;
    mapping(address treasurer => mapping(address token => Budget)) private _budgets;
    mapping(address recipient => RecipientStatus) private _recipients;
    mapping(address recipient => mapping(address token => RecipientWindow)) private _recipientWindows;

    /// @dev Sets the owner (the timelock) and the policy every payout is checked against.
    constructor(address timelock, IPaymentPolicy policy_) initializer {
        _initialize(timelock, policy_);
    }

    /**
     * @dev Initialises a clone exactly as the constructor initialises a new treasury. Reverts with
     * {Initializable-InvalidInitialization} if the treasury was already initialised.
     */
    function initialize(address timelock, IPaymentPolicy policy_) external initializer {
        _initialize(timelock, policy_);
    }

    /// @dev Plain ETH transfers are deposits. Emits a {Deposited} event.
    receive() external payable {
        emit Deposited(msg.sender, address(0), msg.value);
    }

    // ---------------------------------------------------------------- deposits

    /**
     * @dev Pulls `amount` of `token` from the caller, who must have approved the treasury.
     * Emits a {Deposited} event.
     */
    function deposit(address token, uint256 amount) external nonReentrant {
        if (token == address(0)) revert TreasuryZeroAddress();
        if (amount == 0) revert TreasuryZeroAmount();
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        emit Deposited(msg.sender, token, amount);
    }

    // ---------------------------------------------------------------- governance (timelock only)

    /**
     * @dev Pays `amount` of `token` (`address(0)` for ETH) to `recipient`, by vote. Only the owner
     * (the timelock). Checked against the policy. Emits a {PaidOut} event with `byVote` true.
     */
    function pay(address token, address recipient, uint256 amount, string calldata memo)
        external
        onlyOwner
        nonReentrant
    {
        _checkPayment(recipient, amount);
        _policy.checkPayment(token, recipient, amount);
        _send(token, recipient, amount, memo, true);
    }

    /**
     * @dev Gives `treasurer` a budget of `amountPerPeriod` of `token` every `period` seconds; an
     * `amountPerPeriod` of zero revokes it. Only the owner (the timelock).
     *
     * A first budget starts its first period now. A change (or a budget granted again after a
     * revocation) keeps the current period and what was spent in it, even if the new amount is lower
     * than that (nothing more can then be paid this period); if the new period is shorter than the time
     * the current period has already run, the current period restarts now, still with what was spent.
     * So a vote never lowers `spent` within a period. The daily window is never reset.
     *
     * Emits a {BudgetSet} or a {BudgetRevoked} event.
     */
    function setBudget(address treasurer, address token, uint256 amountPerPeriod, uint256 period)
        external
        onlyOwner
    {
        if (treasurer == address(0)) revert TreasuryZeroAddress();
        Budget storage b = _budgets[treasurer][token];
        if (amountPerPeriod == 0) {
            if (b.period != 0) {
                // The casts are safe: _currentPeriod never returns more than was stored.
                (uint256 start, uint256 used) = _currentPeriod(b);
                // forge-lint: disable-next-line(unsafe-typecast)
                (b.amountPerPeriod, b.spent, b.periodStart) = (0, uint128(used), uint128(start));
            }
            emit BudgetRevoked(treasurer, token);
            return;
        }
        if (period == 0 || period > type(uint64).max || amountPerPeriod > type(uint128).max) {
            revert TreasuryInvalidBudget(amountPerPeriod, period);
        }
        uint256 periodStart = block.timestamp;
        uint256 spent = 0;
        if (b.period != 0) {
            (periodStart, spent) = _currentPeriod(b);
            // Budget periods are days or weeks long: a validator's few seconds of drift are harmless.
            // forge-lint: disable-next-line(block-timestamp)
            if (block.timestamp >= periodStart + period) periodStart = block.timestamp;
        }
        // All casts are safe: the bounds were checked just above, `spent` never exceeds a stored uint128,
        // and a timestamp (or a day number) fits 64 (32) bits for millions of years.
        // forge-lint: disable-next-line(unsafe-typecast)
        (b.amountPerPeriod, b.period) = (uint128(amountPerPeriod), uint64(period));
        // forge-lint: disable-next-line(unsafe-typecast)
        (b.spent, b.periodStart) = (uint128(spent), uint128(periodStart));
        // forge-lint: disable-next-line(unsafe-typecast)
        if (b.day == 0) b.day = uint32(block.timestamp / 1 days);
        emit BudgetSet(treasurer, token, amountPerPeriod, period, periodStart, spent);
    }

    /**
     * @dev Always reverts with {TreasuryRenounceOwnershipDisabled}: without an owner the treasury could
     * never pay by vote or change a budget again. Ownership moves only with {transferOwnership}, by vote.
     */
    function renounceOwnership() public view override onlyOwner {
        revert TreasuryRenounceOwnershipDisabled();
    }

    /**
     * @dev Replaces the policy every payout is checked against. Only the owner (the timelock).
     * Emits a {PolicyChanged} event.
     */
    function setPolicy(IPaymentPolicy newPolicy) external onlyOwner {
        if (address(newPolicy) == address(0)) revert TreasuryZeroAddress();
        IPaymentPolicy previous = _policy;
        _policy = newPolicy;
        emit PolicyChanged(address(previous), address(newPolicy));
    }

    // ---------------------------------------------------------------- treasurers

    /**
     * @dev Pays `amount` of `token` to `recipient` out of the caller's budget for the current period.
     * Checked in this order: budget ({TreasuryBudgetExceeded}), then the policy's treasurer rules
     * (blocked recipient, max single payment and first-payment cap over the recipient window, daily cap;
     * see the contract's header). Emits a {PaidOut} event with `byVote` false.
     */
    function payout(address token, address recipient, uint256 amount, string calldata memo) external nonReentrant {
        _checkPayment(recipient, amount);
        uint256 spentInWindow = _spend(msg.sender, token, amount);
        (uint256 recipientTotal, bool isNew) = _chargeRecipient(recipient, token, amount);
        IPaymentPolicy policy_ = _policy;
        policy_.checkRecipientPayment(token, recipient, recipientTotal, isNew);
        policy_.checkDailyCap(token, spentInWindow, amount);
        _send(token, recipient, amount, memo, false);
    }

    /**
     * @dev Pays every entry of `payments` in `token` out of the caller's budget; all or nothing.
     * At most {MAX_BATCH_SIZE} payments. The rows to one recipient count together, and with what the
     * recipient window already holds, for the max single payment and the first-payment cap (the error
     * reports that total), and the whole batch counts towards the daily cap. Emits one {PaidOut} event per payment.
     * A total too large for uint256 is charged as `type(uint256).max`, so it reverts with
     * {TreasuryBudgetExceeded} like any other total over the budget.
     */
    function payoutBatch(address token, Payment[] calldata payments) external nonReentrant {
        uint256 count = payments.length;
        if (count == 0 || count > MAX_BATCH_SIZE) revert TreasuryInvalidBatchSize(count, MAX_BATCH_SIZE);
        address[] memory recipients = new address[](count);
        uint256[] memory amounts = new uint256[](count);
        uint256 total = 0;
        for (uint256 i = 0; i < count; ++i) {
            (recipients[i], amounts[i]) = (payments[i].recipient, payments[i].amount);
            _checkPayment(recipients[i], amounts[i]);
            // Saturating: no budget comes near 2**256 (budgets are below 2**128), and a treasurer
            // gets the budget error rather than an arithmetic panic.
            total = _saturatingAdd(total, amounts[i]);
        }
        uint256 spentInWindow = _spend(msg.sender, token, total);
        IPaymentPolicy policy_ = _policy;
        for (uint256 i = 0; i < count; ++i) {
            (bool firstRow, uint256 rowsTotal) = _recipientTotal(recipients, amounts, i);
            if (!firstRow) continue;
            (uint256 recipientTotal, bool isNew) = _chargeRecipient(recipients[i], token, rowsTotal);
            policy_.checkRecipientPayment(token, recipients[i], recipientTotal, isNew);
        }
        policy_.checkDailyCap(token, spentInWindow, total);
        for (uint256 i = 0; i < count; ++i) {
            _send(token, recipients[i], amounts[i], payments[i].memo, false);
        }
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ITreasury
    function policy() external view returns (IPaymentPolicy) {
        return _policy;
    }

    /// @inheritdoc ITreasury
    /// @dev `remaining` is zero when a lowered budget is below what was already spent this period.
    function budget(address treasurer, address token) external view returns (BudgetView memory result) {
        Budget storage b = _budgets[treasurer][token];
        if (b.amountPerPeriod == 0) return result;
        (uint256 periodStart, uint256 spent) = _currentPeriod(b);
        uint256 remaining = spent < b.amountPerPeriod ? b.amountPerPeriod - spent : 0;
        result = BudgetView(b.amountPerPeriod, b.period, periodStart, spent, remaining);
    }

    /// @inheritdoc ITreasury
    /// @dev The window is the previous and the current UTC day: `spent` is what the treasurer paid in
    /// `token` from `windowStart` until now, and at `windowEnd` the part paid on the previous day drops out.
    function dailyWindow(address treasurer, address token) external view returns (DailyWindowView memory) {
        uint256 today = block.timestamp / 1 days;
        (uint256 onDay, uint256 onDayBefore) = _currentDays(_budgets[treasurer][token], today);
        uint256 start = today == 0 ? 0 : (today - 1) * 1 days;
        return DailyWindowView(start, (today + 1) * 1 days, onDay + onDayBefore);
    }

    /// @inheritdoc ITreasury
    function paidBefore(address recipient) external view returns (bool) {
        return _recipients[recipient].paid;
    }

    /// @inheritdoc ITreasury
    /// @dev Same window as {dailyWindow}: the previous and the current UTC day.
    function recipientWindow(address recipient, address token) external view returns (RecipientWindowView memory) {
        uint256 today = block.timestamp / 1 days;
        RecipientWindow memory w = _recipientWindows[recipient][token];
        (uint256 onDay, uint256 onDayBefore) = _windowDays(w.day, w.paidOnDay, w.paidOnDayBefore, today);
        uint256 start = today == 0 ? 0 : (today - 1) * 1 days;
        return RecipientWindowView(start, (today + 1) * 1 days, onDay + onDayBefore, _isNew(_recipients[recipient], today));
    }

    // ---------------------------------------------------------------- private helpers

    /// @dev The one initialisation, shared by the constructor and {initialize}. Emits {PolicyChanged}.
    function _initialize(address timelock, IPaymentPolicy policy_) private {
        __Ownable_init(timelock);
        if (address(policy_) == address(0)) revert TreasuryZeroAddress();
        _policy = policy_;
        emit PolicyChanged(address(0), address(policy_));
    }

    /**
     * @dev Charges `amount` to the treasurer's budget, rolling over to the current period first, and
     * adds it to today's part of the daily window. Returns what the window held before this payout.
     */
    function _spend(address treasurer, address token, uint256 amount) private returns (uint256 spentInWindow) {
        Budget storage b = _budgets[treasurer][token];
        uint256 amountPerPeriod = b.amountPerPeriod;
        if (amountPerPeriod == 0) revert TreasuryNoBudget(treasurer, token);
        (uint256 periodStart, uint256 spent) = _currentPeriod(b);
        uint256 available = spent < amountPerPeriod ? amountPerPeriod - spent : 0;
        if (amount > available) revert TreasuryBudgetExceeded(treasurer, token, available, amount - available);
        // Both fit: periodStart ≤ block.timestamp < 2**128, spent + amount ≤ amountPerPeriod < 2**128.
        // forge-lint: disable-next-line(unsafe-typecast)
        (b.spent, b.periodStart) = (uint128(spent + amount), uint128(periodStart));

        uint256 today = block.timestamp / 1 days;
        (uint256 onDay, uint256 onDayBefore) = _currentDays(b, today);
        spentInWindow = onDay + onDayBefore;
        // A day's total is kept saturated at 2**112 - 1 base units (5 * 10**15 tokens of 18 decimals):
        // it never wraps, and any daily cap below that still refuses every payout once it is reached.
        uint256 onDayAfter = onDay + amount;
        if (onDayAfter > type(uint112).max) onDayAfter = type(uint112).max;
        // Both casts are safe: the day number fits 32 bits for 11 million years, and onDayBefore was
        // read from a uint112.
        // forge-lint: disable-next-line(unsafe-typecast)
        (b.day, b.spentOnDay, b.spentOnDayBefore) = (uint32(today), uint112(onDayAfter), uint112(onDayBefore));
    }

    /// @dev What was paid on `today` and on the day before, given the last day stored in `b`.
    function _currentDays(Budget storage b, uint256 today) private view returns (uint256 onDay, uint256 onDayBefore) {
        return _windowDays(b.day, b.spentOnDay, b.spentOnDayBefore, today);
    }

    /// @dev A two-day window's totals seen from `today`, given the last day written and its two totals.
    function _windowDays(uint256 day, uint256 onLastDay, uint256 onDayBeforeLast, uint256 today)
        private
        pure
        returns (uint256 onDay, uint256 onDayBefore)
    {
        if (day == today) return (onLastDay, onDayBeforeLast);
        if (day + 1 == today) return (0, onLastDay);
        return (0, 0);
    }

    /**
     * @dev Adds `amount` to today's part of the recipient window of `recipient` in `token`. Returns the
     * window's total with this payout, and whether the recipient is new (checked by the caller, which
     * reverts, undoing the write, when the policy refuses).
     */
    function _chargeRecipient(address recipient, address token, uint256 amount)
        private
        returns (uint256 total, bool isNew)
    {
        uint256 today = block.timestamp / 1 days;
        RecipientWindow storage w = _recipientWindows[recipient][token];
        (uint256 onDay, uint256 onDayBefore) = _windowDays(w.day, w.paidOnDay, w.paidOnDayBefore, today);
        total = _saturatingAdd(onDay + onDayBefore, amount);
        uint256 onDayAfter = _saturatingAdd(onDay, amount);
        if (onDayAfter > type(uint112).max) onDayAfter = type(uint112).max;
        // Both casts are safe: the day number fits 32 bits for 11 million years, and onDayBefore was
        // read from a uint112.
        // forge-lint: disable-next-line(unsafe-typecast)
        (w.day, w.paidOnDay, w.paidOnDayBefore) = (uint32(today), uint112(onDayAfter), uint112(onDayBefore));
        isNew = _isNew(_recipients[recipient], today);
    }

    /// @dev New: never paid by a vote, and either never paid or first paid by a treasurer yesterday or today.
    function _isNew(RecipientStatus memory status, uint256 today) private pure returns (bool) {
        return !status.byVote && (!status.paid || today <= uint256(status.firstPaidDay) + 1);
    }

    /// @dev For row `index`: whether it is the first row to its recipient, and then the total of all rows to it.
    function _recipientTotal(address[] memory recipients, uint256[] memory amounts, uint256 index)
        private
        pure
        returns (bool firstRow, uint256 total)
    {
        address recipient = recipients[index];
        for (uint256 j = 0; j < index; ++j) {
            if (recipients[j] == recipient) return (false, 0);
        }
        total = amounts[index];
        for (uint256 j = index + 1; j < recipients.length; ++j) {
            if (recipients[j] == recipient) total = _saturatingAdd(total, amounts[j]);
        }
        return (true, total);
    }

    function _saturatingAdd(uint256 a, uint256 b) private pure returns (uint256) {
        unchecked {
            uint256 sum = a + b;
            return sum < a ? type(uint256).max : sum;
        }
    }

    /// @dev A payout needs a recipient and an amount.
    function _checkPayment(address recipient, uint256 amount) private pure {
        if (recipient == address(0)) revert TreasuryZeroAddress();
        if (amount == 0) revert TreasuryZeroAmount();
    }

    /// @dev The start of the period `block.timestamp` falls in, and what was spent in it.
    function _currentPeriod(Budget storage b) private view returns (uint256 periodStart, uint256 spent) {
        periodStart = b.periodStart;
        spent = b.spent;
        uint256 period = b.period;
        // Budget periods are days or weeks long: a validator's few seconds of timestamp drift are harmless.
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp >= periodStart + period) {
            // Rounding down to a whole number of periods is the point: periods keep their fixed grid.
            // forge-lint: disable-next-line(divide-before-multiply)
            periodStart += ((block.timestamp - periodStart) / period) * period;
            spent = 0;
        }
    }

    /**
     * @dev Checks the balance, records that the recipient has been paid (and when a treasurer first paid
     * it, or that a vote did), transfers, and emits {PaidOut}
     * (the recipient's first {PaidOut} is the one that made it known). The policy was checked by the caller.
     */
    function _send(address token, address recipient, uint256 amount, string calldata memo, bool byVote) private {
        RecipientStatus storage status = _recipients[recipient];
        if (byVote) {
            if (!status.byVote) (status.paid, status.byVote) = (true, true);
        } else if (!status.paid) {
            // The cast is safe: the day number fits 32 bits for 11 million years.
            // forge-lint: disable-next-line(unsafe-typecast)
            (status.paid, status.firstPaidDay) = (true, uint32(block.timestamp / 1 days));
        }
        if (token == address(0)) {
            uint256 balance = address(this).balance;
            if (balance < amount) revert TreasuryInsufficientBalance(token, balance, amount);
            (bool ok,) = recipient.call{value: amount}("");
            if (!ok) revert TreasuryNativeTransferFailed(recipient, amount);
        } else {
            uint256 balance = IERC20(token).balanceOf(address(this));
            if (balance < amount) revert TreasuryInsufficientBalance(token, balance, amount);
            IERC20(token).safeTransfer(recipient, amount);
        }
        emit PaidOut(msg.sender, token, recipient, amount, memo, byVote);
    }
}
