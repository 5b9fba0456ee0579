// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {CommunityGovernor} from "../src/CommunityGovernor.sol";
import {CommunityTimelock} from "../src/CommunityTimelock.sol";
import {CommunityToken} from "../src/CommunityToken.sol";
import {PaymentPolicy} from "../src/PaymentPolicy.sol";
import {Treasury} from "../src/Treasury.sol";
import {CommunityFactory} from "../src/factory/CommunityFactory.sol";

/**
 * @dev Deploys a {CommunityFactory} with the five implementations its communities are cloned from: six
 * contract creations (timelock, token, governor, policy, treasury, then the factory), each its own
 * transaction in a broadcast script. The one place a factory is deployed, for scripts and tests alike.
 *
 * The implementations are initialised by their constructors, as an inert community of their own, so that
 * nobody can ever initialise or take over one: their timelock has no proposer, no executor and no admin
 * but itself, so nothing can ever be scheduled in it; it owns the token (which has no supply, so nobody
 * can reach the governor's proposal threshold), the policy and the treasury. Clones share the
 * implementations' code, never their storage.
 */
function deployCommunityFactory() returns (CommunityFactory) {
    CommunityTimelock timelock = new CommunityTimelock(0, new address[](0), new address[](0), address(0));
    CommunityToken token =
        new CommunityToken("CommonGuard implementation", "CG-IMPL", address(timelock), new address[](0), new uint256[](0));
    CommunityGovernor governor = new CommunityGovernor(
        "CommonGuard implementation",
        token,
        TimelockController(payable(address(timelock))),
        CommunityGovernor.Settings({
            votingDelay: 1,
            votingPeriod: 1,
            proposalThreshold: 1,
            quorumNumerator: 100,
            lateQuorumExtension: 0
        })
    );
    PaymentPolicy policy = new PaymentPolicy(address(timelock), 0, 100, false);
    Treasury treasury = new Treasury(address(timelock), policy);
    return new CommunityFactory(
        CommunityFactory.Implementations({
            timelock: timelock,
            token: token,
            governor: governor,
            treasury: treasury,
            policy: policy
        })
    );
}
