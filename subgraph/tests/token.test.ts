import { Address } from "@graphprotocol/graph-ts"
import { afterEach, assert, clearStore, describe, test } from "matchstick-as/assembly/index"
import { handleDelegateChanged, handleDelegateVotesChanged, handleOwnershipTransferred, handleTransfer } from "../src/token"
import {
  big,
  delegateChanged,
  delegateVotesChanged,
  DEMO,
  eventEntityId,
  MEMBER_1,
  MEMBER_2,
  MEMBER_3,
  TIMELOCK,
  TOKEN,
  tokenOwnershipTransferred,
  transfer,
  txHash,
} from "./utils"

describe("DelegateChanged", () => {
  afterEach(() => {
    clearStore()
  })

  test("a first self-delegation records the change and gives the delegate one delegator", () => {
    handleDelegateChanged(delegateChanged(MEMBER_1, Address.zero(), MEMBER_1, 1, 0, 100))
    let change = eventEntityId(1, 0)
    assert.fieldEquals("Delegation", change, "delegator", MEMBER_1.toHexString())
    assert.fieldEquals("Delegation", change, "fromDelegate", Address.zero().toHexString())
    assert.fieldEquals("Delegation", change, "toDelegate", MEMBER_1.toHexString())
    assert.fieldEquals("Delegation", change, "transactionHash", txHash(1).toHexString())
    assert.fieldEquals("Delegate", DEMO.member(MEMBER_1), "delegatorCount", "1")
    assert.fieldEquals("TokenHolder", DEMO.member(MEMBER_1), "delegate", DEMO.member(MEMBER_1))
    // No Delegate row for the zero address.
    assert.notInStore("Delegate", DEMO.member(Address.zero()))
    assert.fieldEquals("Stats", "commonguard", "delegationCount", "1")
  })

  test("re-delegating moves the delegator from the old delegate to the new one", () => {
    handleDelegateChanged(delegateChanged(MEMBER_2, Address.zero(), MEMBER_2, 1, 0, 100))
    handleDelegateChanged(delegateChanged(MEMBER_3, Address.zero(), MEMBER_2, 2, 0, 110))
    assert.fieldEquals("Delegate", DEMO.member(MEMBER_2), "delegatorCount", "2")
    handleDelegateChanged(delegateChanged(MEMBER_3, MEMBER_2, MEMBER_1, 3, 0, 120))
    assert.fieldEquals("Delegate", DEMO.member(MEMBER_2), "delegatorCount", "1")
    assert.fieldEquals("Delegate", DEMO.member(MEMBER_1), "delegatorCount", "1")
    assert.fieldEquals("TokenHolder", DEMO.member(MEMBER_3), "delegate", DEMO.member(MEMBER_1))
    assert.entityCount("Delegation", 3)
  })

  test("delegating again to the same account changes no count; undelegating clears the holder's delegate", () => {
    handleDelegateChanged(delegateChanged(MEMBER_2, Address.zero(), MEMBER_1, 1, 0, 100))
    handleDelegateChanged(delegateChanged(MEMBER_2, MEMBER_1, MEMBER_1, 2, 0, 110))
    assert.fieldEquals("Delegate", DEMO.member(MEMBER_1), "delegatorCount", "1")
    handleDelegateChanged(delegateChanged(MEMBER_2, MEMBER_1, Address.zero(), 3, 0, 120))
    assert.fieldEquals("Delegate", DEMO.member(MEMBER_1), "delegatorCount", "0")
    assert.fieldEquals("TokenHolder", DEMO.member(MEMBER_2), "delegate", "null")
  })
})

describe("DelegateVotesChanged", () => {
  afterEach(() => {
    clearStore()
  })

  test("sets the delegate's voting power and keeps each change", () => {
    handleDelegateVotesChanged(delegateVotesChanged(MEMBER_1, big("0"), big("1000"), 1, 1, 100))
    handleDelegateVotesChanged(delegateVotesChanged(MEMBER_1, big("1000"), big("750"), 2, 4, 200))
    assert.fieldEquals("Delegate", DEMO.member(MEMBER_1), "votingPower", "750")
    assert.fieldEquals("Delegate", DEMO.member(MEMBER_1), "updatedAt", "200")
    assert.entityCount("VotingPowerChange", 2)
    assert.fieldEquals("VotingPowerChange", eventEntityId(2, 4), "previousVotes", "1000")
    assert.fieldEquals("VotingPowerChange", eventEntityId(2, 4), "newVotes", "750")
    assert.fieldEquals("VotingPowerChange", eventEntityId(2, 4), "delegate", DEMO.member(MEMBER_1))
  })
})

describe("Transfer", () => {
  afterEach(() => {
    clearStore()
  })

  test("mints raise the supply and the holder's balance; transfers move balances; burns lower the supply", () => {
    handleTransfer(transfer(Address.zero(), MEMBER_1, big("1000"), 1, 0, 100))
    handleTransfer(transfer(Address.zero(), MEMBER_2, big("500"), 1, 1, 100))
    assert.fieldEquals("Stats", "commonguard", "governanceTokenSupply", "1500")
    handleTransfer(transfer(MEMBER_1, MEMBER_2, big("300"), 2, 0, 200))
    assert.fieldEquals("TokenHolder", DEMO.member(MEMBER_1), "balance", "700")
    assert.fieldEquals("TokenHolder", DEMO.member(MEMBER_2), "balance", "800")
    handleTransfer(transfer(MEMBER_2, Address.zero(), big("100"), 3, 0, 300))
    assert.fieldEquals("TokenHolder", DEMO.member(MEMBER_2), "balance", "700")
    assert.fieldEquals("Stats", "commonguard", "governanceTokenSupply", "1400")
    assert.notInStore("TokenHolder", DEMO.member(Address.zero()))
  })
})

describe("OwnershipTransferred (token)", () => {
  afterEach(() => {
    clearStore()
  })

  test("records which contract changed owner, from whom to whom", () => {
    handleOwnershipTransferred(tokenOwnershipTransferred(Address.zero(), TIMELOCK, 1, 2))
    let id = eventEntityId(1, 2)
    assert.fieldEquals("OwnershipTransfer", id, "contract", TOKEN.toHexString())
    assert.fieldEquals("OwnershipTransfer", id, "previousOwner", Address.zero().toHexString())
    assert.fieldEquals("OwnershipTransfer", id, "newOwner", TIMELOCK.toHexString())
  })
})
