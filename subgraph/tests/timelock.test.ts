import { BigInt, Bytes } from "@graphprotocol/graph-ts"
import { afterEach, assert, clearStore, describe, test } from "matchstick-as/assembly/index"
import { PolicyVersion, TimelockOperation } from "../generated/schema"
import { handleThresholdsChanged } from "../src/policy"
import {
  handleCallExecuted,
  handleCallSalt,
  handleCallScheduled,
  handleCancelled,
  handleMinDelayChange,
  handleRoleAdminChanged,
  handleRoleGranted,
  handleRoleRevoked,
} from "../src/timelock"
import {
  big,
  bytes32,
  callExecuted,
  callSalt,
  callScheduled,
  cancelled,
  eventEntityId,
  GOVERNOR,
  MEMBER_1,
  minDelayChange,
  POLICY,
  roleAdminChanged,
  roleGranted,
  roleRevoked,
  thresholdsChanged,
  TIMELOCK,
  txHash,
} from "./utils"

const CALLDATA = Bytes.fromHexString("0x5c0b1e3a")

describe("timelock operations", () => {
  afterEach(() => {
    clearStore()
  })

  test("CallScheduled creates one operation per id and counts its calls; CallSalt keeps the salt", () => {
    let id = bytes32(5)
    handleCallScheduled(callScheduled(id, 0, POLICY, BigInt.zero(), CALLDATA, 172800, 1, 0, 1000))
    handleCallScheduled(callScheduled(id, 1, POLICY, BigInt.zero(), CALLDATA, 172800, 1, 1, 1000))
    handleCallSalt(callSalt(id, bytes32(99), 1, 2, 1000))
    let key = id.toHexString()
    assert.entityCount("TimelockOperation", 1)
    assert.fieldEquals("TimelockOperation", key, "callCount", "2")
    assert.fieldEquals("TimelockOperation", key, "delay", "172800")
    assert.fieldEquals("TimelockOperation", key, "scheduled", "true")
    assert.fieldEquals("TimelockOperation", key, "executed", "false")
    assert.fieldEquals("TimelockOperation", key, "scheduledTx", txHash(1).toHexString())
    assert.fieldEquals("TimelockOperation", key, "salt", bytes32(99).toHexString())
    // Nothing claimed it: no ProposalQueued in this transaction.
    assert.assertNull(TimelockOperation.load(id)!.proposal)
  })

  test("CallExecuted marks the operation executed; Cancelled marks it cancelled", () => {
    let done = bytes32(6)
    let dropped = bytes32(7)
    handleCallScheduled(callScheduled(done, 0, POLICY, BigInt.zero(), CALLDATA, 60, 1, 0, 1000))
    handleCallScheduled(callScheduled(dropped, 0, POLICY, BigInt.zero(), CALLDATA, 60, 1, 1, 1000))
    handleCallExecuted(callExecuted(done, 0, POLICY, BigInt.zero(), CALLDATA, 2, 0, 1100))
    handleCancelled(cancelled(dropped, 3, 0, 1200))
    assert.fieldEquals("TimelockOperation", done.toHexString(), "executed", "true")
    assert.fieldEquals("TimelockOperation", done.toHexString(), "executedTx", txHash(2).toHexString())
    assert.fieldEquals("TimelockOperation", dropped.toHexString(), "cancelled", "true")
    assert.fieldEquals("TimelockOperation", dropped.toHexString(), "executed", "false")
  })

  test("an operation the subgraph never saw scheduled still consumes the effects of its call", () => {
    // A policy change by an operation scheduled before the start block, then one by a known operation.
    let unknown = bytes32(8)
    let known = bytes32(9)
    handleCallScheduled(callScheduled(known, 0, POLICY, BigInt.zero(), CALLDATA, 60, 1, 0, 1000))
    handleThresholdsChanged(thresholdsChanged(30, 70, 2, 4, 0, 2000))
    handleCallExecuted(callExecuted(unknown, 0, POLICY, BigInt.zero(), CALLDATA, 4, 1, 2000))
    handleThresholdsChanged(thresholdsChanged(35, 75, 3, 4, 2, 2000))
    handleCallExecuted(callExecuted(known, 0, POLICY, BigInt.zero(), CALLDATA, 4, 3, 2000))
    // (=== : Bytes overloads ==, which AssemblyScript cannot apply to null.)
    assert.assertTrue(PolicyVersion.load(Bytes.fromHexString(eventEntityId(4, 0)))!.timelockOperation === null)
    assert.fieldEquals("PolicyVersion", eventEntityId(4, 2), "timelockOperation", known.toHexString())
    assert.notInStore("TimelockOperation", unknown.toHexString())
  })
})

describe("timelock settings and roles", () => {
  afterEach(() => {
    clearStore()
  })

  test("MinDelayChange updates the timelock and keeps the change", () => {
    handleMinDelayChange(minDelayChange(BigInt.zero(), big("86400"), 1, 0, 10))
    handleMinDelayChange(minDelayChange(big("86400"), big("172800"), 2, 0, 20))
    assert.fieldEquals("Timelock", TIMELOCK.toHexString(), "minDelay", "172800")
    assert.entityCount("MinDelayChange", 2)
    assert.fieldEquals("MinDelayChange", eventEntityId(2, 0), "oldDuration", "86400")
  })

  test("RoleGranted, RoleRevoked and RoleAdminChanged are recorded with their kind", () => {
    let proposer = bytes32(1)
    let admin = bytes32(0)
    handleRoleGranted(roleGranted(proposer, GOVERNOR, MEMBER_1, 1, 0))
    handleRoleRevoked(roleRevoked(admin, MEMBER_1, MEMBER_1, 2, 0))
    handleRoleAdminChanged(roleAdminChanged(proposer, admin, bytes32(3), 3, 0))
    assert.fieldEquals("RoleChange", eventEntityId(1, 0), "kind", "Granted")
    assert.fieldEquals("RoleChange", eventEntityId(1, 0), "account", GOVERNOR.toHexString())
    assert.fieldEquals("RoleChange", eventEntityId(1, 0), "role", proposer.toHexString())
    assert.fieldEquals("RoleChange", eventEntityId(2, 0), "kind", "Revoked")
    assert.fieldEquals("RoleChange", eventEntityId(2, 0), "sender", MEMBER_1.toHexString())
    assert.fieldEquals("RoleChange", eventEntityId(3, 0), "kind", "AdminChanged")
    assert.fieldEquals("RoleChange", eventEntityId(3, 0), "newAdminRole", bytes32(3).toHexString())
  })
})
