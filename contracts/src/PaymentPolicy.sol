// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IPaymentPolicy} from "./interfaces/IPaymentPolicy.sol";

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
 * refused with {PaymentPolicyInvalidOrigin}, so a stored origin can always match a real site.
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
 * ==== Security Considerations
 *
 * The owner is the governance timelock: every rule changes only through an executed proposal. A
 * wallet that reads this contract trusts the community's vote, not any single key. Ownership cannot be
 * renounced ({renounceOwnership} always reverts): a policy without an owner could never change again.
 *
 * A domain rule needs at least two labels, but the contract does not know the public suffix list: a
 * proposal for `co.uk` would be accepted and would cover every site under it. The dApp's templates warn
 * about this; voters should read domain proposals with care.
 */
contract PaymentPolicy is IPaymentPolicy, Ownable {
    /// @dev Longest note accepted for a merchant or an origin, in bytes.
    uint256 public constant MAX_NOTE_LENGTH = 280;

    uint64 private _version;
    uint8 private _warnAt;
    uint8 private _blockAt;
    bool private _unlimitedApprovalsAllowed;

    address[] private _limitedTokens;
    mapping(address token => uint256 indexPlusOne) private _limitedTokenIndex;
    mapping(address token => TokenLimits) private _tokenLimits;

    address[] private _merchants;
    mapping(address merchant => uint256 indexPlusOne) private _merchantIndex;
    mapping(address merchant => MerchantStatus) private _merchantStatus;
    mapping(address merchant => string) private _merchantNote;

    bytes32[] private _originHashes;
    mapping(bytes32 originHash => uint256 indexPlusOne) private _originIndex;
    mapping(bytes32 originHash => OriginEntry) private _origins;

    bytes32[] private _domainHashes;
    mapping(bytes32 domainHash => uint256 indexPlusOne) private _domainIndex;
    mapping(bytes32 domainHash => DomainEntry) private _domains;

    /**
     * @dev Sets the owner (the timelock) and the initial thresholds. Version starts at 1.
     * Emits a {ThresholdsChanged} and an {UnlimitedApprovalsChanged} event for version 1.
     */
    constructor(address timelock, uint8 warnAt_, uint8 blockAt_, bool unlimitedApprovalsAllowed_) Ownable(timelock) {
        _checkThresholds(warnAt_, blockAt_);
        _version = 1;
        _warnAt = warnAt_;
        _blockAt = blockAt_;
        _unlimitedApprovalsAllowed = unlimitedApprovalsAllowed_;
        emit ThresholdsChanged(warnAt_, blockAt_, 1);
        emit UnlimitedApprovalsChanged(unlimitedApprovalsAllowed_, 1);
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
        emit ThresholdsChanged(warnAt_, blockAt_, _bumpVersion());
    }

    /**
     * @dev Sets the limits for `token` (`address(0)` for the native coin). A zero field means "no limit".
     * Only the owner (the timelock). Emits a {TokenLimitsChanged} event.
     */
    function setTokenLimits(address token, uint256 maxSinglePayment, uint256 dailyCap, uint256 maxFirstPayment)
        external
        onlyOwner
    {
        if (_limitedTokenIndex[token] == 0) {
            _limitedTokens.push(token);
            _limitedTokenIndex[token] = _limitedTokens.length;
        }
        _tokenLimits[token] = TokenLimits(token, maxSinglePayment, dailyCap, maxFirstPayment);
        emit TokenLimitsChanged(token, maxSinglePayment, dailyCap, maxFirstPayment, _bumpVersion());
    }

    /**
     * @dev Removes every limit for `token`. Only the owner (the timelock).
     * Emits a {TokenLimitsRemoved} event.
     */
    function removeTokenLimits(address token) external onlyOwner {
        uint256 indexPlusOne = _limitedTokenIndex[token];
        if (indexPlusOne == 0) revert PaymentPolicyTokenNotLimited(token);
        address last = _limitedTokens[_limitedTokens.length - 1];
        _limitedTokens[indexPlusOne - 1] = last;
        _limitedTokenIndex[last] = indexPlusOne;
        _limitedTokens.pop();
        delete _limitedTokenIndex[token];
        delete _tokenLimits[token];
        emit TokenLimitsRemoved(token, _bumpVersion());
    }

    /**
     * @dev Allows or forbids unlimited ERC-20 approvals. Only the owner (the timelock).
     * Emits an {UnlimitedApprovalsChanged} event.
     */
    function setUnlimitedApprovalsAllowed(bool allowed) external onlyOwner {
        _unlimitedApprovalsAllowed = allowed;
        emit UnlimitedApprovalsChanged(allowed, _bumpVersion());
    }

    /**
     * @dev Sets a merchant address's status and note; `Unknown` removes it from the list.
     * Only the owner (the timelock). Emits a {MerchantStatusChanged} event.
     */
    function setMerchantStatus(address merchant, MerchantStatus status, string calldata note) external onlyOwner {
        if (merchant == address(0)) revert PaymentPolicyInvalidMerchant(merchant);
        _checkNote(note);
        uint256 indexPlusOne = _merchantIndex[merchant];
        if (status == MerchantStatus.Unknown) {
            if (indexPlusOne != 0) {
                address last = _merchants[_merchants.length - 1];
                _merchants[indexPlusOne - 1] = last;
                _merchantIndex[last] = indexPlusOne;
                _merchants.pop();
                delete _merchantIndex[merchant];
            }
            delete _merchantStatus[merchant];
            delete _merchantNote[merchant];
        } else {
            if (indexPlusOne == 0) {
                _merchants.push(merchant);
                _merchantIndex[merchant] = _merchants.length;
            }
            _merchantStatus[merchant] = status;
            _merchantNote[merchant] = note;
        }
        emit MerchantStatusChanged(merchant, status, status == MerchantStatus.Unknown ? "" : note, _bumpVersion());
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
        uint256 indexPlusOne = _originIndex[key];
        if (status == MerchantStatus.Unknown) {
            if (indexPlusOne != 0) {
                bytes32 last = _originHashes[_originHashes.length - 1];
                _originHashes[indexPlusOne - 1] = last;
                _originIndex[last] = indexPlusOne;
                _originHashes.pop();
                delete _originIndex[key];
            }
            delete _origins[key];
        } else {
            if (indexPlusOne == 0) {
                _originHashes.push(key);
                _originIndex[key] = _originHashes.length;
            }
            _origins[key] = OriginEntry(normalised, status, note);
        }
        emit OriginStatusChanged(
            key, normalised, status, status == MerchantStatus.Unknown ? "" : note, _bumpVersion()
        );
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
        uint256 indexPlusOne = _domainIndex[key];
        if (status == MerchantStatus.Unknown) {
            if (indexPlusOne != 0) {
                bytes32 last = _domainHashes[_domainHashes.length - 1];
                _domainHashes[indexPlusOne - 1] = last;
                _domainIndex[last] = indexPlusOne;
                _domainHashes.pop();
                delete _domainIndex[key];
            }
            delete _domains[key];
        } else {
            if (indexPlusOne == 0) {
                _domainHashes.push(key);
                _domainIndex[key] = _domainHashes.length;
            }
            _domains[key] = DomainEntry(normalised, status, note);
        }
        emit DomainStatusChanged(
            key, normalised, status, status == MerchantStatus.Unknown ? "" : note, _bumpVersion()
        );
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
        uint256 count = _limitedTokens.length;
        TokenLimits[] memory limits = new TokenLimits[](count);
        for (uint256 i = 0; i < count; ++i) {
            limits[i] = _tokenLimits[_limitedTokens[i]];
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
        (bool ok, string memory normalised) = _tryNormaliseOrigin(bytes(origin));
        if (!ok) return (MerchantStatus.Unknown, "");
        OriginEntry storage entry = _origins[keccak256(bytes(normalised))];
        return (entry.status, entry.note);
    }

    /// @inheritdoc IPaymentPolicy
    /// @dev A domain that cannot be normalised is not listed: it reads as `Unknown`.
    function domainStatus(string calldata domain) external view returns (MerchantStatus, string memory) {
        (bool ok, string memory normalised) = _tryNormaliseDomain(bytes(domain));
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

        bytes memory host = _hostOf(bytes(normalised));
        // An IP address has no parent domains (and domain rules never hold one).
        if (host.length == 0 || host[0] == "[" || _isNumericLabel(host, _lastLabelStart(host), host.length)) {
            return (status, note, rule);
        }
        uint256 start = 0;
        while (true) {
            bytes memory suffix = _slice(host, start, host.length);
            if (_countLabels(suffix) < 2) break;
            DomainEntry storage entry = _domains[keccak256(suffix)];
            if (entry.status == MerchantStatus.Blocked) return (entry.status, entry.note, entry.domain);
            if (entry.status == MerchantStatus.Trusted && status == MerchantStatus.Unknown) {
                (status, note, rule) = (entry.status, entry.note, entry.domain);
            }
            uint256 dot = _indexOf(host, ".", start);
            if (dot == type(uint256).max) break;
            start = dot + 1;
        }
    }

    /// @inheritdoc IPaymentPolicy
    function merchants(uint256 offset, uint256 limit) external view returns (MerchantEntry[] memory page, uint256 total) {
        total = _merchants.length;
        uint256 size = _pageSize(total, offset, limit);
        page = new MerchantEntry[](size);
        for (uint256 i = 0; i < size; ++i) {
            address merchant = _merchants[offset + i];
            page[i] = MerchantEntry(merchant, _merchantStatus[merchant], _merchantNote[merchant]);
        }
    }

    /// @inheritdoc IPaymentPolicy
    function origins(uint256 offset, uint256 limit) external view returns (OriginEntry[] memory page, uint256 total) {
        total = _originHashes.length;
        uint256 size = _pageSize(total, offset, limit);
        page = new OriginEntry[](size);
        for (uint256 i = 0; i < size; ++i) {
            page[i] = _origins[_originHashes[offset + i]];
        }
    }

    /// @inheritdoc IPaymentPolicy
    function domains(uint256 offset, uint256 limit) external view returns (DomainEntry[] memory page, uint256 total) {
        total = _domainHashes.length;
        uint256 size = _pageSize(total, offset, limit);
        page = new DomainEntry[](size);
        for (uint256 i = 0; i < size; ++i) {
            page[i] = _domains[_domainHashes[offset + i]];
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
        (bool ok, string memory normalised) = _tryNormaliseOrigin(bytes(origin));
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
        (bool ok, string memory normalised) = _tryNormaliseDomain(bytes(domain));
        if (!ok) revert PaymentPolicyInvalidDomain(domain);
        return normalised;
    }

    // ---------------------------------------------------------------- private helpers

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

    /// @dev The normalised origin, or `ok == false` if `value` cannot be brought to a browser's form.
    function _tryNormaliseOrigin(bytes memory value) private pure returns (bool ok, string memory normalised) {
        uint256 length = value.length;
        // 253 bytes of host plus a scheme and a port is the longest sensible origin.
        if (length < 4 || length > 300) return (false, "");
        uint256 separator = _indexOf(value, ":", 0);
        if (separator == 0 || separator == type(uint256).max || separator + 3 > length) return (false, "");
        if (value[separator + 1] != "/" || value[separator + 2] != "/") return (false, "");
        bytes memory scheme = _lower(_slice(value, 0, separator));
        for (uint256 i = 0; i < scheme.length; ++i) {
            bytes1 c = scheme[i];
            bool valid = _isLetter(c) || (i > 0 && (_isDigit(c) || c == "+" || c == "-" || c == "."));
            if (!valid) return (false, "");
        }
        uint256 end = length;
        if (value[end - 1] == "/") end -= 1;
        if (end <= separator + 3) return (false, "");
        bytes memory authority = _lower(_slice(value, separator + 3, end));
        if (authority.length == 0) return (false, "");

        // Split host and port. An IPv6 host is bracketed and holds colons itself.
        bytes memory host;
        uint256 portStart;
        if (authority[0] == "[") {
            uint256 close = _indexOf(authority, "]", 0);
            if (close == type(uint256).max || close < 3) return (false, "");
            for (uint256 i = 1; i < close; ++i) {
                bytes1 c = authority[i];
                if (!(_isDigit(c) || (c >= "a" && c <= "f") || c == ":" || c == ".")) return (false, "");
            }
            host = _slice(authority, 0, close + 1);
            if (close + 1 < authority.length && authority[close + 1] != ":") return (false, "");
            portStart = close + 1;
        } else {
            uint256 colon = _indexOf(authority, ":", 0);
            portStart = colon == type(uint256).max ? authority.length : colon;
            host = _slice(authority, 0, portStart);
            // A browser reports "shop.example." as typed; the rule is stored without the dot so that
            // both spellings of the same host meet the same rule (the wallet strips it too).
            if (host.length > 1 && host[host.length - 1] == ".") host = _slice(host, 0, host.length - 1);
            if (!_isHostName(host)) return (false, "");
        }

        bytes memory port = "";
        if (portStart < authority.length) {
            // ":" followed by nothing is no port at all, as in a browser.
            (bool portOk, uint256 portValue, bool present) = _parsePort(authority, portStart + 1);
            if (!portOk) return (false, "");
            if (present && portValue != _defaultPort(scheme)) port = bytes(string.concat(":", _toDecimal(portValue)));
        }
        return (true, string(bytes.concat(scheme, "://", host, port)));
    }

    /// @dev The normalised domain, or `ok == false` if `value` is not a host name of two labels or more.
    function _tryNormaliseDomain(bytes memory value) private pure returns (bool ok, string memory normalised) {
        if (value.length == 0 || value.length > 254) return (false, "");
        bytes memory host = _lower(value);
        if (host[host.length - 1] == ".") host = _slice(host, 0, host.length - 1);
        if (!_isHostName(host) || _countLabels(host) < 2) return (false, "");
        if (_isNumericLabel(host, _lastLabelStart(host), host.length)) return (false, "");
        return (true, string(host));
    }

    /// @dev Labels of letters, digits, `-` and `_`, none empty, at most 253 bytes in all.
    function _isHostName(bytes memory host) private pure returns (bool) {
        uint256 length = host.length;
        if (length == 0 || length > 253) return false;
        bool labelEmpty = true;
        for (uint256 i = 0; i < length; ++i) {
            bytes1 c = host[i];
            if (c == ".") {
                if (labelEmpty) return false;
                labelEmpty = true;
            } else if (_isLetter(c) || _isDigit(c) || c == "-" || c == "_") {
                labelEmpty = false;
            } else {
                return false;
            }
        }
        return !labelEmpty;
    }

    /// @dev Parses the digits from `start` to the end as a port (leading zeros allowed, as browsers do).
    function _parsePort(bytes memory authority, uint256 start)
        private
        pure
        returns (bool ok, uint256 value, bool present)
    {
        uint256 length = authority.length;
        if (start >= length) return (true, 0, false);
        if (length - start > 10) return (false, 0, false);
        for (uint256 i = start; i < length; ++i) {
            bytes1 c = authority[i];
            if (!_isDigit(c)) return (false, 0, false);
            value = value * 10 + (uint8(c) - 48);
        }
        if (value > 65535) return (false, 0, false);
        return (true, value, true);
    }

    /// @dev The port a browser leaves out of the origin for `scheme`, or a value no port can have.
    function _defaultPort(bytes memory scheme) private pure returns (uint256) {
        bytes32 key = keccak256(scheme);
        if (key == keccak256("http") || key == keccak256("ws")) return 80;
        if (key == keccak256("https") || key == keccak256("wss")) return 443;
        if (key == keccak256("ftp")) return 21;
        return type(uint256).max;
    }

    /// @dev The host part of a normalised origin.
    function _hostOf(bytes memory origin) private pure returns (bytes memory) {
        uint256 start = _indexOf(origin, ":", 0) + 3;
        if (origin[start] == "[") return _slice(origin, start, _indexOf(origin, "]", start) + 1);
        uint256 colon = _indexOf(origin, ":", start);
        return _slice(origin, start, colon == type(uint256).max ? origin.length : colon);
    }

    function _countLabels(bytes memory host) private pure returns (uint256 count) {
        count = 1;
        for (uint256 i = 0; i < host.length; ++i) {
            if (host[i] == ".") ++count;
        }
    }

    function _lastLabelStart(bytes memory host) private pure returns (uint256 start) {
        for (uint256 i = 0; i < host.length; ++i) {
            if (host[i] == ".") start = i + 1;
        }
    }

    function _isNumericLabel(bytes memory host, uint256 start, uint256 end) private pure returns (bool) {
        if (start >= end) return false;
        for (uint256 i = start; i < end; ++i) {
            if (!_isDigit(host[i])) return false;
        }
        return true;
    }

    /// @dev The first index of `needle` at or after `from`, or `type(uint256).max`.
    function _indexOf(bytes memory value, bytes1 needle, uint256 from) private pure returns (uint256) {
        for (uint256 i = from; i < value.length; ++i) {
            if (value[i] == needle) return i;
        }
        return type(uint256).max;
    }

    function _slice(bytes memory value, uint256 start, uint256 end) private pure returns (bytes memory out) {
        out = new bytes(end - start);
        for (uint256 i = start; i < end; ++i) {
            out[i - start] = value[i];
        }
    }

    /// @dev Lower-cases ASCII letters; other bytes are kept and judged by the caller.
    function _lower(bytes memory value) private pure returns (bytes memory out) {
        out = new bytes(value.length);
        for (uint256 i = 0; i < value.length; ++i) {
            bytes1 c = value[i];
            out[i] = (c >= "A" && c <= "Z") ? bytes1(uint8(c) + 32) : c;
        }
    }

    function _isLetter(bytes1 c) private pure returns (bool) {
        return c >= "a" && c <= "z";
    }

    function _isDigit(bytes1 c) private pure returns (bool) {
        return c >= "0" && c <= "9";
    }

    function _toDecimal(uint256 value) private pure returns (string memory) {
        if (value == 0) return "0";
        bytes memory digits = new bytes(5);
        uint256 length = 0;
        while (value != 0) {
            digits[4 - length] = bytes1(uint8(48 + (value % 10)));
            value /= 10;
            ++length;
        }
        return string(_slice(digits, 5 - length, 5));
    }

    /// @dev How many entries a page starting at `offset` holds, at most `limit`.
    function _pageSize(uint256 total, uint256 offset, uint256 limit) private pure returns (uint256) {
        if (offset >= total) return 0;
        uint256 remaining = total - offset;
        return remaining < limit ? remaining : limit;
    }
}
