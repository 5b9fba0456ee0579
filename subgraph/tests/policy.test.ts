import { BigInt, Bytes, crypto } from "@graphprotocol/graph-ts"
import { afterEach, assert, clearStore, describe, test } from "matchstick-as/assembly/index"
import { PolicyVersion } from "../generated/schema"
import { handleProposalCreated, handleProposalExecuted, handleProposalQueued } from "../src/governor"
import {
  handleMerchantStatusChanged,
  handleDomainStatusChanged,
  handleOriginStatusChanged,
  handleOwnershipTransferred,
  handleThresholdsChanged,
  handleTokenLimitsChanged,
  handleTokenLimitsRemoved,
  handleUnlimitedApprovalsChanged,
} from "../src/policy"
import { handleBudgetSet } from "../src/treasury"
import { handleCallExecuted, handleCallScheduled } from "../src/timelock"
import {
  asDeployment,
  big,
  budgetSet,
  DEMO,
  bytes32,
  callExecuted,
  callScheduled,
  ETH,
  eventEntityId,
  MEMBER_1,
  MEMBER_2,
  MERCHANT,
  merchantStatusChanged,
  domainStatusChanged,
  originStatusChanged,
  POLICY,
  policyOwnershipTransferred,
  proposalCreated,
  proposalExecuted,
  proposalQueued,
  STABLECOIN,
  thresholdsChanged,
  TIMELOCK,
  tokenLimitsChanged,
  tokenLimitsRemoved,
  TREASURER,
  TREASURY,
  unlimitedApprovalsChanged,
} from "./utils"

const SHOP = "http://localhost:5174"

function versionOf(tx: i32, logIndex: i32): PolicyVersion {
  return PolicyVersion.load(Bytes.fromHexString(eventEntityId(tx, logIndex)))!
}

function deployPolicy(): void {
  // The constructor's events: initial thresholds and approval rule, both at version 1.
  let thresholds = thresholdsChanged(40, 80, 1, 0, 0, 100)
  asDeployment(thresholds)
  handleThresholdsChanged(thresholds)
  let approvals = unlimitedApprovalsChanged(false, 1, 0, 1, 100)
  asDeployment(approvals)
  handleUnlimitedApprovalsChanged(approvals)
}

describe("policy state from each event", () => {
  afterEach(() => {
    clearStore()
  })

  test("the deployment's initial settings are version 1 and came from no proposal", () => {
    deployPolicy()
    let policy = POLICY.toHexString()
    assert.fieldEquals("Policy", policy, "version", "1")
    assert.fieldEquals("Policy", policy, "unlimitedApprovalsAllowed", "false")
    assert.fieldEquals("Policy", policy, "thresholds", policy)
    assert.fieldEquals("Thresholds", policy, "warnAt", "40")
    assert.fieldEquals("Thresholds", policy, "blockAt", "80")
    assert.entityCount("PolicyVersion", 2)
    assert.fieldEquals("PolicyVersion", eventEntityId(0, 0), "change", "Thresholds")
    assert.fieldEquals("PolicyVersion", eventEntityId(0, 1), "change", "UnlimitedApprovals")
    assert.fieldEquals("PolicyVersion", eventEntityId(0, 1), "unlimitedApprovalsAllowed", "false")
    assert.assertNull(versionOf(0, 0).proposal)
    // Nothing waits for a timelock call in a deployment transaction.
    assert.entityCount("PendingLinks", 0)
  })

  test("TokenLimitsChanged sets a token's limits; TokenLimitsRemoved deactivates them", () => {
    handleTokenLimitsChanged(tokenLimitsChanged(ETH, big("1000000000000000000"), big("2000000000000000000"), big("250000000000000000"), 2, 2, 0, 200))
    handleTokenLimitsChanged(tokenLimitsChanged(STABLECOIN, big("500"), big("1000"), big("100"), 3, 2, 1, 200))
    let eth = POLICY.concat(ETH).toHexString()
    let usd = POLICY.concat(STABLECOIN).toHexString()
    assert.fieldEquals("TokenLimit", eth, "maxSinglePayment", "1000000000000000000")
    assert.fieldEquals("TokenLimit", eth, "dailyCap", "2000000000000000000")
    assert.fieldEquals("TokenLimit", eth, "maxFirstPayment", "250000000000000000")
    assert.fieldEquals("TokenLimit", eth, "active", "true")
    assert.fieldEquals("TokenLimit", usd, "version", "3")
    handleTokenLimitsRemoved(tokenLimitsRemoved(STABLECOIN, 4, 3, 0, 300))
    assert.fieldEquals("TokenLimit", usd, "active", "false")
    assert.fieldEquals("TokenLimit", usd, "maxSinglePayment", "0")
    assert.fieldEquals("TokenLimit", eth, "active", "true")
    assert.fieldEquals("Policy", POLICY.toHexString(), "version", "4")
    assert.fieldEquals("PolicyVersion", eventEntityId(3, 0), "change", "TokenLimitsRemoved")
    assert.fieldEquals("PolicyVersion", eventEntityId(3, 0), "token", STABLECOIN.toHexString())
    assert.fieldEquals("PolicyVersion", eventEntityId(2, 1), "dailyCap", "1000")
    assert.fieldEquals("Stats", "commonguard", "policyChangeCount", "3")
  })

  test("MerchantStatusChanged lists and unlists a merchant", () => {
    handleMerchantStatusChanged(merchantStatusChanged(MERCHANT, 1, "Corner Coffee", 2, 2, 0, 200))
    let key = POLICY.concat(MERCHANT).toHexString()
    assert.fieldEquals("MerchantStatus", key, "status", "Trusted")
    assert.fieldEquals("MerchantStatus", key, "listed", "true")
    assert.fieldEquals("MerchantStatus", key, "note", "Corner Coffee")
    handleMerchantStatusChanged(merchantStatusChanged(MERCHANT, 2, "chargebacks", 3, 3, 0, 300))
    assert.fieldEquals("MerchantStatus", key, "status", "Blocked")
    handleMerchantStatusChanged(merchantStatusChanged(MERCHANT, 0, "", 4, 4, 0, 400))
    assert.fieldEquals("MerchantStatus", key, "status", "Unknown")
    assert.fieldEquals("MerchantStatus", key, "listed", "false")
    assert.fieldEquals("MerchantStatus", key, "version", "4")
    assert.entityCount("MerchantStatus", 1)
    assert.fieldEquals("PolicyVersion", eventEntityId(3, 0), "status", "Blocked")
    assert.fieldEquals("PolicyVersion", eventEntityId(3, 0), "merchant", MERCHANT.toHexString())
  })

  test("OriginStatusChanged keys the origin by its hash and keeps the normalised origin", () => {
    let hash = Bytes.fromByteArray(crypto.keccak256(Bytes.fromUTF8(SHOP)))
    handleOriginStatusChanged(originStatusChanged(hash, SHOP, 1, "CommonGuard demo shop", 5, 2, 0, 200))
    let key = POLICY.concat(hash).toHexString()
    assert.fieldEquals("OriginStatus", key, "origin", SHOP)
    assert.fieldEquals("OriginStatus", key, "originHash", hash.toHexString())
    assert.fieldEquals("OriginStatus", key, "status", "Trusted")
    assert.fieldEquals("OriginStatus", key, "note", "CommonGuard demo shop")
    assert.fieldEquals("PolicyVersion", eventEntityId(2, 0), "origin", SHOP)
    assert.fieldEquals("PolicyVersion", eventEntityId(2, 0), "version", "5")
  })

  test("DomainStatusChanged keys the domain rule by its hash; Unknown unlists it", () => {
    let domain = "scam.example"
    let hash = Bytes.fromByteArray(crypto.keccak256(Bytes.fromUTF8(domain)))
    handleDomainStatusChanged(domainStatusChanged(hash, domain, 2, "phishing", 6, 2, 0, 200))
    let key = POLICY.concat(hash).toHexString()
    assert.fieldEquals("DomainStatus", key, "domain", domain)
    assert.fieldEquals("DomainStatus", key, "domainHash", hash.toHexString())
    assert.fieldEquals("DomainStatus", key, "status", "Blocked")
    assert.fieldEquals("DomainStatus", key, "listed", "true")
    assert.fieldEquals("DomainStatus", key, "note", "phishing")
    assert.fieldEquals("PolicyVersion", eventEntityId(2, 0), "change", "DomainStatus")
    assert.fieldEquals("PolicyVersion", eventEntityId(2, 0), "domain", domain)
    assert.fieldEquals("PolicyVersion", eventEntityId(2, 0), "version", "6")
    assert.fieldEquals("Policy", POLICY.toHexString(), "version", "6")

    handleDomainStatusChanged(domainStatusChanged(hash, domain, 0, "", 7, 3, 0, 300))
    assert.fieldEquals("DomainStatus", key, "status", "Unknown")
    assert.fieldEquals("DomainStatus", key, "listed", "false")
    assert.entityCount("DomainStatus", 1)
    assert.fieldEquals("PolicyVersion", eventEntityId(3, 0), "version", "7")
  })

  test("UnlimitedApprovalsChanged flips the rule; the version never goes back", () => {
    handleUnlimitedApprovalsChanged(unlimitedApprovalsChanged(true, 7, 2, 0, 200))
    assert.fieldEquals("Policy", POLICY.toHexString(), "unlimitedApprovalsAllowed", "true")
    // An older event indexed later (e.g. after a reorg replay) must not lower the version.
    handleThresholdsChanged(thresholdsChanged(10, 20, 6, 3, 0, 300))
    assert.fieldEquals("Policy", POLICY.toHexString(), "version", "7")
  })

  test("OwnershipTransferred on the policy is recorded", () => {
    handleOwnershipTransferred(policyOwnershipTransferred(MEMBER_1, TIMELOCK, 2, 0))
    assert.fieldEquals("OwnershipTransfer", eventEntityId(2, 0), "contract", POLICY.toHexString())
  })
})

describe("a policy change that came through governance", () => {
  afterEach(() => {
    clearStore()
  })

  test("each change is linked to the proposal whose execution made it", () => {
    deployPolicy()
    let proposalId = big("31415926535")
    let operation = bytes32(42)
    let setThresholds = Bytes.fromHexString("0x11111111")
    let listMerchant = Bytes.fromHexString("0x22222222")
    let setBudget = Bytes.fromHexString("0x33333333")
    handleProposalCreated(
      proposalCreated(proposalId, MEMBER_2, [POLICY, POLICY, TREASURY], [BigInt.zero(), BigInt.zero(), BigInt.zero()],
        [setThresholds, listMerchant, setBudget], 1000, 2000, "Tighten the thresholds, trust Corner Coffee, budget the treasurer", 10, 0, 900),
    )
    // queue transaction (tx 11): three CallScheduled, the salt, then ProposalQueued
    handleCallScheduled(callScheduled(operation, 0, POLICY, BigInt.zero(), setThresholds, 3600, 11, 0, 2100))
    handleCallScheduled(callScheduled(operation, 1, POLICY, BigInt.zero(), listMerchant, 3600, 11, 1, 2100))
    handleCallScheduled(callScheduled(operation, 2, TREASURY, BigInt.zero(), setBudget, 3600, 11, 2, 2100))
    handleProposalQueued(proposalQueued(proposalId, 5700, 11, 4, 2100))

    // execute transaction (tx 12): each call's event, then its CallExecuted; ProposalExecuted last
    handleThresholdsChanged(thresholdsChanged(30, 70, 2, 12, 0, 5800))
    handleCallExecuted(callExecuted(operation, 0, POLICY, BigInt.zero(), setThresholds, 12, 1, 5800))
    handleMerchantStatusChanged(merchantStatusChanged(MERCHANT, 1, "Corner Coffee", 3, 12, 2, 5800))
    handleCallExecuted(callExecuted(operation, 1, POLICY, BigInt.zero(), listMerchant, 12, 3, 5800))
    handleBudgetSet(budgetSet(TREASURER, STABLECOIN, big("1000"), 2592000, 5800, 12, 4))
    handleCallExecuted(callExecuted(operation, 2, TREASURY, BigInt.zero(), setBudget, 12, 5, 5800))
    handleProposalExecuted(proposalExecuted(proposalId, 12, 6, 5800))

    assert.fieldEquals("PolicyVersion", eventEntityId(12, 0), "proposal", DEMO.proposal("31415926535"))
    assert.fieldEquals("PolicyVersion", eventEntityId(12, 0), "timelockOperation", operation.toHexString())
    assert.fieldEquals("PolicyVersion", eventEntityId(12, 0), "version", "2")
    assert.fieldEquals("PolicyVersion", eventEntityId(12, 2), "proposal", DEMO.proposal("31415926535"))
    assert.fieldEquals("PolicyVersion", eventEntityId(12, 2), "version", "3")
    assert.fieldEquals("BudgetChange", eventEntityId(12, 4), "proposal", DEMO.proposal("31415926535"))
    // The deployment's settings stay unattributed.
    assert.assertNull(versionOf(0, 0).proposal)
    assert.fieldEquals("Thresholds", POLICY.toHexString(), "warnAt", "30")
    assert.fieldEquals("Policy", POLICY.toHexString(), "version", "3")
    assert.fieldEquals("Proposal", DEMO.proposal("31415926535"), "executed", "true")
    assert.fieldEquals("TimelockOperation", operation.toHexString(), "executed", "true")
    // Every waiting effect was attributed: nothing is left pending.
    assert.entityCount("PendingLinks", 0)
  })

  test("two proposals executed in one transaction each get their own changes", () => {
    let first = big("1001")
    let second = big("1002")
    let opA = bytes32(1)
    let opB = bytes32(2)
    let data = Bytes.fromHexString("0x44444444")
    handleProposalCreated(proposalCreated(first, MEMBER_1, [POLICY], [BigInt.zero()], [data], 10, 20, "A", 20, 0, 5))
    handleProposalCreated(proposalCreated(second, MEMBER_2, [POLICY], [BigInt.zero()], [data], 10, 20, "B", 21, 0, 5))
    handleCallScheduled(callScheduled(opA, 0, POLICY, BigInt.zero(), data, 60, 22, 0, 30))
    handleProposalQueued(proposalQueued(first, 90, 22, 1, 30))
    handleCallScheduled(callScheduled(opB, 0, POLICY, BigInt.zero(), data, 60, 23, 0, 31))
    handleProposalQueued(proposalQueued(second, 91, 23, 1, 31))

    // One transaction (e.g. a multicall) executes both.
    handleTokenLimitsChanged(tokenLimitsChanged(ETH, big("1"), big("2"), big("1"), 2, 24, 0, 100))
    handleCallExecuted(callExecuted(opA, 0, POLICY, BigInt.zero(), data, 24, 1, 100))
    handleProposalExecuted(proposalExecuted(first, 24, 2, 100))
    handleTokenLimitsChanged(tokenLimitsChanged(ETH, big("3"), big("4"), big("1"), 3, 24, 3, 100))
    handleCallExecuted(callExecuted(opB, 0, POLICY, BigInt.zero(), data, 24, 4, 100))
    handleProposalExecuted(proposalExecuted(second, 24, 5, 100))

    assert.fieldEquals("PolicyVersion", eventEntityId(24, 0), "proposal", DEMO.proposal("1001"))
    assert.fieldEquals("PolicyVersion", eventEntityId(24, 3), "proposal", DEMO.proposal("1002"))
    assert.fieldEquals("TokenLimit", POLICY.concat(ETH).toHexString(), "maxSinglePayment", "3")
  })
})
