// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IPaymentPolicy} from "../src/interfaces/IPaymentPolicy.sol";
import {ITreasury} from "../src/interfaces/ITreasury.sol";
import {CommunityToken} from "../src/CommunityToken.sol";
import {PaymentPolicy} from "../src/PaymentPolicy.sol";
import {Treasury} from "../src/Treasury.sol";
import {SystemFixture} from "./utils/SystemFixture.sol";

/// @dev Whole proposals on the deployed system: propose, vote, wait, queue, wait, execute.
contract GovernanceLifecycleTest is SystemFixture {
    address internal constant ETH = address(0);
    string internal constant DESCRIPTION = "# Spring budget\nStricter thresholds, cgUSD limits, a grant and a treasurer.";

    function _stateOf(uint256 proposalId) internal view returns (uint8) {
        return uint8(governor.state(proposalId));
    }

    function _stateBitmap(IGovernor.ProposalState state) internal pure returns (bytes32) {
        return bytes32(2 ** uint256(state));
    }

    /// @dev One proposal that changes the policy twice, pays from the treasury twice and sets a budget.
    function _springProposal()
        internal
        view
        returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas)
    {
        targets = new address[](5);
        values = new uint256[](5);
        calldatas = new bytes[](5);
        targets[0] = address(policy);
        calldatas[0] = abi.encodeCall(PaymentPolicy.setThresholds, (50, 90));
        targets[1] = address(policy);
        calldatas[1] = abi.encodeCall(PaymentPolicy.setTokenLimits, (address(usd), 500e6, 1_000e6, 100e6));
        targets[2] = address(treasury);
        calldatas[2] = abi.encodeCall(Treasury.pay, (address(usd), merchant, 400e6, "GRANT-1"));
        targets[3] = address(treasury);
        calldatas[3] = abi.encodeCall(Treasury.pay, (ETH, merchant, 1 ether, "GRANT-2"));
        targets[4] = address(treasury);
        calldatas[4] = abi.encodeCall(Treasury.setBudget, (treasurer, address(usd), 1_000e6, 30 days));
    }

    function test_SetUpState() public view {
        assertEq(governor.proposalCount(), 0, "no proposals");
        assertEq(policy.version(), 1, "policy version");
    }

    function test_Lifecycle_PolicyChangeAndTreasuryPayout() public {
        _fundUsd(2_000e6);
        _fundEth(3 ether);
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _springProposal();
        bytes32 descriptionHash = keccak256(bytes(DESCRIPTION));

        uint256 proposalId = _propose(targets, values, calldatas, DESCRIPTION);
        assertEq(_stateOf(proposalId), uint8(IGovernor.ProposalState.Pending), "pending");

        _warpToVoting(proposalId);
        assertEq(_stateOf(proposalId), uint8(IGovernor.ProposalState.Active), "active");
        vm.prank(member1);
        governor.castVoteWithReason(proposalId, 1, "Safer defaults, and the grant is overdue.");
        _vote(member2, proposalId, 0);
        _vote(member3, proposalId, 1);
        _vote(member4, proposalId, 2);
        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(proposalId);
        assertEq(forVotes, config.amounts[0] + config.amounts[2], "for");
        assertEq(against, config.amounts[1], "against");
        assertEq(abstain, config.amounts[3], "abstain");

        _warpPastDeadline(proposalId);
        assertEq(_stateOf(proposalId), uint8(IGovernor.ProposalState.Succeeded), "succeeded");
        governor.queue(targets, values, calldatas, descriptionHash);
        assertEq(_stateOf(proposalId), uint8(IGovernor.ProposalState.Queued), "queued");
        // Nothing happened yet: the timelock holds the operation for its delay.
        assertEq(policy.version(), 1, "not yet applied");

        vm.warp(block.timestamp + timelock.getMinDelay());
        vm.expectEmit();
        emit IPaymentPolicy.ThresholdsChanged(50, 90, 2);
        vm.expectEmit();
        emit IPaymentPolicy.TokenLimitsChanged(address(usd), 500e6, 1_000e6, 100e6, 3);
        vm.expectEmit();
        emit ITreasury.PaidOut(address(timelock), address(usd), merchant, 400e6, "GRANT-1", true);
        vm.expectEmit();
        emit ITreasury.PaidOut(address(timelock), ETH, merchant, 1 ether, "GRANT-2", true);
        vm.expectEmit();
        emit ITreasury.BudgetSet(treasurer, address(usd), 1_000e6, 30 days, block.timestamp, 0);
        vm.expectEmit();
        emit IGovernor.ProposalExecuted(proposalId);
        vm.prank(stranger); // anyone may execute once the delay has passed
        governor.execute(targets, values, calldatas, descriptionHash);

        assertEq(_stateOf(proposalId), uint8(IGovernor.ProposalState.Executed), "executed");
        assertEq(policy.version(), 3, "two policy changes");
        assertEq(policy.warnAt(), 50, "warnAt");
        assertEq(policy.blockAt(), 90, "blockAt");
        assertEq(policy.tokenLimits(address(usd)).maxSinglePayment, 500e6, "usd limit");
        assertEq(usd.balanceOf(merchant), 400e6, "cgUSD grant paid");
        assertEq(usd.balanceOf(address(treasury)), 1_600e6, "cgUSD left");
        assertEq(merchant.balance, 1 ether, "ETH grant paid");
        assertEq(address(treasury).balance, 2 ether, "ETH left");
        assertEq(treasury.budget(treasurer, address(usd)).remaining, 1_000e6, "treasurer budget");

        // The new limit now binds the treasurer it created.
        vm.expectRevert(
            abi.encodeWithSelector(
                IPaymentPolicy.PaymentPolicyAmountAboveMax.selector, address(usd), merchant, 600e6, 500e6, 100e6
            )
        );
        vm.prank(treasurer);
        treasury.payout(address(usd), merchant, 600e6, "INV-1");
    }

    /// @dev A proposal to renounce ownership of the treasury or the policy cannot strand them: it fails at
    /// execution and the timelock still owns both.
    function test_Lifecycle_RenounceOwnershipCannotStrand() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) =
            _single(address(treasury), abi.encodeWithSignature("renounceOwnership()"));
        string memory description = "Renounce the treasury";
        uint256 proposalId = _propose(targets, values, calldatas, description);
        _warpToVoting(proposalId);
        _vote(member1, proposalId, 1);
        _vote(member2, proposalId, 1);
        _warpPastDeadline(proposalId);
        bytes32 descriptionHash = keccak256(bytes(description));
        governor.queue(targets, values, calldatas, descriptionHash);
        vm.warp(block.timestamp + timelock.getMinDelay());
        vm.expectRevert(abi.encodeWithSelector(ITreasury.TreasuryRenounceOwnershipDisabled.selector));
        governor.execute(targets, values, calldatas, descriptionHash);
        assertEq(treasury.owner(), address(timelock), "treasury still owned by the timelock");

        (targets, values, calldatas) = _single(address(policy), abi.encodeWithSignature("renounceOwnership()"));
        description = "Renounce the policy";
        proposalId = _propose(targets, values, calldatas, description);
        _warpToVoting(proposalId);
        _vote(member1, proposalId, 1);
        _vote(member2, proposalId, 1);
        _warpPastDeadline(proposalId);
        descriptionHash = keccak256(bytes(description));
        governor.queue(targets, values, calldatas, descriptionHash);
        vm.warp(block.timestamp + timelock.getMinDelay());
        vm.expectRevert(abi.encodeWithSelector(IPaymentPolicy.PaymentPolicyRenounceOwnershipDisabled.selector));
        governor.execute(targets, values, calldatas, descriptionHash);
        assertEq(policy.owner(), address(timelock), "policy still owned by the timelock");
    }

    function test_Lifecycle_Defeated() public {
        _fundEth(1 ether);
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) =
            _single(address(treasury), abi.encodeCall(Treasury.pay, (ETH, stranger, 1 ether, "gift")));
        string memory description = "Give a stranger 1 ETH";
        uint256 proposalId = _propose(targets, values, calldatas, description);
        _warpToVoting(proposalId);
        _vote(member1, proposalId, 1);
        _vote(member2, proposalId, 0);
        _vote(member3, proposalId, 0);
        _warpPastDeadline(proposalId);

        // Quorum is met (900k voted), but 500k against outweighs 400k for.
        (uint256 against, uint256 forVotes,) = governor.proposalVotes(proposalId);
        assertEq(forVotes, config.amounts[0], "for");
        assertEq(against, config.amounts[1] + config.amounts[2], "against");
        assertEq(_stateOf(proposalId), uint8(IGovernor.ProposalState.Defeated), "defeated");
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                proposalId,
                IGovernor.ProposalState.Defeated,
                _stateBitmap(IGovernor.ProposalState.Succeeded)
            )
        );
        governor.queue(targets, values, calldatas, keccak256(bytes(description)));
        assertEq(stranger.balance, 0, "nothing paid");
    }

    function test_Lifecycle_MissesQuorum() public {
        // A small holder votes alone: every vote is For, yet far below the 4 % quorum.
        address small = makeAddr("small holder");
        vm.prank(member4);
        assertTrue(token.transfer(small, 10_000e18), "transfer");
        vm.prank(small);
        token.delegate(small);
        vm.warp(block.timestamp + 1);

        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) =
            _single(address(policy), abi.encodeCall(PaymentPolicy.setThresholds, (10, 20)));
        uint256 proposalId = _propose(targets, values, calldatas, "Quiet change");
        _warpToVoting(proposalId);
        _vote(small, proposalId, 1);
        _warpPastDeadline(proposalId);

        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(proposalId);
        assertEq(against, 0, "no opposition");
        assertEq(forVotes, 10_000e18, "for");
        assertLt(forVotes + abstain, governor.quorum(governor.proposalSnapshot(proposalId)), "below quorum");
        assertEq(_stateOf(proposalId), uint8(IGovernor.ProposalState.Defeated), "defeated for lack of quorum");
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                proposalId,
                IGovernor.ProposalState.Defeated,
                _stateBitmap(IGovernor.ProposalState.Succeeded)
            )
        );
        governor.queue(proposalId);
        assertEq(policy.version(), 1, "unchanged");
    }

    // ---------------------------------------------------------------- who may do what

    /// @dev Every privileged call of the system, made by `caller`, must revert with the owner error.
    function _assertAllPrivilegedCallsFail(address caller) internal {
        bytes memory unauthorized = abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, caller);
        bytes[7] memory policyCalls = [
            abi.encodeCall(PaymentPolicy.setThresholds, (10, 20)),
            abi.encodeCall(PaymentPolicy.setTokenLimits, (ETH, 1, 1, 1)),
            abi.encodeCall(PaymentPolicy.removeTokenLimits, (ETH)),
            abi.encodeCall(PaymentPolicy.setUnlimitedApprovalsAllowed, (true)),
            abi.encodeCall(PaymentPolicy.setMerchantStatus, (caller, IPaymentPolicy.MerchantStatus.Trusted, "")),
            abi.encodeCall(PaymentPolicy.setOriginStatus, ("https://a.example", IPaymentPolicy.MerchantStatus.Trusted, "")),
            abi.encodeCall(Ownable.transferOwnership, (caller))
        ];
        for (uint256 i = 0; i < policyCalls.length; ++i) {
            vm.prank(caller);
            (bool ok, bytes memory reason) = address(policy).call(policyCalls[i]);
            assertFalse(ok, "policy call succeeded");
            assertEq(reason, unauthorized, "policy error");
        }
        bytes[4] memory treasuryCalls = [
            abi.encodeCall(Treasury.pay, (ETH, caller, 1, "")),
            abi.encodeCall(Treasury.setBudget, (caller, ETH, 1 ether, 1 days)),
            abi.encodeCall(Treasury.setPolicy, (IPaymentPolicy(caller))),
            abi.encodeCall(Ownable.transferOwnership, (caller))
        ];
        for (uint256 i = 0; i < treasuryCalls.length; ++i) {
            vm.prank(caller);
            (bool ok, bytes memory reason) = address(treasury).call(treasuryCalls[i]);
            assertFalse(ok, "treasury call succeeded");
            assertEq(reason, unauthorized, "treasury error");
        }
        bytes[2] memory tokenCalls =
            [abi.encodeCall(CommunityToken.mint, (caller, 1)), abi.encodeCall(Ownable.transferOwnership, (caller))];
        for (uint256 i = 0; i < tokenCalls.length; ++i) {
            vm.prank(caller);
            (bool ok, bytes memory reason) = address(token).call(tokenCalls[i]);
            assertFalse(ok, "token call succeeded");
            assertEq(reason, unauthorized, "token error");
        }
    }

    function test_RevertWhen_AnyoneButTimelockCallsPrivilegedFunctions() public {
        _fundEth(1 ether);
        _assertAllPrivilegedCallsFail(deployer);
        _assertAllPrivilegedCallsFail(address(governor));
        _assertAllPrivilegedCallsFail(member1);
        _assertAllPrivilegedCallsFail(treasurer);
        _assertAllPrivilegedCallsFail(stranger);
    }

    function test_RevertWhen_SchedulingOnTimelockDirectly() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) =
            _single(address(token), abi.encodeCall(CommunityToken.mint, (member1, 1e24)));
        bytes32 proposerRole = timelock.PROPOSER_ROLE();
        for (uint256 i = 0; i < config.holders.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IAccessControl.AccessControlUnauthorizedAccount.selector, config.holders[i], proposerRole
                )
            );
            vm.prank(config.holders[i]);
            timelock.scheduleBatch(targets, values, calldatas, 0, 0, 1 days);
        }
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, deployer, proposerRole)
        );
        timelock.scheduleBatch(targets, values, calldatas, 0, 0, 1 days);
    }

    function test_RevertWhen_DeployerTriesToRegainTimelockAdmin() public {
        bytes32 adminRole = timelock.DEFAULT_ADMIN_ROLE();
        bytes32 proposerRole = timelock.PROPOSER_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, deployer, adminRole)
        );
        timelock.grantRole(proposerRole, deployer);
        vm.expectRevert(abi.encodeWithSelector(TimelockController.TimelockUnauthorizedCaller.selector, deployer));
        timelock.updateDelay(0);
        assertFalse(timelock.hasRole(adminRole, deployer), "no admin");
    }

    function test_TimelockDelay_ChangesOnlyByVote() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) =
            _single(address(timelock), abi.encodeCall(TimelockController.updateDelay, (2 days)));
        _passAndExecute(targets, values, calldatas, "Longer timelock");
        assertEq(timelock.getMinDelay(), 2 days, "delay");
    }
}
