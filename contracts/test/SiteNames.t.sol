// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Test} from "forge-std/Test.sol";
import {SiteNames} from "../src/libraries/SiteNames.sol";

/// @dev Exposes the library's internal functions to the tests.
contract SiteNamesHarness {
    function tryNormaliseOrigin(bytes memory value) external pure returns (bool, string memory) {
        return SiteNames.tryNormaliseOrigin(value);
    }

    function tryNormaliseDomain(bytes memory value) external pure returns (bool, string memory) {
        return SiteNames.tryNormaliseDomain(value);
    }

    function coveringDomainKeys(string memory origin) external pure returns (bytes32[] memory) {
        return SiteNames.coveringDomainKeys(origin);
    }
}

/// @dev The origin and domain normal forms on their own, without a policy: a table of browser forms and
/// fuzzing over inputs built from the characters that matter to the parser.
contract SiteNamesTest is Test {
    SiteNamesHarness internal names = new SiteNamesHarness();

    /// @dev The characters the parser treats specially, plus letters in both cases and digits.
    bytes internal constant ALPHABET = "abcXYZ019-._:/[]@#?% ";

    function _origin(string memory value) internal view returns (string memory normalised) {
        bool ok;
        (ok, normalised) = names.tryNormaliseOrigin(bytes(value));
        assertTrue(ok, string.concat("accepted: ", value));
    }

    function _refusedOrigin(string memory value) internal view {
        (bool ok, string memory normalised) = names.tryNormaliseOrigin(bytes(value));
        assertFalse(ok, string.concat("refused: ", value));
        assertEq(normalised, "", "nothing returned");
    }

    function _domain(string memory value) internal view returns (string memory normalised) {
        bool ok;
        (ok, normalised) = names.tryNormaliseDomain(bytes(value));
        assertTrue(ok, string.concat("accepted: ", value));
    }

    function _refusedDomain(string memory value) internal view {
        (bool ok,) = names.tryNormaliseDomain(bytes(value));
        assertFalse(ok, string.concat("refused: ", value));
    }

    // ---------------------------------------------------------------- origins

    function test_Origin_BrowserForms() public view {
        assertEq(_origin("https://shop.example"), "https://shop.example", "already normal");
        assertEq(_origin("HTTPS://Shop.EXAMPLE/"), "https://shop.example", "case and slash");
        assertEq(_origin("https://shop.example.:443"), "https://shop.example", "trailing dot, default port");
        assertEq(_origin("ws://chat.example:80"), "ws://chat.example", "ws default");
        assertEq(_origin("ftp://files.example:21"), "ftp://files.example", "ftp default");
        assertEq(_origin("ftp://files.example:0021"), "ftp://files.example", "padded ftp default");
        assertEq(_origin("http://localhost:8545"), "http://localhost:8545", "other port kept");
        assertEq(_origin("http://localhost:00000"), "http://localhost:0", "port 0");
        assertEq(_origin("chrome-extension://abc"), "chrome-extension://abc", "scheme with a dash");
        assertEq(_origin("http://127.0.0.1:80"), "http://127.0.0.1", "IPv4");
        assertEq(_origin("http://[::FFFF:7f00:1]:8080/"), "http://[::ffff:7f00:1]:8080", "IPv6");
        assertEq(_origin("https://a_b.example"), "https://a_b.example", "underscore");
    }

    function test_Origin_Refusals() public view {
        _refusedOrigin("");
        _refusedOrigin("a:/");
        _refusedOrigin("shop.example");
        _refusedOrigin("://shop.example");
        _refusedOrigin("1https://shop.example");
        _refusedOrigin("ht_tp://shop.example");
        _refusedOrigin("https:/shop.example");
        _refusedOrigin("https://");
        _refusedOrigin("https:///");
        _refusedOrigin("https://shop.example/path");
        _refusedOrigin("https://shop.example?q");
        _refusedOrigin("https://user@shop.example");
        _refusedOrigin("https://shop.example:99999");
        _refusedOrigin("https://shop.example:12345678901");
        _refusedOrigin("https://shop.example:4 43");
        _refusedOrigin("https://shop..example");
        _refusedOrigin("https://[]");
        _refusedOrigin("https://[::g]");
        _refusedOrigin(string.concat("https://", string(_repeat("a", 293))));
    }

    /// @dev A ":" with no port after it is no port at all, as in a browser, for a name and for an address.
    function test_Origin_EmptyPort() public view {
        assertEq(_origin("http://localhost:"), "http://localhost", "host name");
        assertEq(_origin("http://[::1]:"), "http://[::1]", "IPv6");
    }

    // ---------------------------------------------------------------- domains

    function test_Domain_Forms() public view {
        assertEq(_domain("Scam.Example."), "scam.example", "case and dot");
        assertEq(_domain("a.b.c.example"), "a.b.c.example", "deep");
        assertEq(_domain("1.example"), "1.example", "numeric label below the top");
        assertEq(_domain("xn--shp-sna.example"), "xn--shp-sna.example", "punycode");
    }

    function test_Domain_Refusals() public view {
        _refusedDomain("");
        _refusedDomain(".");
        _refusedDomain("example");
        _refusedDomain("example.");
        _refusedDomain("127.0.0.1");
        _refusedDomain("shop.123");
        _refusedDomain("https://shop.example");
        _refusedDomain("shop.example:443");
        _refusedDomain("shop.example/x");
        _refusedDomain("shop..example");
        _refusedDomain(".shop.example");
        _refusedDomain("sh\xc3\xb6p.example");
        _refusedDomain(string(_repeat("a", 255)));
    }

    // ---------------------------------------------------------------- covering domains

    function test_CoveringDomainKeys_LongestFirst() public view {
        bytes32[] memory keys = names.coveringDomainKeys("https://a.b.scam.example:8443");
        assertEq(keys.length, 3, "three domains of two labels or more");
        assertEq(keys[0], keccak256("a.b.scam.example"), "the host");
        assertEq(keys[1], keccak256("b.scam.example"), "its parent");
        assertEq(keys[2], keccak256("scam.example"), "the registrable domain");
    }

    function test_CoveringDomainKeys_NoneForOneLabelOrAnAddress() public view {
        assertEq(names.coveringDomainKeys("http://localhost:5173").length, 0, "one label");
        assertEq(names.coveringDomainKeys("http://127.0.0.1:8545").length, 0, "IPv4");
        assertEq(names.coveringDomainKeys("http://[::1]:8545").length, 0, "IPv6");
        assertEq(names.coveringDomainKeys("http://shop.example").length, 1, "two labels");
    }

    // ---------------------------------------------------------------- fuzz

    /// @dev Never reverts, whatever the bytes; an accepted origin is lower-case, has no trailing slash or
    /// dot, and is its own normal form.
    function testFuzz_Origin_AcceptedIsAFixedPoint(bytes32 seed, uint256 length, uint8 schemeChoice) public view {
        bytes memory value = _candidateOrigin(seed, bound(length, 0, 40), schemeChoice);
        (bool ok, string memory normalised) = names.tryNormaliseOrigin(value);
        if (!ok) return;
        bytes memory out = bytes(normalised);
        for (uint256 i = 0; i < out.length; ++i) {
            assertFalse(out[i] >= "A" && out[i] <= "Z", "no upper case");
        }
        assertTrue(out[out.length - 1] != "/" && out[out.length - 1] != ".", "no trailing slash or dot");
        (bool again, string memory twice) = names.tryNormaliseOrigin(out);
        assertTrue(again, "its own normal form is accepted");
        assertEq(twice, normalised, "idempotent");
    }

    /// @dev Letter case never changes the answer: upper-casing every letter gives the same verdict and form.
    function testFuzz_Origin_CaseInsensitive(bytes32 seed, uint256 length, uint8 schemeChoice) public view {
        bytes memory value = _candidateOrigin(seed, bound(length, 0, 40), schemeChoice);
        (bool ok, string memory normalised) = names.tryNormaliseOrigin(value);
        (bool upperOk, string memory upperNormalised) = names.tryNormaliseOrigin(_upper(value));
        assertEq(upperOk, ok, "same verdict");
        assertEq(upperNormalised, normalised, "same form");
    }

    /// @dev Any bytes at all: the parser answers, it never reverts.
    function testFuzz_Origin_NeverReverts(bytes calldata value) public view {
        names.tryNormaliseOrigin(value);
        names.tryNormaliseDomain(value);
    }

    /// @dev An accepted domain is its own normal form, and covers itself: the keys of an origin on that
    /// host begin with the domain's own key and count one per label beyond the first.
    function testFuzz_Domain_CoversItsOwnOrigin(bytes32 seed, uint256 length) public view {
        bytes memory value = _word(seed, bound(length, 1, 40), "abcXYZ019-._");
        (bool ok, string memory domain) = names.tryNormaliseDomain(value);
        if (!ok) return;
        (bool again, string memory twice) = names.tryNormaliseDomain(bytes(domain));
        assertTrue(again && keccak256(bytes(twice)) == keccak256(bytes(domain)), "idempotent");

        string memory origin = _origin(string.concat("https://", domain, ":8443"));
        bytes32[] memory keys = names.coveringDomainKeys(origin);
        uint256 dots = 0;
        for (uint256 i = 0; i < bytes(domain).length; ++i) {
            if (bytes(domain)[i] == ".") ++dots;
        }
        assertEq(keys.length, dots, "one key per parent of two labels or more");
        assertEq(keys[0], keccak256(bytes(domain)), "the host first");
        // Every key is the key of a domain that setDomainStatus would accept and store under it.
        for (uint256 i = 0; i < keys.length; ++i) {
            bool found = false;
            for (uint256 start = 0; start < bytes(domain).length && !found; ++start) {
                if (start > 0 && bytes(domain)[start - 1] != ".") continue;
                bytes memory suffix = _tail(bytes(domain), start);
                (bool suffixOk, string memory suffixNormal) = names.tryNormaliseDomain(suffix);
                found = suffixOk && keccak256(bytes(suffixNormal)) == keys[i];
            }
            assertTrue(found, "a key of a valid parent domain");
        }
    }

    // ---------------------------------------------------------------- input builders

    /// @dev A scheme (often valid), "://", then `length` characters drawn from {ALPHABET}.
    function _candidateOrigin(bytes32 seed, uint256 length, uint8 schemeChoice) internal pure returns (bytes memory) {
        string[5] memory schemes = ["https", "HTTP", "ws", "ftp", "x-1"];
        return bytes.concat(bytes(schemes[schemeChoice % 5]), "://", _word(seed, length, ALPHABET));
    }

    function _word(bytes32 seed, uint256 length, bytes memory alphabet) internal pure returns (bytes memory out) {
        out = new bytes(length);
        for (uint256 i = 0; i < length; ++i) {
            out[i] = alphabet[uint256(keccak256(abi.encode(seed, i))) % alphabet.length];
        }
    }

    function _upper(bytes memory value) internal pure returns (bytes memory out) {
        out = new bytes(value.length);
        for (uint256 i = 0; i < value.length; ++i) {
            bytes1 c = value[i];
            out[i] = (c >= "a" && c <= "z") ? bytes1(uint8(c) - 32) : c;
        }
    }

    function _tail(bytes memory value, uint256 start) internal pure returns (bytes memory out) {
        out = new bytes(value.length - start);
        for (uint256 i = start; i < value.length; ++i) {
            out[i - start] = value[i];
        }
    }

    function _repeat(bytes1 c, uint256 count) internal pure returns (bytes memory out) {
        out = new bytes(count);
        for (uint256 i = 0; i < count; ++i) {
            out[i] = c;
        }
    }
}
