// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

// Deploys a CommunityFactory (with what it needs) on a chain that has none, and returns its address.
// `npm run community:create` runs it when deployments/<chainId>.json names no factory:
//
//   npx forge script contracts/script/03_DeployFactory.s.sol --rpc-url $RPC_URL --private-key $KEY \
//     --broadcast --slow --json

import {Script} from "forge-std/Script.sol";
import {DeploySystem} from "./DeploySystem.sol";

/// @dev Deploys a factory exactly as the deploy script does ({DeploySystem-_deployFactory}).
contract DeployFactory is Script, DeploySystem {
    /// @notice Deploys the factory from the broadcasting account and returns its address.
    function run() external returns (address factory) {
        vm.startBroadcast();
        factory = address(_deployFactory());
        vm.stopBroadcast();
    }
}
