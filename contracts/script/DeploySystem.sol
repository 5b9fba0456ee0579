// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {CommunityGovernor} from "../src/CommunityGovernor.sol";
import {CommunityToken} from "../src/CommunityToken.sol";
import {PaymentPolicy} from "../src/PaymentPolicy.sol";
import {Treasury} from "../src/Treasury.sol";
import {DemoStablecoin} from "../src/demo/DemoStablecoin.sol";
import {CommunityFactory} from "../src/factory/CommunityFactory.sol";
import {
    GovernorCreator,
    PolicyCreator,
    TimelockCreator,
    TokenCreator,
    TreasuryCreator
} from "../src/factory/CommunityCreators.sol";
import {IPaymentPolicy} from "../src/interfaces/IPaymentPolicy.sol";

/**
 * @dev Deploys and wires the whole CommonGuard system from a JSON config. The deploy script
 * ({Deploy}) and the forge tests both inherit it, so the tests run on exactly the deployment the
 * script makes.
 *
 * Order: the demo stablecoin (owner = deployer, local configs only) → the {CommunityFactory}
 * ({_deployFactory}) → one {CommunityFactory-createCommunity} call that makes the timelock, token,
 * governor, policy (with the config's per-token limits) and treasury and leaves every role with the
 * timelock. The demo is therefore made the way every other community is: one path for all of them.
 *
 * {_readConfig} refuses settings that would make governance unsafe: a quorum of 0 (one vote could
 * pass anything), a voting delay under {MIN_VOTING_DELAY}, a voting period under {MIN_VOTING_PERIOD},
 * a timelock delay under {MIN_TIMELOCK_DELAY} (members could not react to a passed proposal), and a
 * proposal threshold of 0 unless the config says `"allowZeroProposalThreshold": true` in `governor`.
 * Each refusal names the field and the safe range. The factory then applies its own checks
 * ({CommunityFactory-checkConfig}) to what reaches the chain, such as per-token limits that contradict
 * each other.
 *
 * ==== Security Considerations
 *
 * After {_deploySystem} returns, no account but the timelock itself administers the timelock, and
 * the governor is its only proposer: every privileged call in the system needs a passed vote. Neither
 * the deployer nor the factory keeps a role (the factory's own guarantee).
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
        // The first per-token limits, entry `i` across the five arrays (parallel arrays, as holders and
        // amounts are, so that a test can keep the config in storage). `limitOnDemoStablecoin[i]` stands
        // for the demo stablecoin, whose address is known only once it is deployed.
        address[] limitTokens;
        bool[] limitOnDemoStablecoin;
        uint256[] maxSinglePayments;
        uint256[] dailyCaps;
        uint256[] maxFirstPayments;
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
        CommunityFactory communityFactory;
    }

    /// @dev The config names the demo stablecoin as a token here; the value that stands for it.
    string internal constant DEMO_STABLECOIN_TOKEN = "demoStablecoin";

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
        _readTokenLimits(json, path, config);
    }

    /**
     * @dev Reads the optional `policy.tokenLimits`: `[{ "token", "maxSinglePayment", "dailyCap",
     * "maxFirstPayment" }]`, where `token` is an address (the zero address for the native coin) or
     * `"demoStablecoin"`, and 0 means no limit. Whether limits contradict each other is the factory's
     * check ({CommunityFactory-checkConfig}), not repeated here.
     */
    function _readTokenLimits(string memory json, string memory path, DeployConfig memory config) private view {
        uint256 count = 0;
        while (vm.keyExistsJson(json, string.concat(".policy.tokenLimits[", vm.toString(count), "]"))) ++count;
        config.limitTokens = new address[](count);
        config.limitOnDemoStablecoin = new bool[](count);
        config.maxSinglePayments = new uint256[](count);
        config.dailyCaps = new uint256[](count);
        config.maxFirstPayments = new uint256[](count);
        for (uint256 i = 0; i < count; ++i) {
            string memory entry = string.concat(".policy.tokenLimits[", vm.toString(i), "]");
            string memory token = vm.parseJsonString(json, string.concat(entry, ".token"));
            if (keccak256(bytes(token)) == keccak256(bytes(DEMO_STABLECOIN_TOKEN))) {
                if (!config.deployDemoStablecoin) {
                    revert DeployConfigInvalid(path, string.concat(entry, ".token is the demo stablecoin, but demoStablecoin is false"));
                }
                config.limitOnDemoStablecoin[i] = true;
            } else {
                config.limitTokens[i] = vm.parseAddress(token);
            }
            config.maxSinglePayments[i] = vm.parseJsonUint(json, string.concat(entry, ".maxSinglePayment"));
            config.dailyCaps[i] = vm.parseJsonUint(json, string.concat(entry, ".dailyCap"));
            config.maxFirstPayments[i] = vm.parseJsonUint(json, string.concat(entry, ".maxFirstPayment"));
        }
    }

    /**
     * @dev The factory's config for `config`, with `demoStablecoin` in place of the limits that name it.
     * The community's name is the governor's name.
     */
    function _communityConfig(DeployConfig memory config, address demoStablecoin)
        internal
        pure
        returns (CommunityFactory.CommunityConfig memory c)
    {
        c.name = config.governorName;
        c.tokenName = config.tokenName;
        c.tokenSymbol = config.tokenSymbol;
        c.holders = config.holders;
        c.amounts = config.amounts;
        c.votingDelay = config.votingDelay;
        c.votingPeriod = config.votingPeriod;
        c.proposalThreshold = config.proposalThreshold;
        // _readConfig has refused a threshold of 0 unless the config allows it.
        c.allowZeroProposalThreshold = config.proposalThreshold == 0;
        c.quorumNumerator = config.quorumNumerator;
        c.lateQuorumExtension = config.lateQuorumExtension;
        c.timelockDelay = config.timelockMinDelay;
        c.warnAt = config.warnAt;
        c.blockAt = config.blockAt;
        c.unlimitedApprovalsAllowed = config.unlimitedApprovalsAllowed;
        c.tokenLimits = new IPaymentPolicy.TokenLimits[](config.limitTokens.length);
        for (uint256 i = 0; i < config.limitTokens.length; ++i) {
            c.tokenLimits[i] = IPaymentPolicy.TokenLimits({
                token: config.limitOnDemoStablecoin[i] ? demoStablecoin : config.limitTokens[i],
                maxSinglePayment: config.maxSinglePayments[i],
                dailyCap: config.dailyCaps[i],
                maxFirstPayment: config.maxFirstPayments[i]
            });
        }
    }

    /**
     * @dev Deploys a {CommunityFactory} with its part creators. The only place the script knows how the
     * factory is put on a chain.
     */
    function _deployFactory() internal returns (CommunityFactory) {
        return new CommunityFactory(
            CommunityFactory.Creators({
                timelock: new TimelockCreator(),
                token: new TokenCreator(),
                governor: new GovernorCreator(),
                treasury: new TreasuryCreator(),
                policy: new PolicyCreator()
            })
        );
    }

    /**
     * @dev Deploys the system described by `config`: the demo stablecoin (if the config has one, owned by
     * `deployer`), a new {CommunityFactory}, and the community made through it. `deployer` is the account
     * whose calls create the contracts (the broadcaster in a script, the test contract in a test); it is
     * the community's recorded creator and holds no role in it.
     */
    function _deploySystem(DeployConfig memory config, address deployer) internal returns (Deployment memory d) {
        if (config.deployDemoStablecoin) d.demoStablecoin = new DemoStablecoin(deployer);
        d.communityFactory = _deployFactory();
        CommunityFactory.Community memory c =
            d.communityFactory.createCommunity(_communityConfig(config, address(d.demoStablecoin)));
        d.timelock = c.timelock;
        d.communityToken = c.token;
        d.communityGovernor = c.governor;
        d.paymentPolicy = c.policy;
        d.treasury = c.treasury;
    }

    /**
     * @dev The deployment as the JSON every other part reads (`deployments/<chainId>.json`): `contracts`
     * holds the chain's default community (and the factory and demo stablecoin), and `communities` lists
     * every community recorded on the chain; a fresh deployment records one, read back from the factory.
     */
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
        vm.serializeAddress(contracts, "communityFactory", address(d.communityFactory));
        contracts = vm.serializeAddress(contracts, "paymentPolicy", address(d.paymentPolicy));

        CommunityFactory.Community memory c = d.communityFactory.communityOf(address(d.communityGovernor));
        string memory community = "community";
        vm.serializeString(community, "name", c.governor.name());
        vm.serializeAddress(community, "communityGovernor", address(c.governor));
        vm.serializeAddress(community, "communityToken", address(c.token));
        vm.serializeAddress(community, "timelock", address(c.timelock));
        vm.serializeAddress(community, "treasury", address(c.treasury));
        vm.serializeAddress(community, "paymentPolicy", address(c.policy));
        vm.serializeUint(community, "deploymentBlock", deploymentBlock);
        community = vm.serializeAddress(community, "creator", c.creator);

        string memory root = "deployment";
        vm.serializeUint(root, "chainId", chainId);
        vm.serializeUint(root, "deploymentBlock", deploymentBlock);
        vm.serializeString(root, "contracts", contracts);
        string[] memory communities = new string[](1);
        communities[0] = community;
        return vm.serializeString(root, "communities", communities);
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
