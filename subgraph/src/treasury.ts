import { BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts"
import {
  BudgetRevoked,
  BudgetSet,
  Deposited,
  OwnershipTransferred,
  PaidOut,
  PolicyChanged,
} from "../generated/templates/Treasury/Treasury"
import { Budget, BudgetChange, Deposit, Payout, TreasuryPolicyChange } from "../generated/schema"
import { currentCommunity } from "./community"
import { awaitTimelockCall, count, eventId, loadTokenTotal, recordOwnershipTransfer } from "./helpers"

/** A treasurer may hold budgets in several communities: the treasury's address comes first. */
function budgetId(treasury: Bytes, treasurer: Bytes, token: Bytes): Bytes {
  return treasury.concat(treasurer).concat(token)
}

export function handlePaidOut(event: PaidOut): void {
  let p = event.params
  let community = currentCommunity()
  let payout = new Payout(eventId(event))
  payout.community = community
  payout.executor = p.executor
  payout.byVote = p.byVote
  payout.token = p.token
  payout.recipient = p.recipient
  payout.amount = p.amount
  payout.memo = p.memo
  payout.blockNumber = event.block.number
  payout.timestamp = event.block.timestamp
  payout.transactionHash = event.transaction.hash

  if (p.byVote) {
    // The timelock paid; its CallExecuted (later in this transaction) names the proposal.
    awaitTimelockCall(event, "payout", payout.id)
  } else {
    let budget = Budget.load(budgetId(event.address, p.executor, p.token))
    if (budget != null) {
      // Same arithmetic as Treasury._currentPeriod: whole periods since periodStart have passed,
      // so the spending restarts from zero in the period that contains this block.
      let now = event.block.timestamp
      if (budget.period.gt(BigInt.zero()) && now.ge(budget.periodStart.plus(budget.period))) {
        let elapsedPeriods = now.minus(budget.periodStart).div(budget.period)
        budget.periodStart = budget.periodStart.plus(elapsedPeriods.times(budget.period))
        budget.spentInPeriod = BigInt.zero()
      }
      budget.spentInPeriod = budget.spentInPeriod.plus(p.amount)
      budget.totalSpent = budget.totalSpent.plus(p.amount)
      budget.updatedAt = now
      budget.save()
      payout.budget = budget.id
    }
  }
  payout.save()

  let total = loadTokenTotal(community, p.token)
  total.totalPaid = total.totalPaid.plus(p.amount)
  if (p.byVote) total.totalPaidByVote = total.totalPaidByVote.plus(p.amount)
  else total.totalPaidByTreasurer = total.totalPaidByTreasurer.plus(p.amount)
  total.payoutCount = total.payoutCount + 1
  total.save()

  count(community, "payoutCount", 1)
  count(community, p.byVote ? "payoutByVoteCount" : "payoutByTreasurerCount", 1)
}

function newBudgetChange(event: ethereum.Event, budget: Budget, revoked: boolean): BudgetChange {
  let change = new BudgetChange(eventId(event))
  change.community = budget.community
  change.budget = budget.id
  change.treasurer = budget.treasurer
  change.token = budget.token
  change.revoked = revoked
  change.amountPerPeriod = budget.amountPerPeriod
  change.period = budget.period
  change.periodStart = budget.periodStart
  change.blockNumber = event.block.number
  change.timestamp = event.block.timestamp
  change.transactionHash = event.transaction.hash
  return change
}

export function handleBudgetSet(event: BudgetSet): void {
  let p = event.params
  let id = budgetId(event.address, p.treasurer, p.token)
  let budget = Budget.load(id)
  if (budget == null) {
    budget = new Budget(id)
    budget.community = currentCommunity()
    budget.treasurer = p.treasurer
    budget.token = p.token
    budget.totalSpent = BigInt.zero()
  }
  // A change keeps the current period and what was spent in it, as the contract does; the event says both.
  budget.amountPerPeriod = p.amountPerPeriod
  budget.period = p.period
  budget.periodStart = p.periodStart
  budget.spentInPeriod = p.spent
  budget.active = true
  budget.updatedAt = event.block.timestamp
  budget.save()

  let change = newBudgetChange(event, budget, false)
  change.save()
  awaitTimelockCall(event, "budgetChange", change.id)
}

export function handleBudgetRevoked(event: BudgetRevoked): void {
  let p = event.params
  let id = budgetId(event.address, p.treasurer, p.token)
  let budget = Budget.load(id)
  if (budget == null) {
    budget = new Budget(id)
    budget.community = currentCommunity()
    budget.treasurer = p.treasurer
    budget.token = p.token
    budget.period = BigInt.zero()
    budget.periodStart = BigInt.zero()
    budget.totalSpent = BigInt.zero()
  }
  budget.amountPerPeriod = BigInt.zero()
  budget.spentInPeriod = BigInt.zero()
  budget.active = false
  budget.updatedAt = event.block.timestamp
  budget.save()

  let change = newBudgetChange(event, budget, true)
  change.save()
  awaitTimelockCall(event, "budgetChange", change.id)
}

export function handleDeposited(event: Deposited): void {
  let p = event.params
  let community = currentCommunity()
  let deposit = new Deposit(eventId(event))
  deposit.community = community
  deposit.from = p.from
  deposit.token = p.token
  deposit.amount = p.amount
  deposit.blockNumber = event.block.number
  deposit.timestamp = event.block.timestamp
  deposit.transactionHash = event.transaction.hash
  deposit.save()

  let total = loadTokenTotal(community, p.token)
  total.totalDeposited = total.totalDeposited.plus(p.amount)
  total.depositCount = total.depositCount + 1
  total.save()

  count(community, "depositCount", 1)
}

export function handlePolicyChanged(event: PolicyChanged): void {
  let change = new TreasuryPolicyChange(eventId(event))
  change.community = currentCommunity()
  change.previousPolicy = event.params.previousPolicy
  change.newPolicy = event.params.newPolicy
  change.blockNumber = event.block.number
  change.timestamp = event.block.timestamp
  change.transactionHash = event.transaction.hash
  change.save()
}

export function handleOwnershipTransferred(event: OwnershipTransferred): void {
  recordOwnershipTransfer(event, currentCommunity(), event.params.previousOwner, event.params.newOwner)
}
