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

    /// @dev One listed domain rule, as returned by {domains}: it covers the domain and all its subdomains.
    struct DomainEntry {
        string domain;
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

    /// @dev A domain rule's status changed; `domain` is the normalised form that was stored. The rule
    /// covers the domain and every subdomain of it; `Unknown` removes it from the list.
    event DomainStatusChanged(
        bytes32 indexed domainHash, string domain, MerchantStatus status, string note, uint64 indexed version
    );

    /// @dev `warnAt` must be below `blockAt`, and `blockAt` at most 100.
    error PaymentPolicyInvalidThresholds(uint8 warnAt, uint8 blockAt);

    /// @dev The origin cannot be brought to the form a browser reports, `scheme://host[:port]`: it has a
    /// path, a query, user info, an empty or malformed host, a port that is not a number from 0 to 65535,
    /// or a character an origin cannot hold.
    error PaymentPolicyInvalidOrigin(string origin);

    /// @dev The domain is not a registrable domain name of at least two labels (`scam.example`): it has a
    /// scheme, a port, a path, an empty label, a numeric top-level label, or a character a host cannot hold.
    error PaymentPolicyInvalidDomain(string domain);

    /// @dev Renouncing ownership would leave the policy with no owner, so no rule could ever change again.
    error PaymentPolicyRenounceOwnershipDisabled();

    /// @dev The merchant address is the zero address.
    error PaymentPolicyInvalidMerchant(address merchant);

    /// @dev A note longer than {MAX_NOTE_LENGTH} bytes.
    error PaymentPolicyNoteTooLong(uint256 length, uint256 maxLength);

    /// @dev Removing limits for a token that has none.
    error PaymentPolicyTokenNotLimited(address token);

    /// @dev A payment to a recipient the community has blocked.
    error PaymentPolicyRecipientBlocked(address recipient);

    /// @dev Rule "max single payment": `amount` to `recipient` (for a treasurer's batch, the total of
    /// the rows to that recipient) is above the token's `maxSinglePayment`, by `excess`.
    error PaymentPolicyAmountAboveMax(
        address token, address recipient, uint256 amount, uint256 maxSinglePayment, uint256 excess
    );

    /// @dev Rule "first payment cap": the treasury never paid `recipient`, and `amount` (for a batch, the
    /// total of the rows to that recipient) is above the token's `maxFirstPayment`, by `excess`.
    error PaymentPolicyFirstPaymentAboveMax(
        address token, address recipient, uint256 amount, uint256 maxFirstPayment, uint256 excess
    );

    /// @dev Rule "daily cap": with `amount` the treasurer would pay `spentInWindow + amount` of the token
    /// within its daily window, above the token's `dailyCap`, by `excess`.
    error PaymentPolicyDailyCapExceeded(
        address token, uint256 spentInWindow, uint256 amount, uint256 dailyCap, uint256 excess
    );

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

    /// @dev The status and note of one domain rule (exactly this domain; see {siteStatus} for subdomains).
    function domainStatus(string calldata domain) external view returns (MerchantStatus status, string memory note);

    /// @dev A page of listed domain rules, and how many are listed in all.
    function domains(uint256 offset, uint256 limit) external view returns (DomainEntry[] memory page, uint256 total);

    /// @dev How the community regards the site at `origin`, taking the exact origin rule and every domain
    /// rule that covers its host into account; `rule` is the origin or domain the status comes from.
    function siteStatus(string calldata origin)
        external
        view
        returns (MerchantStatus status, string memory note, string memory rule);

    /// @dev Reverts if the community's rules forbid a payment by vote: a blocked recipient, or an amount
    /// above the token's max single payment.
    function checkPayment(address token, address recipient, uint256 amount) external view;

    /// @dev Reverts if the community's rules forbid a treasurer paying `amount` of `token` to `recipient`:
    /// the rules of {checkRecipientPayment}, then the daily cap given `spentInWindow`.
    function checkTreasurerPayment(
        address token,
        address recipient,
        uint256 amount,
        bool firstPayment,
        uint256 spentInWindow
    ) external view;

    /// @dev Reverts if paying `amount` (the total of a batch's rows) to `recipient` breaks a per-recipient
    /// rule: blocked recipient, max single payment, or (when `firstPayment`) the first-payment cap.
    function checkRecipientPayment(address token, address recipient, uint256 amount, bool firstPayment)
        external
        view;

    /// @dev Reverts with {PaymentPolicyDailyCapExceeded} if `spentInWindow + amount` is above the daily cap.
    function checkDailyCap(address token, uint256 spentInWindow, uint256 amount) external view;
}
