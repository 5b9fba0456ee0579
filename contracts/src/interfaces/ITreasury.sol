// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IPaymentPolicy} from "./IPaymentPolicy.sol";

/**
 * @dev The community treasury: pays by vote (the timelock) or by treasurers within voted budgets.
 */
interface ITreasury {
    /// @dev One payment in a batch.
    struct Payment {
        address recipient;
        uint256 amount;
        string memo;
    }

    /// @dev A treasurer's budget for one token, as seen at the current time.
    struct BudgetView {
        uint256 amountPerPeriod;
        uint256 period;
        uint256 periodStart;
        uint256 spent;
        uint256 remaining;
    }

    /// @dev Funds arrived through {deposit} or a plain ETH transfer; `token == address(0)` is ETH.
    event Deposited(address indexed from, address indexed token, uint256 amount);

    /// @dev Funds left the treasury. `byVote` is true when the timelock paid, false when a treasurer did.
    event PaidOut(
        address indexed executor, address indexed token, address indexed recipient, uint256 amount, string memo, bool byVote
    );

    /// @dev A treasurer's daily window for one token, as seen at the current time (see {Treasury}).
    struct DailyWindowView {
        uint256 windowStart;
        uint256 windowEnd;
        uint256 spent;
    }

    /// @dev What treasurers paid one recipient in one token within the window that counts now (the previous
    /// and the current UTC day), and whether the first-payment cap still applies to it (see {Treasury}).
    struct RecipientWindowView {
        uint256 windowStart;
        uint256 windowEnd;
        uint256 paid;
        bool isNew;
    }

    /// @dev A treasurer's budget was set. The current period starts at `periodStart` and `spent` of it is
    /// already used: a change keeps what was spent in the current period.
    event BudgetSet(
        address indexed treasurer,
        address indexed token,
        uint256 amountPerPeriod,
        uint256 period,
        uint256 periodStart,
        uint256 spent
    );

    /// @dev A treasurer's budget was revoked.
    event BudgetRevoked(address indexed treasurer, address indexed token);

    /// @dev The payment policy the treasury checks against was replaced.
    event PolicyChanged(address indexed previousPolicy, address indexed newPolicy);

    /// @dev A treasurer asked for more than the unspent budget of the current period.
    error TreasuryBudgetExceeded(address treasurer, address token, uint256 available, uint256 excess);

    /// @dev The caller has no budget for this token.
    error TreasuryNoBudget(address treasurer, address token);

    /// @dev A budget with a zero period, or an amount or period too large to store.
    error TreasuryInvalidBudget(uint256 amountPerPeriod, uint256 period);

    /// @dev A batch with no payments, or more than {MAX_BATCH_SIZE}.
    error TreasuryInvalidBatchSize(uint256 size, uint256 maxSize);

    /// @dev The treasury holds less than the payout needs.
    error TreasuryInsufficientBalance(address token, uint256 balance, uint256 needed);

    /// @dev The recipient refused the ETH.
    error TreasuryNativeTransferFailed(address recipient, uint256 amount);

    /// @dev A zero address where an account is required.
    error TreasuryZeroAddress();

    /// @dev A zero amount.
    error TreasuryZeroAmount();

    /// @dev Renouncing ownership would leave the treasury with no owner: no payment by vote and no budget
    /// change could ever happen again.
    error TreasuryRenounceOwnershipDisabled();

    /// @dev The policy every payout is checked against.
    function policy() external view returns (IPaymentPolicy);

    /// @dev Deposit `amount` of an ERC-20 `token` (approve first). Send ETH directly.
    function deposit(address token, uint256 amount) external;

    /// @dev Pay by vote. Only the timelock.
    function pay(address token, address recipient, uint256 amount, string calldata memo) external;

    /// @dev Set or revoke (amount 0) a treasurer's budget. Only the timelock.
    function setBudget(address treasurer, address token, uint256 amountPerPeriod, uint256 period) external;

    /// @dev Pay out of the caller's budget.
    function payout(address token, address recipient, uint256 amount, string calldata memo) external;

    /// @dev Pay several recipients out of the caller's budget, all or nothing.
    function payoutBatch(address token, Payment[] calldata payments) external;

    /// @dev A treasurer's budget for `token` in the current period.
    function budget(address treasurer, address token) external view returns (BudgetView memory);

    /// @dev What a treasurer paid in `token` within the daily window that counts now.
    function dailyWindow(address treasurer, address token) external view returns (DailyWindowView memory);

    /// @dev Whether the treasury ever paid `recipient` (by vote or by a treasurer, in any token).
    function paidBefore(address recipient) external view returns (bool);

    /// @dev What treasurers paid `recipient` in `token` within the recipient window that counts now, and
    /// whether the recipient is still new (the first-payment cap applies to that window's total).
    function recipientWindow(address recipient, address token) external view returns (RecipientWindowView memory);
}
