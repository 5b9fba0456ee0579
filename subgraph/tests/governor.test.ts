import { Address, BigInt, Bytes } from "@graphprotocol/graph-ts"
import { afterEach, assert, beforeEach, clearStore, describe, test } from "matchstick-as/assembly/index"
import {
  handleLateQuorumVoteExtensionSet,
  handleProposalCanceled,
  handleProposalCreated,
  handleProposalExecuted,
  handleProposalExtended,
  handleProposalQueued,
  handleProposalThresholdSet,
  handleQuorumNumeratorUpdated,
  handleTimelockChange,
  handleVoteCast,
  handleVoteCastWithParams,
  handleVotingDelaySet,
  handleVotingPeriodSet,
} from "../src/governor"
import { handleCallScheduled } from "../src/timelock"
import {
  big,
  bytes32,
  callScheduled,
  DEMO,
  eventEntityId,
  GOVERNOR,
  MEMBER_1,
  MEMBER_2,
  MEMBER_3,
  POLICY,
  proposalCanceled,
  proposalCreated,
  proposalExecuted,
  proposalExtended,
  proposalQueued,
  txHash,
  TIMELOCK,
  TREASURY,
  lateQuorumVoteExtensionSet,
  proposalThresholdSet,
  quorumNumeratorUpdated,
  timelockChange,
  voteCast,
  voteCastWithParams,
  votingDelaySet,
  votingPeriodSet,
} from "./utils"

const PROPOSAL_ID = big("71931601942364934398234839389364738920294573901848208924717098036436839282043")
const PROPOSAL = "71931601942364934398234839389364738920294573901848208924717098036436839282043"

function createTwoActionProposal(): void {
  handleProposalCreated(
    proposalCreated(
      PROPOSAL_ID,
      MEMBER_1,
      [POLICY, TREASURY],
      [BigInt.zero(), big("5")],
      [Bytes.fromHexString("0x12345678"), Bytes.fromHexString("0xabcdef01")],
      1100,
      1700,
      "# Raise the warn threshold\nAnd pay the bakery.",
      1,
      3,
      1000,
    ),
  )
}

describe("ProposalCreated", () => {
  afterEach(() => {
    clearStore()
  })

  test("stores the proposal with its description, timing, zero tallies and open state", () => {
    createTwoActionProposal()
    assert.entityCount("Proposal", 1)
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "proposalId", PROPOSAL)
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "proposer", MEMBER_1.toHexString())
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "description", "# Raise the warn threshold\nAnd pay the bakery.")
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "voteStart", "1100")
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "voteEnd", "1700")
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "originalVoteEnd", "1700")
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "forVotes", "0")
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "queued", "false")
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "executed", "false")
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "createdIndexed", "true")
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "createdTx", txHash(1).toHexString())
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "actionCount", "2")
    assert.fieldEquals("Stats", "commonguard", "proposalCount", "1")
  })

  test("stores one ProposalAction per call, in order, with target, value and calldata", () => {
    createTwoActionProposal()
    assert.entityCount("ProposalAction", 2)
    let prefix = GOVERNOR.concat(Bytes.fromByteArray(Bytes.fromBigInt(PROPOSAL_ID)))
    let first = prefix.concatI32(0).toHexString()
    let second = prefix.concatI32(1).toHexString()
    assert.fieldEquals("ProposalAction", first, "proposal", DEMO.proposal(PROPOSAL))
    assert.fieldEquals("ProposalAction", first, "index", "0")
    assert.fieldEquals("ProposalAction", first, "target", POLICY.toHexString())
    assert.fieldEquals("ProposalAction", first, "value", "0")
    assert.fieldEquals("ProposalAction", first, "calldata", "0x12345678")
    assert.fieldEquals("ProposalAction", second, "target", TREASURY.toHexString())
    assert.fieldEquals("ProposalAction", second, "value", "5")
    assert.fieldEquals("ProposalAction", second, "calldata", "0xabcdef01")
    assert.fieldEquals("ProposalAction", second, "signature", "")
  })
})

describe("VoteCast and VoteCastWithParams", () => {
  beforeEach(() => {
    createTwoActionProposal()
  })
  afterEach(() => {
    clearStore()
  })

  test("adds each vote's weight to its side and records the vote with its reason", () => {
    handleVoteCast(voteCast(MEMBER_1, PROPOSAL_ID, 1, big("400"), "good for the shop", 2, 0, 1200))
    handleVoteCast(voteCast(MEMBER_2, PROPOSAL_ID, 0, big("250"), "", 3, 0, 1210))
    handleVoteCast(voteCast(MEMBER_3, PROPOSAL_ID, 2, big("100"), "", 4, 7, 1220))
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "forVotes", "400")
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "againstVotes", "250")
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "abstainVotes", "100")
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "voteCount", "3")
    let vote = eventEntityId(2, 0)
    assert.fieldEquals("Vote", vote, "proposal", DEMO.proposal(PROPOSAL))
    assert.fieldEquals("Vote", vote, "voter", DEMO.member(MEMBER_1))
    assert.fieldEquals("Vote", vote, "support", "1")
    assert.fieldEquals("Vote", vote, "supportLabel", "For")
    assert.fieldEquals("Vote", vote, "weight", "400")
    assert.fieldEquals("Vote", vote, "reason", "good for the shop")
    assert.fieldEquals("Vote", vote, "timestamp", "1200")
    assert.fieldEquals("Vote", eventEntityId(4, 7), "supportLabel", "Abstain")
    assert.fieldEquals("Delegate", DEMO.member(MEMBER_1), "voteCount", "1")
    assert.fieldEquals("Stats", "commonguard", "voteCount", "3")
  })

  test("a vote with params keeps the params; a plain vote has none", () => {
    handleVoteCastWithParams(voteCastWithParams(MEMBER_2, PROPOSAL_ID, 1, big("70"), "with params", Bytes.fromHexString("0xbeef"), 5, 2, 1300))
    handleVoteCast(voteCast(MEMBER_3, PROPOSAL_ID, 1, big("30"), "", 6, 0, 1310))
    assert.fieldEquals("Vote", eventEntityId(5, 2), "params", "0xbeef")
    assert.fieldEquals("Vote", eventEntityId(6, 0), "params", "null")
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "forVotes", "100")
  })

  test("a vote on a proposal the subgraph never saw created still counts, on a placeholder proposal", () => {
    let unknownId = big("42")
    handleVoteCast(voteCast(MEMBER_1, unknownId, 0, big("9"), "who proposed this?", 7, 1, 1400))
    assert.entityCount("Proposal", 2)
    assert.fieldEquals("Proposal", DEMO.proposal("42"), "createdIndexed", "false")
    assert.fieldEquals("Proposal", DEMO.proposal("42"), "againstVotes", "9")
    assert.fieldEquals("Proposal", DEMO.proposal("42"), "voteCount", "1")
    assert.fieldEquals("Proposal", DEMO.proposal("42"), "description", "")
    assert.fieldEquals("Vote", eventEntityId(7, 1), "proposal", DEMO.proposal("42"))
    // The known proposal is untouched.
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "againstVotes", "0")
  })
})

describe("proposal lifecycle", () => {
  beforeEach(() => {
    createTwoActionProposal()
  })
  afterEach(() => {
    clearStore()
  })

  test("ProposalExtended moves the deadline and keeps the original one", () => {
    handleProposalExtended(proposalExtended(PROPOSAL_ID, 1900, 8, 4, 1650))
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "extended", "true")
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "voteEnd", "1900")
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "originalVoteEnd", "1700")
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "extendedAt", "1650")
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "extendedTx", txHash(8).toHexString())
  })

  test("ProposalQueued sets the ETA and claims the timelock operation scheduled in the same transaction", () => {
    let operation = bytes32(77)
    handleCallScheduled(callScheduled(operation, 0, POLICY, BigInt.zero(), Bytes.fromHexString("0x12345678"), 86400, 9, 0, 1800))
    handleCallScheduled(callScheduled(operation, 1, TREASURY, big("5"), Bytes.fromHexString("0xabcdef01"), 86400, 9, 1, 1800))
    handleProposalQueued(proposalQueued(PROPOSAL_ID, 88200, 9, 3, 1800))
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "queued", "true")
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "eta", "88200")
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "queuedTx", txHash(9).toHexString())
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "timelockOperation", operation.toHexString())
    assert.fieldEquals("TimelockOperation", operation.toHexString(), "proposal", DEMO.proposal(PROPOSAL))
    assert.fieldEquals("TimelockOperation", operation.toHexString(), "callCount", "2")
  })

  test("two proposals queued in one transaction each claim their own operation", () => {
    let otherId = big("1234")
    handleProposalCreated(proposalCreated(otherId, MEMBER_2, [TREASURY], [BigInt.zero()], [Bytes.fromHexString("0x01")], 1100, 1700, "other", 10, 0, 1000))
    let first = bytes32(1)
    let second = bytes32(2)
    handleCallScheduled(callScheduled(first, 0, POLICY, BigInt.zero(), Bytes.fromHexString("0x12345678"), 60, 11, 0, 1800))
    handleProposalQueued(proposalQueued(PROPOSAL_ID, 1860, 11, 2, 1800))
    handleCallScheduled(callScheduled(second, 0, TREASURY, BigInt.zero(), Bytes.fromHexString("0x01"), 60, 11, 3, 1800))
    handleProposalQueued(proposalQueued(otherId, 1860, 11, 5, 1800))
    assert.fieldEquals("TimelockOperation", first.toHexString(), "proposal", DEMO.proposal(PROPOSAL))
    assert.fieldEquals("TimelockOperation", second.toHexString(), "proposal", DEMO.proposal("1234"))
    assert.fieldEquals("Proposal", DEMO.proposal("1234"), "timelockOperation", second.toHexString())
  })

  test("ProposalExecuted and ProposalCanceled set their flags, times and transactions", () => {
    handleProposalExecuted(proposalExecuted(PROPOSAL_ID, 12, 6, 90000))
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "executed", "true")
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "executedAt", "90000")
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "executedTx", txHash(12).toHexString())
    assert.fieldEquals("Proposal", DEMO.proposal(PROPOSAL), "canceled", "false")

    handleProposalCanceled(proposalCanceled(big("555"), 13, 0, 91000))
    assert.fieldEquals("Proposal", DEMO.proposal("555"), "canceled", "true")
    assert.fieldEquals("Proposal", DEMO.proposal("555"), "canceledTx", txHash(13).toHexString())
    assert.fieldEquals("Proposal", DEMO.proposal("555"), "createdIndexed", "false")
  })
})

describe("governor settings", () => {
  afterEach(() => {
    clearStore()
  })

  test("each settings event updates the governor's settings row", () => {
    handleVotingDelaySet(votingDelaySet(BigInt.zero(), big("60")))
    handleVotingPeriodSet(votingPeriodSet(BigInt.zero(), big("600")))
    handleProposalThresholdSet(proposalThresholdSet(BigInt.zero(), big("1000000000000000000")))
    handleQuorumNumeratorUpdated(quorumNumeratorUpdated(BigInt.zero(), big("4")))
    handleLateQuorumVoteExtensionSet(lateQuorumVoteExtensionSet(BigInt.zero(), big("120")))
    handleTimelockChange(timelockChange(Address.zero(), TIMELOCK))
    let governor = GOVERNOR.toHexString()
    assert.entityCount("GovernorSettings", 1)
    assert.fieldEquals("GovernorSettings", governor, "votingDelay", "60")
    assert.fieldEquals("GovernorSettings", governor, "votingPeriod", "600")
    assert.fieldEquals("GovernorSettings", governor, "proposalThreshold", "1000000000000000000")
    assert.fieldEquals("GovernorSettings", governor, "quorumNumerator", "4")
    assert.fieldEquals("GovernorSettings", governor, "lateQuorumVoteExtension", "120")
    assert.fieldEquals("GovernorSettings", governor, "timelock", TIMELOCK.toHexString())
  })
})
