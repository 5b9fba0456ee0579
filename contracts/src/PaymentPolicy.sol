// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {IPaymentPolicy} from "./interfaces/IPaymentPolicy.sol";
import {SiteNames} from "./libraries/SiteNames.sol";

/**
 * @dev The community's payment rules. Wallets read them in one call ({snapshot}) and look up merchants
 * and site origins one at a time; the {Treasury} calls {checkPayment} before every payout.
 *
 * Rules: score thresholds (`warnAt` < `blockAt` ≤ 100), per-token limits (`address(0)` is the native
 * coin; a zero limit means "no limit"), whether unlimited ERC-20 approvals are allowed, and a status
 * (trusted / blocked) with a short note for merchant addresses and for site origins.
 *
 * Origins are stored normalised to exactly what a browser reports as `window.location.origin`:
 * lower-case scheme and host, no default port (`:80` for http and ws, `:443` for https and wss), no
 * leading zeros in the port, no trailing dot on the host, no path. Forms that cannot be normalised are
 * refused with {PaymentPolicyInvalidOrigin}, so a stored origin can always match a real site. The
 * normal forms of origins and domains are {SiteNames}'.
 *
 * Domain rules ({setDomainStatus}) cover a whole domain and all its subdomains: a rule for
 * `scam.example` covers `https://scam.example` and `https://pay.scam.example:8443`. {siteStatus}
 * combines them with the exact origin rules: a site is blocked if its origin or any domain covering
 * its host is blocked; otherwise trusted if any of them is trusted; otherwise unknown. A block always
 * wins, so a trusted parent domain never vouches for a subdomain the community blocked.
 *
 * Treasurer payouts are checked with {checkTreasurerPayment} (or, for a batch, {checkRecipientPayment}
 * per recipient and {checkDailyCap} for the total): blocked recipient, max single payment, first-payment
 * cap and daily cap. Payouts by vote are checked with {checkPayment}: blocked recipient and max single
 * payment (see {Treasury} for why a vote is not held to the first-payment and daily caps).
 *
 * The four lists (limited tokens, merchants, origins, domains) are OpenZeppelin {EnumerableSet}s: removing
 * an entry moves the last one into its place, so a page read with {merchants}, {origins} or {domains}
 * while rules change may skip or repeat an entry; read again after the version changes.
 *
 * ==== Security Considerations
 *
 * The owner is the governance timelock: every rule changes only through an executed proposal. A
 * wallet that reads this contract trusts the community's vote, not any single key. Ownership cannot be
 * renounced ({renounceOwnership} always reverts): a policy without an owner could never change again.
 *
 * A domain rule needs at least two labels, but the contract does not know the public suffix list: a
 * proposal for `co.uk` would be accepted and would cover every site under it. The dApp's templates warn
 * about this; voters should read domain proposals with care.
 *
 * The owner comes from OpenZeppelin's upgradeable {OwnableUpgradeable}, so that the {CommunityFactory}
 * can create the policy as an ERC-1167 clone: the constructor initialises a policy deployed with `new`,
 * {initialize} initialises a clone, and either can happen only once. A clone cannot be upgraded: it always
 * runs the code it was cloned from.
 */
contract PaymentPolicy is IPaymentPolicy, Initializable, OwnableUpgradeable {
    using EnumerableSet for EnumerableSet.AddressSet;
    using EnumerableSet for EnumerableSet.Bytes32Set;

    /// @dev Longest note accepted for a merchant or an origin, in bytes.
    uint256 public constant MAX_NOTE_LENGTH = 280;

    uint64 private _version;
    uint8 private _warnAt;
    uint8 private _blockAt;
    bool private _unlimitedApprovalsAllowed;

    EnumerableSet.AddressSet private _limitedTokens;
    mapping(address token => TokenLimits) private _tokenLimits;

    EnumerableSet.AddressSet private _merchants;
    mapping(address merchant => MerchantStatus) private _merchantStatus;
    mapping(address merchant => string) private _merchantNote;

    EnumerableSet.Bytes32Set private _originHashes;
    mapping(bytes32 originHash => OriginEntry) private _origins;

    EnumerableSet.Bytes32Set private _domainHashes;
    mapping(bytes32 domainHash => DomainEntry) private _domains;

    /**
     * @dev Sets the owner (the timelock) and the initial thresholds. Version starts at 1.
     * Emits a {ThresholdsChanged} and an {UnlimitedApprovalsChanged} event for version 1.
     */
    constructor(address timelock, uint8 warnAt_, uint8 blockAt_, bool unlimitedApprovalsAllowed_) initializer {
        _initialize(timelock, warnAt_, blockAt_, unlimitedApprovalsAllowed_);
    }

    /**
     * @dev Initialises a clone exactly as the constructor initialises a new policy. Reverts with
     * {Initializable-InvalidInitialization} if the policy was already initialised.
     */
    function initialize(address timelock, uint8 warnAt_, uint8 blockAt_, bool unlimitedApprovalsAllowed_)
        external
        initializer
    {
        _initialize(timelock, warnAt_, blockAt_, unlimitedApprovalsAllowed_);
    }

    // ---------------------------------------------------------------- governance (timelock only)

    /**
     * @dev Sets the score thresholds: a payment scoring `warnAt` or more needs an acknowledgement,
     * one scoring `blockAt` or more cannot be signed. Only the owner (the timelock).
     * Emits a {ThresholdsChanged} event.
     */
    function setThresholds(uint8 warnAt_, uint8 blockAt_) external onlyOwner {
        _checkThresholds(warnAt_, blockAt_);
        _warnAt = warnAt_;
        _blockAt = blockAt_;
        uint64 newVersion = _bumpVersion();
        emit ThresholdsChanged(warnAt_, blockAt_, newVersion);
    }

    /**
     * @dev Sets the limits for `token` (`address(0)` for the native coin). A zero field means "no limit".
     * Only the owner (the timelock). Emits a {TokenLimitsChanged} event.
     */
    function setTokenLimits(address token, uint256 maxSinglePayment, uint256 dailyCap, uint256 maxFirstPayment)
        external
        onlyOwner
    {
        _limitedTokens.add(token);
        _tokenLimits[token] = TokenLimits(token, maxSinglePayment, dailyCap, maxFirstPayment);
        uint64 newVersion = _bumpVersion();
        emit TokenLimitsChanged(token, maxSinglePayment, dailyCap, maxFirstPayment, newVersion);
    }

    /**
     * @dev Removes every limit for `token`. Only the owner (the timelock).
     * Emits a {TokenLimitsRemoved} event.
     */
    function removeTokenLimits(address token) external onlyOwner {
        if (!_limitedTokens.remove(token)) revert PaymentPolicyTokenNotLimited(token);
        delete _tokenLimits[token];
        uint64 newVersion = _bumpVersion();
        emit TokenLimitsRemoved(token, newVersion);
    }

    /**
     * @dev Allows or forbids unlimited ERC-20 approvals. Only the owner (the timelock).
     * Emits an {UnlimitedApprovalsChanged} event.
     */
    function setUnlimitedApprovalsAllowed(bool allowed) external onlyOwner {
        _unlimitedApprovalsAllowed = allowed;
        uint64 newVersion = _bumpVersion();
        emit UnlimitedApprovalsChanged(allowed, newVersion);
    }

    /**
     * @dev Sets a merchant address's status and note; `Unknown` removes it from the list.
     * Only the owner (the timelock). Emits a {MerchantStatusChanged} event.
     */
    function setMerchantStatus(address merchant, MerchantStatus status, string calldata note) external onlyOwner {
        if (merchant == address(0)) revert PaymentPolicyInvalidMerchant(merchant);
        _checkNote(note);
        if (status == MerchantStatus.Unknown) {
            _merchants.remove(merchant);
            delete _merchantStatus[merchant];
            delete _merchantNote[merchant];
        } else {
            _merchants.add(merchant);
            _merchantStatus[merchant] = status;
            _merchantNote[merchant] = note;
        }
        uint64 newVersion = _bumpVersion();
        emit MerchantStatusChanged(merchant, status, status == MerchantStatus.Unknown ? "" : note, newVersion);
    }

    /**
     * @dev Sets a site origin's status and note; `Unknown` removes it from the list. The origin is
     * normalised with {normaliseOrigin}, which reverts with {PaymentPolicyInvalidOrigin} on a form no
     * browser reports.
     * Only the owner (the timelock). Emits an {OriginStatusChanged} event with the normalised origin.
     */
    function setOriginStatus(string calldata origin, MerchantStatus status, string calldata note) external onlyOwner {
        _checkNote(note);
        string memory normalised = normaliseOrigin(origin);
        bytes32 key = keccak256(bytes(normalised));
        if (status == MerchantStatus.Unknown) {
            _originHashes.remove(key);
            delete _origins[key];
        } else {
            _originHashes.add(key);
            _origins[key] = OriginEntry(normalised, status, note);
        }
        uint64 newVersion = _bumpVersion();
        emit OriginStatusChanged(key, normalised, status, status == MerchantStatus.Unknown ? "" : note, newVersion);
    }

    /**
     * @dev Sets the status and note of a domain rule, which covers `domain` and every subdomain of it;
     * `Unknown` removes it from the list. The domain is normalised with {normaliseDomain}, which reverts
     * with {PaymentPolicyInvalidDomain} unless it is a host name of at least two labels.
     * Only the owner (the timelock). Emits a {DomainStatusChanged} event with the normalised domain.
     */
    function setDomainStatus(string calldata domain, MerchantStatus status, string calldata note) external onlyOwner {
        _checkNote(note);
        string memory normalised = normaliseDomain(domain);
        bytes32 key = keccak256(bytes(normalised));
        if (status == MerchantStatus.Unknown) {
            _domainHashes.remove(key);
            delete _domains[key];
        } else {
            _domainHashes.add(key);
            _domains[key] = DomainEntry(normalised, status, note);
        }
        uint64 newVersion = _bumpVersion();
        emit DomainStatusChanged(key, normalised, status, status == MerchantStatus.Unknown ? "" : note, newVersion);
    }

    /**
     * @dev Always reverts with {PaymentPolicyRenounceOwnershipDisabled}: without an owner no rule could
     * ever change again, not even by vote. Ownership moves only with {transferOwnership}, by vote.
     */
    function renounceOwnership() public view override onlyOwner {
        revert PaymentPolicyRenounceOwnershipDisabled();
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IPaymentPolicy
    function version() external view returns (uint64) {
        return _version;
    }

    /// @dev The score at or above which a wallet asks for an explicit acknowledgement.
    function warnAt() external view returns (uint8) {
        return _warnAt;
    }

    /// @dev The score at or above which a wallet refuses to sign.
    function blockAt() external view returns (uint8) {
        return _blockAt;
    }

    /// @dev Whether the community allows unlimited ERC-20 approvals.
    function unlimitedApprovalsAllowed() external view returns (bool) {
        return _unlimitedApprovalsAllowed;
    }

    /// @inheritdoc IPaymentPolicy
    function snapshot() external view returns (PolicySnapshot memory result) {
        uint256 count = _limitedTokens.length();
        TokenLimits[] memory limits = new TokenLimits[](count);
        for (uint256 i = 0; i < count; ++i) {
            limits[i] = _tokenLimits[_limitedTokens.at(i)];
        }
        result = PolicySnapshot(_version, _warnAt, _blockAt, _unlimitedApprovalsAllowed, limits);
    }

    /// @inheritdoc IPaymentPolicy
    function tokenLimits(address token) external view returns (TokenLimits memory limits) {
        limits = _tokenLimits[token];
        limits.token = token;
    }

    /// @inheritdoc IPaymentPolicy
    function merchantStatus(address merchant) external view returns (MerchantStatus, string memory) {
        return (_merchantStatus[merchant], _merchantNote[merchant]);
    }

    /// @inheritdoc IPaymentPolicy
    /// @dev An origin that cannot be normalised is not listed: it reads as `Unknown`.
    function originStatus(string calldata origin) external view returns (MerchantStatus, string memory) {
        (bool ok, string memory normalised) = SiteNames.tryNormaliseOrigin(bytes(origin));
        if (!ok) return (MerchantStatus.Unknown, "");
        OriginEntry storage entry = _origins[keccak256(bytes(normalised))];
        return (entry.status, entry.note);
    }

    /// @inheritdoc IPaymentPolicy
    /// @dev A domain that cannot be normalised is not listed: it reads as `Unknown`.
    function domainStatus(string calldata domain) external view returns (MerchantStatus, string memory) {
        (bool ok, string memory normalised) = SiteNames.tryNormaliseDomain(bytes(domain));
        if (!ok) return (MerchantStatus.Unknown, "");
        DomainEntry storage entry = _domains[keccak256(bytes(normalised))];
        return (entry.status, entry.note);
    }

    /// @inheritdoc IPaymentPolicy
    /// @dev Reverts with {PaymentPolicyInvalidOrigin} if `origin` cannot be normalised. Checks the exact
    /// origin, then the host and each parent domain of at least two labels (`a.b.scam.example`,
    /// `b.scam.example`, `scam.example`). The first block found wins; otherwise the first trust found.
    function siteStatus(string calldata origin)
        external
        view
        returns (MerchantStatus status, string memory note, string memory rule)
    {
        string memory normalised = normaliseOrigin(origin);
        OriginEntry storage exact = _origins[keccak256(bytes(normalised))];
        if (exact.status == MerchantStatus.Blocked) return (exact.status, exact.note, normalised);
        if (exact.status == MerchantStatus.Trusted) (status, note, rule) = (exact.status, exact.note, normalised);

        bytes32[] memory domainKeys = SiteNames.coveringDomainKeys(normalised);
        for (uint256 i = 0; i < domainKeys.length; ++i) {
            DomainEntry storage entry = _domains[domainKeys[i]];
            if (entry.status == MerchantStatus.Blocked) return (entry.status, entry.note, entry.domain);
            if (entry.status == MerchantStatus.Trusted && status == MerchantStatus.Unknown) {
                (status, note, rule) = (entry.status, entry.note, entry.domain);
            }
        }
    }

    /// @inheritdoc IPaymentPolicy
    function merchants(uint256 offset, uint256 limit) external view returns (MerchantEntry[] memory page, uint256 total) {
        total = _merchants.length();
        uint256 size = _pageSize(total, offset, limit);
        page = new MerchantEntry[](size);
        for (uint256 i = 0; i < size; ++i) {
            address merchant = _merchants.at(offset + i);
            page[i] = MerchantEntry(merchant, _merchantStatus[merchant], _merchantNote[merchant]);
        }
    }

    /// @inheritdoc IPaymentPolicy
    function origins(uint256 offset, uint256 limit) external view returns (OriginEntry[] memory page, uint256 total) {
        total = _originHashes.length();
        uint256 size = _pageSize(total, offset, limit);
        page = new OriginEntry[](size);
        for (uint256 i = 0; i < size; ++i) {
            page[i] = _origins[_originHashes.at(offset + i)];
        }
    }

    /// @inheritdoc IPaymentPolicy
    function domains(uint256 offset, uint256 limit) external view returns (DomainEntry[] memory page, uint256 total) {
        total = _domainHashes.length();
        uint256 size = _pageSize(total, offset, limit);
        page = new DomainEntry[](size);
        for (uint256 i = 0; i < size; ++i) {
            page[i] = _domains[_domainHashes.at(offset + i)];
        }
    }

    /// @inheritdoc IPaymentPolicy
    /// @dev Rules in order: blocked recipient ({PaymentPolicyRecipientBlocked}), max single payment
    /// ({PaymentPolicyAmountAboveMax}).
    function checkPayment(address token, address recipient, uint256 amount) external view {
        if (_merchantStatus[recipient] == MerchantStatus.Blocked) revert PaymentPolicyRecipientBlocked(recipient);
        _checkMaxSingle(token, recipient, amount);
    }

    /// @inheritdoc IPaymentPolicy
    /// @dev Rules in order: blocked recipient, max single payment, first-payment cap (only when
    /// `firstPayment`), daily cap. Each refusal names the rule, the limit and the excess.
    function checkTreasurerPayment(
        address token,
        address recipient,
        uint256 amount,
        bool firstPayment,
        uint256 spentInWindow
    ) external view {
        _checkRecipient(token, recipient, amount, firstPayment);
        _checkDaily(token, spentInWindow, amount);
    }

    /// @inheritdoc IPaymentPolicy
    function checkRecipientPayment(address token, address recipient, uint256 amount, bool firstPayment)
        external
        view
    {
        _checkRecipient(token, recipient, amount, firstPayment);
    }

    /// @inheritdoc IPaymentPolicy
    function checkDailyCap(address token, uint256 spentInWindow, uint256 amount) external view {
        _checkDaily(token, spentInWindow, amount);
    }

    /**
     * @dev Returns `origin` exactly as a browser reports it (`window.location.origin`): lower-case scheme
     * and host, no default port, no leading zeros in the port, no trailing dot on the host, and no path
     * (one trailing `/` is dropped). Reverts with {PaymentPolicyInvalidOrigin} on anything else: a path,
     * query or fragment, user info, an empty host or label, a port that is not 0–65535, or a character
     * an origin cannot hold (letters outside ASCII must be given in their `xn--` form).
     */
    function normaliseOrigin(string calldata origin) public pure returns (string memory) {
        (bool ok, string memory normalised) = SiteNames.tryNormaliseOrigin(bytes(origin));
        if (!ok) revert PaymentPolicyInvalidOrigin(origin);
        return normalised;
    }

    /**
     * @dev Returns `domain` in the form it is stored: lower-case, no trailing dot. Reverts with
     * {PaymentPolicyInvalidDomain} unless it is a host name of at least two labels, each of letters,
     * digits, `-` and `_`, with a top-level label that is not all digits (an IP address has no
     * subdomains). A scheme, port or path is refused: a domain rule is for a name, not a site.
     */
    function normaliseDomain(string calldata domain) public pure returns (string memory) {
        (bool ok, string memory normalised) = SiteNames.tryNormaliseDomain(bytes(domain));
        if (!ok) revert PaymentPolicyInvalidDomain(domain);
        return normalised;
    }

    // ---------------------------------------------------------------- private helpers

    /// @dev The one initialisation, shared by the constructor and {initialize}.
    function _initialize(address timelock, uint8 warnAt_, uint8 blockAt_, bool unlimitedApprovalsAllowed_) private {
        __Ownable_init(timelock);
        _checkThresholds(warnAt_, blockAt_);
        _version = 1;
        _warnAt = warnAt_;
        _blockAt = blockAt_;
        _unlimitedApprovalsAllowed = unlimitedApprovalsAllowed_;
        emit ThresholdsChanged(warnAt_, blockAt_, 1);
        emit UnlimitedApprovalsChanged(unlimitedApprovalsAllowed_, 1);
    }

    /// @dev Every change goes through here, so the version grows by exactly one per change.
    function _bumpVersion() private returns (uint64 newVersion) {
        newVersion = ++_version;
    }

    /// @dev Reverts with {PaymentPolicyInvalidThresholds} unless `warnAt_ < blockAt_ <= 100`.
    function _checkThresholds(uint8 warnAt_, uint8 blockAt_) private pure {
        if (warnAt_ >= blockAt_ || blockAt_ > 100) revert PaymentPolicyInvalidThresholds(warnAt_, blockAt_);
    }

    /// @dev Reverts with {PaymentPolicyNoteTooLong} above {MAX_NOTE_LENGTH} bytes.
    function _checkNote(string calldata note) private pure {
        if (bytes(note).length > MAX_NOTE_LENGTH) revert PaymentPolicyNoteTooLong(bytes(note).length, MAX_NOTE_LENGTH);
    }

    /// @dev Blocked recipient, max single payment, and the first-payment cap when `firstPayment`.
    function _checkRecipient(address token, address recipient, uint256 amount, bool firstPayment) private view {
        if (_merchantStatus[recipient] == MerchantStatus.Blocked) revert PaymentPolicyRecipientBlocked(recipient);
        _checkMaxSingle(token, recipient, amount);
        if (firstPayment) {
            uint256 maxFirst = _tokenLimits[token].maxFirstPayment;
            if (maxFirst != 0 && amount > maxFirst) {
                revert PaymentPolicyFirstPaymentAboveMax(token, recipient, amount, maxFirst, amount - maxFirst);
            }
        }
    }

    /// @dev Reverts with {PaymentPolicyAmountAboveMax} above the token's max single payment.
    function _checkMaxSingle(address token, address recipient, uint256 amount) private view {
        uint256 max = _tokenLimits[token].maxSinglePayment;
        if (max != 0 && amount > max) revert PaymentPolicyAmountAboveMax(token, recipient, amount, max, amount - max);
    }

    /// @dev Reverts with {PaymentPolicyDailyCapExceeded} if `spentInWindow + amount` is above the daily cap.
    function _checkDaily(address token, uint256 spentInWindow, uint256 amount) private view {
        uint256 cap = _tokenLimits[token].dailyCap;
        if (cap == 0) return;
        // Saturating: a window and an amount that overflow together are over any cap.
        uint256 total;
        unchecked {
            total = spentInWindow + amount;
            if (total < amount) total = type(uint256).max;
        }
        if (total > cap) revert PaymentPolicyDailyCapExceeded(token, spentInWindow, amount, cap, total - cap);
    }

    /// @dev How many entries a page starting at `offset` holds, at most `limit`.
    function _pageSize(uint256 total, uint256 offset, uint256 limit) private pure returns (uint256) {
        if (offset >= total) return 0;
        uint256 remaining = total - offset;
        return remaining < limit ? remaining : limit;
    }
}
