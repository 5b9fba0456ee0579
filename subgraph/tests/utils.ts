// Builders for the events the contracts emit, in the shape graph-node hands them to the handlers.
import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts"
import { dataSourceMock, newMockEvent } from "matchstick-as/assembly/index"
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
import {
  DelegateChanged,
  DelegateVotesChanged,
  OwnershipTransferred as TokenOwnershipTransferred,
  Transfer,
} from "../generated/templates/CommunityToken/CommunityToken"
import {
  MerchantStatusChanged,
  DomainStatusChanged,
  OriginStatusChanged,
  OwnershipTransferred as PolicyOwnershipTransferred,
  ThresholdsChanged,
  TokenLimitsChanged,
  TokenLimitsRemoved,
  UnlimitedApprovalsChanged,
} from "../generated/templates/PaymentPolicy/PaymentPolicy"
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
  BudgetRevoked,
  BudgetSet,
  Deposited,
  OwnershipTransferred as TreasuryOwnershipTransferred,
  PaidOut,
  PolicyChanged,
} from "../generated/templates/Treasury/Treasury"
import { CommunityCreated } from "../generated/CommunityFactory/CommunityFactory"
import { communityContext } from "../src/community"

// The deployment's contracts and the demo accounts (any fixed addresses do).
export const TOKEN = Address.fromString("0x5fbdb2315678afecb367f032d93f642f64180aa3")
export const GOVERNOR = Address.fromString("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512")
export const TIMELOCK = Address.fromString("0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0")
export const TREASURY = Address.fromString("0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9")
export const POLICY = Address.fromString("0xdc64a140aa3e981100a9beca4e685f962f0cf6c9")
export const STABLECOIN = Address.fromString("0x5fc8d32690cc91d4c39d9d3abcbd16989f875707")
export const ETH = Address.zero()
export const MEMBER_1 = Address.fromString("0x70997970c51812dc3a010c7d01b50e0d17dc79c8")
export const MEMBER_2 = Address.fromString("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc")
export const MEMBER_3 = Address.fromString("0x90f79bf6eb2c4f870365e785982e1f101e93b906")
export const TREASURER = Address.fromString("0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc")
export const MERCHANT = Address.fromString("0x14dc79964da2c08b23698b3d3cc7ca32193d9955")
export const SHOPPER = Address.fromString("0x976ea74026e726554db657fa54763abd0c3a0aa9")

export function txHash(n: i32): Bytes {
  // A 32-byte hash whose last bytes tell the transactions of a test apart.
  return Bytes.fromHexString("0x" + "ab".repeat(28)).concatI32(n)
}

export function bytes32(n: i32): Bytes {
  return Bytes.fromHexString("0x" + "00".repeat(28)).concatI32(n)
}

/** The id an event entity gets: transaction hash followed by log index. */
export function eventEntityId(tx: i32, logIndex: i32): string {
  return txHash(tx).concatI32(logIndex).toHexString()
}

export function big(value: string): BigInt {
  return BigInt.fromString(value)
}

/** A community's contracts and the transaction that created it. */
export class TestCommunity {
  governor: Address
  token: Address
  timelock: Address
  treasury: Address
  policy: Address
  createdTx: Bytes

  constructor(governor: Address, token: Address, timelock: Address, treasury: Address, policy: Address, createdTx: Bytes) {
    this.governor = governor
    this.token = token
    this.timelock = timelock
    this.treasury = treasury
    this.policy = policy
    this.createdTx = createdTx
  }

  /** The id of the community's Stats row. */
  statsId(): string {
    return this.governor.toHexString()
  }

  /** The id of a proposal of this community. */
  proposal(proposalId: string): string {
    return this.governor.toHexString() + "-" + proposalId
  }

  /** The id of an account's Delegate or TokenHolder in this community. */
  member(account: Address): string {
    return this.governor.concat(account).toHexString()
  }

  /** The id of the community's TokenTotal for a token. */
  tokenTotal(token: Address): string {
    return this.governor.concat(token).toHexString()
  }

  /** The id of a treasurer's Budget for a token in this community. */
  budget(treasurer: Address, token: Address): string {
    return this.treasury.concat(treasurer).concat(token).toHexString()
  }
}

/** The community the tests' events come from unless a test moves to another (see emitFrom). */
export const DEMO = new TestCommunity(GOVERNOR, TOKEN, TIMELOCK, TREASURY, POLICY, txHash(0))
let current = DEMO

/** The builders below emit from `community`'s contracts, as the data sources its creation started. */
export function emitFrom(community: TestCommunity): void {
  current = community
}

/** The contract of the current community that emits events of `role` (the demo's address names the role). */
function contractOf(role: Address): Address {
  if (role.equals(GOVERNOR)) return current.governor
  if (role.equals(TOKEN)) return current.token
  if (role.equals(TIMELOCK)) return current.timelock
  if (role.equals(TREASURY)) return current.treasury
  return current.policy
}

/**
 * Places a mock event: which contract emitted it, in which transaction, at which log index and time.
 * The handler runs in the data source that the community's creation started for that contract:
 * its address, and the context that names the community.
 */
function place(event: ethereum.Event, role: Address, tx: i32, logIndex: i32, timestamp: i64): void {
  let emitter = contractOf(role)
  dataSourceMock.setAddressAndContext(emitter.toHexString(), communityContext(current.governor, current.createdTx))
  event.address = emitter
  event.transaction.hash = txHash(tx)
  event.transaction.to = current.governor
  event.logIndex = BigInt.fromI32(logIndex)
  event.block.timestamp = BigInt.fromI64(timestamp)
  event.block.number = BigInt.fromI64(timestamp / 12)
}

function param(name: string, value: ethereum.Value): ethereum.EventParam {
  return new ethereum.EventParam(name, value)
}

function uint(value: BigInt): ethereum.Value {
  return ethereum.Value.fromUnsignedBigInt(value)
}

function addr(value: Address): ethereum.Value {
  return ethereum.Value.fromAddress(value)
}

// ─── factory

export const FACTORY = Address.fromString("0xa513e6e4b8f2a923d98304ec87f64353c4d5c853")

/** The factory's CommunityCreated for `community`, emitted at the end of its creation transaction. */
export function communityCreated(community: TestCommunity, name: string, creator: Address, logIndex: i32, timestamp: i64): CommunityCreated {
  let event = changetype<CommunityCreated>(newMockEvent())
  dataSourceMock.resetValues()
  event.address = FACTORY
  event.transaction.hash = community.createdTx
  event.transaction.to = FACTORY
  event.logIndex = BigInt.fromI32(logIndex)
  event.block.timestamp = BigInt.fromI64(timestamp)
  event.block.number = BigInt.fromI64(timestamp / 12)
  event.parameters = [
    param("governor", addr(community.governor)),
    param("creator", addr(creator)),
    param("name", ethereum.Value.fromString(name)),
    param("token", addr(community.token)),
    param("timelock", addr(community.timelock)),
    param("treasury", addr(community.treasury)),
    param("policy", addr(community.policy)),
  ]
  return event
}

// ─── governor

export function proposalCreated(
  proposalId: BigInt,
  proposer: Address,
  targets: Array<Address>,
  values: Array<BigInt>,
  calldatas: Array<Bytes>,
  voteStart: i64,
  voteEnd: i64,
  description: string,
  tx: i32,
  logIndex: i32,
  timestamp: i64,
): ProposalCreated {
  let event = changetype<ProposalCreated>(newMockEvent())
  place(event, GOVERNOR, tx, logIndex, timestamp)
  let signatures = new Array<string>()
  for (let i = 0; i < targets.length; i++) signatures.push("")
  event.parameters = [
    param("proposalId", uint(proposalId)),
    param("proposer", addr(proposer)),
    param("targets", ethereum.Value.fromAddressArray(targets)),
    param("values", ethereum.Value.fromUnsignedBigIntArray(values)),
    param("signatures", ethereum.Value.fromStringArray(signatures)),
    param("calldatas", ethereum.Value.fromBytesArray(calldatas)),
    param("voteStart", uint(BigInt.fromI64(voteStart))),
    param("voteEnd", uint(BigInt.fromI64(voteEnd))),
    param("description", ethereum.Value.fromString(description)),
  ]
  return event
}

export function voteCast(voter: Address, proposalId: BigInt, support: i32, weight: BigInt, reason: string, tx: i32, logIndex: i32, timestamp: i64): VoteCast {
  let event = changetype<VoteCast>(newMockEvent())
  place(event, GOVERNOR, tx, logIndex, timestamp)
  event.parameters = [
    param("voter", addr(voter)),
    param("proposalId", uint(proposalId)),
    param("support", ethereum.Value.fromI32(support)),
    param("weight", uint(weight)),
    param("reason", ethereum.Value.fromString(reason)),
  ]
  return event
}

export function voteCastWithParams(voter: Address, proposalId: BigInt, support: i32, weight: BigInt, reason: string, params: Bytes, tx: i32, logIndex: i32, timestamp: i64): VoteCastWithParams {
  let event = changetype<VoteCastWithParams>(newMockEvent())
  place(event, GOVERNOR, tx, logIndex, timestamp)
  event.parameters = [
    param("voter", addr(voter)),
    param("proposalId", uint(proposalId)),
    param("support", ethereum.Value.fromI32(support)),
    param("weight", uint(weight)),
    param("reason", ethereum.Value.fromString(reason)),
    param("params", ethereum.Value.fromBytes(params)),
  ]
  return event
}

export function proposalQueued(proposalId: BigInt, eta: i64, tx: i32, logIndex: i32, timestamp: i64): ProposalQueued {
  let event = changetype<ProposalQueued>(newMockEvent())
  place(event, GOVERNOR, tx, logIndex, timestamp)
  event.parameters = [param("proposalId", uint(proposalId)), param("etaSeconds", uint(BigInt.fromI64(eta)))]
  return event
}

export function proposalExecuted(proposalId: BigInt, tx: i32, logIndex: i32, timestamp: i64): ProposalExecuted {
  let event = changetype<ProposalExecuted>(newMockEvent())
  place(event, GOVERNOR, tx, logIndex, timestamp)
  event.parameters = [param("proposalId", uint(proposalId))]
  return event
}

export function proposalCanceled(proposalId: BigInt, tx: i32, logIndex: i32, timestamp: i64): ProposalCanceled {
  let event = changetype<ProposalCanceled>(newMockEvent())
  place(event, GOVERNOR, tx, logIndex, timestamp)
  event.parameters = [param("proposalId", uint(proposalId))]
  return event
}

export function proposalExtended(proposalId: BigInt, extendedDeadline: i64, tx: i32, logIndex: i32, timestamp: i64): ProposalExtended {
  let event = changetype<ProposalExtended>(newMockEvent())
  place(event, GOVERNOR, tx, logIndex, timestamp)
  event.parameters = [param("proposalId", uint(proposalId)), param("extendedDeadline", uint(BigInt.fromI64(extendedDeadline)))]
  return event
}

function settingParams(event: ethereum.Event, oldName: string, newName: string, oldValue: BigInt, newValue: BigInt): void {
  place(event, GOVERNOR, 900, event.logIndex.toI32(), 1000)
  event.parameters = [param(oldName, uint(oldValue)), param(newName, uint(newValue))]
}

export function votingDelaySet(oldValue: BigInt, newValue: BigInt): VotingDelaySet {
  let event = changetype<VotingDelaySet>(newMockEvent())
  settingParams(event, "oldVotingDelay", "newVotingDelay", oldValue, newValue)
  return event
}

export function votingPeriodSet(oldValue: BigInt, newValue: BigInt): VotingPeriodSet {
  let event = changetype<VotingPeriodSet>(newMockEvent())
  settingParams(event, "oldVotingPeriod", "newVotingPeriod", oldValue, newValue)
  return event
}

export function proposalThresholdSet(oldValue: BigInt, newValue: BigInt): ProposalThresholdSet {
  let event = changetype<ProposalThresholdSet>(newMockEvent())
  settingParams(event, "oldProposalThreshold", "newProposalThreshold", oldValue, newValue)
  return event
}

export function quorumNumeratorUpdated(oldValue: BigInt, newValue: BigInt): QuorumNumeratorUpdated {
  let event = changetype<QuorumNumeratorUpdated>(newMockEvent())
  settingParams(event, "oldQuorumNumerator", "newQuorumNumerator", oldValue, newValue)
  return event
}

export function lateQuorumVoteExtensionSet(oldValue: BigInt, newValue: BigInt): LateQuorumVoteExtensionSet {
  let event = changetype<LateQuorumVoteExtensionSet>(newMockEvent())
  settingParams(event, "oldVoteExtension", "newVoteExtension", oldValue, newValue)
  return event
}

export function timelockChange(oldTimelock: Address, newTimelock: Address): TimelockChange {
  let event = changetype<TimelockChange>(newMockEvent())
  place(event, GOVERNOR, 900, 1, 1000)
  event.parameters = [param("oldTimelock", addr(oldTimelock)), param("newTimelock", addr(newTimelock))]
  return event
}

// ─── token

export function delegateChanged(delegator: Address, fromDelegate: Address, toDelegate: Address, tx: i32, logIndex: i32, timestamp: i64): DelegateChanged {
  let event = changetype<DelegateChanged>(newMockEvent())
  place(event, TOKEN, tx, logIndex, timestamp)
  event.parameters = [param("delegator", addr(delegator)), param("fromDelegate", addr(fromDelegate)), param("toDelegate", addr(toDelegate))]
  return event
}

export function delegateVotesChanged(delegate: Address, previousVotes: BigInt, newVotes: BigInt, tx: i32, logIndex: i32, timestamp: i64): DelegateVotesChanged {
  let event = changetype<DelegateVotesChanged>(newMockEvent())
  place(event, TOKEN, tx, logIndex, timestamp)
  event.parameters = [param("delegate", addr(delegate)), param("previousVotes", uint(previousVotes)), param("newVotes", uint(newVotes))]
  return event
}

export function transfer(from: Address, to: Address, value: BigInt, tx: i32, logIndex: i32, timestamp: i64): Transfer {
  let event = changetype<Transfer>(newMockEvent())
  place(event, TOKEN, tx, logIndex, timestamp)
  event.parameters = [param("from", addr(from)), param("to", addr(to)), param("value", uint(value))]
  return event
}

function ownershipParams(event: ethereum.Event, emitter: Address, previousOwner: Address, newOwner: Address, tx: i32, logIndex: i32): void {
  place(event, emitter, tx, logIndex, 500)
  event.parameters = [param("previousOwner", addr(previousOwner)), param("newOwner", addr(newOwner))]
}

export function tokenOwnershipTransferred(previousOwner: Address, newOwner: Address, tx: i32, logIndex: i32): TokenOwnershipTransferred {
  let event = changetype<TokenOwnershipTransferred>(newMockEvent())
  ownershipParams(event, TOKEN, previousOwner, newOwner, tx, logIndex)
  return event
}

export function treasuryOwnershipTransferred(previousOwner: Address, newOwner: Address, tx: i32, logIndex: i32): TreasuryOwnershipTransferred {
  let event = changetype<TreasuryOwnershipTransferred>(newMockEvent())
  ownershipParams(event, TREASURY, previousOwner, newOwner, tx, logIndex)
  return event
}

export function policyOwnershipTransferred(previousOwner: Address, newOwner: Address, tx: i32, logIndex: i32): PolicyOwnershipTransferred {
  let event = changetype<PolicyOwnershipTransferred>(newMockEvent())
  ownershipParams(event, POLICY, previousOwner, newOwner, tx, logIndex)
  return event
}

// ─── timelock

export function callScheduled(id: Bytes, index: i32, target: Address, value: BigInt, data: Bytes, delay: i64, tx: i32, logIndex: i32, timestamp: i64): CallScheduled {
  let event = changetype<CallScheduled>(newMockEvent())
  place(event, TIMELOCK, tx, logIndex, timestamp)
  event.parameters = [
    param("id", ethereum.Value.fromFixedBytes(id)),
    param("index", uint(BigInt.fromI32(index))),
    param("target", addr(target)),
    param("value", uint(value)),
    param("data", ethereum.Value.fromBytes(data)),
    param("predecessor", ethereum.Value.fromFixedBytes(bytes32(0))),
    param("delay", uint(BigInt.fromI64(delay))),
  ]
  return event
}

export function callSalt(id: Bytes, salt: Bytes, tx: i32, logIndex: i32, timestamp: i64): CallSalt {
  let event = changetype<CallSalt>(newMockEvent())
  place(event, TIMELOCK, tx, logIndex, timestamp)
  event.parameters = [param("id", ethereum.Value.fromFixedBytes(id)), param("salt", ethereum.Value.fromFixedBytes(salt))]
  return event
}

export function callExecuted(id: Bytes, index: i32, target: Address, value: BigInt, data: Bytes, tx: i32, logIndex: i32, timestamp: i64): CallExecuted {
  let event = changetype<CallExecuted>(newMockEvent())
  place(event, TIMELOCK, tx, logIndex, timestamp)
  event.parameters = [
    param("id", ethereum.Value.fromFixedBytes(id)),
    param("index", uint(BigInt.fromI32(index))),
    param("target", addr(target)),
    param("value", uint(value)),
    param("data", ethereum.Value.fromBytes(data)),
  ]
  return event
}

export function cancelled(id: Bytes, tx: i32, logIndex: i32, timestamp: i64): Cancelled {
  let event = changetype<Cancelled>(newMockEvent())
  place(event, TIMELOCK, tx, logIndex, timestamp)
  event.parameters = [param("id", ethereum.Value.fromFixedBytes(id))]
  return event
}

export function minDelayChange(oldDuration: BigInt, newDuration: BigInt, tx: i32, logIndex: i32, timestamp: i64): MinDelayChange {
  let event = changetype<MinDelayChange>(newMockEvent())
  place(event, TIMELOCK, tx, logIndex, timestamp)
  event.parameters = [param("oldDuration", uint(oldDuration)), param("newDuration", uint(newDuration))]
  return event
}

export function roleGranted(role: Bytes, account: Address, sender: Address, tx: i32, logIndex: i32): RoleGranted {
  let event = changetype<RoleGranted>(newMockEvent())
  place(event, TIMELOCK, tx, logIndex, 100)
  event.parameters = [param("role", ethereum.Value.fromFixedBytes(role)), param("account", addr(account)), param("sender", addr(sender))]
  return event
}

export function roleRevoked(role: Bytes, account: Address, sender: Address, tx: i32, logIndex: i32): RoleRevoked {
  let event = changetype<RoleRevoked>(newMockEvent())
  place(event, TIMELOCK, tx, logIndex, 100)
  event.parameters = [param("role", ethereum.Value.fromFixedBytes(role)), param("account", addr(account)), param("sender", addr(sender))]
  return event
}

export function roleAdminChanged(role: Bytes, previousAdminRole: Bytes, newAdminRole: Bytes, tx: i32, logIndex: i32): RoleAdminChanged {
  let event = changetype<RoleAdminChanged>(newMockEvent())
  place(event, TIMELOCK, tx, logIndex, 100)
  event.parameters = [
    param("role", ethereum.Value.fromFixedBytes(role)),
    param("previousAdminRole", ethereum.Value.fromFixedBytes(previousAdminRole)),
    param("newAdminRole", ethereum.Value.fromFixedBytes(newAdminRole)),
  ]
  return event
}

// ─── treasury

export function paidOut(executor: Address, token: Address, recipient: Address, amount: BigInt, memo: string, byVote: boolean, tx: i32, logIndex: i32, timestamp: i64): PaidOut {
  let event = changetype<PaidOut>(newMockEvent())
  place(event, TREASURY, tx, logIndex, timestamp)
  event.parameters = [
    param("executor", addr(executor)),
    param("token", addr(token)),
    param("recipient", addr(recipient)),
    param("amount", uint(amount)),
    param("memo", ethereum.Value.fromString(memo)),
    param("byVote", ethereum.Value.fromBoolean(byVote)),
  ]
  return event
}

/** A BudgetSet emitted at `timestamp`; a change keeps the current period's start and `spent`. */
export function budgetSetAt(treasurer: Address, token: Address, amountPerPeriod: BigInt, period: i64, periodStart: i64, spent: BigInt, tx: i32, logIndex: i32, timestamp: i64): BudgetSet {
  let event = changetype<BudgetSet>(newMockEvent())
  place(event, TREASURY, tx, logIndex, timestamp)
  event.parameters = [
    param("treasurer", addr(treasurer)),
    param("token", addr(token)),
    param("amountPerPeriod", uint(amountPerPeriod)),
    param("period", uint(BigInt.fromI64(period))),
    param("periodStart", uint(BigInt.fromI64(periodStart))),
    param("spent", uint(spent)),
  ]
  return event
}

/** A first budget: its period starts when it is set, with nothing spent. */
export function budgetSet(treasurer: Address, token: Address, amountPerPeriod: BigInt, period: i64, periodStart: i64, tx: i32, logIndex: i32): BudgetSet {
  return budgetSetAt(treasurer, token, amountPerPeriod, period, periodStart, BigInt.zero(), tx, logIndex, periodStart)
}

export function budgetRevoked(treasurer: Address, token: Address, tx: i32, logIndex: i32, timestamp: i64): BudgetRevoked {
  let event = changetype<BudgetRevoked>(newMockEvent())
  place(event, TREASURY, tx, logIndex, timestamp)
  event.parameters = [param("treasurer", addr(treasurer)), param("token", addr(token))]
  return event
}

export function deposited(from: Address, token: Address, amount: BigInt, tx: i32, logIndex: i32, timestamp: i64): Deposited {
  let event = changetype<Deposited>(newMockEvent())
  place(event, TREASURY, tx, logIndex, timestamp)
  event.parameters = [param("from", addr(from)), param("token", addr(token)), param("amount", uint(amount))]
  return event
}

export function policyChanged(previousPolicy: Address, newPolicy: Address, tx: i32, logIndex: i32, timestamp: i64): PolicyChanged {
  let event = changetype<PolicyChanged>(newMockEvent())
  place(event, TREASURY, tx, logIndex, timestamp)
  event.parameters = [param("previousPolicy", addr(previousPolicy)), param("newPolicy", addr(newPolicy))]
  return event
}

// ─── payment policy

function version(v: i32): ethereum.Value {
  return uint(BigInt.fromI32(v))
}

export function thresholdsChanged(warnAt: i32, blockAt: i32, v: i32, tx: i32, logIndex: i32, timestamp: i64): ThresholdsChanged {
  let event = changetype<ThresholdsChanged>(newMockEvent())
  place(event, POLICY, tx, logIndex, timestamp)
  event.parameters = [param("warnAt", ethereum.Value.fromI32(warnAt)), param("blockAt", ethereum.Value.fromI32(blockAt)), param("version", version(v))]
  return event
}

export function tokenLimitsChanged(token: Address, maxSinglePayment: BigInt, dailyCap: BigInt, maxFirstPayment: BigInt, v: i32, tx: i32, logIndex: i32, timestamp: i64): TokenLimitsChanged {
  let event = changetype<TokenLimitsChanged>(newMockEvent())
  place(event, POLICY, tx, logIndex, timestamp)
  event.parameters = [
    param("token", addr(token)),
    param("maxSinglePayment", uint(maxSinglePayment)),
    param("dailyCap", uint(dailyCap)),
    param("maxFirstPayment", uint(maxFirstPayment)),
    param("version", version(v)),
  ]
  return event
}

export function tokenLimitsRemoved(token: Address, v: i32, tx: i32, logIndex: i32, timestamp: i64): TokenLimitsRemoved {
  let event = changetype<TokenLimitsRemoved>(newMockEvent())
  place(event, POLICY, tx, logIndex, timestamp)
  event.parameters = [param("token", addr(token)), param("version", version(v))]
  return event
}

export function unlimitedApprovalsChanged(allowed: boolean, v: i32, tx: i32, logIndex: i32, timestamp: i64): UnlimitedApprovalsChanged {
  let event = changetype<UnlimitedApprovalsChanged>(newMockEvent())
  place(event, POLICY, tx, logIndex, timestamp)
  event.parameters = [param("allowed", ethereum.Value.fromBoolean(allowed)), param("version", version(v))]
  return event
}

export function merchantStatusChanged(merchant: Address, status: i32, note: string, v: i32, tx: i32, logIndex: i32, timestamp: i64): MerchantStatusChanged {
  let event = changetype<MerchantStatusChanged>(newMockEvent())
  place(event, POLICY, tx, logIndex, timestamp)
  event.parameters = [
    param("merchant", addr(merchant)),
    param("status", ethereum.Value.fromI32(status)),
    param("note", ethereum.Value.fromString(note)),
    param("version", version(v)),
  ]
  return event
}

export function domainStatusChanged(domainHash: Bytes, domain: string, status: i32, note: string, v: i32, tx: i32, logIndex: i32, timestamp: i64): DomainStatusChanged {
  let event = changetype<DomainStatusChanged>(newMockEvent())
  place(event, POLICY, tx, logIndex, timestamp)
  event.parameters = [
    param("domainHash", ethereum.Value.fromFixedBytes(domainHash)),
    param("domain", ethereum.Value.fromString(domain)),
    param("status", ethereum.Value.fromI32(status)),
    param("note", ethereum.Value.fromString(note)),
    param("version", version(v)),
  ]
  return event
}

export function originStatusChanged(originHash: Bytes, origin: string, status: i32, note: string, v: i32, tx: i32, logIndex: i32, timestamp: i64): OriginStatusChanged {
  let event = changetype<OriginStatusChanged>(newMockEvent())
  place(event, POLICY, tx, logIndex, timestamp)
  event.parameters = [
    param("originHash", ethereum.Value.fromFixedBytes(originHash)),
    param("origin", ethereum.Value.fromString(origin)),
    param("status", ethereum.Value.fromI32(status)),
    param("note", ethereum.Value.fromString(note)),
    param("version", version(v)),
  ]
  return event
}

/** The event came with the community's creation (its contracts' first settings). */
export function asDeployment(event: ethereum.Event): void {
  event.transaction.hash = current.createdTx
  event.transaction.to = null
}
