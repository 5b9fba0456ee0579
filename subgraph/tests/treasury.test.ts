import { BigInt, Bytes } from "@graphprotocol/graph-ts"
import { afterEach, assert, clearStore, describe, test } from "matchstick-as/assembly/index"
import { Payout } from "../generated/schema"
import { handleProposalCreated, handleProposalExecuted, handleProposalQueued } from "../src/governor"
import { handleCallExecuted, handleCallScheduled } from "../src/timelock"
import {
  handleBudgetRevoked,
  handleBudgetSet,
  handleDeposited,
  handleOwnershipTransferred,
  handlePaidOut,
  handlePolicyChanged,
} from "../src/treasury"
import {
  big,
  budgetRevoked,
  budgetSet,
  budgetSetAt,
  bytes32,
  callExecuted,
  callScheduled,
  deposited,
  DEMO,
  ETH,
  eventEntityId,
  MEMBER_1,
  MERCHANT,
  paidOut,
  POLICY,
  policyChanged,
  proposalCreated,
  proposalExecuted,
  proposalQueued,
  SHOPPER,
  STABLECOIN,
  TIMELOCK,
  TREASURER,
  TREASURY,
  treasuryOwnershipTransferred,
  txHash,
} from "./utils"

const DAY: i64 = 86400
const MONTH: i64 = 30 * DAY
const START: i64 = 1_700_000_000
const CGUSD_1000 = "1000000000000000000000"

function budgetKey(): string {
  return DEMO.budget(TREASURER, STABLECOIN)
}

function giveTreasurerABudget(): void {
  handleBudgetSet(budgetSet(TREASURER, STABLECOIN, big(CGUSD_1000), MONTH, START, 1, 0))
}

describe("payouts by treasurer", () => {
  afterEach(() => {
    clearStore()
  })

  test("a treasurer payout is charged to the budget of the current period", () => {
    giveTreasurerABudget()
    handlePaidOut(paidOut(TREASURER, STABLECOIN, MERCHANT, big("250000000000000000000"), "coffee beans", false, 2, 3, START + DAY))
    handlePaidOut(paidOut(TREASURER, STABLECOIN, SHOPPER, big("100000000000000000000"), "refund", false, 3, 0, START + 2 * DAY))
    let payout = eventEntityId(2, 3)
    assert.fieldEquals("Payout", payout, "byVote", "false")
    assert.fieldEquals("Payout", payout, "executor", TREASURER.toHexString())
    assert.fieldEquals("Payout", payout, "recipient", MERCHANT.toHexString())
    assert.fieldEquals("Payout", payout, "memo", "coffee beans")
    assert.fieldEquals("Payout", payout, "budget", budgetKey())
    assert.assertNull(Payout.load(Bytes.fromHexString(payout))!.proposal)
    assert.fieldEquals("Budget", budgetKey(), "spentInPeriod", "350000000000000000000")
    assert.fieldEquals("Budget", budgetKey(), "periodStart", START.toString())
    assert.fieldEquals("Budget", budgetKey(), "totalSpent", "350000000000000000000")
    assert.fieldEquals("Stats", "commonguard", "payoutByTreasurerCount", "2")
    assert.fieldEquals("Stats", "commonguard", "payoutByVoteCount", "0")
    assert.fieldEquals("TokenTotal", DEMO.tokenTotal(STABLECOIN), "totalPaidByTreasurer", "350000000000000000000")
  })

  test("a payout after the period ended starts a new period: spending restarts from that payout", () => {
    giveTreasurerABudget()
    handlePaidOut(paidOut(TREASURER, STABLECOIN, MERCHANT, big("900000000000000000000"), "rent", false, 2, 0, START + 29 * DAY))
    // 2 periods and 5 days later: the contract's current period began at START + 2 * MONTH.
    handlePaidOut(paidOut(TREASURER, STABLECOIN, MERCHANT, big("400000000000000000000"), "rent", false, 3, 0, START + 2 * MONTH + 5 * DAY))
    assert.fieldEquals("Budget", budgetKey(), "periodStart", (START + 2 * MONTH).toString())
    assert.fieldEquals("Budget", budgetKey(), "spentInPeriod", "400000000000000000000")
    assert.fieldEquals("Budget", budgetKey(), "totalSpent", "1300000000000000000000")
  })

  test("a payout exactly at the period boundary belongs to the new period", () => {
    giveTreasurerABudget()
    handlePaidOut(paidOut(TREASURER, STABLECOIN, MERCHANT, big("10"), "a", false, 2, 0, START + MONTH - 1))
    assert.fieldEquals("Budget", budgetKey(), "spentInPeriod", "10")
    handlePaidOut(paidOut(TREASURER, STABLECOIN, MERCHANT, big("7"), "b", false, 3, 0, START + MONTH))
    assert.fieldEquals("Budget", budgetKey(), "periodStart", (START + MONTH).toString())
    assert.fieldEquals("Budget", budgetKey(), "spentInPeriod", "7")
  })

  test("changing the budget keeps the current period and what was spent in it", () => {
    giveTreasurerABudget()
    handlePaidOut(paidOut(TREASURER, STABLECOIN, MERCHANT, big("500"), "a", false, 2, 0, START + DAY))
    // Lowered mid-period: the contract reports the same period start and the 500 already spent.
    handleBudgetSet(budgetSetAt(TREASURER, STABLECOIN, big("400"), MONTH, START, big("500"), 3, 0, START + 3 * DAY))
    assert.fieldEquals("Budget", budgetKey(), "spentInPeriod", "500")
    assert.fieldEquals("Budget", budgetKey(), "amountPerPeriod", "400")
    assert.fieldEquals("Budget", budgetKey(), "periodStart", START.toString())
    assert.fieldEquals("Budget", budgetKey(), "totalSpent", "500")
    assert.entityCount("BudgetChange", 2)
  })

  test("a budget change whose new period is shorter than the time already run restarts the period now, with what was spent", () => {
    giveTreasurerABudget()
    handlePaidOut(paidOut(TREASURER, STABLECOIN, MERCHANT, big("300"), "a", false, 2, 0, START + DAY))
    handleBudgetSet(budgetSetAt(TREASURER, STABLECOIN, big("2000"), 7 * DAY, START + 10 * DAY, big("300"), 3, 0, START + 10 * DAY))
    assert.fieldEquals("Budget", budgetKey(), "spentInPeriod", "300")
    assert.fieldEquals("Budget", budgetKey(), "period", (7 * DAY).toString())
    assert.fieldEquals("Budget", budgetKey(), "periodStart", (START + 10 * DAY).toString())
  })
})

describe("payouts by vote", () => {
  afterEach(() => {
    clearStore()
  })

  test("a payout made by an executed proposal names that proposal and its timelock operation", () => {
    let proposalId = big("987654321")
    let operation = bytes32(31)
    let calldata = Bytes.fromHexString("0xaabbccdd")
    handleProposalCreated(proposalCreated(proposalId, MEMBER_1, [TREASURY], [BigInt.zero()], [calldata], 100, 700, "Pay Corner Coffee", 1, 0, 50))
    // queue transaction: the timelock schedules, then the governor reports the queueing
    handleCallScheduled(callScheduled(operation, 0, TREASURY, BigInt.zero(), calldata, DAY, 2, 0, 800))
    handleProposalQueued(proposalQueued(proposalId, 800 + DAY, 2, 2, 800))
    // execute transaction: the payout, then the timelock's CallExecuted, then ProposalExecuted
    handlePaidOut(paidOut(TIMELOCK, ETH, MERCHANT, big("250000000000000000"), "festival stall", true, 3, 0, 900 + DAY))
    handleCallExecuted(callExecuted(operation, 0, TREASURY, BigInt.zero(), calldata, 3, 1, 900 + DAY))
    handleProposalExecuted(proposalExecuted(proposalId, 3, 2, 900 + DAY))

    let payout = eventEntityId(3, 0)
    assert.fieldEquals("Payout", payout, "byVote", "true")
    assert.fieldEquals("Payout", payout, "executor", TIMELOCK.toHexString())
    assert.fieldEquals("Payout", payout, "proposal", DEMO.proposal("987654321"))
    assert.fieldEquals("Payout", payout, "timelockOperation", operation.toHexString())
    assert.fieldEquals("Payout", payout, "token", ETH.toHexString())
    assert.assertTrue(Payout.load(Bytes.fromHexString(payout))!.budget === null)
    assert.fieldEquals("Stats", "commonguard", "payoutByVoteCount", "1")
    assert.fieldEquals("TokenTotal", DEMO.tokenTotal(ETH), "totalPaidByVote", "250000000000000000")
    assert.fieldEquals("TokenTotal", DEMO.tokenTotal(ETH), "totalPaidByTreasurer", "0")
    assert.fieldEquals("Proposal", DEMO.proposal("987654321"), "executed", "true")
    // Nothing waits any more in the execute transaction, and no row is left behind.
    assert.notInStore("PendingLinks", txHash(3).toHexString())
  })

  test("a vote payout never touches a treasurer's budget, even when the timelock has one", () => {
    handleBudgetSet(budgetSet(TIMELOCK, STABLECOIN, big("100"), MONTH, START, 1, 0))
    handlePaidOut(paidOut(TIMELOCK, STABLECOIN, MERCHANT, big("60"), "grant", true, 2, 0, START + DAY))
    assert.fieldEquals("Budget", DEMO.budget(TIMELOCK, STABLECOIN), "spentInPeriod", "0")
    assert.fieldEquals("TokenTotal", DEMO.tokenTotal(STABLECOIN), "totalPaid", "60")
  })
})

describe("budgets, deposits and treasury settings", () => {
  afterEach(() => {
    clearStore()
  })

  test("BudgetSet stores the terms; BudgetRevoked deactivates the budget and zeroes it", () => {
    giveTreasurerABudget()
    assert.fieldEquals("Budget", budgetKey(), "treasurer", TREASURER.toHexString())
    assert.fieldEquals("Budget", budgetKey(), "token", STABLECOIN.toHexString())
    assert.fieldEquals("Budget", budgetKey(), "amountPerPeriod", CGUSD_1000)
    assert.fieldEquals("Budget", budgetKey(), "period", MONTH.toString())
    assert.fieldEquals("Budget", budgetKey(), "active", "true")
    handleBudgetRevoked(budgetRevoked(TREASURER, STABLECOIN, 2, 0, START + DAY))
    assert.fieldEquals("Budget", budgetKey(), "active", "false")
    assert.fieldEquals("Budget", budgetKey(), "amountPerPeriod", "0")
    assert.fieldEquals("BudgetChange", eventEntityId(2, 0), "revoked", "true")
    assert.fieldEquals("BudgetChange", eventEntityId(1, 0), "revoked", "false")
    assert.fieldEquals("BudgetChange", eventEntityId(1, 0), "amountPerPeriod", CGUSD_1000)
  })

  test("deposits are recorded and totalled per token", () => {
    handleDeposited(deposited(SHOPPER, STABLECOIN, big("300"), 1, 0, START))
    handleDeposited(deposited(MEMBER_1, STABLECOIN, big("200"), 2, 0, START))
    handleDeposited(deposited(MEMBER_1, ETH, big("5"), 3, 0, START))
    assert.entityCount("Deposit", 3)
    assert.fieldEquals("Deposit", eventEntityId(1, 0), "from", SHOPPER.toHexString())
    assert.fieldEquals("Deposit", eventEntityId(1, 0), "amount", "300")
    assert.fieldEquals("TokenTotal", DEMO.tokenTotal(STABLECOIN), "totalDeposited", "500")
    assert.fieldEquals("TokenTotal", DEMO.tokenTotal(STABLECOIN), "depositCount", "2")
    assert.fieldEquals("TokenTotal", DEMO.tokenTotal(ETH), "totalDeposited", "5")
    assert.fieldEquals("Stats", "commonguard", "depositCount", "3")
  })

  test("PolicyChanged and OwnershipTransferred are recorded", () => {
    handlePolicyChanged(policyChanged(ETH, POLICY, 1, 0, START))
    handleOwnershipTransferred(treasuryOwnershipTransferred(ETH, TIMELOCK, 1, 1))
    assert.fieldEquals("TreasuryPolicyChange", eventEntityId(1, 0), "newPolicy", POLICY.toHexString())
    assert.fieldEquals("OwnershipTransfer", eventEntityId(1, 1), "contract", TREASURY.toHexString())
    assert.fieldEquals("OwnershipTransfer", eventEntityId(1, 1), "newOwner", TIMELOCK.toHexString())
  })
})
