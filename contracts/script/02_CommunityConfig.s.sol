// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

// Reads and checks a community config with the deploy script's own reader ({DeploySystem-_readConfig}) and
// returns it ABI-encoded as the factory's {CommunityFactory-CommunityConfig}; sends nothing. It is how
// `npm run community:create` reads its --config, so both commands accept exactly the same files:
//
//   DEPLOY_CONFIG=deployments/.config.json npx forge script contracts/script/02_CommunityConfig.s.sol --json
//
// The config must be readable by forge (foundry.toml fs_permissions): community:create copies it under
// deployments/ first.

import {Script} from "forge-std/Script.sol";
import {DeploySystem} from "./DeploySystem.sol";

/// @dev Turns a config file into the factory's config; see the command at the top of this file.
contract CommunityConfigReader is Script, DeploySystem {
    /// @notice The config at `DEPLOY_CONFIG`, checked, as `abi.encode(CommunityFactory.CommunityConfig)`.
    function run() external view returns (bytes memory) {
        string memory path = _configPath();
        DeployConfig memory config = _readConfig(path);
        if (config.deployDemoStablecoin) {
            revert DeployConfigInvalid(path, "demoStablecoin must be false: the demo stablecoin exists only on the local demo chain");
        }
        return abi.encode(_communityConfig(config, address(0)));
    }
}
