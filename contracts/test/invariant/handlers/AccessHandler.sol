// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IPaymentPolicy} from "../../../src/interfaces/IPaymentPolicy.sol";
import {CommunityToken} from "../../../src/CommunityToken.sol";
import {PaymentPolicy} from "../../../src/PaymentPolicy.sol";
import {Treasury} from "../../../src/Treasury.sol";
import {HandlerBase} from "./HandlerBase.sol";

/**
 * @dev Random callers (members, the deployer, the governor itself, strangers; never the timelock) try
 * every privileged function. Each attempt must fail with the access error; the handler counts them.
 * The timelock's own mints are the one legitimate supply change, counted in {ghost_timelockMinted}.
 */
contract AccessHandler is HandlerBase {
    PaymentPolicy public immutable policy;
    Treasury public immutable treasury;
    CommunityToken public immutable token;
    TimelockController public immutable timelock;
    /// @dev The timelock's one legitimate proposer, skipped by {tryTimelockSchedule}.
    address public immutable governor;

    address[] public callers;

    uint256 public ghost_attempts;
    uint256 public ghost_unauthorizedSuccesses;
    uint256 public ghost_timelockMinted;

    constructor(
        PaymentPolicy policy_,
        Treasury treasury_,
        CommunityToken token_,
        TimelockController timelock_,
        address governor_,
        address[] memory knownAccounts
    ) {
        governor = governor_;
        policy = policy_;
        treasury = treasury_;
        token = token_;
        timelock = timelock_;
        for (uint256 i = 0; i < knownAccounts.length; ++i) callers.push(knownAccounts[i]);
    }

    /// @dev A known account, or a random address that is not the timelock.
    function _caller(uint256 seed) private view returns (address caller) {
        if (seed % 2 == 0) return callers[(seed / 2) % callers.length];
        caller = address(uint160(uint256(keccak256(abi.encode(seed)))));
        if (caller == address(timelock)) caller = callers[0];
    }

    function callerCount() external view returns (uint256) {
        return callers.length;
    }

    function tryPolicyChange(uint256 callerSeed, uint256 which) external countCall("tryPolicyChange") {
        address caller = _caller(callerSeed);
        bytes[6] memory candidates = [
            abi.encodeCall(PaymentPolicy.setThresholds, (1, 2)),
            abi.encodeCall(PaymentPolicy.setTokenLimits, (address(0), 1, 1, 1)),
            abi.encodeCall(PaymentPolicy.removeTokenLimits, (address(0))),
            abi.encodeCall(PaymentPolicy.setUnlimitedApprovalsAllowed, (true)),
            abi.encodeCall(PaymentPolicy.setMerchantStatus, (caller, IPaymentPolicy.MerchantStatus.Trusted, "me")),
            abi.encodeCall(PaymentPolicy.setOriginStatus, ("https://me.example", IPaymentPolicy.MerchantStatus.Trusted, ""))
        ];
        _attempt(caller, address(policy), candidates[which % candidates.length], _ownerError(caller));
    }

    function trySetBudget(uint256 callerSeed, uint256 amount) external countCall("trySetBudget") {
        address caller = _caller(callerSeed);
        amount = bound(amount, 1, type(uint128).max);
        _attempt(
            caller, address(treasury), abi.encodeCall(Treasury.setBudget, (caller, address(0), amount, 1 days)), _ownerError(caller)
        );
    }

    function tryPay(uint256 callerSeed, uint256 amount) external countCall("tryPay") {
        address caller = _caller(callerSeed);
        amount = bound(amount, 1, 1 ether);
        _attempt(caller, address(treasury), abi.encodeCall(Treasury.pay, (address(0), caller, amount, "")), _ownerError(caller));
    }

    function tryMint(uint256 callerSeed, uint256 amount) external countCall("tryMint") {
        address caller = _caller(callerSeed);
        amount = bound(amount, 1, 1e30);
        _attempt(caller, address(token), abi.encodeCall(CommunityToken.mint, (caller, amount)), _ownerError(caller));
    }

    function tryTakeOwnership(uint256 callerSeed, uint256 which) external countCall("tryTakeOwnership") {
        address caller = _caller(callerSeed);
        address[3] memory owned = [address(policy), address(treasury), address(token)];
        _attempt(caller, owned[which % 3], abi.encodeCall(Ownable.transferOwnership, (caller)), _ownerError(caller));
    }

    function tryTimelockSchedule(uint256 callerSeed) external countCall("tryTimelockSchedule") {
        address caller = _caller(callerSeed);
        // The governor schedules by design (only from its own queue step, after a vote).
        if (caller == governor) caller = callers[0];
        bytes memory data = abi.encodeCall(
            TimelockController.schedule,
            (address(token), 0, abi.encodeCall(CommunityToken.mint, (caller, 1e24)), bytes32(0), bytes32(0), 1 days)
        );
        _attempt(
            caller,
            address(timelock),
            data,
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, caller, timelock.PROPOSER_ROLE()
            )
        );
    }

    function tryTimelockGrantRole(uint256 callerSeed) external countCall("tryTimelockGrantRole") {
        address caller = _caller(callerSeed);
        bytes32 proposerRole = timelock.PROPOSER_ROLE();
        _attempt(
            caller,
            address(timelock),
            abi.encodeCall(IAccessControl.grantRole, (proposerRole, caller)),
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, caller, timelock.DEFAULT_ADMIN_ROLE()
            )
        );
    }

    /// @dev The legitimate path: the timelock mints (after a vote).
    function timelockMint(uint256 amount) external countCall("timelockMint") {
        amount = bound(amount, 1, 1e24);
        vm.prank(address(timelock));
        token.mint(address(0xA11CE), amount);
        ghost_timelockMinted += amount;
    }

    function _ownerError(address caller) private pure returns (bytes memory) {
        return abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, caller);
    }

    function _attempt(address caller, address target, bytes memory data, bytes memory expectedError) private {
        ++ghost_attempts;
        vm.prank(caller);
        (bool ok, bytes memory reason) = target.call(data);
        if (ok) {
            ++ghost_unauthorizedSuccesses;
        } else if (keccak256(reason) != keccak256(expectedError)) {
            // An access check that fails for another reason is a finding too: re-throw it.
            assembly ("memory-safe") {
                revert(add(reason, 0x20), mload(reason))
            }
        }
    }
}
