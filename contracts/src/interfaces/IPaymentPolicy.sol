// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/**
 * @dev The community's payment rules, as read by wallets and enforced by the {Treasury}.
 *
 * Every change bumps {version} by exactly one and emits an event that names what changed and carries
 * the new version, so an indexer can rebuild the full history from events alone.
 */
interface IPaymentPolicy {
    /// @dev How the community regards a merchant address or a site origin. `Unknown` means not listed.
    enum MerchantStatus {
        Unknown,
        Trusted,
        Blocked
    }

    /// @dev Limits for one token; `token == address(0)` is the chain's native coin. A zero field means "no limit".
    struct TokenLimits {
        address token;
        uint256 maxSinglePayment;
        uint256 dailyCap;
        uint256 maxFirstPayment;
    }

    /// @dev Everything a wallet needs in one `eth_call`.
    struct PolicySnapshot {
        uint64 version;
        uint8 warnAt;
        uint8 blockAt;
        bool unlimitedApprovalsAllowed;
        TokenLimits[] tokenLimits;
    }

    /// @dev One listed merchant, as returned by {merchants}.
    struct MerchantEntry {
        address merchant;
        MerchantStatus status;
        string note;
    }

    /// @dev One listed site origin, as returned by {origins}.
    struct OriginEntry {
        string origin;
        MerchantStatus status;
        string note;
    }

    /// @dev The score thresholds changed.
    event ThresholdsChanged(uint8 warnAt, uint8 blockAt, uint64 indexed version);

    /// @dev A token's limits were set (or replaced).
    event TokenLimitsChanged(
        address indexed token, uint256 maxSinglePayment, uint256 dailyCap, uint256 maxFirstPayment, uint64 indexed version
    );

    /// @dev A token's limits were removed: payments in it are no longer capped by the policy.
    event TokenLimitsRemoved(address indexed token, uint64 indexed version);

    /// @dev Whether unlimited ERC-20 approvals are allowed changed.
    event UnlimitedApprovalsChanged(bool allowed, uint64 indexed version);

    /// @dev A merchant address's status changed; `Unknown` removes it from the list.
    event MerchantStatusChanged(address indexed merchant, MerchantStatus status, string note, uint64 indexed version);

    /// @dev A site origin's status changed; `origin` is the normalised form that was stored.
    event OriginStatusChanged(
        bytes32 indexed originHash, string origin, MerchantStatus status, string note, uint64 indexed version
    );

    /// @dev `warnAt` must be below `blockAt`, and `blockAt` at most 100.
    error PaymentPolicyInvalidThresholds(uint8 warnAt, uint8 blockAt);

    /// @dev The origin is not of the form `scheme://host[:port]` (an optional trailing `/` is accepted).
    error PaymentPolicyInvalidOrigin(string origin);

    /// @dev The merchant address is the zero address.
    error PaymentPolicyInvalidMerchant(address merchant);

    /// @dev A note longer than {MAX_NOTE_LENGTH} bytes.
    error PaymentPolicyNoteTooLong(uint256 length, uint256 maxLength);

    /// @dev Removing limits for a token that has none.
    error PaymentPolicyTokenNotLimited(address token);

    /// @dev A payment to a recipient the community has blocked.
    error PaymentPolicyRecipientBlocked(address recipient);

    /// @dev A payment above the token's maximum single payment.
    error PaymentPolicyAmountAboveMax(address token, uint256 amount, uint256 maxSinglePayment);

    /// @dev The current policy version; starts at 1 after deployment and grows by one with every change.
    function version() external view returns (uint64);

    /// @dev Version, thresholds, approval rule and all token limits in one call.
    function snapshot() external view returns (PolicySnapshot memory);

    /// @dev The limits of one token (all zero if it has none).
    function tokenLimits(address token) external view returns (TokenLimits memory);

    /// @dev The status and note of one merchant address.
    function merchantStatus(address merchant) external view returns (MerchantStatus status, string memory note);

    /// @dev The status and note of one site origin; the input is normalised the same way as when it was set.
    function originStatus(string calldata origin) external view returns (MerchantStatus status, string memory note);

    /// @dev A page of listed merchants, and how many are listed in all.
    function merchants(uint256 offset, uint256 limit) external view returns (MerchantEntry[] memory page, uint256 total);

    /// @dev A page of listed origins, and how many are listed in all.
    function origins(uint256 offset, uint256 limit) external view returns (OriginEntry[] memory page, uint256 total);

    /// @dev Reverts if the community's rules forbid paying `amount` of `token` to `recipient`.
    function checkPayment(address token, address recipient, uint256 amount) external view;
}
