// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IPaymentPolicy} from "../src/interfaces/IPaymentPolicy.sol";
import {PaymentPolicy} from "../src/PaymentPolicy.sol";
import {SystemFixture} from "./utils/SystemFixture.sol";

contract PaymentPolicyTest is SystemFixture {
    address internal constant ETH = address(0);
    address internal shop = makeAddr("shop");
    address internal scammer = makeAddr("scammer");

    function _unauthorized(address who) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, who);
    }

    function _longNote() internal pure returns (string memory) {
        return string(new bytes(281));
    }

    // ---------------------------------------------------------------- deployment

    function test_SetUpState() public view {
        assertEq(policy.owner(), address(timelock), "owner");
        assertEq(policy.version(), 1, "version");
        assertEq(policy.warnAt(), config.warnAt, "warnAt");
        assertEq(policy.blockAt(), config.blockAt, "blockAt");
        assertEq(policy.unlimitedApprovalsAllowed(), config.unlimitedApprovalsAllowed, "approvals");
        assertEq(policy.MAX_NOTE_LENGTH(), 280, "max note");
    }

    function test_Constructor_EmitsVersionOneEvents() public {
        vm.expectEmit();
        emit IPaymentPolicy.ThresholdsChanged(10, 90, 1);
        vm.expectEmit();
        emit IPaymentPolicy.UnlimitedApprovalsChanged(true, 1);
        new PaymentPolicy(address(timelock), 10, 90, true);
    }

    function test_RevertWhen_ConstructedWithInvalidThresholds() public {
        vm.expectRevert(abi.encodeWithSelector(IPaymentPolicy.PaymentPolicyInvalidThresholds.selector, 80, 80));
        new PaymentPolicy(address(timelock), 80, 80, false);
    }

    function test_RevertWhen_ConstructedWithZeroOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new PaymentPolicy(address(0), 40, 80, false);
    }

    // ---------------------------------------------------------------- setThresholds

    function test_SetThresholds() public {
        vm.expectEmit();
        emit IPaymentPolicy.ThresholdsChanged(30, 70, 2);
        vm.prank(address(timelock));
        policy.setThresholds(30, 70);
        assertEq(policy.warnAt(), 30, "warnAt");
        assertEq(policy.blockAt(), 70, "blockAt");
        assertEq(policy.version(), 2, "version");
    }

    function test_SetThresholds_AcceptsBounds() public {
        vm.prank(address(timelock));
        policy.setThresholds(0, 100);
        assertEq(policy.warnAt(), 0, "warnAt");
        assertEq(policy.blockAt(), 100, "blockAt");
    }

    function test_RevertWhen_SetThresholdsWarnAtNotBelowBlockAt() public {
        vm.expectRevert(abi.encodeWithSelector(IPaymentPolicy.PaymentPolicyInvalidThresholds.selector, 70, 70));
        vm.prank(address(timelock));
        policy.setThresholds(70, 70);
    }

    function test_RevertWhen_SetThresholdsBlockAtAbove100() public {
        vm.expectRevert(abi.encodeWithSelector(IPaymentPolicy.PaymentPolicyInvalidThresholds.selector, 50, 101));
        vm.prank(address(timelock));
        policy.setThresholds(50, 101);
    }

    function test_RevertWhen_SetThresholdsCallerNotTimelock() public {
        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        policy.setThresholds(30, 70);
    }

    // ---------------------------------------------------------------- setTokenLimits / removeTokenLimits

    function test_SetTokenLimits() public {
        vm.expectEmit();
        emit IPaymentPolicy.TokenLimitsChanged(ETH, 1 ether, 2 ether, 0.25 ether, 2);
        vm.prank(address(timelock));
        policy.setTokenLimits(ETH, 1 ether, 2 ether, 0.25 ether);

        IPaymentPolicy.TokenLimits memory limits = policy.tokenLimits(ETH);
        assertEq(limits.token, ETH, "token");
        assertEq(limits.maxSinglePayment, 1 ether, "max single");
        assertEq(limits.dailyCap, 2 ether, "daily cap");
        assertEq(limits.maxFirstPayment, 0.25 ether, "first payment");
        assertEq(policy.snapshot().tokenLimits.length, 1, "listed once");
    }

    function test_SetTokenLimits_ReplacesWithoutListingTwice() public {
        vm.startPrank(address(timelock));
        policy.setTokenLimits(address(usd), 500e6, 1_000e6, 100e6);
        policy.setTokenLimits(address(usd), 400e6, 0, 0);
        vm.stopPrank();
        IPaymentPolicy.PolicySnapshot memory snap = policy.snapshot();
        assertEq(snap.tokenLimits.length, 1, "one entry");
        assertEq(snap.tokenLimits[0].maxSinglePayment, 400e6, "replaced");
        assertEq(snap.version, 3, "version");
    }

    function test_TokenLimits_UnlistedTokenIsAllZero() public view {
        IPaymentPolicy.TokenLimits memory limits = policy.tokenLimits(address(usd));
        assertEq(limits.token, address(usd), "token echoed");
        assertEq(limits.maxSinglePayment + limits.dailyCap + limits.maxFirstPayment, 0, "no limits");
    }

    function test_RevertWhen_SetTokenLimitsCallerNotTimelock() public {
        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        policy.setTokenLimits(ETH, 1, 1, 1);
    }

    function test_RemoveTokenLimits() public {
        address other = makeAddr("other token");
        vm.startPrank(address(timelock));
        policy.setTokenLimits(ETH, 1 ether, 0, 0);
        policy.setTokenLimits(address(usd), 500e6, 0, 0);
        policy.setTokenLimits(other, 7, 0, 0);
        vm.expectEmit();
        emit IPaymentPolicy.TokenLimitsRemoved(ETH, 5);
        policy.removeTokenLimits(ETH);
        vm.stopPrank();

        IPaymentPolicy.PolicySnapshot memory snap = policy.snapshot();
        assertEq(snap.tokenLimits.length, 2, "two left");
        // The last entry moved into the removed one's place.
        assertEq(snap.tokenLimits[0].token, other, "moved");
        assertEq(snap.tokenLimits[1].token, address(usd), "kept");
        assertEq(policy.tokenLimits(ETH).maxSinglePayment, 0, "cleared");

        // The moved entry is still removable (its index was updated).
        vm.prank(address(timelock));
        policy.removeTokenLimits(other);
        assertEq(policy.snapshot().tokenLimits.length, 1, "one left");
    }

    function test_RevertWhen_RemoveTokenLimitsNotLimited() public {
        vm.expectRevert(abi.encodeWithSelector(IPaymentPolicy.PaymentPolicyTokenNotLimited.selector, address(usd)));
        vm.prank(address(timelock));
        policy.removeTokenLimits(address(usd));
    }

    function test_RevertWhen_RemoveTokenLimitsCallerNotTimelock() public {
        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        policy.removeTokenLimits(ETH);
    }

    // ---------------------------------------------------------------- setUnlimitedApprovalsAllowed

    function test_SetUnlimitedApprovalsAllowed() public {
        vm.expectEmit();
        emit IPaymentPolicy.UnlimitedApprovalsChanged(true, 2);
        vm.prank(address(timelock));
        policy.setUnlimitedApprovalsAllowed(true);
        assertTrue(policy.unlimitedApprovalsAllowed(), "allowed");
        assertTrue(policy.snapshot().unlimitedApprovalsAllowed, "in snapshot");
    }

    function test_RevertWhen_SetUnlimitedApprovalsAllowedCallerNotTimelock() public {
        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        policy.setUnlimitedApprovalsAllowed(true);
    }

    // ---------------------------------------------------------------- setMerchantStatus

    function test_SetMerchantStatus() public {
        vm.expectEmit();
        emit IPaymentPolicy.MerchantStatusChanged(shop, IPaymentPolicy.MerchantStatus.Trusted, "Corner Coffee", 2);
        vm.prank(address(timelock));
        policy.setMerchantStatus(shop, IPaymentPolicy.MerchantStatus.Trusted, "Corner Coffee");

        (IPaymentPolicy.MerchantStatus status, string memory note) = policy.merchantStatus(shop);
        assertEq(uint8(status), uint8(IPaymentPolicy.MerchantStatus.Trusted), "status");
        assertEq(note, "Corner Coffee", "note");
        (IPaymentPolicy.MerchantEntry[] memory page, uint256 total) = policy.merchants(0, 10);
        assertEq(total, 1, "total");
        assertEq(page[0].merchant, shop, "listed");
    }

    function test_SetMerchantStatus_UpdateKeepsOneEntry() public {
        vm.startPrank(address(timelock));
        policy.setMerchantStatus(shop, IPaymentPolicy.MerchantStatus.Trusted, "ok");
        policy.setMerchantStatus(shop, IPaymentPolicy.MerchantStatus.Blocked, "changed hands");
        vm.stopPrank();
        (IPaymentPolicy.MerchantEntry[] memory page, uint256 total) = policy.merchants(0, 10);
        assertEq(total, 1, "total");
        assertEq(uint8(page[0].status), uint8(IPaymentPolicy.MerchantStatus.Blocked), "status");
        assertEq(page[0].note, "changed hands", "note");
    }

    function test_SetMerchantStatus_UnknownRemoves() public {
        vm.startPrank(address(timelock));
        policy.setMerchantStatus(shop, IPaymentPolicy.MerchantStatus.Trusted, "ok");
        policy.setMerchantStatus(scammer, IPaymentPolicy.MerchantStatus.Blocked, "scam");
        vm.expectEmit();
        emit IPaymentPolicy.MerchantStatusChanged(shop, IPaymentPolicy.MerchantStatus.Unknown, "", 4);
        policy.setMerchantStatus(shop, IPaymentPolicy.MerchantStatus.Unknown, "ignored");
        vm.stopPrank();

        (IPaymentPolicy.MerchantStatus status, string memory note) = policy.merchantStatus(shop);
        assertEq(uint8(status), uint8(IPaymentPolicy.MerchantStatus.Unknown), "status");
        assertEq(note, "", "note cleared");
        (IPaymentPolicy.MerchantEntry[] memory page, uint256 total) = policy.merchants(0, 10);
        assertEq(total, 1, "total");
        assertEq(page[0].merchant, scammer, "moved into place");
    }

    function test_SetMerchantStatus_UnknownForUnlistedStillBumpsVersion() public {
        vm.prank(address(timelock));
        policy.setMerchantStatus(shop, IPaymentPolicy.MerchantStatus.Unknown, "");
        assertEq(policy.version(), 2, "version");
        (, uint256 total) = policy.merchants(0, 10);
        assertEq(total, 0, "nothing listed");
    }

    function test_SetMerchantStatus_AcceptsMaxNote() public {
        vm.prank(address(timelock));
        policy.setMerchantStatus(shop, IPaymentPolicy.MerchantStatus.Trusted, string(new bytes(280)));
        (, string memory note) = policy.merchantStatus(shop);
        assertEq(bytes(note).length, 280, "note length");
    }

    function test_RevertWhen_SetMerchantStatusZeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(IPaymentPolicy.PaymentPolicyInvalidMerchant.selector, address(0)));
        vm.prank(address(timelock));
        policy.setMerchantStatus(address(0), IPaymentPolicy.MerchantStatus.Trusted, "");
    }

    function test_RevertWhen_SetMerchantStatusNoteTooLong() public {
        vm.expectRevert(abi.encodeWithSelector(IPaymentPolicy.PaymentPolicyNoteTooLong.selector, 281, 280));
        vm.prank(address(timelock));
        policy.setMerchantStatus(shop, IPaymentPolicy.MerchantStatus.Trusted, _longNote());
    }

    function test_RevertWhen_SetMerchantStatusCallerNotTimelock() public {
        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        policy.setMerchantStatus(shop, IPaymentPolicy.MerchantStatus.Trusted, "");
    }

    function test_Merchants_Pagination() public {
        vm.startPrank(address(timelock));
        for (uint256 i = 1; i <= 5; ++i) {
            // casting to 'uint160' is safe because i ≤ 5
            // forge-lint: disable-next-line(unsafe-typecast)
            policy.setMerchantStatus(address(uint160(i)), IPaymentPolicy.MerchantStatus.Trusted, "");
        }
        vm.stopPrank();
        (IPaymentPolicy.MerchantEntry[] memory page, uint256 total) = policy.merchants(3, 10);
        assertEq(total, 5, "total");
        assertEq(page.length, 2, "tail page");
        assertEq(page[0].merchant, address(4), "fourth");
        (page,) = policy.merchants(1, 2);
        assertEq(page.length, 2, "limited page");
        assertEq(page[1].merchant, address(3), "third");
        (page,) = policy.merchants(5, 10);
        assertEq(page.length, 0, "past the end");
    }

    // ---------------------------------------------------------------- setOriginStatus

    function test_SetOriginStatus_StoresNormalisedOrigin() public {
        string memory normalised = "https://shop.example:8443";
        vm.expectEmit();
        emit IPaymentPolicy.OriginStatusChanged(
            keccak256(bytes(normalised)), normalised, IPaymentPolicy.MerchantStatus.Trusted, "demo shop", 2
        );
        vm.prank(address(timelock));
        policy.setOriginStatus("HTTPS://Shop.Example:8443/", IPaymentPolicy.MerchantStatus.Trusted, "demo shop");

        (IPaymentPolicy.MerchantStatus status, string memory note) = policy.originStatus("https://shop.example:8443");
        assertEq(uint8(status), uint8(IPaymentPolicy.MerchantStatus.Trusted), "exact lookup");
        assertEq(note, "demo shop", "note");
        (status,) = policy.originStatus("https://SHOP.example:8443/");
        assertEq(uint8(status), uint8(IPaymentPolicy.MerchantStatus.Trusted), "lookup normalises too");
        (IPaymentPolicy.OriginEntry[] memory page, uint256 total) = policy.origins(0, 10);
        assertEq(total, 1, "total");
        assertEq(page[0].origin, normalised, "stored normalised");
    }

    function test_SetOriginStatus_UnknownRemoves() public {
        vm.startPrank(address(timelock));
        policy.setOriginStatus("http://localhost:5174", IPaymentPolicy.MerchantStatus.Trusted, "demo");
        policy.setOriginStatus("http://scam.localhost:5174", IPaymentPolicy.MerchantStatus.Blocked, "scam");
        vm.expectEmit();
        emit IPaymentPolicy.OriginStatusChanged(
            keccak256("http://localhost:5174"), "http://localhost:5174", IPaymentPolicy.MerchantStatus.Unknown, "", 4
        );
        policy.setOriginStatus("http://localhost:5174", IPaymentPolicy.MerchantStatus.Unknown, "bye");
        vm.stopPrank();

        (IPaymentPolicy.MerchantStatus status, string memory note) = policy.originStatus("http://localhost:5174");
        assertEq(uint8(status), uint8(IPaymentPolicy.MerchantStatus.Unknown), "removed");
        assertEq(note, "", "note cleared");
        (IPaymentPolicy.OriginEntry[] memory page, uint256 total) = policy.origins(0, 10);
        assertEq(total, 1, "one left");
        assertEq(page[0].origin, "http://scam.localhost:5174", "moved into place");
    }

    function test_SetOriginStatus_UpdateKeepsOneEntry() public {
        vm.startPrank(address(timelock));
        policy.setOriginStatus("http://localhost:5174", IPaymentPolicy.MerchantStatus.Trusted, "a");
        policy.setOriginStatus("http://LOCALHOST:5174/", IPaymentPolicy.MerchantStatus.Blocked, "b");
        vm.stopPrank();
        (IPaymentPolicy.OriginEntry[] memory page, uint256 total) = policy.origins(0, 10);
        assertEq(total, 1, "total");
        assertEq(uint8(page[0].status), uint8(IPaymentPolicy.MerchantStatus.Blocked), "updated");
    }

    function test_Origins_Pagination() public {
        vm.startPrank(address(timelock));
        policy.setOriginStatus("https://a.example", IPaymentPolicy.MerchantStatus.Trusted, "");
        policy.setOriginStatus("https://b.example", IPaymentPolicy.MerchantStatus.Trusted, "");
        policy.setOriginStatus("https://c.example", IPaymentPolicy.MerchantStatus.Blocked, "");
        vm.stopPrank();
        (IPaymentPolicy.OriginEntry[] memory page, uint256 total) = policy.origins(1, 1);
        assertEq(total, 3, "total");
        assertEq(page.length, 1, "one");
        assertEq(page[0].origin, "https://b.example", "second");
        (page,) = policy.origins(9, 1);
        assertEq(page.length, 0, "past the end");
    }

    function test_RevertWhen_SetOriginStatusNoteTooLong() public {
        vm.expectRevert(abi.encodeWithSelector(IPaymentPolicy.PaymentPolicyNoteTooLong.selector, 281, 280));
        vm.prank(address(timelock));
        policy.setOriginStatus("https://a.example", IPaymentPolicy.MerchantStatus.Trusted, _longNote());
    }

    function test_RevertWhen_SetOriginStatusInvalidOrigin() public {
        vm.expectRevert(
            abi.encodeWithSelector(IPaymentPolicy.PaymentPolicyInvalidOrigin.selector, "https://a.example/path")
        );
        vm.prank(address(timelock));
        policy.setOriginStatus("https://a.example/path", IPaymentPolicy.MerchantStatus.Trusted, "");
    }

    function test_RevertWhen_SetOriginStatusCallerNotTimelock() public {
        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        policy.setOriginStatus("https://a.example", IPaymentPolicy.MerchantStatus.Trusted, "");
    }

    // ---------------------------------------------------------------- normaliseOrigin

    function test_NormaliseOrigin() public view {
        assertEq(policy.normaliseOrigin("HTTP://LocalHost:5174/"), "http://localhost:5174", "case and slash");
        assertEq(policy.normaliseOrigin("a://b"), "a://b", "shortest");
        assertEq(policy.normaliseOrigin("chrome-extension://abc_def"), "chrome-extension://abc_def", "scheme dash");
        assertEq(policy.normaliseOrigin("http://[::1]:8080"), "http://[::1]:8080", "ipv6");
        assertEq(policy.normaliseOrigin("web+pay://x.y"), "web+pay://x.y", "scheme plus");
    }

    function _expectInvalidOrigin(string memory origin) internal {
        vm.expectRevert(abi.encodeWithSelector(IPaymentPolicy.PaymentPolicyInvalidOrigin.selector, origin));
        policy.normaliseOrigin(origin);
    }

    function test_RevertWhen_NormaliseOriginTooShort() public {
        _expectInvalidOrigin("a://");
        _expectInvalidOrigin("");
    }

    function test_RevertWhen_NormaliseOriginTooLong() public {
        bytes memory host = new bytes(297);
        for (uint256 i = 0; i < host.length; ++i) host[i] = "a";
        _expectInvalidOrigin(string.concat("a://", string(host)));
    }

    function test_RevertWhen_NormaliseOriginNoSeparator() public {
        _expectInvalidOrigin("shop.example");
        _expectInvalidOrigin("://shop.example");
        _expectInvalidOrigin("https://");
    }

    function test_RevertWhen_NormaliseOriginBadScheme() public {
        _expectInvalidOrigin("1http://shop.example");
        _expectInvalidOrigin("ht tp://shop.example");
    }

    function test_RevertWhen_NormaliseOriginHasPathQueryOrUserInfo() public {
        _expectInvalidOrigin("https://shop.example/pay");
        _expectInvalidOrigin("https://shop.example?x=1");
        _expectInvalidOrigin("https://user@shop.example");
        _expectInvalidOrigin("https://shop.example//");
    }

    // ---------------------------------------------------------------- checkPayment

    function test_CheckPayment_AllowsUnlistedAndTrusted() public {
        policy.checkPayment(ETH, shop, 100 ether);
        vm.startPrank(address(timelock));
        policy.setTokenLimits(ETH, 1 ether, 0, 0);
        policy.setMerchantStatus(shop, IPaymentPolicy.MerchantStatus.Trusted, "");
        vm.stopPrank();
        policy.checkPayment(ETH, shop, 1 ether);
    }

    function test_RevertWhen_CheckPaymentRecipientBlocked() public {
        vm.prank(address(timelock));
        policy.setMerchantStatus(scammer, IPaymentPolicy.MerchantStatus.Blocked, "scam");
        vm.expectRevert(abi.encodeWithSelector(IPaymentPolicy.PaymentPolicyRecipientBlocked.selector, scammer));
        policy.checkPayment(ETH, scammer, 1);
    }

    function test_RevertWhen_CheckPaymentAboveMax() public {
        vm.prank(address(timelock));
        policy.setTokenLimits(address(usd), 500e6, 0, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IPaymentPolicy.PaymentPolicyAmountAboveMax.selector, address(usd), shop, 500e6 + 1, 500e6, 1
            )
        );
        policy.checkPayment(address(usd), shop, 500e6 + 1);
    }

    // ---------------------------------------------------------------- snapshot

    function test_Snapshot() public {
        vm.startPrank(address(timelock));
        policy.setTokenLimits(ETH, 1 ether, 2 ether, 0.25 ether);
        policy.setTokenLimits(address(usd), 500e6, 1_000e6, 100e6);
        vm.stopPrank();
        IPaymentPolicy.PolicySnapshot memory snap = policy.snapshot();
        assertEq(snap.version, 3, "version");
        assertEq(snap.warnAt, 40, "warnAt");
        assertEq(snap.blockAt, 80, "blockAt");
        assertFalse(snap.unlimitedApprovalsAllowed, "approvals");
        assertEq(snap.tokenLimits.length, 2, "limits");
        assertEq(snap.tokenLimits[0].token, ETH, "eth first");
        assertEq(snap.tokenLimits[1].dailyCap, 1_000e6, "usd daily cap");
    }
}
