// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {GovernorPreventLateQuorum} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {TimelockControllerUpgradeable} from
    "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";
import {PaymentPolicy} from "../src/PaymentPolicy.sol";
import {SystemFixture} from "./utils/SystemFixture.sol";

contract CommunityGovernorTest is SystemFixture {
    string internal constant DESCRIPTION = "# Raise the warning threshold\nwarnAt 40 -> 50";

    address[] internal targets;
    uint256[] internal values;
    bytes[] internal calldatas;

    function setUp() public override {
        super.setUp();
        (targets, values, calldatas) = _single(address(policy), abi.encodeCall(PaymentPolicy.setThresholds, (50, 80)));
    }

    function _stateBitmap(IGovernor.ProposalState state) internal pure returns (bytes32) {
        return bytes32(2 ** uint256(state));
    }

    function _proposeDefault() internal returns (uint256) {
        return _propose(targets, values, calldatas, DESCRIPTION);
    }

    // ---------------------------------------------------------------- settings

    function test_SetUpState() public view {
        assertEq(governor.name(), config.governorName, "name");
        assertEq(address(governor.token()), address(token), "token");
        assertEq(governor.timelock(), address(timelock), "timelock");
        assertEq(governor.votingDelay(), config.votingDelay, "voting delay");
        assertEq(governor.votingPeriod(), config.votingPeriod, "voting period");
        assertEq(governor.proposalThreshold(), config.proposalThreshold, "threshold");
        assertEq(governor.quorumNumerator(), config.quorumNumerator, "quorum numerator");
        assertEq(governor.lateQuorumVoteExtension(), config.lateQuorumExtension, "late quorum");
        assertEq(governor.CLOCK_MODE(), "mode=timestamp", "clock mode");
        assertEq(governor.clock(), block.timestamp, "clock");
        assertEq(governor.COUNTING_MODE(), "support=bravo&quorum=for,abstain", "counting");
        assertEq(governor.proposalCount(), 0, "no proposals");
    }

    function test_Quorum_IsShareOfSupply() public {
        vm.warp(block.timestamp + 1);
        assertEq(governor.quorum(block.timestamp - 1), token.totalSupply() * config.quorumNumerator / 100, "quorum");
    }

    // ---------------------------------------------------------------- propose

    function test_Propose() public {
        uint256 expectedId = governor.hashProposal(targets, values, calldatas, keccak256(bytes(DESCRIPTION)));
        uint256 snapshot = block.timestamp + config.votingDelay;
        string[] memory signatures = new string[](1);
        vm.expectEmit();
        emit IGovernor.ProposalCreated(
            expectedId, member1, targets, values, signatures, calldatas, snapshot, snapshot + config.votingPeriod, DESCRIPTION
        );
        uint256 proposalId = _proposeDefault();

        assertEq(proposalId, expectedId, "id");
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Pending), "pending");
        assertEq(governor.proposalProposer(proposalId), member1, "proposer");
        assertEq(governor.proposalCount(), 1, "stored");
        (uint256 storedId,,,,) = _detailsAt(0);
        assertEq(storedId, proposalId, "enumerable");
    }

    function _detailsAt(uint256 index)
        internal
        view
        returns (uint256 id, address[] memory t, uint256[] memory v, bytes[] memory c, bytes32 descriptionHash)
    {
        return governor.proposalDetailsAt(index);
    }

    function test_RevertWhen_ProposerBelowThreshold() public {
        vm.prank(member1);
        assertTrue(token.transfer(stranger, 999e18), "transfer");
        vm.prank(stranger);
        token.delegate(stranger);
        vm.warp(block.timestamp + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorInsufficientProposerVotes.selector, stranger, 999e18, config.proposalThreshold
            )
        );
        vm.prank(stranger);
        governor.propose(targets, values, calldatas, DESCRIPTION);
    }

    function test_RevertWhen_ProposedTwice() public {
        uint256 proposalId = _proposeDefault();
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                proposalId,
                IGovernor.ProposalState.Pending,
                bytes32(0)
            )
        );
        vm.prank(member2);
        governor.propose(targets, values, calldatas, DESCRIPTION);
    }

    function test_RevertWhen_ProposalLengthsDiffer() public {
        uint256[] memory twoValues = new uint256[](2);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidProposalLength.selector, 1, 1, 2));
        vm.prank(member1);
        governor.propose(targets, twoValues, calldatas, DESCRIPTION);
    }

    // ---------------------------------------------------------------- castVote

    function test_CastVote() public {
        uint256 proposalId = _proposeDefault();
        _warpToVoting(proposalId);
        vm.expectEmit();
        emit IGovernor.VoteCast(member3, proposalId, 0, config.amounts[2], "");
        _vote(member3, proposalId, 0);
        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(proposalId);
        assertEq(against, config.amounts[2], "against");
        assertEq(forVotes + abstain, 0, "nothing else");
        assertTrue(governor.hasVoted(proposalId, member3), "recorded");
    }

    function test_CastVoteWithReason() public {
        uint256 proposalId = _proposeDefault();
        _warpToVoting(proposalId);
        vm.expectEmit();
        emit IGovernor.VoteCast(member4, proposalId, 2, config.amounts[3], "no opinion");
        vm.prank(member4);
        governor.castVoteWithReason(proposalId, 2, "no opinion");
        (,, uint256 abstain) = governor.proposalVotes(proposalId);
        assertEq(abstain, config.amounts[3], "abstain");
    }

    function test_CastVote_UsesPowerAtSnapshot() public {
        uint256 proposalId = _proposeDefault();
        _warpToVoting(proposalId);
        // Tokens moved after the snapshot carry no extra weight in this proposal.
        vm.prank(member1);
        assertTrue(token.transfer(member4, 100_000e18), "transfer");
        _vote(member4, proposalId, 1);
        (, uint256 forVotes,) = governor.proposalVotes(proposalId);
        assertEq(forVotes, config.amounts[3], "snapshot weight");
    }

    function test_RevertWhen_CastVoteBeforeVotingStarts() public {
        uint256 proposalId = _proposeDefault();
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                proposalId,
                IGovernor.ProposalState.Pending,
                _stateBitmap(IGovernor.ProposalState.Active)
            )
        );
        _vote(member1, proposalId, 1);
    }

    function test_RevertWhen_CastVoteTwice() public {
        uint256 proposalId = _proposeDefault();
        _warpToVoting(proposalId);
        _vote(member3, proposalId, 1);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, member3));
        _vote(member3, proposalId, 0);
    }

    function test_RevertWhen_CastVoteInvalidSupport() public {
        uint256 proposalId = _proposeDefault();
        _warpToVoting(proposalId);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidVoteType.selector));
        _vote(member3, proposalId, 3);
    }

    function test_RevertWhen_CastVoteOnUnknownProposal() public {
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorNonexistentProposal.selector, 42));
        _vote(member1, 42, 1);
    }

    // ---------------------------------------------------------------- late quorum

    function test_LateQuorum_ExtendsDeadline() public {
        uint256 proposalId = _proposeDefault();
        uint256 deadline = governor.proposalDeadline(proposalId);
        vm.warp(deadline - 10);
        uint64 extended = uint64(block.timestamp + config.lateQuorumExtension);
        vm.expectEmit();
        emit GovernorPreventLateQuorum.ProposalExtended(proposalId, extended);
        _vote(member2, proposalId, 1);
        assertEq(governor.proposalDeadline(proposalId), extended, "extended");

        // Still active after the original deadline, so the other side can answer.
        vm.warp(deadline + 1);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Active), "active");
        _vote(member1, proposalId, 0);
        vm.warp(extended + 1);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Defeated), "answered");
    }

    function test_EarlyQuorum_KeepsDeadline() public {
        uint256 proposalId = _proposeDefault();
        uint256 deadline = governor.proposalDeadline(proposalId);
        _warpToVoting(proposalId);
        _vote(member2, proposalId, 1);
        assertEq(governor.proposalDeadline(proposalId), deadline, "unchanged");
    }

    // ---------------------------------------------------------------- queue / execute / cancel

    function test_QueueAndExecute_ById() public {
        uint256 proposalId = _proposeDefault();
        _warpToVoting(proposalId);
        _vote(member1, proposalId, 1);
        _warpPastDeadline(proposalId);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Succeeded), "succeeded");

        uint256 eta = block.timestamp + timelock.getMinDelay();
        vm.expectEmit();
        emit IGovernor.ProposalQueued(proposalId, eta);
        governor.queue(proposalId);
        assertEq(governor.proposalEta(proposalId), eta, "eta");

        vm.warp(eta);
        vm.expectEmit();
        emit IGovernor.ProposalExecuted(proposalId);
        vm.prank(stranger);
        governor.execute(proposalId);
        assertEq(policy.warnAt(), 50, "applied");
    }

    function test_RevertWhen_QueueBeforeSuccess() public {
        uint256 proposalId = _proposeDefault();
        _warpToVoting(proposalId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                proposalId,
                IGovernor.ProposalState.Active,
                _stateBitmap(IGovernor.ProposalState.Succeeded)
            )
        );
        governor.queue(proposalId);
    }

    function test_RevertWhen_ExecuteBeforeTimelockDelay() public {
        uint256 proposalId = _proposeDefault();
        _warpToVoting(proposalId);
        _vote(member1, proposalId, 1);
        _warpPastDeadline(proposalId);
        governor.queue(proposalId);
        bytes32 salt = bytes20(address(governor)) ^ keccak256(bytes(DESCRIPTION));
        bytes32 operationId = timelock.hashOperationBatch(targets, values, calldatas, 0, salt);
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockUnexpectedOperationState.selector,
                operationId,
                bytes32(2 ** uint256(TimelockController.OperationState.Ready))
            )
        );
        governor.execute(proposalId);
    }

    function test_RevertWhen_ExecuteWithoutQueue() public {
        uint256 proposalId = _proposeDefault();
        _warpToVoting(proposalId);
        _vote(member1, proposalId, 1);
        _warpPastDeadline(proposalId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                proposalId,
                IGovernor.ProposalState.Succeeded,
                _stateBitmap(IGovernor.ProposalState.Queued)
            )
        );
        governor.execute(proposalId);
    }

    function test_Cancel_ByProposerWhilePending() public {
        uint256 proposalId = _proposeDefault();
        vm.expectEmit();
        emit IGovernor.ProposalCanceled(proposalId);
        vm.prank(member1);
        governor.cancel(proposalId);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Canceled), "canceled");
    }

    function test_RevertWhen_CancelByOther() public {
        uint256 proposalId = _proposeDefault();
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, proposalId, member2));
        vm.prank(member2);
        governor.cancel(proposalId);
    }

    function test_RevertWhen_CancelByProposerOnceActive() public {
        uint256 proposalId = _proposeDefault();
        _warpToVoting(proposalId);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, proposalId, member1));
        vm.prank(member1);
        governor.cancel(proposalId);
    }

    // ---------------------------------------------------------------- governance-only settings

    function test_RevertWhen_SettingsChangedDirectly() public {
        bytes memory onlyExecutor = abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, member1);
        vm.startPrank(member1);
        vm.expectRevert(onlyExecutor);
        governor.setVotingDelay(1);
        vm.expectRevert(onlyExecutor);
        governor.setVotingPeriod(1);
        vm.expectRevert(onlyExecutor);
        governor.setProposalThreshold(0);
        vm.expectRevert(onlyExecutor);
        governor.updateQuorumNumerator(1);
        vm.expectRevert(onlyExecutor);
        governor.setLateQuorumVoteExtension(0);
        vm.expectRevert(onlyExecutor);
        governor.updateTimelock(TimelockControllerUpgradeable(payable(stranger)));
        vm.expectRevert(onlyExecutor);
        governor.relay(stranger, 0, "");
        vm.stopPrank();
    }

    function test_SetVotingPeriod_ByVote() public {
        (address[] memory t, uint256[] memory v, bytes[] memory c) =
            _single(address(governor), abi.encodeCall(GovernorSettings.setVotingPeriod, (7 days)));
        _passAndExecute(t, v, c, "Longer votes");
        assertEq(governor.votingPeriod(), 7 days, "changed by vote");
        assertEq(policy.version(), 1, "policy untouched");
    }
}
