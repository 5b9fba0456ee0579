// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {console2} from "forge-std/console2.sol";
import {SystemFixture} from "../utils/SystemFixture.sol";
import {AccessHandler} from "./handlers/AccessHandler.sol";
import {PolicyHandler} from "./handlers/PolicyHandler.sol";

/// @dev Policy versioning and the timelock's monopoly on privileged calls.
contract PolicyInvariantTest is SystemFixture {
    PolicyHandler internal policyHandler;
    AccessHandler internal accessHandler;
    uint256 internal initialSupply;

    function setUp() public override {
        super.setUp();
        initialSupply = token.totalSupply();
        policyHandler = new PolicyHandler(policy, address(timelock));

        address[] memory known = new address[](8);
        (known[0], known[1], known[2], known[3]) = (member1, member2, member3, member4);
        (known[4], known[5], known[6], known[7]) = (deployer, address(governor), treasurer, address(treasury));
        accessHandler = new AccessHandler(policy, treasury, token, timelock, address(governor), known);

        bytes4[] memory policySelectors = new bytes4[](7);
        policySelectors[0] = PolicyHandler.setThresholds.selector;
        policySelectors[1] = PolicyHandler.setTokenLimits.selector;
        policySelectors[2] = PolicyHandler.removeTokenLimits.selector;
        policySelectors[3] = PolicyHandler.setUnlimitedApprovalsAllowed.selector;
        policySelectors[4] = PolicyHandler.setMerchantStatus.selector;
        policySelectors[5] = PolicyHandler.setOriginStatus.selector;
        policySelectors[6] = PolicyHandler.setDomainStatus.selector;
        targetSelector(FuzzSelector({addr: address(policyHandler), selectors: policySelectors}));
        targetContract(address(policyHandler));

        bytes4[] memory accessSelectors = new bytes4[](8);
        accessSelectors[0] = AccessHandler.tryPolicyChange.selector;
        accessSelectors[1] = AccessHandler.trySetBudget.selector;
        accessSelectors[2] = AccessHandler.tryPay.selector;
        accessSelectors[3] = AccessHandler.tryMint.selector;
        accessSelectors[4] = AccessHandler.tryTakeOwnership.selector;
        accessSelectors[5] = AccessHandler.tryTimelockSchedule.selector;
        accessSelectors[6] = AccessHandler.tryTimelockGrantRole.selector;
        accessSelectors[7] = AccessHandler.timelockMint.selector;
        targetSelector(FuzzSelector({addr: address(accessHandler), selectors: accessSelectors}));
        targetContract(address(accessHandler));
    }

    /// @dev The version is one plus the number of accepted changes: nothing else moves it.
    function invariant_VersionCountsEveryChange() public view {
        assertEq(policy.version(), 1 + policyHandler.ghost_changes(), "version = 1 + changes");
    }

    /// @dev The version only ever grows, by exactly one per change; rejected changes leave it alone.
    function invariant_VersionStepsByOne() public view {
        assertFalse(policyHandler.ghost_versionMisstep(), "version moved by other than one");
        assertEq(policy.version(), policyHandler.ghost_highestVersion(), "never decreased");
    }

    /// @dev No one but the timelock ever succeeded in a privileged call.
    function invariant_OnlyTimelockIsPrivileged() public view {
        assertEq(accessHandler.ghost_unauthorizedSuccesses(), 0, "an unauthorized call succeeded");
        assertEq(policy.owner(), address(timelock), "policy owner");
        assertEq(treasury.owner(), address(timelock), "treasury owner");
        assertEq(token.owner(), address(timelock), "token owner");
        assertFalse(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), deployer), "no admin");
    }

    /// @dev The token supply changes only by the timelock's mints.
    function invariant_SupplyChangesOnlyByTimelockMint() public view {
        assertEq(token.totalSupply(), initialSupply + accessHandler.ghost_timelockMinted(), "supply");
    }

    /// @dev No caller gave itself a budget.
    function invariant_NoSelfGrantedBudgets() public view {
        for (uint256 i = 0; i < accessHandler.callerCount(); ++i) {
            assertEq(treasury.budget(accessHandler.callers(i), address(0)).amountPerPeriod, 0, "budget");
        }
    }

    function afterInvariant() public view {
        policyHandler.callSummary();
        accessHandler.callSummary();
        console2.log("policy changes", policyHandler.ghost_changes());
        console2.log("rejected changes", policyHandler.ghost_rejected());
        console2.log("unauthorized attempts", accessHandler.ghost_attempts());
        assertGt(policyHandler.totalCalls() + accessHandler.totalCalls(), 0, "handlers were called");
    }
}
