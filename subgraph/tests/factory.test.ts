import { Address, BigInt, Bytes } from "@graphprotocol/graph-ts"
import { assert, beforeAll, clearStore, describe, test } from "matchstick-as/assembly/index"
import { handleCommunityCreated } from "../src/factory"
import { handleProposalCreated, handleVoteCast } from "../src/governor"
import { handleThresholdsChanged } from "../src/policy"
import { handleDelegateChanged } from "../src/token"
import { handleBudgetSet, handlePaidOut } from "../src/treasury"
import {
  asDeployment,
  big,
  budgetSet,
  communityCreated,
  DEMO,
  delegateChanged,
  emitFrom,
  eventEntityId,
  FACTORY,
  MEMBER_1,
  MEMBER_2,
  MERCHANT,
  paidOut,
  proposalCreated,
  STABLECOIN,
  TestCommunity,
  thresholdsChanged,
  TREASURER,
  txHash,
  voteCast,
} from "./utils"

// A second community made by the same factory; its members are the demo's (one account may belong to both).
const NEIGHBOURS = new TestCommunity(
  Address.fromString("0x1111111111111111111111111111111111111111"),
  Address.fromString("0x2222222222222222222222222222222222222222"),
  Address.fromString("0x3333333333333333333333333333333333333333"),
  Address.fromString("0x4444444444444444444444444444444444444444"),
  Address.fromString("0x5555555555555555555555555555555555555555"),
  txHash(100),
)
const TEMPLATES = ["CommunityGovernor", "CommunityToken", "Timelock", "Treasury", "PaymentPolicy"]

function addressesOf(community: TestCommunity): Array<Address> {
  return [community.governor, community.token, community.timelock, community.treasury, community.policy]
}

/** One proposal with the same actions and description (so the same proposal id) in the current community. */
function proposeTheSame(tx: i32): void {
  handleProposalCreated(proposalCreated(big("777"), MEMBER_1, [MERCHANT], [BigInt.zero()], [Bytes.fromHexString("0x")], 1100, 1700, "Same words", tx, 0, 1000))
}

describe("communities created by the factory", () => {
  beforeAll(() => {
    clearStore()
    handleCommunityCreated(communityCreated(DEMO, "Demo Street", MEMBER_1, 9, 900))
  })

  test("CommunityCreated records the community with every address, its creator and its creation", () => {
    let id = DEMO.governor.toHexString()
    assert.entityCount("Community", 1)
    assert.fieldEquals("Community", id, "name", "Demo Street")
    assert.fieldEquals("Community", id, "creator", MEMBER_1.toHexString())
    assert.fieldEquals("Community", id, "factory", FACTORY.toHexString())
    assert.fieldEquals("Community", id, "governor", DEMO.governor.toHexString())
    assert.fieldEquals("Community", id, "token", DEMO.token.toHexString())
    assert.fieldEquals("Community", id, "timelock", DEMO.timelock.toHexString())
    assert.fieldEquals("Community", id, "treasury", DEMO.treasury.toHexString())
    assert.fieldEquals("Community", id, "policy", DEMO.policy.toHexString())
    assert.fieldEquals("Community", id, "createdAt", "900")
    assert.fieldEquals("Community", id, "createdBlock", "75")
    assert.fieldEquals("Community", id, "createdTx", DEMO.createdTx.toHexString())
    assert.fieldEquals("Community", id, "stats", DEMO.statsId())
    assert.fieldEquals("Stats", DEMO.statsId(), "community", id)
    assert.fieldEquals("Stats", DEMO.statsId(), "proposalCount", "0")
  })

  test("CommunityCreated starts one data source per contract of the community", () => {
    let addresses = addressesOf(DEMO)
    for (let i = 0; i < TEMPLATES.length; i++) {
      assert.dataSourceCount(TEMPLATES[i], 1)
      assert.dataSourceExists(TEMPLATES[i], addresses[i].toHexString())
    }
  })

  test("a second community gets its own data sources beside the first one's", () => {
    handleCommunityCreated(communityCreated(NEIGHBOURS, "Neighbours", MEMBER_2, 3, 2000))
    assert.entityCount("Community", 2)
    assert.fieldEquals("Community", NEIGHBOURS.governor.toHexString(), "name", "Neighbours")
    assert.fieldEquals("Community", NEIGHBOURS.governor.toHexString(), "creator", MEMBER_2.toHexString())
    let first = addressesOf(DEMO)
    let second = addressesOf(NEIGHBOURS)
    for (let i = 0; i < TEMPLATES.length; i++) {
      assert.dataSourceCount(TEMPLATES[i], 2)
      assert.dataSourceExists(TEMPLATES[i], first[i].toHexString())
      assert.dataSourceExists(TEMPLATES[i], second[i].toHexString())
    }
  })

  test("the same proposal in two communities is two proposals, each with its own votes and counts", () => {
    emitFrom(DEMO)
    proposeTheSame(10)
    handleVoteCast(voteCast(MEMBER_1, big("777"), 1, big("10"), "", 11, 0, 1200))
    emitFrom(NEIGHBOURS)
    proposeTheSame(20)
    handleVoteCast(voteCast(MEMBER_1, big("777"), 0, big("3"), "no", 21, 0, 1300))
    handleVoteCast(voteCast(MEMBER_2, big("777"), 1, big("4"), "", 21, 1, 1300))

    assert.entityCount("Proposal", 2)
    assert.fieldEquals("Proposal", DEMO.proposal("777"), "community", DEMO.governor.toHexString())
    assert.fieldEquals("Proposal", DEMO.proposal("777"), "forVotes", "10")
    assert.fieldEquals("Proposal", DEMO.proposal("777"), "againstVotes", "0")
    assert.fieldEquals("Proposal", NEIGHBOURS.proposal("777"), "community", NEIGHBOURS.governor.toHexString())
    assert.fieldEquals("Proposal", NEIGHBOURS.proposal("777"), "proposalId", "777")
    assert.fieldEquals("Proposal", NEIGHBOURS.proposal("777"), "forVotes", "4")
    assert.fieldEquals("Proposal", NEIGHBOURS.proposal("777"), "againstVotes", "3")
    assert.fieldEquals("Vote", eventEntityId(21, 0), "community", NEIGHBOURS.governor.toHexString())
    assert.fieldEquals("Vote", eventEntityId(21, 0), "proposal", NEIGHBOURS.proposal("777"))
    assert.fieldEquals("Vote", eventEntityId(21, 0), "voter", NEIGHBOURS.member(MEMBER_1))
    // One account, a delegate in each community, with each community's votes.
    assert.fieldEquals("Delegate", DEMO.member(MEMBER_1), "voteCount", "1")
    assert.fieldEquals("Delegate", NEIGHBOURS.member(MEMBER_1), "voteCount", "1")
    assert.fieldEquals("Delegate", NEIGHBOURS.member(MEMBER_1), "account", MEMBER_1.toHexString())
    assert.fieldEquals("Delegate", NEIGHBOURS.member(MEMBER_1), "community", NEIGHBOURS.governor.toHexString())
    assert.fieldEquals("Stats", DEMO.statsId(), "proposalCount", "1")
    assert.fieldEquals("Stats", DEMO.statsId(), "voteCount", "1")
    assert.fieldEquals("Stats", NEIGHBOURS.statsId(), "proposalCount", "1")
    assert.fieldEquals("Stats", NEIGHBOURS.statsId(), "voteCount", "2")
    assert.fieldEquals("Stats", "commonguard", "proposalCount", "2")
    assert.fieldEquals("Stats", "commonguard", "voteCount", "3")
  })

  test("a second community's payouts and budgets belong to it and not to the first", () => {
    emitFrom(NEIGHBOURS)
    handleBudgetSet(budgetSet(TREASURER, STABLECOIN, big("1000"), 2_592_000, 1_700_000_000, 30, 0))
    handlePaidOut(paidOut(TREASURER, STABLECOIN, MERCHANT, big("250"), "bread", false, 31, 2, 1_700_000_100))

    let payout = eventEntityId(31, 2)
    assert.fieldEquals("Payout", payout, "community", NEIGHBOURS.governor.toHexString())
    assert.fieldEquals("Payout", payout, "budget", NEIGHBOURS.budget(TREASURER, STABLECOIN))
    assert.fieldEquals("Budget", NEIGHBOURS.budget(TREASURER, STABLECOIN), "community", NEIGHBOURS.governor.toHexString())
    assert.fieldEquals("Budget", NEIGHBOURS.budget(TREASURER, STABLECOIN), "spentInPeriod", "250")
    assert.notInStore("Budget", DEMO.budget(TREASURER, STABLECOIN))
    assert.fieldEquals("TokenTotal", NEIGHBOURS.tokenTotal(STABLECOIN), "totalPaid", "250")
    assert.notInStore("TokenTotal", DEMO.tokenTotal(STABLECOIN))
    assert.fieldEquals("Stats", NEIGHBOURS.statsId(), "payoutCount", "1")
    assert.fieldEquals("Stats", DEMO.statsId(), "payoutCount", "0")
    assert.fieldEquals("Stats", "commonguard", "payoutCount", "1")
  })

  test("a member's delegation in one community leaves the other community's untouched", () => {
    emitFrom(NEIGHBOURS)
    handleDelegateChanged(delegateChanged(MEMBER_2, Address.zero(), MEMBER_1, 40, 0, 3000))
    assert.fieldEquals("TokenHolder", NEIGHBOURS.member(MEMBER_2), "delegate", NEIGHBOURS.member(MEMBER_1))
    assert.fieldEquals("Delegate", NEIGHBOURS.member(MEMBER_1), "delegatorCount", "1")
    assert.fieldEquals("Delegate", DEMO.member(MEMBER_1), "delegatorCount", "0")
    assert.notInStore("TokenHolder", DEMO.member(MEMBER_2))
  })

  test("the first rules set in the creation transaction wait for no proposal", () => {
    emitFrom(NEIGHBOURS)
    // The factory writes the first rules before handing the policy to the timelock: the transaction goes
    // to the factory, not to the timelock, and no CallExecuted follows.
    let first = thresholdsChanged(30, 70, 1, 100, 0, 2000)
    asDeployment(first)
    first.transaction.to = FACTORY
    handleThresholdsChanged(first)
    assert.fieldEquals("PolicyVersion", NEIGHBOURS.createdTx.concatI32(0).toHexString(), "community", NEIGHBOURS.governor.toHexString())
    assert.fieldEquals("Policy", NEIGHBOURS.policy.toHexString(), "community", NEIGHBOURS.governor.toHexString())
    assert.notInStore("PendingLinks", NEIGHBOURS.createdTx.toHexString())
    emitFrom(DEMO)
  })
})
