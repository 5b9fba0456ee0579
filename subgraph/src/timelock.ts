import { BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts"
import {
  CallExecuted,
  CallSalt,
  CallScheduled,
  Cancelled,
  MinDelayChange,
  RoleAdminChanged,
  RoleGranted,
  RoleRevoked,
} from "../generated/templates/Timelock/TimelockController"
import {
  BudgetChange,
  MinDelayChange as MinDelayChangeEntity,
  Payout,
  PendingLinks,
  PolicyVersion,
  RoleChange,
  Timelock,
  TimelockOperation,
} from "../generated/schema"
import { currentCommunity } from "./community"
import { eventId, loadPendingLinks, saveOrDropPendingLinks } from "./helpers"

/** One CallScheduled per call of the batch; all share the operation id. */
export function handleCallScheduled(event: CallScheduled): void {
  let p = event.params
  let operation = TimelockOperation.load(p.id)
  if (operation == null) {
    operation = new TimelockOperation(p.id)
    operation.community = currentCommunity()
    operation.callCount = 0
    operation.executed = false
    operation.cancelled = false
    operation.scheduledTx = event.transaction.hash
    operation.scheduledAt = event.block.timestamp
    // The governor's ProposalQueued follows in this transaction and claims it (see handleProposalQueued).
    let links = loadPendingLinks(event.transaction.hash)
    let scheduled = links.scheduledOperations
    scheduled.push(p.id)
    links.scheduledOperations = scheduled
    links.save()
  }
  operation.scheduled = true
  operation.callCount = operation.callCount + 1
  operation.delay = p.delay
  operation.predecessor = p.predecessor
  operation.save()
}

export function handleCallSalt(event: CallSalt): void {
  let operation = TimelockOperation.load(event.params.id)
  if (operation == null) return
  operation.salt = event.params.salt
  operation.save()
}

/**
 * Emitted right after the timelock made call `index` of the operation, so every policy change,
 * payout or budget change still waiting in this transaction came from that call: attribute them to
 * the operation and to the proposal that queued it.
 */
export function handleCallExecuted(event: CallExecuted): void {
  let links = loadPendingLinks(event.transaction.hash)
  let operation = TimelockOperation.load(event.params.id)
  if (operation == null) {
    // Scheduled before the subgraph's start block: nothing to attribute to, but the waiting
    // effects still belong to this call and must not be claimed by the next one.
    clearAwaitingEffects(links)
    return
  }
  operation.executed = true
  operation.executedTx = event.transaction.hash
  operation.executedAt = event.block.timestamp
  operation.save()

  let policyVersions = links.policyVersions
  for (let i = 0; i < policyVersions.length; i++) {
    let change = PolicyVersion.load(policyVersions[i])
    if (change == null) continue
    change.proposal = operation.proposal
    change.timelockOperation = operation.id
    change.save()
  }
  let payouts = links.payouts
  for (let i = 0; i < payouts.length; i++) {
    let payout = Payout.load(payouts[i])
    if (payout == null) continue
    payout.proposal = operation.proposal
    payout.timelockOperation = operation.id
    payout.save()
  }
  let budgetChanges = links.budgetChanges
  for (let i = 0; i < budgetChanges.length; i++) {
    let change = BudgetChange.load(budgetChanges[i])
    if (change == null) continue
    change.proposal = operation.proposal
    change.timelockOperation = operation.id
    change.save()
  }
  clearAwaitingEffects(links)
}

function clearAwaitingEffects(links: PendingLinks): void {
  links.policyVersions = []
  links.payouts = []
  links.budgetChanges = []
  saveOrDropPendingLinks(links)
}

export function handleCancelled(event: Cancelled): void {
  let operation = TimelockOperation.load(event.params.id)
  if (operation == null) return
  operation.cancelled = true
  operation.cancelledTx = event.transaction.hash
  operation.save()
}

export function handleMinDelayChange(event: MinDelayChange): void {
  let community = currentCommunity()
  let timelock = Timelock.load(event.address)
  if (timelock == null) {
    timelock = new Timelock(event.address)
    timelock.community = community
  }
  timelock.minDelay = event.params.newDuration
  timelock.updatedAt = event.block.timestamp
  timelock.save()

  let change = new MinDelayChangeEntity(eventId(event))
  change.community = community
  change.oldDuration = event.params.oldDuration
  change.newDuration = event.params.newDuration
  change.blockNumber = event.block.number
  change.timestamp = event.block.timestamp
  change.transactionHash = event.transaction.hash
  change.save()
}

function newRoleChange(event: ethereum.Event, kind: string, role: Bytes): RoleChange {
  let change = new RoleChange(eventId(event))
  change.community = currentCommunity()
  change.kind = kind
  change.role = role
  change.blockNumber = event.block.number
  change.timestamp = event.block.timestamp
  change.transactionHash = event.transaction.hash
  return change
}

export function handleRoleGranted(event: RoleGranted): void {
  let change = newRoleChange(event, "Granted", event.params.role)
  change.account = event.params.account
  change.sender = event.params.sender
  change.save()
}

export function handleRoleRevoked(event: RoleRevoked): void {
  let change = newRoleChange(event, "Revoked", event.params.role)
  change.account = event.params.account
  change.sender = event.params.sender
  change.save()
}

export function handleRoleAdminChanged(event: RoleAdminChanged): void {
  let change = newRoleChange(event, "AdminChanged", event.params.role)
  change.previousAdminRole = event.params.previousAdminRole
  change.newAdminRole = event.params.newAdminRole
  change.save()
}
