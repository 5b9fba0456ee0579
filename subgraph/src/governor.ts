import { BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts"
import {
  LateQuorumVoteExtensionSet,
  ProposalCanceled,
  ProposalCreated,
  ProposalExecuted,
  ProposalExtended,
  ProposalQueued,
  ProposalThresholdSet,
  QuorumNumeratorUpdated,
  TimelockChange,
  VoteCast,
  VoteCastWithParams,
  VotingDelaySet,
  VotingPeriodSet,
} from "../generated/templates/CommunityGovernor/CommunityGovernor"
import { Delegate, GovernorSettings, Proposal, ProposalAction, TimelockOperation, Vote } from "../generated/schema"
import { currentCommunity } from "./community"
import { count, eventId, loadPendingLinks, saveOrDropPendingLinks, ZERO_ADDRESS } from "./helpers"

/** Proposal ids are unique only within one governor (they hash the actions and description). */
export function proposalKey(community: Bytes, proposalId: BigInt): string {
  return community.toHexString() + "-" + proposalId.toString()
}

/**
 * The proposal, or a placeholder when the subgraph never saw its creation (e.g. it started at a
 * later block): later events still count, and `createdIndexed` tells a page the details are missing.
 */
function loadOrCreateProposal(proposalId: BigInt, event: ethereum.Event): Proposal {
  let community = currentCommunity()
  let proposal = Proposal.load(proposalKey(community, proposalId))
  if (proposal != null) return proposal
  proposal = new Proposal(proposalKey(community, proposalId))
  proposal.community = community
  proposal.proposalId = proposalId
  proposal.createdIndexed = false
  proposal.proposer = ZERO_ADDRESS
  proposal.description = ""
  proposal.actionCount = 0
  proposal.voteStart = BigInt.zero()
  proposal.voteEnd = BigInt.zero()
  proposal.originalVoteEnd = BigInt.zero()
  proposal.forVotes = BigInt.zero()
  proposal.againstVotes = BigInt.zero()
  proposal.abstainVotes = BigInt.zero()
  proposal.voteCount = 0
  proposal.queued = false
  proposal.executed = false
  proposal.canceled = false
  proposal.extended = false
  proposal.createdBlock = event.block.number
  proposal.createdAt = event.block.timestamp
  proposal.createdTx = event.transaction.hash
  count(community, "proposalCount", 1)
  return proposal
}

export function handleProposalCreated(event: ProposalCreated): void {
  let p = event.params
  let proposal = loadOrCreateProposal(p.proposalId, event)
  proposal.createdIndexed = true
  proposal.proposer = p.proposer
  proposal.description = p.description
  proposal.actionCount = p.targets.length
  proposal.voteStart = p.voteStart
  proposal.voteEnd = p.voteEnd
  proposal.originalVoteEnd = p.voteEnd
  proposal.createdBlock = event.block.number
  proposal.createdAt = event.block.timestamp
  proposal.createdTx = event.transaction.hash
  proposal.save()

  let idPrefix = proposal.community.concat(Bytes.fromByteArray(Bytes.fromBigInt(p.proposalId)))
  let signatures = p.signatures
  for (let i = 0; i < p.targets.length; i++) {
    let action = new ProposalAction(idPrefix.concatI32(i))
    action.community = proposal.community
    action.proposal = proposal.id
    action.index = i
    action.target = p.targets[i]
    action.value = p.values[i]
    // OpenZeppelin emits one empty signature per action (the selector is in the calldata).
    action.signature = i < signatures.length ? signatures[i] : ""
    action.calldata = p.calldatas[i]
    action.save()
  }
}

function countVote(
  event: ethereum.Event,
  voter: Bytes,
  proposalId: BigInt,
  support: i32,
  weight: BigInt,
  reason: string,
  params: Bytes | null,
): void {
  let proposal = loadOrCreateProposal(proposalId, event)
  if (support == 0) proposal.againstVotes = proposal.againstVotes.plus(weight)
  else if (support == 1) proposal.forVotes = proposal.forVotes.plus(weight)
  else proposal.abstainVotes = proposal.abstainVotes.plus(weight)
  proposal.voteCount = proposal.voteCount + 1
  proposal.save()

  let community = proposal.community
  let delegate = Delegate.load(community.concat(voter))
  if (delegate == null) {
    delegate = new Delegate(community.concat(voter))
    delegate.community = community
    delegate.account = voter
    delegate.votingPower = BigInt.zero()
    delegate.delegatorCount = 0
    delegate.voteCount = 0
  }
  delegate.voteCount = delegate.voteCount + 1
  delegate.updatedAt = event.block.timestamp
  delegate.save()

  let vote = new Vote(eventId(event))
  vote.community = community
  vote.proposal = proposal.id
  vote.voter = delegate.id
  vote.support = support
  vote.supportLabel = support == 0 ? "Against" : support == 1 ? "For" : "Abstain"
  vote.weight = weight
  vote.reason = reason
  vote.params = params
  vote.blockNumber = event.block.number
  vote.timestamp = event.block.timestamp
  vote.transactionHash = event.transaction.hash
  vote.save()

  count(community, "voteCount", 1)
}

export function handleVoteCast(event: VoteCast): void {
  let p = event.params
  countVote(event, p.voter, p.proposalId, p.support, p.weight, p.reason, null)
}

export function handleVoteCastWithParams(event: VoteCastWithParams): void {
  let p = event.params
  countVote(event, p.voter, p.proposalId, p.support, p.weight, p.reason, p.params)
}

/**
 * Emitted after the timelock's CallScheduled events of the same transaction: the operations
 * scheduled since the last ProposalQueued of this transaction belong to this proposal.
 */
export function handleProposalQueued(event: ProposalQueued): void {
  let proposal = loadOrCreateProposal(event.params.proposalId, event)
  proposal.queued = true
  proposal.eta = event.params.etaSeconds
  proposal.queuedAt = event.block.timestamp
  proposal.queuedTx = event.transaction.hash

  let links = loadPendingLinks(event.transaction.hash)
  let operations = links.scheduledOperations
  for (let i = 0; i < operations.length; i++) {
    let operation = TimelockOperation.load(operations[i])
    if (operation == null) continue
    operation.proposal = proposal.id
    operation.save()
    proposal.timelockOperation = operation.id
  }
  links.scheduledOperations = []
  saveOrDropPendingLinks(links)
  proposal.save()
}

export function handleProposalExecuted(event: ProposalExecuted): void {
  let proposal = loadOrCreateProposal(event.params.proposalId, event)
  proposal.executed = true
  proposal.executedAt = event.block.timestamp
  proposal.executedTx = event.transaction.hash
  proposal.save()
}

export function handleProposalCanceled(event: ProposalCanceled): void {
  let proposal = loadOrCreateProposal(event.params.proposalId, event)
  proposal.canceled = true
  proposal.canceledAt = event.block.timestamp
  proposal.canceledTx = event.transaction.hash
  proposal.save()
}

/** GovernorPreventLateQuorum pushed the deadline back because quorum was reached late. */
export function handleProposalExtended(event: ProposalExtended): void {
  let proposal = loadOrCreateProposal(event.params.proposalId, event)
  proposal.extended = true
  proposal.voteEnd = event.params.extendedDeadline
  proposal.extendedAt = event.block.timestamp
  proposal.extendedTx = event.transaction.hash
  proposal.save()
}

function loadSettings(event: ethereum.Event): GovernorSettings {
  let settings = GovernorSettings.load(event.address)
  if (settings == null) {
    settings = new GovernorSettings(event.address)
    settings.community = currentCommunity()
  }
  settings.updatedAt = event.block.timestamp
  return settings
}

export function handleVotingDelaySet(event: VotingDelaySet): void {
  let settings = loadSettings(event)
  settings.votingDelay = event.params.newVotingDelay
  settings.save()
}

export function handleVotingPeriodSet(event: VotingPeriodSet): void {
  let settings = loadSettings(event)
  settings.votingPeriod = event.params.newVotingPeriod
  settings.save()
}

export function handleProposalThresholdSet(event: ProposalThresholdSet): void {
  let settings = loadSettings(event)
  settings.proposalThreshold = event.params.newProposalThreshold
  settings.save()
}

export function handleQuorumNumeratorUpdated(event: QuorumNumeratorUpdated): void {
  let settings = loadSettings(event)
  settings.quorumNumerator = event.params.newQuorumNumerator
  settings.save()
}

export function handleLateQuorumVoteExtensionSet(event: LateQuorumVoteExtensionSet): void {
  let settings = loadSettings(event)
  settings.lateQuorumVoteExtension = event.params.newVoteExtension
  settings.save()
}

export function handleTimelockChange(event: TimelockChange): void {
  let settings = loadSettings(event)
  settings.timelock = event.params.newTimelock
  settings.save()
}
