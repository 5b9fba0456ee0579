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
 * Origins are stored normalised: lower-case, `scheme://host[:port]`, no path, so a wallet finds one
 * with the exact value of `window.location.origin`.
 *
 * ==== Security Considerations
 *
 * The owner is the governance timelock: every rule changes only through an executed proposal. A
 * wallet that reads this contract trusts the community's vote, not any single key.
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
     * normalised (lower-cased, a trailing `/` dropped) and must be `scheme://host[:port]`.
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
    function originStatus(string calldata origin) external view returns (MerchantStatus, string memory) {
        OriginEntry storage entry = _origins[keccak256(bytes(_lowerCaseOrigin(origin)))];
        return (entry.status, entry.note);
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
    function checkPayment(address token, address recipient, uint256 amount) external view {
        if (_merchantStatus[recipient] == MerchantStatus.Blocked) revert PaymentPolicyRecipientBlocked(recipient);
        uint256 max = _tokenLimits[token].maxSinglePayment;
        if (max != 0 && amount > max) revert PaymentPolicyAmountAboveMax(token, amount, max);
    }

    /**
     * @dev Returns `origin` in the form it is stored: lower-case, without a trailing `/`. Reverts with
     * {PaymentPolicyInvalidOrigin} unless it is `scheme://host[:port]`.
     */
    function normaliseOrigin(string calldata origin) public pure returns (string memory) {
        bytes memory value = bytes(_lowerCaseOrigin(origin));
        uint256 length = value.length;
        // "a://b" is the shortest origin; 253 bytes of host plus scheme and port is the longest sensible one.
        if (length < 5 || length > 300) revert PaymentPolicyInvalidOrigin(origin);
        uint256 separator = 0;
        for (uint256 i = 0; i + 2 < length; ++i) {
            if (value[i] == ":" && value[i + 1] == "/" && value[i + 2] == "/") {
                separator = i;
                break;
            }
        }
        if (separator == 0 || separator + 3 >= length) revert PaymentPolicyInvalidOrigin(origin);
        for (uint256 i = 0; i < separator; ++i) {
            bytes1 c = value[i];
            bool ok = (c >= "a" && c <= "z") || (i > 0 && ((c >= "0" && c <= "9") || c == "+" || c == "-" || c == "."));
            if (!ok) revert PaymentPolicyInvalidOrigin(origin);
        }
        for (uint256 i = separator + 3; i < length; ++i) {
            bytes1 c = value[i];
            bool ok = (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "-" || c == "." || c == ":" || c == "["
                || c == "]" || c == "_";
            if (!ok) revert PaymentPolicyInvalidOrigin(origin);
        }
        return string(value);
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

    /// @dev Lower-cases ASCII letters and drops one trailing `/`; anything else is checked by {normaliseOrigin}.
    function _lowerCaseOrigin(string calldata origin) private pure returns (string memory) {
        bytes memory value = bytes(origin);
        uint256 length = value.length;
        if (length > 0 && value[length - 1] == "/") length -= 1;
        bytes memory lowered = new bytes(length);
        for (uint256 i = 0; i < length; ++i) {
            bytes1 c = value[i];
            lowered[i] = (c >= "A" && c <= "Z") ? bytes1(uint8(c) + 32) : c;
        }
        return string(lowered);
    }

    /// @dev How many entries a page starting at `offset` holds, at most `limit`.
    function _pageSize(uint256 total, uint256 offset, uint256 limit) private pure returns (uint256) {
        if (offset >= total) return 0;
        uint256 remaining = total - offset;
        return remaining < limit ? remaining : limit;
    }
}
