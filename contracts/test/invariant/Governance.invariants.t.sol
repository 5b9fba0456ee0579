// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {console2} from "forge-std/console2.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {SystemFixture} from "../utils/SystemFixture.sol";
import {GovernanceHandler} from "./handlers/GovernanceHandler.sol";

/// @dev The proposal state machine and the timelock's minimum delay, under random proposal traffic.
contract GovernanceInvariantTest is SystemFixture {
    GovernanceHandler internal handler;

    function setUp() public override {
        super.setUp();
        address[] memory members = new address[](4);
        (members[0], members[1], members[2], members[3]) = (member1, member2, member3, member4);
        handler = new GovernanceHandler(governor, timelock, policy, members);

        bytes4[] memory selectors = new bytes4[](6);
        selectors[0] = GovernanceHandler.propose.selector;
        selectors[1] = GovernanceHandler.castVote.selector;
        selectors[2] = GovernanceHandler.queue.selector;
        selectors[3] = GovernanceHandler.execute.selector;
        selectors[4] = GovernanceHandler.cancel.selector;
        selectors[5] = GovernanceHandler.warp.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /// @dev Every proposal only ever moves along the Governor's state machine.
    function invariant_ProposalStatesFollowTheStateMachine() public view {
        assertEq(handler.ghost_illegalTransitions(), 0, "illegal state transition");
    }

    /// @dev Nothing executes before it has waited the timelock's minimum delay after queueing.
    function invariant_NoExecutionBeforeMinDelay() public view {
        assertEq(handler.ghost_prematureExecutions(), 0, "executed before the delay");
        assertEq(timelock.getMinDelay(), config.timelockMinDelay, "delay unchanged");
    }

    /// @dev The governor's on-chain list has every proposal, and the policy changed once per execution.
    function invariant_ExecutionsAreTheOnlyPolicyChanges() public view {
        assertEq(governor.proposalCount(), handler.proposalCount(), "enumerable proposals");
        assertEq(policy.version(), 1 + handler.ghost_executions(), "one policy change per execution");
        uint256 executed = 0;
        for (uint256 i = 0; i < handler.proposalCount(); ++i) {
            if (governor.state(handler.proposalIds(i)) == IGovernor.ProposalState.Executed) ++executed;
        }
        assertEq(executed, handler.ghost_executions(), "executed proposals");
    }

    function afterInvariant() public view {
        handler.callSummary();
        console2.log("proposals", handler.proposalCount());
        console2.log("votes", handler.ghost_votes());
        console2.log("executions", handler.ghost_executions());
        assertGt(handler.totalCalls(), 0, "the handler was called");
    }
}
