import { Address, BigInt, Bytes, ethereum, store } from "@graphprotocol/graph-ts"
import { OwnershipTransfer, PendingLinks, Stats, TokenTotal } from "../generated/schema"
import { inCreationTransaction } from "./community"

/** The Stats row of all communities together. */
export const STATS_ID = "commonguard"
export const ZERO_ADDRESS = Address.zero()

/** Id of an event entity: transaction hash followed by the log index (The Graph's best practice). */
export function eventId(event: ethereum.Event): Bytes {
  return event.transaction.hash.concatI32(event.logIndex.toI32())
}

/** A community's counters (or, with null, those of all communities), created on first use. */
export function loadStats(community: Bytes | null): Stats {
  // (Compared by identity: Bytes overloads `==`, which the compiler cannot apply to null.)
  let id = community === null ? STATS_ID : changetype<Bytes>(community).toHexString()
  let stats = Stats.load(id)
  if (stats == null) {
    stats = new Stats(id)
    stats.community = community
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

/** Adds `by` to the Int counter `counter` of the community's Stats and of the all-communities row. */
export function count(community: Bytes, counter: string, by: i32): void {
  let rows = [loadStats(community), loadStats(null)]
  for (let i = 0; i < rows.length; i++) {
    rows[i].setI32(counter, rows[i].getI32(counter) + by)
    rows[i].save()
  }
}

/** Adds `delta` (negative for burns) to the community's governance token supply and to the total. */
export function addToSupply(community: Bytes, delta: BigInt): void {
  let rows = [loadStats(community), loadStats(null)]
  for (let i = 0; i < rows.length; i++) {
    rows[i].governanceTokenSupply = rows[i].governanceTokenSupply.plus(delta)
    rows[i].save()
  }
}

/** A community's totals for one token, created on first use. */
export function loadTokenTotal(community: Bytes, token: Bytes): TokenTotal {
  let id = community.concat(token)
  let total = TokenTotal.load(id)
  if (total == null) {
    total = new TokenTotal(id)
    total.community = community
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
  // The community's first settings come with its creation, before its timelock can call anything.
  if (inCreationTransaction(event)) return
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
export function recordOwnershipTransfer(event: ethereum.Event, community: Bytes, previousOwner: Address, newOwner: Address): void {
  let transfer = new OwnershipTransfer(eventId(event))
  transfer.community = community
  transfer.contract = event.address
  transfer.previousOwner = previousOwner
  transfer.newOwner = newOwner
  transfer.blockNumber = event.block.number
  transfer.timestamp = event.block.timestamp
  transfer.transactionHash = event.transaction.hash
  transfer.save()
}

