// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Bytes} from "@openzeppelin/contracts/utils/Bytes.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

/**
 * @dev The normal forms of the site names a {PaymentPolicy} holds rules for, so that a rule always
 * matches the name a browser reports.
 *
 * An origin is brought to exactly what a browser reports as `window.location.origin`: lower-case scheme
 * and host, no default port (`:80` for http and ws, `:443` for https and wss, `:21` for ftp), no leading
 * zeros in the port, no trailing dot on the host, no path (one trailing `/` is dropped). A domain is a
 * host name of at least two labels, lower-case, without a trailing dot, whose top-level label is not all
 * digits (an IP address has no subdomains).
 *
 * Every function is `internal pure` and answers `ok == false` instead of reverting, so the caller picks
 * the error (a setter refuses the name; a look-up reads it as not listed).
 *
 * NOTE: Letters outside ASCII must be given in their `xn--` (punycode) form: the library does not map
 * Unicode, and refuses any byte a host name cannot hold.
 */
library SiteNames {
    /// @dev Longest origin considered: 253 bytes of host plus a scheme and a port.
    uint256 internal constant MAX_ORIGIN_LENGTH = 300;

    /// @dev Longest domain considered: a 253-byte host name plus its trailing dot.
    uint256 internal constant MAX_DOMAIN_LENGTH = 254;

    /// @dev `Bytes.indexOf`'s answer when the byte is not there.
    uint256 private constant NOT_FOUND = type(uint256).max;

    /**
     * @dev The normalised origin, or `ok == false` for a path, query or fragment, user info, an empty
     * host or label, a port that is not 0–65535, or a character an origin cannot hold.
     */
    function tryNormaliseOrigin(bytes memory value) internal pure returns (bool ok, string memory normalised) {
        uint256 length = value.length;
        if (length < 4 || length > MAX_ORIGIN_LENGTH) return (false, "");
        uint256 separator = Bytes.indexOf(value, ":");
        if (separator == 0 || separator == NOT_FOUND || separator + 3 > length) return (false, "");
        if (value[separator + 1] != "/" || value[separator + 2] != "/") return (false, "");
        bytes memory scheme = _lower(Bytes.slice(value, 0, separator));
        for (uint256 i = 0; i < scheme.length; ++i) {
            bytes1 c = scheme[i];
            bool valid = _isLetter(c) || (i > 0 && (_isDigit(c) || c == "+" || c == "-" || c == "."));
            if (!valid) return (false, "");
        }
        uint256 end = length;
        if (value[end - 1] == "/") end -= 1;
        if (end <= separator + 3) return (false, "");
        bytes memory authority = _lower(Bytes.slice(value, separator + 3, end));

        // Split host and port. An IPv6 host is bracketed and holds colons itself.
        bytes memory host;
        uint256 portStart;
        if (authority[0] == "[") {
            uint256 close = Bytes.indexOf(authority, "]");
            if (close == NOT_FOUND || close < 3) return (false, "");
            for (uint256 i = 1; i < close; ++i) {
                bytes1 c = authority[i];
                if (!(_isDigit(c) || (c >= "a" && c <= "f") || c == ":" || c == ".")) return (false, "");
            }
            host = Bytes.slice(authority, 0, close + 1);
            if (close + 1 < authority.length && authority[close + 1] != ":") return (false, "");
            portStart = close + 1;
        } else {
            uint256 colon = Bytes.indexOf(authority, ":");
            portStart = colon == NOT_FOUND ? authority.length : colon;
            host = Bytes.slice(authority, 0, portStart);
            // A browser reports "shop.example." as typed; the rule is stored without the dot so that
            // both spellings of the same host meet the same rule (the wallet strips it too).
            if (host.length > 1 && host[host.length - 1] == ".") host = Bytes.slice(host, 0, host.length - 1);
            if (!_isHostName(host)) return (false, "");
        }

        bytes memory port = "";
        if (portStart < authority.length) {
            // ":" followed by nothing is no port at all, as in a browser.
            (bool portOk, uint256 portValue, bool present) = _parsePort(authority, portStart + 1);
            if (!portOk) return (false, "");
            if (present && portValue != _defaultPort(scheme)) {
                port = bytes.concat(":", bytes(Strings.toString(portValue)));
            }
        }
        return (true, string(bytes.concat(scheme, "://", host, port)));
    }

    /// @dev The normalised domain, or `ok == false` if `value` is not a host name of two labels or more.
    function tryNormaliseDomain(bytes memory value) internal pure returns (bool ok, string memory normalised) {
        if (value.length == 0 || value.length > MAX_DOMAIN_LENGTH) return (false, "");
        bytes memory host = _lower(value);
        if (host[host.length - 1] == ".") host = Bytes.slice(host, 0, host.length - 1);
        if (!_isHostName(host) || _countLabels(host) < 2) return (false, "");
        if (_isNumericLabel(host, _lastLabelStart(host))) return (false, "");
        return (true, string(host));
    }

    /**
     * @dev The keys (`keccak256` of the normalised domain) of every domain rule that can cover the host of
     * `origin`, an origin already normalised by {tryNormaliseOrigin}: the host itself, then each parent
     * domain of at least two labels, longest first (`a.b.scam.example`, `b.scam.example`, `scam.example`).
     * Empty for an IP address, which has no parent domains (and domain rules never hold one).
     */
    function coveringDomainKeys(string memory origin) internal pure returns (bytes32[] memory keys) {
        bytes memory host = _hostOf(bytes(origin));
        if (host.length == 0 || host[0] == "[" || _isNumericLabel(host, _lastLabelStart(host))) {
            return new bytes32[](0);
        }
        uint256 labels = _countLabels(host);
        keys = new bytes32[](labels - 1);
        uint256 start = 0;
        for (uint256 i = 0; i < labels - 1; ++i) {
            keys[i] = keccak256(Bytes.slice(host, start, host.length));
            start = Bytes.indexOf(host, ".", start) + 1;
        }
    }

    // ---------------------------------------------------------------- private helpers

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
        return NOT_FOUND;
    }

    /// @dev The host part of a normalised origin.
    function _hostOf(bytes memory origin) private pure returns (bytes memory) {
        uint256 start = Bytes.indexOf(origin, ":") + 3;
        if (origin[start] == "[") return Bytes.slice(origin, start, Bytes.indexOf(origin, "]", start) + 1);
        uint256 colon = Bytes.indexOf(origin, ":", start);
        return Bytes.slice(origin, start, colon == NOT_FOUND ? origin.length : colon);
    }

    function _countLabels(bytes memory host) private pure returns (uint256 count) {
        count = 1;
        for (uint256 i = 0; i < host.length; ++i) {
            if (host[i] == ".") ++count;
        }
    }

    function _lastLabelStart(bytes memory host) private pure returns (uint256) {
        uint256 dot = Bytes.lastIndexOf(host, ".");
        return dot == NOT_FOUND ? 0 : dot + 1;
    }

    /// @dev Whether `host` from `start` to its end is a non-empty run of digits.
    function _isNumericLabel(bytes memory host, uint256 start) private pure returns (bool) {
        if (start >= host.length) return false;
        for (uint256 i = start; i < host.length; ++i) {
            if (!_isDigit(host[i])) return false;
        }
        return true;
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
}
