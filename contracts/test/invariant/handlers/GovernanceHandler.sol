// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {CommunityGovernor} from "../../../src/CommunityGovernor.sol";
import {PaymentPolicy} from "../../../src/PaymentPolicy.sol";
import {HandlerBase} from "./HandlerBase.sol";

/**
 * @dev Runs many proposals through the real governor and timelock in random order: members propose,
 * vote, cancel; anyone queues and executes (often too early); time passes. After every call the
 * handler observes the state of every proposal and records any transition the Governor state machine
 * does not allow, and any execution that came before the timelock's minimum delay.
 */
contract GovernanceHandler is HandlerBase {
    CommunityGovernor public immutable governor;
    TimelockController public immutable timelock;
    PaymentPolicy public immutable policy;

    address[] public members;
    uint256[] public proposalIds;
    mapping(uint256 proposalId => string) internal _descriptions;
    mapping(uint256 proposalId => uint8) internal _thresholdOf;
    mapping(uint256 proposalId => IGovernor.ProposalState) public ghost_lastState;
    mapping(uint256 proposalId => uint256) public ghost_queuedAt;

    uint256 public ghost_executions;
    uint256 public ghost_prematureExecutions;
    uint256 public ghost_illegalTransitions;
    uint256 public ghost_votes;

    constructor(CommunityGovernor governor_, TimelockController timelock_, PaymentPolicy policy_, address[] memory members_) {
        governor = governor_;
        timelock = timelock_;
        policy = policy_;
        members = members_;
    }

    modifier observeStates() {
        _;
        _observe();
    }

    // ---------------------------------------------------------------- actions

    function propose(uint256 memberSeed, uint8 warnAt) external countCall("propose") observeStates {
        address proposer = members[memberSeed % members.length];
        uint8 threshold = uint8(bound(warnAt, 0, 79));
        string memory description = string.concat("Proposal ", vm.toString(proposalIds.length));
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _action(threshold);
        vm.prank(proposer);
        uint256 proposalId = governor.propose(targets, values, calldatas, description);
        proposalIds.push(proposalId);
        _descriptions[proposalId] = description;
        _thresholdOf[proposalId] = threshold;
        ghost_lastState[proposalId] = IGovernor.ProposalState.Pending;
    }

    function castVote(uint256 proposalSeed, uint256 memberSeed, uint8 support)
        external
        countCall("castVote")
        observeStates
    {
        if (proposalIds.length == 0) return;
        uint256 proposalId = proposalIds[proposalSeed % proposalIds.length];
        address voter = members[memberSeed % members.length];
        vm.prank(voter);
        try governor.castVote(proposalId, support % 3) {
            ++ghost_votes;
        } catch (bytes memory reason) {
            _expectOneOf(
                reason,
                _selectors(
                    IGovernor.GovernorUnexpectedProposalState.selector, IGovernor.GovernorAlreadyCastVote.selector
                )
            );
        }
    }

    function queue(uint256 proposalSeed) external countCall("queue") observeStates {
        if (proposalIds.length == 0) return;
        uint256 proposalId = proposalIds[proposalSeed % proposalIds.length];
        try governor.queue(proposalId) {
            ghost_queuedAt[proposalId] = block.timestamp;
        } catch (bytes memory reason) {
            _expectOneOf(reason, _selectors(IGovernor.GovernorUnexpectedProposalState.selector));
        }
    }

    function execute(uint256 proposalSeed) external countCall("execute") observeStates {
        if (proposalIds.length == 0) return;
        uint256 proposalId = proposalIds[proposalSeed % proposalIds.length];
        try governor.execute(proposalId) {
            ++ghost_executions;
            uint256 readyAt = ghost_queuedAt[proposalId] + timelock.getMinDelay();
            // The test controls time exactly (vm.warp): no validator can move it here.
            // forge-lint: disable-next-line(block-timestamp)
            if (ghost_queuedAt[proposalId] == 0 || block.timestamp < readyAt) {
                ++ghost_prematureExecutions;
            }
        } catch (bytes memory reason) {
            _expectOneOf(
                reason,
                _selectors(
                    IGovernor.GovernorUnexpectedProposalState.selector,
                    TimelockController.TimelockUnexpectedOperationState.selector
                )
            );
        }
    }

    function cancel(uint256 proposalSeed) external countCall("cancel") observeStates {
        if (proposalIds.length == 0) return;
        uint256 proposalId = proposalIds[proposalSeed % proposalIds.length];
        vm.prank(governor.proposalProposer(proposalId));
        try governor.cancel(proposalId) {}
        catch (bytes memory reason) {
            _expectOneOf(reason, _selectors(IGovernor.GovernorUnableToCancel.selector));
        }
    }

    function warp(uint256 seconds_) external countCall("warp") observeStates {
        vm.warp(block.timestamp + bound(seconds_, 1, 2 days));
    }

    // ---------------------------------------------------------------- views

    function proposalCount() external view returns (uint256) {
        return proposalIds.length;
    }

    // ---------------------------------------------------------------- private helpers

    function _action(uint8 warnAt)
        private
        view
        returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas)
    {
        targets = new address[](1);
        values = new uint256[](1);
        calldatas = new bytes[](1);
        targets[0] = address(policy);
        calldatas[0] = abi.encodeCall(PaymentPolicy.setThresholds, (warnAt, 80));
    }

    /// @dev Records every proposal whose state moved along an edge the Governor does not have.
    function _observe() private {
        for (uint256 i = 0; i < proposalIds.length; ++i) {
            uint256 proposalId = proposalIds[i];
            IGovernor.ProposalState current = governor.state(proposalId);
            if (!_allowed(ghost_lastState[proposalId], current)) ++ghost_illegalTransitions;
            ghost_lastState[proposalId] = current;
        }
    }

    /// @dev The states reachable from `from` between two observations (time may jump several steps).
    function _allowed(IGovernor.ProposalState from, IGovernor.ProposalState to) private pure returns (bool) {
        if (from == to) return true;
        if (from == IGovernor.ProposalState.Pending) {
            // Without votes a proposal can go straight from pending to defeated if time jumps far.
            return to == IGovernor.ProposalState.Active || to == IGovernor.ProposalState.Canceled
                || to == IGovernor.ProposalState.Defeated;
        }
        if (from == IGovernor.ProposalState.Active) {
            return to == IGovernor.ProposalState.Succeeded || to == IGovernor.ProposalState.Defeated;
        }
        if (from == IGovernor.ProposalState.Succeeded) return to == IGovernor.ProposalState.Queued;
        if (from == IGovernor.ProposalState.Queued) return to == IGovernor.ProposalState.Executed;
        // Canceled, Defeated, Expired and Executed are final.
        return false;
    }
}
