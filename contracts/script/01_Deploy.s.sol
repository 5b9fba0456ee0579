// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

// Deploys the whole CommonGuard system and writes deployments/<chainId>.json.
//
// Local (anvil, default mnemonic, account 0 as deployer), from the repository root:
//
//   npx forge script contracts/script/01_Deploy.s.sol --rpc-url http://127.0.0.1:8545 \
//     --private-key 0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80 --broadcast
//
// A real network: write a config like contracts/config/example.json, then
//
//   DEPLOY_CONFIG=contracts/config/mynet.json npx forge script contracts/script/01_Deploy.s.sol \
//     --rpc-url $RPC_URL --private-key $DEPLOYER_KEY --broadcast
//
// Environment: DEPLOY_CONFIG (default contracts/config/local.json); DEPLOY_OUTPUT (default
// deployments/<chainId>.json; must stay under deployments/, the only folder forge may write).
// The file is written only when broadcasting, so a dry run never leaves a deployment file behind.

import {Script} from "forge-std/Script.sol";
import {VmSafe} from "forge-std/Vm.sol";
import {console2} from "forge-std/console2.sol";
import {DeploySystem} from "./DeploySystem.sol";

/// @dev The deployment script; see the command at the top of this file.
contract Deploy is Script, DeploySystem {
    /// @notice Deploys the system described by the config and writes the deployment file.
    function run() external {
        string memory configPath = _configPath();
        DeployConfig memory config = _readConfig(configPath);
        // The next transaction lands in a later block, so this block is a safe indexer start block.
        uint256 deploymentBlock = block.number;

        vm.startBroadcast();
        (, address deployer,) = vm.readCallers();
        Deployment memory d = _deploySystem(config, deployer);
        vm.stopBroadcast();

        string memory json = _deploymentJson(d, block.chainid, deploymentBlock);
        string memory output = vm.envOr(
            "DEPLOY_OUTPUT", string.concat("deployments/", vm.toString(block.chainid), ".json")
        );
        if (vm.isContext(VmSafe.ForgeContext.ScriptBroadcast) || vm.isContext(VmSafe.ForgeContext.ScriptResume)) {
            vm.writeJson(json, output);
            console2.log("Deployment written to", output);
        } else {
            console2.log("Dry run (no --broadcast): not writing", output);
        }
        console2.log("Config:", configPath);
        console2.log(json);
    }
}
