// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
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
 *   the budget was set; unspent budget does not carry over.
 *
 * Every payout, by vote or by treasurer, is first checked against the {PaymentPolicy}: a blocked
 * recipient or an amount above the token's max single payment reverts, so the same rules guard the
 * treasury and the members' wallets.
 *
 * ==== Security Considerations
 *
 * The owner is the timelock; a treasurer can spend no more than `amountPerPeriod` of one token per
 * period, and only while its budget stands. Budgets are updated before any transfer, and payouts
 * are non-reentrant, so a recipient that calls back cannot spend twice. ERC-20 tokens sent to the
 * treasury with a plain `transfer` are held like any deposit but emit no {Deposited} event.
 */
contract Treasury is ITreasury, Ownable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @dev The most payments one {payoutBatch} may carry.
    uint256 public constant MAX_BATCH_SIZE = 50;

    /// @dev Two slots: the voted terms (`amountPerPeriod`, `period`), and the running state of the
    /// current period (`spent`, `periodStart`). A payout writes only the second slot, which is never
    /// zero while a budget stands, so even the first payout of a budget pays no zero-to-non-zero store.
    struct Budget {
        uint128 amountPerPeriod;
        uint64 period;
        uint128 spent;
        uint64 periodStart;
    }

    IPaymentPolicy private _policy;
    mapping(address treasurer => mapping(address token => Budget)) private _budgets;

    /// @dev Sets the owner (the timelock) and the policy every payout is checked against.
    constructor(address timelock, IPaymentPolicy policy_) Ownable(timelock) {
        if (address(policy_) == address(0)) revert TreasuryZeroAddress();
        _policy = policy_;
        emit PolicyChanged(address(0), address(policy_));
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
        _send(token, recipient, amount, memo, true);
    }

    /**
     * @dev Gives `treasurer` a budget of `amountPerPeriod` of `token` every `period` seconds, starting
     * now; an `amountPerPeriod` of zero revokes it. Only the owner (the timelock).
     * Emits a {BudgetSet} or a {BudgetRevoked} event.
     */
    function setBudget(address treasurer, address token, uint256 amountPerPeriod, uint256 period)
        external
        onlyOwner
    {
        if (treasurer == address(0)) revert TreasuryZeroAddress();
        if (amountPerPeriod == 0) {
            delete _budgets[treasurer][token];
            emit BudgetRevoked(treasurer, token);
            return;
        }
        if (period == 0 || period > type(uint64).max || amountPerPeriod > type(uint128).max) {
            revert TreasuryInvalidBudget(amountPerPeriod, period);
        }
        // All three casts are safe: the bounds were checked just above, and a timestamp fits 64 bits for
        // billions of years.
        // forge-lint: disable-next-line(unsafe-typecast)
        _budgets[treasurer][token] = Budget(uint128(amountPerPeriod), uint64(period), 0, uint64(block.timestamp));
        emit BudgetSet(treasurer, token, amountPerPeriod, period, block.timestamp);
    }

    /**
     * @dev Replaces the policy every payout is checked against. Only the owner (the timelock).
     * Emits a {PolicyChanged} event.
     */
    function setPolicy(IPaymentPolicy newPolicy) external onlyOwner {
        if (address(newPolicy) == address(0)) revert TreasuryZeroAddress();
        emit PolicyChanged(address(_policy), address(newPolicy));
        _policy = newPolicy;
    }

    // ---------------------------------------------------------------- treasurers

    /**
     * @dev Pays `amount` of `token` to `recipient` out of the caller's budget for the current period.
     * Checked against the policy. Emits a {PaidOut} event with `byVote` false.
     */
    function payout(address token, address recipient, uint256 amount, string calldata memo) external nonReentrant {
        _spend(msg.sender, token, amount);
        _send(token, recipient, amount, memo, false);
    }

    /**
     * @dev Pays every entry of `payments` in `token` out of the caller's budget; all or nothing.
     * At most {MAX_BATCH_SIZE} payments. Emits one {PaidOut} event per payment.
     * A total too large for uint256 is charged as `type(uint256).max`, so it reverts with
     * {TreasuryBudgetExceeded} like any other total over the budget.
     */
    function payoutBatch(address token, Payment[] calldata payments) external nonReentrant {
        uint256 count = payments.length;
        if (count == 0 || count > MAX_BATCH_SIZE) revert TreasuryInvalidBatchSize(count, MAX_BATCH_SIZE);
        uint256 total = 0;
        for (uint256 i = 0; i < count; ++i) {
            // Saturating: no budget comes near 2**256 (budgets are below 2**128), and a treasurer
            // gets the budget error rather than an arithmetic panic.
            unchecked {
                uint256 next = total + payments[i].amount;
                total = next < total ? type(uint256).max : next;
            }
        }
        _spend(msg.sender, token, total);
        for (uint256 i = 0; i < count; ++i) {
            _send(token, payments[i].recipient, payments[i].amount, payments[i].memo, false);
        }
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ITreasury
    function policy() external view returns (IPaymentPolicy) {
        return _policy;
    }

    /// @inheritdoc ITreasury
    function budget(address treasurer, address token) external view returns (BudgetView memory result) {
        Budget memory b = _budgets[treasurer][token];
        if (b.period == 0) return result;
        (uint256 periodStart, uint256 spent) = _currentPeriod(b);
        result = BudgetView(b.amountPerPeriod, b.period, periodStart, spent, b.amountPerPeriod - spent);
    }

    // ---------------------------------------------------------------- private helpers

    /// @dev Charges `amount` to the treasurer's budget, rolling over to the current period first.
    function _spend(address treasurer, address token, uint256 amount) private {
        Budget storage b = _budgets[treasurer][token];
        uint256 amountPerPeriod = b.amountPerPeriod;
        if (amountPerPeriod == 0) revert TreasuryNoBudget(treasurer, token);
        (uint256 periodStart, uint256 spent) = _currentPeriod(b);
        uint256 available = amountPerPeriod - spent;
        if (amount > available) revert TreasuryBudgetExceeded(treasurer, token, available, amount - available);
        // One slot written; both fit: periodStart ≤ block.timestamp < 2**64, spent + amount ≤
        // amountPerPeriod < 2**128.
        // forge-lint: disable-next-line(unsafe-typecast)
        (b.spent, b.periodStart) = (uint128(spent + amount), uint64(periodStart));
    }

    /// @dev The start of the period `block.timestamp` falls in, and what was spent in it.
    function _currentPeriod(Budget memory b) private view returns (uint256 periodStart, uint256 spent) {
        periodStart = b.periodStart;
        spent = b.spent;
        // Budget periods are days or weeks long: a validator's few seconds of timestamp drift are harmless.
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp >= periodStart + b.period) {
            // Rounding down to a whole number of periods is the point: periods keep their fixed grid.
            // forge-lint: disable-next-line(divide-before-multiply)
            periodStart += ((block.timestamp - periodStart) / b.period) * b.period;
            spent = 0;
        }
    }

    /// @dev Checks the payout against the policy and the balance, transfers, and emits {PaidOut}.
    function _send(address token, address recipient, uint256 amount, string calldata memo, bool byVote) private {
        if (recipient == address(0)) revert TreasuryZeroAddress();
        if (amount == 0) revert TreasuryZeroAmount();
        _policy.checkPayment(token, recipient, amount);
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
