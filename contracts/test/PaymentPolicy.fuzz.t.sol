// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IPaymentPolicy} from "../src/interfaces/IPaymentPolicy.sol";
import {SystemFixture} from "./utils/SystemFixture.sol";

/// @dev Policy setters, token limits and origin normalisation over random input.
contract PaymentPolicyFuzzTest is SystemFixture {
    function test_SetUpState() public view {
        assertEq(policy.version(), 1, "version");
    }

    /// @dev Thresholds are accepted exactly when warnAt < blockAt ≤ 100; each accepted change bumps the version.
    function testFuzz_SetThresholds(uint8 warnAt, uint8 blockAt) public {
        bool valid = warnAt < blockAt && blockAt <= 100;
        if (!valid) {
            vm.expectRevert(
                abi.encodeWithSelector(IPaymentPolicy.PaymentPolicyInvalidThresholds.selector, warnAt, blockAt)
            );
        } else {
            vm.expectEmit();
            emit IPaymentPolicy.ThresholdsChanged(warnAt, blockAt, 2);
        }
        vm.prank(address(timelock));
        policy.setThresholds(warnAt, blockAt);
        assertEq(policy.version(), valid ? 2 : 1, "version");
        assertEq(policy.warnAt(), valid ? warnAt : config.warnAt, "warnAt");
        assertEq(policy.blockAt(), valid ? blockAt : config.blockAt, "blockAt");
    }

    /// @dev Limits are stored as given and reported by both look-ups.
    function testFuzz_SetTokenLimits(address asset, uint256 maxSingle, uint256 dailyCap, uint256 maxFirst) public {
        vm.prank(address(timelock));
        policy.setTokenLimits(asset, maxSingle, dailyCap, maxFirst);
        IPaymentPolicy.TokenLimits memory limits = policy.tokenLimits(asset);
        assertEq(limits.maxSinglePayment, maxSingle, "max single");
        assertEq(limits.dailyCap, dailyCap, "daily cap");
        assertEq(limits.maxFirstPayment, maxFirst, "first payment");
        IPaymentPolicy.PolicySnapshot memory snap = policy.snapshot();
        assertEq(snap.tokenLimits.length, 1, "listed");
        assertEq(snap.tokenLimits[0].token, asset, "token");
        assertEq(snap.version, 2, "version");
    }

    /// @dev checkPayment refuses exactly the amounts above a non-zero max single payment.
    function testFuzz_CheckPayment_MaxSinglePayment(uint256 maxSingle, uint256 amount) public {
        vm.prank(address(timelock));
        policy.setTokenLimits(address(0), maxSingle, 0, 0);
        if (maxSingle != 0 && amount > maxSingle) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IPaymentPolicy.PaymentPolicyAmountAboveMax.selector,
                    address(0),
                    merchant,
                    amount,
                    maxSingle,
                    amount - maxSingle
                )
            );
        }
        policy.checkPayment(address(0), merchant, amount);
    }

    /// @dev A blocked recipient is refused whatever the amount and token.
    function testFuzz_CheckPayment_BlockedRecipient(address asset, address recipient, uint256 amount) public {
        vm.assume(recipient != address(0));
        vm.prank(address(timelock));
        policy.setMerchantStatus(recipient, IPaymentPolicy.MerchantStatus.Blocked, "");
        vm.expectRevert(abi.encodeWithSelector(IPaymentPolicy.PaymentPolicyRecipientBlocked.selector, recipient));
        policy.checkPayment(asset, recipient, amount);
    }

    /// @dev Builds a valid origin from random bytes, in random letter case, with or without a trailing slash.
    function _origin(bytes32 seed, uint256 hostLength, bool slash)
        internal
        pure
        returns (string memory mixed, string memory lower)
    {
        bytes memory hostChars = "abcdefghijklmnopqrstuvwxyz0123456789-.";
        bytes memory host = new bytes(hostLength);
        bytes memory hostLower = new bytes(hostLength);
        for (uint256 i = 0; i < hostLength; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            bytes1 c = hostChars[r % hostChars.length];
            // A dot only between two other characters: no empty label, no trailing dot.
            if (c == "." && (i == 0 || i == hostLength - 1 || hostLower[i - 1] == ".")) c = "x";
            hostLower[i] = c;
            // Upper-case about half of the letters.
            host[i] = (c >= "a" && c <= "z" && (r >> 128) % 2 == 1) ? bytes1(uint8(c) - 32) : c;
        }
        string memory scheme = uint256(seed) % 2 == 0 ? "https" : "HTTP";
        string memory schemeLower = uint256(seed) % 2 == 0 ? "https" : "http";
        mixed = string.concat(scheme, "://", string(host), slash ? "/" : "");
        lower = string.concat(schemeLower, "://", string(hostLower));
    }

    /// @dev Normalisation lower-cases and drops a trailing slash, and is idempotent.
    function testFuzz_NormaliseOrigin(bytes32 seed, uint256 hostLength, bool slash) public view {
        hostLength = bound(hostLength, 1, 200);
        (string memory mixed, string memory lower) = _origin(seed, hostLength, slash);
        string memory normalised = policy.normaliseOrigin(mixed);
        assertEq(normalised, lower, "normalised");
        assertEq(policy.normaliseOrigin(normalised), normalised, "idempotent");
    }

    /// @dev Whatever case and slash the governance used, a wallet finds the origin by its exact `location.origin`.
    function testFuzz_SetOriginStatus_LookupMatchesNormalised(bytes32 seed, uint256 hostLength, bool slash) public {
        hostLength = bound(hostLength, 1, 60);
        (string memory mixed, string memory lower) = _origin(seed, hostLength, slash);
        vm.prank(address(timelock));
        policy.setOriginStatus(mixed, IPaymentPolicy.MerchantStatus.Blocked, "fuzz");
        (IPaymentPolicy.MerchantStatus status,) = policy.originStatus(lower);
        assertEq(uint8(status), uint8(IPaymentPolicy.MerchantStatus.Blocked), "found");
        (IPaymentPolicy.OriginEntry[] memory page,) = policy.origins(0, 1);
        assertEq(page[0].origin, lower, "stored normalised");
    }

    /// @dev A character outside the allowed set anywhere in the host makes the origin invalid.
    function testFuzz_RevertWhen_OriginHasForbiddenCharacter(bytes32 seed, uint256 hostLength, uint256 at, uint8 bad)
        public
    {
        hostLength = bound(hostLength, 1, 100);
        at = bound(at, 0, hostLength - 1);
        bytes1 c = bytes1(bad);
        bool allowed = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "-"
            || c == "." || c == ":" || c == "[" || c == "]" || c == "_";
        vm.assume(!allowed);
        (string memory origin,) = _origin(seed, hostLength, false);
        bytes memory raw = bytes(origin);
        // The host starts after "https://" (8 bytes) or "HTTP://" (7 bytes).
        uint256 hostStart = uint256(seed) % 2 == 0 ? 8 : 7;
        raw[hostStart + at] = c;
        // A trailing "/" is dropped before the check, so it is no forbidden character at the end.
        vm.assume(!(c == "/" && at == hostLength - 1));
        vm.expectRevert(abi.encodeWithSelector(IPaymentPolicy.PaymentPolicyInvalidOrigin.selector, string(raw)));
        policy.normaliseOrigin(string(raw));
    }
}
