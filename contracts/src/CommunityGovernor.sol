// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {GovernorUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/GovernorUpgradeable.sol";
import {TimelockControllerUpgradeable} from
    "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";
import {GovernorCountingSimpleUpgradeable} from
    "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorCountingSimpleUpgradeable.sol";
import {GovernorPreventLateQuorumUpgradeable} from
    "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorPreventLateQuorumUpgradeable.sol";
import {GovernorSettingsUpgradeable} from
    "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorSettingsUpgradeable.sol";
import {GovernorStorageUpgradeable} from
    "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorStorageUpgradeable.sol";
import {GovernorTimelockControlUpgradeable} from
    "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorTimelockControlUpgradeable.sol";
import {GovernorVotesUpgradeable} from
    "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorVotesUpgradeable.sol";
import {GovernorVotesQuorumFractionUpgradeable} from
    "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorVotesQuorumFractionUpgradeable.sol";

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
 * The extensions are OpenZeppelin's upgradeable variants (the same code, with its state in ERC-7201
 * namespaces and set by initialisers), so that the {CommunityFactory} can create the governor as an
 * ERC-1167 clone: the constructor initialises a governor deployed with `new`, {initialize} initialises a
 * clone, and either can happen only once. A clone cannot be upgraded: it always runs the code it was
 * cloned from.
 *
 * ==== Security Considerations
 *
 * The governor must be the timelock's only proposer, and the timelock must have no admin left after
 * deployment (see the deploy script); any other proposer could schedule operations that bypass votes.
 */
contract CommunityGovernor is
    Initializable,
    GovernorUpgradeable,
    GovernorSettingsUpgradeable,
    GovernorCountingSimpleUpgradeable,
    GovernorStorageUpgradeable,
    GovernorVotesUpgradeable,
    GovernorVotesQuorumFractionUpgradeable,
    GovernorPreventLateQuorumUpgradeable,
    GovernorTimelockControlUpgradeable
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
        initializer
    {
        _initialize(name_, token_, address(timelock_), settings);
    }

    /**
     * @dev Initialises a clone exactly as the constructor initialises a new governor. Reverts with
     * {Initializable-InvalidInitialization} if the governor was already initialised.
     */
    function initialize(string memory name_, IVotes token_, address timelock_, Settings memory settings)
        external
        initializer
    {
        _initialize(name_, token_, timelock_, settings);
    }

    /// @inheritdoc IGovernor
    function votingDelay() public view override(GovernorUpgradeable, GovernorSettingsUpgradeable) returns (uint256) {
        return super.votingDelay();
    }

    /// @inheritdoc IGovernor
    function votingPeriod() public view override(GovernorUpgradeable, GovernorSettingsUpgradeable) returns (uint256) {
        return super.votingPeriod();
    }

    /// @inheritdoc IGovernor
    function proposalThreshold()
        public
        view
        override(GovernorUpgradeable, GovernorSettingsUpgradeable)
        returns (uint256)
    {
        return super.proposalThreshold();
    }

    /// @inheritdoc IGovernor
    function quorum(uint256 timepoint)
        public
        view
        override(GovernorUpgradeable, GovernorVotesQuorumFractionUpgradeable)
        returns (uint256)
    {
        return super.quorum(timepoint);
    }

    /// @dev The timelock's view of a proposal (queued, executed) completes the governor's.
    function state(uint256 proposalId)
        public
        view
        override(GovernorUpgradeable, GovernorTimelockControlUpgradeable)
        returns (ProposalState)
    {
        return super.state(proposalId);
    }

    /// @dev A late quorum can push the deadline back; see {GovernorPreventLateQuorum}.
    function proposalDeadline(uint256 proposalId)
        public
        view
        override(GovernorUpgradeable, GovernorPreventLateQuorumUpgradeable)
        returns (uint256)
    {
        return super.proposalDeadline(proposalId);
    }

    /// @dev Every proposal goes through the timelock.
    function proposalNeedsQueuing(uint256 proposalId)
        public
        view
        override(GovernorUpgradeable, GovernorTimelockControlUpgradeable)
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
    ) internal override(GovernorUpgradeable, GovernorStorageUpgradeable) returns (uint256) {
        return super._propose(targets, values, calldatas, description, proposer);
    }

    /// @dev After each vote GovernorPreventLateQuorum checks whether quorum was just reached.
    function _tallyUpdated(uint256 proposalId)
        internal
        override(GovernorUpgradeable, GovernorPreventLateQuorumUpgradeable)
    {
        super._tallyUpdated(proposalId);
    }

    /// @dev Queues the proposal's operations in the timelock.
    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    /// @dev Executes the proposal's operations through the timelock.
    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    /// @dev Cancelling also cancels the timelock operation, if queued.
    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    /// @dev The timelock, not the governor, holds the community's assets and executes proposals.
    function _executor()
        internal
        view
        override(GovernorUpgradeable, GovernorTimelockControlUpgradeable)
        returns (address)
    {
        return super._executor();
    }

    /// @dev The one initialisation, shared by the constructor and {initialize}.
    function _initialize(string memory name_, IVotes token_, address timelock_, Settings memory settings) private {
        __Governor_init(name_);
        __GovernorSettings_init(settings.votingDelay, settings.votingPeriod, settings.proposalThreshold);
        __GovernorCountingSimple_init();
        __GovernorStorage_init();
        __GovernorVotes_init(token_);
        __GovernorVotesQuorumFraction_init(settings.quorumNumerator);
        __GovernorPreventLateQuorum_init(settings.lateQuorumExtension);
        __GovernorTimelockControl_init(TimelockControllerUpgradeable(payable(timelock_)));
    }
}
