// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IPaymentPolicy} from "../../../src/interfaces/IPaymentPolicy.sol";
import {PaymentPolicy} from "../../../src/PaymentPolicy.sol";
import {HandlerBase} from "./HandlerBase.sol";

/**
 * @dev Changes the payment policy as the timelock would after votes, with valid and invalid values.
 * Every call checks that the version moved by exactly one on success and not at all on failure.
 */
contract PolicyHandler is HandlerBase {
    PaymentPolicy public immutable policy;
    address public immutable timelock;

    uint256 public ghost_changes;
    uint256 public ghost_rejected;
    /// @dev Set if a change ever moved the version by anything but one, or a rejected one moved it at all.
    bool public ghost_versionMisstep;
    uint64 public ghost_highestVersion;

    address[4] internal _tokens = [address(0), address(0xC0FFEE), address(0xBEEF), address(0xD011A5)];
    string[4] internal _origins =
        ["https://shop.example", "HTTP://LOCALHOST:5174/", "http://scam.localhost:5174", "not an origin"];
    string[4] internal _domains = ["scam.example", "Pay.Scam.Example.", "localhost", "https://not.a.domain"];

    constructor(PaymentPolicy policy_, address timelock_) {
        policy = policy_;
        timelock = timelock_;
        ghost_highestVersion = policy_.version();
    }

    function setThresholds(uint8 warnAt, uint8 blockAt) external countCall("setThresholds") {
        _change(abi.encodeCall(PaymentPolicy.setThresholds, (warnAt % 110, blockAt % 110)));
    }

    function setTokenLimits(uint256 tokenSeed, uint256 maxSingle, uint256 dailyCap, uint256 maxFirst)
        external
        countCall("setTokenLimits")
    {
        _change(
            abi.encodeCall(PaymentPolicy.setTokenLimits, (_tokens[tokenSeed % _tokens.length], maxSingle, dailyCap, maxFirst))
        );
    }

    function removeTokenLimits(uint256 tokenSeed) external countCall("removeTokenLimits") {
        _change(abi.encodeCall(PaymentPolicy.removeTokenLimits, (_tokens[tokenSeed % _tokens.length])));
    }

    function setUnlimitedApprovalsAllowed(bool allowed) external countCall("setUnlimitedApprovalsAllowed") {
        _change(abi.encodeCall(PaymentPolicy.setUnlimitedApprovalsAllowed, (allowed)));
    }

    function setMerchantStatus(uint160 merchantSeed, uint8 status, uint16 noteLength)
        external
        countCall("setMerchantStatus")
    {
        // Eight merchants (including the invalid zero address); notes sometimes too long.
        address merchant = address(merchantSeed % 8);
        _change(
            abi.encodeCall(
                PaymentPolicy.setMerchantStatus,
                (merchant, IPaymentPolicy.MerchantStatus(status % 3), string(new bytes(noteLength % 300)))
            )
        );
    }

    function setOriginStatus(uint256 originSeed, uint8 status) external countCall("setOriginStatus") {
        _change(
            abi.encodeCall(
                PaymentPolicy.setOriginStatus,
                (_origins[originSeed % _origins.length], IPaymentPolicy.MerchantStatus(status % 3), "")
            )
        );
    }

    function setDomainStatus(uint256 domainSeed, uint8 status) external countCall("setDomainStatus") {
        _change(
            abi.encodeCall(
                PaymentPolicy.setDomainStatus,
                (_domains[domainSeed % _domains.length], IPaymentPolicy.MerchantStatus(status % 3), "")
            )
        );
    }

    function _change(bytes memory data) private {
        uint64 before = policy.version();
        vm.prank(timelock);
        (bool ok, bytes memory reason) = address(policy).call(data);
        uint64 afterwards = policy.version();
        if (ok) {
            ++ghost_changes;
            if (afterwards != before + 1) ghost_versionMisstep = true;
        } else {
            ++ghost_rejected;
            if (afterwards != before) ghost_versionMisstep = true;
            bytes4[] memory expected = new bytes4[](6);
            expected[0] = IPaymentPolicy.PaymentPolicyInvalidThresholds.selector;
            expected[1] = IPaymentPolicy.PaymentPolicyTokenNotLimited.selector;
            expected[2] = IPaymentPolicy.PaymentPolicyInvalidMerchant.selector;
            expected[3] = IPaymentPolicy.PaymentPolicyNoteTooLong.selector;
            expected[4] = IPaymentPolicy.PaymentPolicyInvalidOrigin.selector;
            expected[5] = IPaymentPolicy.PaymentPolicyInvalidDomain.selector;
            _expectOneOf(reason, expected);
        }
        if (afterwards < ghost_highestVersion) ghost_versionMisstep = true;
        ghost_highestVersion = afterwards;
    }
}
