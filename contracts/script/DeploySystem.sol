// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {CommunityGovernor} from "../src/CommunityGovernor.sol";
import {CommunityToken} from "../src/CommunityToken.sol";
import {PaymentPolicy} from "../src/PaymentPolicy.sol";
import {Treasury} from "../src/Treasury.sol";
import {DemoStablecoin} from "../src/demo/DemoStablecoin.sol";

/**
 * @dev Deploys and wires the whole CommonGuard system from a JSON config. The deploy script
 * ({Deploy}) and the forge tests both inherit it, so the tests run on exactly the deployment the
 * script makes.
 *
 * Order: timelock (the deployer is its temporary admin) → token (owner = timelock) → governor →
 * policy (owner = timelock) → treasury (owner = timelock, checks the policy) → demo stablecoin
 * (owner = deployer, local configs only) → the governor becomes the timelock's proposer and
 * canceller, anyone may execute after the delay → the deployer renounces the admin role.
 *
 * {_readConfig} refuses settings that would make governance unsafe: a quorum of 0 (one vote could
 * pass anything), a voting delay under {MIN_VOTING_DELAY}, a voting period under {MIN_VOTING_PERIOD},
 * a timelock delay under {MIN_TIMELOCK_DELAY} (members could not react to a passed proposal), and a
 * proposal threshold of 0 unless the config says `"allowZeroProposalThreshold": true` in `governor`.
 * Each refusal names the field and the safe range.
 *
 * ==== Security Considerations
 *
 * After {_deploySystem} returns, no account but the timelock itself administers the timelock, and
 * the governor is its only proposer: every privileged call in the system needs a passed vote.
 */
abstract contract DeploySystem is CommonBase {
    /// @dev Everything a deployment is made from; read by {_readConfig}.
    struct DeployConfig {
        string tokenName;
        string tokenSymbol;
        address[] holders;
        uint256[] amounts;
        string governorName;
        uint48 votingDelay;
        uint32 votingPeriod;
        uint256 proposalThreshold;
        uint256 quorumNumerator;
        uint48 lateQuorumExtension;
        uint256 timelockMinDelay;
        uint8 warnAt;
        uint8 blockAt;
        bool unlimitedApprovalsAllowed;
        bool deployDemoStablecoin;
    }

    /// @dev The deployed system; `demoStablecoin` is the zero address when the config has none.
    struct Deployment {
        TimelockController timelock;
        CommunityToken communityToken;
        CommunityGovernor communityGovernor;
        PaymentPolicy paymentPolicy;
        Treasury treasury;
        DemoStablecoin demoStablecoin;
    }

    /// @dev The config file says something that cannot be deployed; `reason` says what and where.
    error DeployConfigInvalid(string path, string reason);

    /// @dev Shortest voting delay accepted (1 minute): members see a proposal before voting opens.
    uint256 internal constant MIN_VOTING_DELAY = 1 minutes;

    /// @dev Shortest voting period accepted (1 hour): members must have time to vote at all.
    uint256 internal constant MIN_VOTING_PERIOD = 1 hours;

    /// @dev Shortest timelock delay accepted (1 hour): members can react before a passed proposal runs.
    uint256 internal constant MIN_TIMELOCK_DELAY = 1 hours;

    /// @dev The config file used when `DEPLOY_CONFIG` is not set.
    string internal constant DEFAULT_CONFIG = "contracts/config/local.json";

    /// @dev Where the config comes from: `DEPLOY_CONFIG`, or the local demo config.
    function _configPath() internal view returns (string memory) {
        return vm.envOr("DEPLOY_CONFIG", DEFAULT_CONFIG);
    }

    /**
     * @dev Reads and checks a deployment config. Large amounts are decimal strings (JSON numbers
     * lose precision above 2**53); small settings may be plain numbers.
     */
    function _readConfig(string memory path) internal view returns (DeployConfig memory config) {
        string memory json = vm.readFile(path);
        config.tokenName = vm.parseJsonString(json, ".token.name");
        config.tokenSymbol = vm.parseJsonString(json, ".token.symbol");

        uint256 count = 0;
        while (vm.keyExistsJson(json, string.concat(".token.holders[", vm.toString(count), "]"))) ++count;
        if (count == 0) revert DeployConfigInvalid(path, "token.holders is empty: nobody could vote");
        config.holders = new address[](count);
        config.amounts = new uint256[](count);
        for (uint256 i = 0; i < count; ++i) {
            string memory entry = string.concat(".token.holders[", vm.toString(i), "]");
            config.holders[i] = vm.parseJsonAddress(json, string.concat(entry, ".account"));
            config.amounts[i] = vm.parseJsonUint(json, string.concat(entry, ".amount"));
            if (config.holders[i] == address(0)) revert DeployConfigInvalid(path, string.concat(entry, ".account is zero"));
            if (config.amounts[i] == 0) revert DeployConfigInvalid(path, string.concat(entry, ".amount is zero"));
        }

        config.governorName = vm.parseJsonString(json, ".governor.name");
        // The narrowing casts below are safe: {_boundedUint} has checked each value against the target type's range.
        config.votingDelay =
            uint48(_boundedUint(json, path, ".governor.votingDelay", MIN_VOTING_DELAY, type(uint48).max));
        config.votingPeriod =
            uint32(_boundedUint(json, path, ".governor.votingPeriod", MIN_VOTING_PERIOD, type(uint32).max));
        config.proposalThreshold = vm.parseJsonUint(json, ".governor.proposalThreshold");
        bool zeroThresholdAllowed = vm.keyExistsJson(json, ".governor.allowZeroProposalThreshold")
            && vm.parseJsonBool(json, ".governor.allowZeroProposalThreshold");
        if (config.proposalThreshold == 0 && !zeroThresholdAllowed) {
            revert DeployConfigInvalid(
                path,
                ".governor.proposalThreshold must be more than 0 (anyone could make proposals without holding votes); set .governor.allowZeroProposalThreshold to true to allow 0"
            );
        }
        config.quorumNumerator = _boundedUint(json, path, ".governor.quorumNumerator", 1, 100);
        config.lateQuorumExtension =
            uint48(_boundedUint(json, path, ".governor.lateQuorumExtension", 0, type(uint48).max));
        config.timelockMinDelay = _boundedUint(json, path, ".timelock.minDelay", MIN_TIMELOCK_DELAY, 365 days);
        config.warnAt = uint8(_boundedUint(json, path, ".policy.warnAt", 0, 100));
        config.blockAt = uint8(_boundedUint(json, path, ".policy.blockAt", 0, 100));
        if (config.warnAt >= config.blockAt) revert DeployConfigInvalid(path, "policy.warnAt must be below policy.blockAt");
        config.unlimitedApprovalsAllowed = vm.parseJsonBool(json, ".policy.unlimitedApprovalsAllowed");
        config.deployDemoStablecoin = vm.parseJsonBool(json, ".demoStablecoin");
    }

    /**
     * @dev Deploys the system described by `config`. `deployer` is the account whose calls create the
     * contracts (the broadcaster in a script, the test contract in a test): it is the timelock's
     * temporary admin, owns the demo stablecoin, and holds no role when this returns.
     */
    function _deploySystem(DeployConfig memory config, address deployer) internal returns (Deployment memory d) {
        d.timelock = new TimelockController(config.timelockMinDelay, new address[](0), new address[](0), deployer);
        d.communityToken = new CommunityToken(
            config.tokenName, config.tokenSymbol, address(d.timelock), config.holders, config.amounts
        );
        d.communityGovernor = new CommunityGovernor(
            config.governorName,
            d.communityToken,
            d.timelock,
            CommunityGovernor.Settings({
                votingDelay: config.votingDelay,
                votingPeriod: config.votingPeriod,
                proposalThreshold: config.proposalThreshold,
                quorumNumerator: config.quorumNumerator,
                lateQuorumExtension: config.lateQuorumExtension
            })
        );
        d.paymentPolicy =
            new PaymentPolicy(address(d.timelock), config.warnAt, config.blockAt, config.unlimitedApprovalsAllowed);
        d.treasury = new Treasury(address(d.timelock), d.paymentPolicy);
        if (config.deployDemoStablecoin) d.demoStablecoin = new DemoStablecoin(deployer);

        d.timelock.grantRole(d.timelock.PROPOSER_ROLE(), address(d.communityGovernor));
        d.timelock.grantRole(d.timelock.CANCELLER_ROLE(), address(d.communityGovernor));
        // address(0) as executor: once the delay has passed, anyone may execute a queued proposal.
        d.timelock.grantRole(d.timelock.EXECUTOR_ROLE(), address(0));
        d.timelock.renounceRole(d.timelock.DEFAULT_ADMIN_ROLE(), deployer);
    }

    /// @dev The deployment as the JSON every other part reads (`deployments/<chainId>.json`).
    function _deploymentJson(Deployment memory d, uint256 chainId, uint256 deploymentBlock)
        internal
        returns (string memory)
    {
        string memory contracts = "contracts";
        vm.serializeAddress(contracts, "communityToken", address(d.communityToken));
        vm.serializeAddress(contracts, "communityGovernor", address(d.communityGovernor));
        vm.serializeAddress(contracts, "timelock", address(d.timelock));
        vm.serializeAddress(contracts, "treasury", address(d.treasury));
        if (address(d.demoStablecoin) != address(0)) {
            vm.serializeAddress(contracts, "demoStablecoin", address(d.demoStablecoin));
        }
        contracts = vm.serializeAddress(contracts, "paymentPolicy", address(d.paymentPolicy));

        string memory root = "deployment";
        vm.serializeUint(root, "chainId", chainId);
        vm.serializeUint(root, "deploymentBlock", deploymentBlock);
        return vm.serializeString(root, "contracts", contracts);
    }

    /// @dev Reads an integer setting and reverts with {DeployConfigInvalid} outside `[min, max]`.
    function _boundedUint(string memory json, string memory path, string memory key, uint256 min, uint256 max)
        private
        pure
        returns (uint256 value)
    {
        value = vm.parseJsonUint(json, key);
        if (value < min || value > max) {
            revert DeployConfigInvalid(
                path,
                string.concat(key, " must be between ", vm.toString(min), " and ", vm.toString(max), ", got ", vm.toString(value))
            );
        }
    }
}
