// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IGovernor, Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorPreventLateQuorum} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorStorage} from "@openzeppelin/contracts/governance/extensions/GovernorStorage.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from
    "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";

/**
 * @dev The community's governor: OpenZeppelin's Governor composed, unchanged, from its audited
 * extensions, so Tally and any other Governor tooling read it like any OpenZeppelin governor.
 *
 * - {GovernorSettings}: voting delay, voting period and proposal threshold, changeable by vote.
 * - {GovernorCountingSimple}: For / Against / Abstain; quorum counts For and Abstain.
 * - {GovernorVotes} + {GovernorVotesQuorumFraction}: voting power from {CommunityToken}, quorum as a
 *   share of the total supply at the proposal's snapshot.
 * - {GovernorTimelockControl}: successful proposals are queued in and executed by the timelock,
 *   which owns the token, the treasury and the payment policy.
 * - {GovernorPreventLateQuorum}: if quorum is reached late, voting is extended so that a last-minute
 *   swing can be answered.
 * - {GovernorStorage}: proposals are enumerable on-chain ({proposalCount}, {proposalDetailsAt}), so a
 *   dApp can list them without an indexer.
 *
 * Every override below only resolves Solidity's multiple inheritance by calling `super`, which runs
 * each extension's logic in linearisation order.
 *
 * ==== Security Considerations
 *
 * The governor must be the timelock's only proposer, and the timelock must have no admin left after
 * deployment (see the deploy script); any other proposer could schedule operations that bypass votes.
 */
contract CommunityGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorStorage,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorPreventLateQuorum,
    GovernorTimelockControl
{
    /// @dev Deployment settings; times are in seconds (the token uses a timestamp clock).
    struct Settings {
        uint48 votingDelay;
        uint32 votingPeriod;
        uint256 proposalThreshold;
        uint256 quorumNumerator;
        uint48 lateQuorumExtension;
    }

    /**
     * @dev Votes come from `token_` (the {CommunityToken}); proposals are queued in and executed by
     * `timelock_`. `settings` are the deployment config's governance settings, in seconds.
     */
    constructor(string memory name_, IVotes token_, TimelockController timelock_, Settings memory settings)
        Governor(name_)
        GovernorSettings(settings.votingDelay, settings.votingPeriod, settings.proposalThreshold)
        GovernorVotes(token_)
        GovernorVotesQuorumFraction(settings.quorumNumerator)
        GovernorPreventLateQuorum(settings.lateQuorumExtension)
        GovernorTimelockControl(timelock_)
    {}

    /// @inheritdoc IGovernor
    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    /// @inheritdoc IGovernor
    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    /// @inheritdoc IGovernor
    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    /// @inheritdoc IGovernor
    function quorum(uint256 timepoint) public view override(Governor, GovernorVotesQuorumFraction) returns (uint256) {
        return super.quorum(timepoint);
    }

    /// @dev The timelock's view of a proposal (queued, executed) completes the governor's.
    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    /// @dev A late quorum can push the deadline back; see {GovernorPreventLateQuorum}.
    function proposalDeadline(uint256 proposalId)
        public
        view
        override(Governor, GovernorPreventLateQuorum)
        returns (uint256)
    {
        return super.proposalDeadline(proposalId);
    }

    /// @dev Every proposal goes through the timelock.
    function proposalNeedsQueuing(uint256 proposalId)
        public
        view
        override(Governor, GovernorTimelockControl)
        returns (bool)
    {
        return super.proposalNeedsQueuing(proposalId);
    }

    /// @dev GovernorStorage records the proposal's details so it can be listed on-chain.
    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override(Governor, GovernorStorage) returns (uint256) {
        return super._propose(targets, values, calldatas, description, proposer);
    }

    /// @dev After each vote GovernorPreventLateQuorum checks whether quorum was just reached.
    function _tallyUpdated(uint256 proposalId) internal override(Governor, GovernorPreventLateQuorum) {
        super._tallyUpdated(proposalId);
    }

    /// @dev Queues the proposal's operations in the timelock.
    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    /// @dev Executes the proposal's operations through the timelock.
    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    /// @dev Cancelling also cancels the timelock operation, if queued.
    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    /// @dev The timelock, not the governor, holds the community's assets and executes proposals.
    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
