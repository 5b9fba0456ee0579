import { BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts"
import {
  DelegateChanged,
  DelegateVotesChanged,
  OwnershipTransferred,
  Transfer,
} from "../generated/templates/CommunityToken/CommunityToken"
import { Delegate, Delegation, TokenHolder, VotingPowerChange } from "../generated/schema"
import { currentCommunity } from "./community"
import { addToSupply, count, eventId, recordOwnershipTransfer, ZERO_ADDRESS } from "./helpers"

/** An account's voting power is per community: the id is the governor's address followed by the account's. */
function loadDelegate(community: Bytes, address: Bytes, event: ethereum.Event): Delegate {
  let delegate = Delegate.load(community.concat(address))
  if (delegate == null) {
    delegate = new Delegate(community.concat(address))
    delegate.community = community
    delegate.account = address
    delegate.votingPower = BigInt.zero()
    delegate.delegatorCount = 0
    delegate.voteCount = 0
  }
  delegate.updatedAt = event.block.timestamp
  return delegate
}

function loadHolder(community: Bytes, address: Bytes): TokenHolder {
  let holder = TokenHolder.load(community.concat(address))
  if (holder == null) {
    holder = new TokenHolder(community.concat(address))
    holder.community = community
    holder.account = address
    holder.balance = BigInt.zero()
  }
  return holder
}

export function handleDelegateChanged(event: DelegateChanged): void {
  let p = event.params
  let community = currentCommunity()
  let delegation = new Delegation(eventId(event))
  delegation.community = community
  delegation.delegator = p.delegator
  delegation.fromDelegate = p.fromDelegate
  delegation.toDelegate = p.toDelegate
  delegation.blockNumber = event.block.number
  delegation.timestamp = event.block.timestamp
  delegation.transactionHash = event.transaction.hash
  delegation.save()

  // Re-delegating to the same account changes nothing in the counts.
  if (p.fromDelegate.notEqual(p.toDelegate)) {
    if (p.fromDelegate.notEqual(ZERO_ADDRESS)) {
      let previous = loadDelegate(community, p.fromDelegate, event)
      previous.delegatorCount = previous.delegatorCount - 1
      previous.save()
    }
    if (p.toDelegate.notEqual(ZERO_ADDRESS)) {
      let next = loadDelegate(community, p.toDelegate, event)
      next.delegatorCount = next.delegatorCount + 1
      next.save()
    }
  }

  let holder = loadHolder(community, p.delegator)
  holder.delegate = p.toDelegate.equals(ZERO_ADDRESS) ? null : community.concat(p.toDelegate)
  holder.save()

  count(community, "delegationCount", 1)
}

export function handleDelegateVotesChanged(event: DelegateVotesChanged): void {
  let p = event.params
  let community = currentCommunity()
  let delegate = loadDelegate(community, p.delegate, event)
  delegate.votingPower = p.newVotes
  delegate.save()

  let change = new VotingPowerChange(eventId(event))
  change.community = community
  change.delegate = delegate.id
  change.previousVotes = p.previousVotes
  change.newVotes = p.newVotes
  change.blockNumber = event.block.number
  change.timestamp = event.block.timestamp
  change.transactionHash = event.transaction.hash
  change.save()
}

export function handleTransfer(event: Transfer): void {
  let p = event.params
  let community = currentCommunity()
  if (p.from.equals(ZERO_ADDRESS)) addToSupply(community, p.value)
  if (p.to.equals(ZERO_ADDRESS)) addToSupply(community, p.value.neg())
  if (p.from.notEqual(ZERO_ADDRESS)) {
    let sender = loadHolder(community, p.from)
    sender.balance = sender.balance.minus(p.value)
    sender.save()
  }
  if (p.to.notEqual(ZERO_ADDRESS)) {
    let receiver = loadHolder(community, p.to)
    receiver.balance = receiver.balance.plus(p.value)
    receiver.save()
  }
}

export function handleOwnershipTransferred(event: OwnershipTransferred): void {
  recordOwnershipTransfer(event, currentCommunity(), event.params.previousOwner, event.params.newOwner)
}
