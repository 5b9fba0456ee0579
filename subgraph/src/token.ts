import { BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts"
import {
  DelegateChanged,
  DelegateVotesChanged,
  OwnershipTransferred,
  Transfer,
} from "../generated/CommunityToken/CommunityToken"
import { Delegate, Delegation, TokenHolder, VotingPowerChange } from "../generated/schema"
import { eventId, loadStats, recordOwnershipTransfer, ZERO_ADDRESS } from "./helpers"

function loadDelegate(address: Bytes, event: ethereum.Event): Delegate {
  let delegate = Delegate.load(address)
  if (delegate == null) {
    delegate = new Delegate(address)
    delegate.votingPower = BigInt.zero()
    delegate.delegatorCount = 0
    delegate.voteCount = 0
  }
  delegate.updatedAt = event.block.timestamp
  return delegate
}

function loadHolder(address: Bytes): TokenHolder {
  let holder = TokenHolder.load(address)
  if (holder == null) {
    holder = new TokenHolder(address)
    holder.balance = BigInt.zero()
  }
  return holder
}

export function handleDelegateChanged(event: DelegateChanged): void {
  let p = event.params
  let delegation = new Delegation(eventId(event))
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
      let previous = loadDelegate(p.fromDelegate, event)
      previous.delegatorCount = previous.delegatorCount - 1
      previous.save()
    }
    if (p.toDelegate.notEqual(ZERO_ADDRESS)) {
      let next = loadDelegate(p.toDelegate, event)
      next.delegatorCount = next.delegatorCount + 1
      next.save()
    }
  }

  let holder = loadHolder(p.delegator)
  holder.delegate = p.toDelegate.equals(ZERO_ADDRESS) ? null : changetype<Bytes>(p.toDelegate)
  holder.save()

  let stats = loadStats()
  stats.delegationCount = stats.delegationCount + 1
  stats.save()
}

export function handleDelegateVotesChanged(event: DelegateVotesChanged): void {
  let p = event.params
  let delegate = loadDelegate(p.delegate, event)
  delegate.votingPower = p.newVotes
  delegate.save()

  let change = new VotingPowerChange(eventId(event))
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
  if (p.from.equals(ZERO_ADDRESS) || p.to.equals(ZERO_ADDRESS)) {
    let stats = loadStats()
    if (p.from.equals(ZERO_ADDRESS)) stats.governanceTokenSupply = stats.governanceTokenSupply.plus(p.value)
    if (p.to.equals(ZERO_ADDRESS)) stats.governanceTokenSupply = stats.governanceTokenSupply.minus(p.value)
    stats.save()
  }
  if (p.from.notEqual(ZERO_ADDRESS)) {
    let sender = loadHolder(p.from)
    sender.balance = sender.balance.minus(p.value)
    sender.save()
  }
  if (p.to.notEqual(ZERO_ADDRESS)) {
    let receiver = loadHolder(p.to)
    receiver.balance = receiver.balance.plus(p.value)
    receiver.save()
  }
}

export function handleOwnershipTransferred(event: OwnershipTransferred): void {
  recordOwnershipTransfer(event, event.params.previousOwner, event.params.newOwner)
}
