import { Address, BigInt, Bytes, ethereum, store } from "@graphprotocol/graph-ts"
import { OwnershipTransfer, PendingLinks, Stats, TokenTotal } from "../generated/schema"

export const STATS_ID = "commonguard"
export const ZERO_ADDRESS = Address.zero()

/** Id of an event entity: transaction hash followed by the log index (The Graph's best practice). */
export function eventId(event: ethereum.Event): Bytes {
  return event.transaction.hash.concatI32(event.logIndex.toI32())
}

/** The dashboard counters, created on first use. */
export function loadStats(): Stats {
  let stats = Stats.load(STATS_ID)
  if (stats == null) {
    stats = new Stats(STATS_ID)
    stats.proposalCount = 0
    stats.voteCount = 0
    stats.payoutCount = 0
    stats.payoutByVoteCount = 0
    stats.payoutByTreasurerCount = 0
    stats.depositCount = 0
    stats.policyChangeCount = 0
    stats.delegationCount = 0
    stats.governanceTokenSupply = BigInt.zero()
  }
  return stats
}

/** Totals for one token, created on first use. */
export function loadTokenTotal(token: Bytes): TokenTotal {
  let total = TokenTotal.load(token)
  if (total == null) {
    total = new TokenTotal(token)
    total.token = token
    total.totalPaid = BigInt.zero()
    total.totalPaidByVote = BigInt.zero()
    total.totalPaidByTreasurer = BigInt.zero()
    total.payoutCount = 0
    total.totalDeposited = BigInt.zero()
    total.depositCount = 0
  }
  return total
}

/** What one transaction still has to attribute (see PendingLinks in the schema). */
export function loadPendingLinks(txHash: Bytes): PendingLinks {
  let links = PendingLinks.load(txHash)
  if (links == null) {
    links = new PendingLinks(txHash)
    links.scheduledOperations = []
    links.policyVersions = []
    links.payouts = []
    links.budgetChanges = []
  }
  return links
}

/** Saves what still waits, or drops the row once nothing does (so finished transactions leave none). */
export function saveOrDropPendingLinks(links: PendingLinks): void {
  let empty =
    links.scheduledOperations.length == 0 &&
    links.policyVersions.length == 0 &&
    links.payouts.length == 0 &&
    links.budgetChanges.length == 0
  if (!empty) {
    links.save()
  } else if (PendingLinks.load(links.id) != null) {
    store.remove("PendingLinks", links.id.toHexString())
  }
}

/** Remembers an effect of a timelock call; the timelock's CallExecuted, which follows it, attributes it. */
export function awaitTimelockCall(event: ethereum.Event, kind: string, id: Bytes): void {
  // A contract's constructor (the policy's initial settings) runs before any timelock call.
  // (Compared by pointer: Bytes overloads `==`, which the compiler cannot apply to null.)
  if (changetype<usize>(event.transaction.to) == 0) return
  let links = loadPendingLinks(event.transaction.hash)
  if (kind == "policyVersion") {
    let list = links.policyVersions
    list.push(id)
    links.policyVersions = list
  } else if (kind == "payout") {
    let list = links.payouts
    list.push(id)
    links.payouts = list
  } else {
    let list = links.budgetChanges
    list.push(id)
    links.budgetChanges = list
  }
  links.save()
}

/** Shared by the token, treasury and policy data sources. */
export function recordOwnershipTransfer(event: ethereum.Event, previousOwner: Address, newOwner: Address): void {
  let transfer = new OwnershipTransfer(eventId(event))
  transfer.contract = event.address
  transfer.previousOwner = previousOwner
  transfer.newOwner = newOwner
  transfer.blockNumber = event.block.number
  transfer.timestamp = event.block.timestamp
  transfer.transactionHash = event.transaction.hash
  transfer.save()
}

