import { BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts"
import {
  DomainStatusChanged,
  MerchantStatusChanged,
  OriginStatusChanged,
  OwnershipTransferred,
  ThresholdsChanged,
  TokenLimitsChanged,
  TokenLimitsRemoved,
  UnlimitedApprovalsChanged,
} from "../generated/templates/PaymentPolicy/PaymentPolicy"
import { DomainStatus, MerchantStatus, OriginStatus, Policy, PolicyVersion, Thresholds, TokenLimit } from "../generated/schema"
import { currentCommunity } from "./community"
import { awaitTimelockCall, count, eventId, recordOwnershipTransfer } from "./helpers"

const STATUS_LABELS = ["Unknown", "Trusted", "Blocked"]

function statusLabel(status: i32): string {
  return status >= 0 && status < STATUS_LABELS.length ? STATUS_LABELS[status] : "Unknown"
}

/** The policy contract's current state, bumped to the version this event carries. */
function touchPolicy(event: ethereum.Event, version: BigInt): Policy {
  let policy = Policy.load(event.address)
  if (policy == null) {
    policy = new Policy(event.address)
    policy.community = currentCommunity()
    policy.version = BigInt.zero()
    policy.unlimitedApprovalsAllowed = false
    policy.changeCount = 0
  }
  if (version.gt(policy.version)) policy.version = version
  policy.changeCount = policy.changeCount + 1
  policy.updatedAt = event.block.timestamp
  return policy
}

/**
 * Records the change. When it came through the timelock, the timelock's CallExecuted later in this
 * transaction fills in the operation and the proposal (see handleCallExecuted).
 */
function newVersion(event: ethereum.Event, policy: Policy, version: BigInt, change: string): PolicyVersion {
  let entry = new PolicyVersion(eventId(event))
  entry.community = policy.community
  entry.policy = policy.id
  entry.version = version
  entry.change = change
  entry.blockNumber = event.block.number
  entry.timestamp = event.block.timestamp
  entry.transactionHash = event.transaction.hash
  return entry
}

function finish(event: ethereum.Event, entry: PolicyVersion): void {
  entry.save()
  awaitTimelockCall(event, "policyVersion", entry.id)
  count(entry.community, "policyChangeCount", 1)
}

export function handleThresholdsChanged(event: ThresholdsChanged): void {
  let p = event.params
  let policy = touchPolicy(event, p.version)
  let thresholds = Thresholds.load(event.address)
  if (thresholds == null) {
    thresholds = new Thresholds(event.address)
    thresholds.community = policy.community
    thresholds.policy = policy.id
  }
  thresholds.warnAt = p.warnAt
  thresholds.blockAt = p.blockAt
  thresholds.version = p.version
  thresholds.updatedAt = event.block.timestamp
  thresholds.save()
  policy.thresholds = thresholds.id
  policy.save()

  let entry = newVersion(event, policy, p.version, "Thresholds")
  entry.warnAt = p.warnAt
  entry.blockAt = p.blockAt
  finish(event, entry)
}

function loadTokenLimit(policy: Policy, token: Bytes): TokenLimit {
  let id = policy.id.concat(token)
  let limit = TokenLimit.load(id)
  if (limit == null) {
    limit = new TokenLimit(id)
    limit.community = policy.community
    limit.policy = policy.id
    limit.token = token
  }
  return limit
}

export function handleTokenLimitsChanged(event: TokenLimitsChanged): void {
  let p = event.params
  let policy = touchPolicy(event, p.version)
  policy.save()
  let limit = loadTokenLimit(policy, p.token)
  limit.active = true
  limit.maxSinglePayment = p.maxSinglePayment
  limit.dailyCap = p.dailyCap
  limit.maxFirstPayment = p.maxFirstPayment
  limit.version = p.version
  limit.updatedAt = event.block.timestamp
  limit.save()

  let entry = newVersion(event, policy, p.version, "TokenLimits")
  entry.token = p.token
  entry.maxSinglePayment = p.maxSinglePayment
  entry.dailyCap = p.dailyCap
  entry.maxFirstPayment = p.maxFirstPayment
  finish(event, entry)
}

export function handleTokenLimitsRemoved(event: TokenLimitsRemoved): void {
  let p = event.params
  let policy = touchPolicy(event, p.version)
  policy.save()
  let limit = loadTokenLimit(policy, p.token)
  // Kept with zeros (the contract's "no limit") so its history stays reachable.
  limit.active = false
  limit.maxSinglePayment = BigInt.zero()
  limit.dailyCap = BigInt.zero()
  limit.maxFirstPayment = BigInt.zero()
  limit.version = p.version
  limit.updatedAt = event.block.timestamp
  limit.save()

  let entry = newVersion(event, policy, p.version, "TokenLimitsRemoved")
  entry.token = p.token
  finish(event, entry)
}

export function handleUnlimitedApprovalsChanged(event: UnlimitedApprovalsChanged): void {
  let p = event.params
  let policy = touchPolicy(event, p.version)
  policy.unlimitedApprovalsAllowed = p.allowed
  policy.save()

  let entry = newVersion(event, policy, p.version, "UnlimitedApprovals")
  entry.unlimitedApprovalsAllowed = p.allowed
  finish(event, entry)
}

export function handleMerchantStatusChanged(event: MerchantStatusChanged): void {
  let p = event.params
  let policy = touchPolicy(event, p.version)
  policy.save()
  let id = policy.id.concat(p.merchant)
  let merchant = MerchantStatus.load(id)
  if (merchant == null) {
    merchant = new MerchantStatus(id)
    merchant.community = policy.community
    merchant.policy = policy.id
    merchant.merchant = p.merchant
  }
  merchant.status = statusLabel(p.status)
  merchant.listed = p.status != 0
  merchant.note = p.note
  merchant.version = p.version
  merchant.updatedAt = event.block.timestamp
  merchant.save()

  let entry = newVersion(event, policy, p.version, "MerchantStatus")
  entry.merchant = p.merchant
  entry.status = statusLabel(p.status)
  entry.note = p.note
  finish(event, entry)
}

export function handleOriginStatusChanged(event: OriginStatusChanged): void {
  let p = event.params
  let policy = touchPolicy(event, p.version)
  policy.save()
  let id = policy.id.concat(p.originHash)
  let origin = OriginStatus.load(id)
  if (origin == null) {
    origin = new OriginStatus(id)
    origin.community = policy.community
    origin.policy = policy.id
    origin.originHash = p.originHash
  }
  origin.origin = p.origin
  origin.status = statusLabel(p.status)
  origin.listed = p.status != 0
  origin.note = p.note
  origin.version = p.version
  origin.updatedAt = event.block.timestamp
  origin.save()

  let entry = newVersion(event, policy, p.version, "OriginStatus")
  entry.origin = p.origin
  entry.originHash = p.originHash
  entry.status = statusLabel(p.status)
  entry.note = p.note
  finish(event, entry)
}

export function handleDomainStatusChanged(event: DomainStatusChanged): void {
  let p = event.params
  let policy = touchPolicy(event, p.version)
  policy.save()
  let id = policy.id.concat(p.domainHash)
  let domain = DomainStatus.load(id)
  if (domain == null) {
    domain = new DomainStatus(id)
    domain.community = policy.community
    domain.policy = policy.id
    domain.domainHash = p.domainHash
  }
  domain.domain = p.domain
  domain.status = statusLabel(p.status)
  domain.listed = p.status != 0
  domain.note = p.note
  domain.version = p.version
  domain.updatedAt = event.block.timestamp
  domain.save()

  let entry = newVersion(event, policy, p.version, "DomainStatus")
  entry.domain = p.domain
  entry.domainHash = p.domainHash
  entry.status = statusLabel(p.status)
  entry.note = p.note
  finish(event, entry)
}

export function handleOwnershipTransferred(event: OwnershipTransferred): void {
  recordOwnershipTransfer(event, currentCommunity(), event.params.previousOwner, event.params.newOwner)
}
