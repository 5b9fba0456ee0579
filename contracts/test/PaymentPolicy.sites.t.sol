// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IPaymentPolicy} from "../src/interfaces/IPaymentPolicy.sol";
import {SystemFixture} from "./utils/SystemFixture.sol";

/// @dev Origins in the exact form a browser reports, domain rules, and how {siteStatus} combines them.
contract PaymentPolicySitesTest is SystemFixture {
    IPaymentPolicy.MerchantStatus internal constant UNKNOWN = IPaymentPolicy.MerchantStatus.Unknown;
    IPaymentPolicy.MerchantStatus internal constant TRUSTED = IPaymentPolicy.MerchantStatus.Trusted;
    IPaymentPolicy.MerchantStatus internal constant BLOCKED = IPaymentPolicy.MerchantStatus.Blocked;

    function _expectInvalidOrigin(string memory origin) internal {
        vm.expectRevert(abi.encodeWithSelector(IPaymentPolicy.PaymentPolicyInvalidOrigin.selector, origin));
        policy.normaliseOrigin(origin);
    }

    function _expectInvalidDomain(string memory domain) internal {
        vm.expectRevert(abi.encodeWithSelector(IPaymentPolicy.PaymentPolicyInvalidDomain.selector, domain));
        policy.normaliseDomain(domain);
    }

    function _site(string memory origin) internal view returns (IPaymentPolicy.MerchantStatus status, string memory rule) {
        (status,, rule) = policy.siteStatus(origin);
    }

    // ---------------------------------------------------------------- normaliseOrigin: what a browser reports

    function test_NormaliseOrigin_DropsDefaultPorts() public view {
        assertEq(policy.normaliseOrigin("https://shop.example:443"), "https://shop.example", "https 443");
        assertEq(policy.normaliseOrigin("http://shop.example:80"), "http://shop.example", "http 80");
        assertEq(policy.normaliseOrigin("wss://shop.example:443"), "wss://shop.example", "wss 443");
        assertEq(policy.normaliseOrigin("http://shop.example:443"), "http://shop.example:443", "443 is no default for http");
        assertEq(policy.normaliseOrigin("https://shop.example:80"), "https://shop.example:80", "80 is no default for https");
    }

    function test_NormaliseOrigin_PortLeadingZerosAndEmptyPort() public view {
        assertEq(policy.normaliseOrigin("http://localhost:05174"), "http://localhost:5174", "leading zero");
        assertEq(policy.normaliseOrigin("https://shop.example:0443"), "https://shop.example", "zero-padded default");
        assertEq(policy.normaliseOrigin("http://localhost:"), "http://localhost", "empty port");
        assertEq(policy.normaliseOrigin("http://localhost:0"), "http://localhost:0", "port 0");
        assertEq(policy.normaliseOrigin("http://[::1]:080"), "http://[::1]", "ipv6 default");
    }

    function test_NormaliseOrigin_TrailingDotAndCase() public view {
        assertEq(policy.normaliseOrigin("https://Shop.Example./"), "https://shop.example", "dot and slash");
        assertEq(policy.normaliseOrigin("HTTPS://SHOP.EXAMPLE.:443"), "https://shop.example", "dot and port");
    }

    function test_NormaliseOrigin_Idempotent() public view {
        string memory once = policy.normaliseOrigin("HTTP://Pay.Scam.Example.:0080/");
        assertEq(once, "http://pay.scam.example", "normalised");
        assertEq(policy.normaliseOrigin(once), once, "idempotent");
    }

    function test_RevertWhen_NormaliseOriginCannotBeNormalised() public {
        _expectInvalidOrigin("https://shop.example:65536");
        _expectInvalidOrigin("https://shop.example:44a");
        _expectInvalidOrigin("https://shop.example:-1");
        _expectInvalidOrigin("https://shop..example");
        _expectInvalidOrigin("https://.shop.example");
        _expectInvalidOrigin("https://.");
        _expectInvalidOrigin("https://shop.example#x");
        _expectInvalidOrigin("https://sh\xc3\xb6p.example");
        _expectInvalidOrigin("https://[::1");
        _expectInvalidOrigin("https://[::1]x");
        _expectInvalidOrigin("https://:443");
    }

    function test_SetOriginStatus_StoresBrowserForm() public {
        vm.prank(address(timelock));
        policy.setOriginStatus("HTTPS://Shop.Example.:0443/", TRUSTED, "shop");
        (IPaymentPolicy.OriginEntry[] memory page,) = policy.origins(0, 1);
        assertEq(page[0].origin, "https://shop.example", "what window.location.origin says");
        (IPaymentPolicy.MerchantStatus status,) = policy.originStatus("https://shop.example");
        assertEq(uint8(status), uint8(TRUSTED), "found by the browser's origin");
    }

    function test_OriginStatus_UnnormalisableIsUnknown() public view {
        (IPaymentPolicy.MerchantStatus status,) = policy.originStatus("null");
        assertEq(uint8(status), uint8(UNKNOWN), "opaque origin");
    }

    // ---------------------------------------------------------------- domain rules

    function test_SetDomainStatus() public {
        string memory normalised = "scam.example";
        vm.expectEmit();
        emit IPaymentPolicy.DomainStatusChanged(keccak256(bytes(normalised)), normalised, BLOCKED, "phishing", 2);
        vm.prank(address(timelock));
        policy.setDomainStatus("Scam.Example.", BLOCKED, "phishing");

        (IPaymentPolicy.MerchantStatus status, string memory note) = policy.domainStatus("scam.example");
        assertEq(uint8(status), uint8(BLOCKED), "status");
        assertEq(note, "phishing", "note");
        (IPaymentPolicy.DomainEntry[] memory page, uint256 total) = policy.domains(0, 10);
        assertEq(total, 1, "total");
        assertEq(page[0].domain, normalised, "stored normalised");
    }

    function test_SetDomainStatus_UnknownRemoves() public {
        vm.startPrank(address(timelock));
        policy.setDomainStatus("a.example", BLOCKED, "a");
        policy.setDomainStatus("b.example", TRUSTED, "b");
        vm.expectEmit();
        emit IPaymentPolicy.DomainStatusChanged(keccak256("a.example"), "a.example", UNKNOWN, "", 4);
        policy.setDomainStatus("a.example", UNKNOWN, "ignored");
        vm.stopPrank();
        (IPaymentPolicy.DomainEntry[] memory page, uint256 total) = policy.domains(0, 10);
        assertEq(total, 1, "one left");
        assertEq(page[0].domain, "b.example", "the other one");
    }

    function test_RevertWhen_SetDomainStatusNotOwner() public {
        vm.expectRevert(abi.encodeWithSignature("OwnableUnauthorizedAccount(address)", stranger));
        vm.prank(stranger);
        policy.setDomainStatus("scam.example", BLOCKED, "");
    }

    function test_RevertWhen_DomainInvalid() public {
        _expectInvalidDomain("example");
        _expectInvalidDomain("https://scam.example");
        _expectInvalidDomain("scam.example:443");
        _expectInvalidDomain("scam.example/path");
        _expectInvalidDomain("scam..example");
        _expectInvalidDomain(".scam.example");
        _expectInvalidDomain("10.0.0.1");
        _expectInvalidDomain("");
        vm.expectRevert(abi.encodeWithSelector(IPaymentPolicy.PaymentPolicyInvalidDomain.selector, "com"));
        vm.prank(address(timelock));
        policy.setDomainStatus("com", BLOCKED, "");
    }

    // ---------------------------------------------------------------- siteStatus

    function test_SiteStatus_BlockedDomainCoversSubdomains() public {
        vm.prank(address(timelock));
        policy.setDomainStatus("scam.example", BLOCKED, "phishing");
        (IPaymentPolicy.MerchantStatus status, string memory rule) = _site("https://scam.example");
        assertEq(uint8(status), uint8(BLOCKED), "the domain itself");
        assertEq(rule, "scam.example", "rule");
        (status, rule) = _site("https://pay.scam.example");
        assertEq(uint8(status), uint8(BLOCKED), "a subdomain");
        (status,) = _site("http://a.b.pay.scam.example:8080");
        assertEq(uint8(status), uint8(BLOCKED), "a deep subdomain on any port");
        (status,) = _site("https://PAY.Scam.Example.:443/");
        assertEq(uint8(status), uint8(BLOCKED), "any spelling of it");
        (status,) = _site("https://notscam.example");
        assertEq(uint8(status), uint8(UNKNOWN), "a look-alike suffix is another domain");
        (status,) = _site("https://scam.example.org");
        assertEq(uint8(status), uint8(UNKNOWN), "a longer domain is another domain");
    }

    function test_SiteStatus_BlockWinsOverTrust() public {
        vm.startPrank(address(timelock));
        policy.setDomainStatus("shop.example", TRUSTED, "our shop");
        policy.setOriginStatus("https://evil.shop.example", BLOCKED, "taken over");
        policy.setDomainStatus("scam.example", BLOCKED, "phishing");
        policy.setOriginStatus("https://pay.scam.example", TRUSTED, "a vote cannot whitelist inside a block");
        vm.stopPrank();
        (IPaymentPolicy.MerchantStatus status, string memory rule) = _site("https://www.shop.example");
        assertEq(uint8(status), uint8(TRUSTED), "trusted via its domain");
        assertEq(rule, "shop.example", "trust rule");
        (status, rule) = _site("https://evil.shop.example");
        assertEq(uint8(status), uint8(BLOCKED), "a blocked origin under a trusted domain");
        assertEq(rule, "https://evil.shop.example", "origin rule");
        (status, rule) = _site("https://pay.scam.example");
        assertEq(uint8(status), uint8(BLOCKED), "a trusted origin under a blocked domain stays blocked");
        assertEq(rule, "scam.example", "domain rule");
    }

    function test_SiteStatus_ExactOriginOnly() public {
        vm.prank(address(timelock));
        policy.setOriginStatus("http://localhost:5174", TRUSTED, "demo");
        (IPaymentPolicy.MerchantStatus status,) = _site("http://localhost:5174");
        assertEq(uint8(status), uint8(TRUSTED), "exact");
        (status,) = _site("http://localhost:5175");
        assertEq(uint8(status), uint8(UNKNOWN), "another port is another origin");
        (status,) = _site("http://127.0.0.1:5174");
        assertEq(uint8(status), uint8(UNKNOWN), "an IP address has no domains");
    }

    function test_RevertWhen_SiteStatusInvalidOrigin() public {
        vm.expectRevert(abi.encodeWithSelector(IPaymentPolicy.PaymentPolicyInvalidOrigin.selector, "https://a.example/x"));
        policy.siteStatus("https://a.example/x");
    }

    // ---------------------------------------------------------------- ownership

    function test_RevertWhen_RenounceOwnership() public {
        vm.prank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IPaymentPolicy.PaymentPolicyRenounceOwnershipDisabled.selector));
        policy.renounceOwnership();
        assertEq(policy.owner(), address(timelock), "still owned by the timelock");
    }

    function test_RevertWhen_RenounceOwnershipNotOwner() public {
        vm.expectRevert(abi.encodeWithSignature("OwnableUnauthorizedAccount(address)", stranger));
        vm.prank(stranger);
        policy.renounceOwnership();
    }
}
