// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {stdJson} from "forge-std/StdJson.sol";
import {CommunityFactory} from "../src/factory/CommunityFactory.sol";
import {IPaymentPolicy} from "../src/interfaces/IPaymentPolicy.sol";
import {SystemFixture} from "./utils/SystemFixture.sol";

/// @dev The deployment the script makes: wiring, roles, config reading and the deployment file.
contract DeploySystemTest is SystemFixture {
    using stdJson for string;

    /// @dev anvil's account 0 (default mnemonic), the local deployer.
    address internal constant ANVIL_DEPLOYER = 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266;
    string internal constant FIXTURES = "contracts/test/fixtures/";

    /// @dev The deployment exactly as the script makes it, the config's token limits included.
    function _withConfigTokenLimits() internal pure override returns (bool) {
        return true;
    }

    function exposed_readConfig(string memory path) external view returns (DeployConfig memory) {
        return _readConfig(path);
    }

    function test_SetUpState() public view {
        assertEq(token.owner(), address(timelock), "token owner");
        assertEq(policy.owner(), address(timelock), "policy owner");
        assertEq(treasury.owner(), address(timelock), "treasury owner");
        assertEq(address(treasury.policy()), address(policy), "treasury policy");
        assertEq(governor.timelock(), address(timelock), "governor timelock");
        assertEq(usd.owner(), deployer, "demo owner");
        assertEq(timelock.getMinDelay(), config.timelockMinDelay, "min delay");
    }

    function test_Timelock_GovernorIsProposerAndCanceller() public view {
        assertTrue(timelock.hasRole(timelock.PROPOSER_ROLE(), address(governor)), "proposer");
        assertTrue(timelock.hasRole(timelock.CANCELLER_ROLE(), address(governor)), "canceller");
        assertTrue(timelock.hasRole(timelock.EXECUTOR_ROLE(), address(0)), "anyone executes");
        assertFalse(timelock.hasRole(timelock.EXECUTOR_ROLE(), address(governor)), "no extra executor");
    }

    function test_Timelock_NoAdminLeft() public view {
        bytes32 admin = timelock.DEFAULT_ADMIN_ROLE();
        assertFalse(timelock.hasRole(admin, deployer), "deployer renounced");
        assertFalse(timelock.hasRole(admin, address(governor)), "governor is no admin");
        // Only the timelock administers itself, i.e. role changes need a passed vote.
        assertTrue(timelock.hasRole(admin, address(timelock)), "self-administered");
        assertFalse(timelock.hasRole(timelock.PROPOSER_ROLE(), deployer), "deployer no proposer");
        assertFalse(timelock.hasRole(timelock.CANCELLER_ROLE(), deployer), "deployer no canceller");
        assertFalse(timelock.hasRole(admin, address(factory)), "factory is no admin");
        assertFalse(timelock.hasRole(timelock.PROPOSER_ROLE(), address(factory)), "factory no proposer");
    }

    /// @dev The demo goes through the same factory as every other community: the factory knows it.
    function test_DeploySystem_DemoIsTheFactorysCommunity() public view {
        CommunityFactory.Community memory c = factory.communityOf(address(governor));
        assertEq(address(c.governor), address(governor), "governor");
        assertEq(address(c.token), address(token), "token");
        assertEq(address(c.timelock), address(timelock), "timelock");
        assertEq(address(c.treasury), address(treasury), "treasury");
        assertEq(address(c.policy), address(policy), "policy");
        assertEq(c.creator, deployer, "creator");
        assertEq(factory.communityCount(), 1, "one community");
        assertEq(governor.name(), config.governorName, "name");
    }

    /// @dev The config's per-token limits, the demo stablecoin's included, are the policy's first rules.
    function test_DeploySystem_WritesTheConfigsTokenLimits() public view {
        IPaymentPolicy.TokenLimits memory eth = policy.tokenLimits(address(0));
        assertEq(eth.maxSinglePayment, 1 ether, "ETH single");
        assertEq(eth.dailyCap, 2 ether, "ETH daily");
        assertEq(eth.maxFirstPayment, 0.25 ether, "ETH first");
        IPaymentPolicy.TokenLimits memory cgUsd = policy.tokenLimits(address(usd));
        assertEq(cgUsd.maxSinglePayment, 500e6, "cgUSD single");
        assertEq(cgUsd.dailyCap, 1_000e6, "cgUSD daily");
        assertEq(cgUsd.maxFirstPayment, 100e6, "cgUSD first");
    }

    function test_ReadConfig_Local() public view {
        assertEq(config.tokenSymbol, "CGC", "symbol");
        assertEq(config.holders.length, 4, "four members");
        assertEq(config.amounts[0], 400_000e18, "member 1");
        assertEq(config.amounts[3], 100_000e18, "member 4");
        assertEq(config.votingDelay, 60, "delay");
        assertEq(config.votingPeriod, 3 days, "period");
        assertEq(config.proposalThreshold, 1_000e18, "threshold");
        assertEq(config.quorumNumerator, 4, "quorum");
        assertEq(config.lateQuorumExtension, 1 hours, "extension");
        assertEq(config.timelockMinDelay, 1 days, "min delay");
        assertEq(config.warnAt, 40, "warnAt");
        assertEq(config.blockAt, 80, "blockAt");
        assertFalse(config.unlimitedApprovalsAllowed, "approvals");
        assertTrue(config.deployDemoStablecoin, "demo coin");
        assertEq(config.limitTokens.length, 2, "two token limits");
        assertEq(config.limitTokens[0], address(0), "native coin first");
        assertFalse(config.limitOnDemoStablecoin[0], "native coin is no stablecoin");
        assertTrue(config.limitOnDemoStablecoin[1], "then the demo stablecoin");
        assertEq(config.maxFirstPayments[1], 100e6, "cgUSD first payment");
    }

    function test_RevertWhen_ConfigLimitsTheDemoStablecoinWithoutOne() public {
        _expectInvalid(
            "demo-limits-without-demo-stablecoin.json",
            ".policy.tokenLimits[0].token is the demo stablecoin, but demoStablecoin is false"
        );
    }

    function test_DeploySystem_ExampleConfigHasNoDemoStablecoin() public {
        DeployConfig memory example = _readConfig("contracts/config/example.json");
        assertFalse(example.deployDemoStablecoin, "flag");
        Deployment memory d = _deploySystem(example, address(this));
        assertEq(address(d.demoStablecoin), address(0), "no demo coin");
        assertEq(d.communityGovernor.votingPeriod(), example.votingPeriod, "settings");

        string memory json = _deploymentJson(d, 1, 123);
        assertFalse(json.keyExists(".contracts.demoStablecoin"), "no demo key");
        assertEq(json.readAddress(".contracts.treasury"), address(d.treasury), "treasury");
    }

    function test_DeploymentJson_Shape() public {
        Deployment memory d = Deployment(timelock, token, governor, policy, treasury, usd, factory);
        string memory json = _deploymentJson(d, 31337, 7);
        assertEq(json.readUint(".chainId"), 31337, "chain id");
        assertEq(json.readUint(".deploymentBlock"), 7, "block");
        assertEq(json.readAddress(".contracts.communityToken"), address(token), "token");
        assertEq(json.readAddress(".contracts.communityGovernor"), address(governor), "governor");
        assertEq(json.readAddress(".contracts.timelock"), address(timelock), "timelock");
        assertEq(json.readAddress(".contracts.treasury"), address(treasury), "treasury");
        assertEq(json.readAddress(".contracts.paymentPolicy"), address(policy), "policy");
        assertEq(json.readAddress(".contracts.demoStablecoin"), address(usd), "demo");
        assertEq(json.readAddress(".contracts.communityFactory"), address(factory), "factory");
        assertEq(json.readString(".communities[0].name"), config.governorName, "community name");
        assertEq(json.readAddress(".communities[0].communityGovernor"), address(governor), "community governor");
        assertEq(json.readAddress(".communities[0].communityToken"), address(token), "community token");
        assertEq(json.readAddress(".communities[0].timelock"), address(timelock), "community timelock");
        assertEq(json.readAddress(".communities[0].treasury"), address(treasury), "community treasury");
        assertEq(json.readAddress(".communities[0].paymentPolicy"), address(policy), "community policy");
        assertEq(json.readUint(".communities[0].deploymentBlock"), 7, "community block");
        assertEq(json.readAddress(".communities[0].creator"), deployer, "community creator");
        assertFalse(json.keyExists(".communities[1]"), "one community");
    }

    /**
     * @dev The committed local deployment file is what anvil's account 0 deploys first on a fresh chain:
     * the script's own deployment, replayed from that account at nonce 0, writes the same file.
     */
    function test_CommittedLocalDeployment_MatchesDeterministicAddresses() public {
        vm.setNonce(ANVIL_DEPLOYER, 0);
        vm.startBroadcast(ANVIL_DEPLOYER);
        Deployment memory d = _deploySystem(_readConfig(LOCAL_CONFIG), ANVIL_DEPLOYER);
        vm.stopBroadcast();
        string memory expected = _deploymentJson(d, 31337, 0);
        string memory json = vm.readFile("deployments/31337.json");
        assertEq(json.readUint(".chainId"), 31337, "chain id");
        assertEq(json.readUint(".deploymentBlock"), 0, "start block");
        string[7] memory contracts = [
            "timelock", "communityToken", "communityGovernor", "paymentPolicy", "treasury", "demoStablecoin", "communityFactory"
        ];
        for (uint256 i = 0; i < contracts.length; ++i) {
            string memory key = string.concat(".contracts.", contracts[i]);
            assertEq(json.readAddress(key), expected.readAddress(key), contracts[i]);
        }
        assertEq(json.readAddress(".communities[0].communityGovernor"), address(d.communityGovernor), "community");
        assertEq(json.readAddress(".communities[0].creator"), ANVIL_DEPLOYER, "creator");
        assertFalse(json.keyExists(".communities[1]"), "one community");
    }

    function _expectInvalid(string memory file, string memory reason) internal {
        string memory path = string.concat(FIXTURES, file);
        vm.expectRevert(abi.encodeWithSelector(DeployConfigInvalid.selector, path, reason));
        this.exposed_readConfig(path);
    }

    function test_RevertWhen_ConfigHasNoHolders() public {
        _expectInvalid("no-holders.json", "token.holders is empty: nobody could vote");
    }

    function test_RevertWhen_ConfigHasZeroAmount() public {
        _expectInvalid("zero-amount.json", ".token.holders[1].amount is zero");
    }

    function test_RevertWhen_ConfigHasZeroAccount() public {
        _expectInvalid("zero-account.json", ".token.holders[2].account is zero");
    }

    function test_RevertWhen_ConfigVotingDelayTooLarge() public {
        _expectInvalid(
            "voting-delay-too-large.json", ".governor.votingDelay must be between 60 and 281474976710655, got 281474976710656"
        );
    }

    function test_RevertWhen_ConfigThresholdsInvalid() public {
        _expectInvalid("bad-thresholds.json", "policy.warnAt must be below policy.blockAt");
    }

    function test_RevertWhen_ConfigQuorumAbove100() public {
        _expectInvalid("bad-quorum.json", ".governor.quorumNumerator must be between 1 and 100, got 101");
    }

    function test_RevertWhen_ConfigVotingPeriodZero() public {
        _expectInvalid(
            "zero-voting-period.json", ".governor.votingPeriod must be between 3600 and 4294967295, got 0"
        );
    }

    function test_RevertWhen_ConfigVotingPeriodOneSecond() public {
        _expectInvalid(
            "one-second-voting-period.json", ".governor.votingPeriod must be between 3600 and 4294967295, got 1"
        );
    }

    function test_RevertWhen_ConfigQuorumZero() public {
        _expectInvalid("zero-quorum.json", ".governor.quorumNumerator must be between 1 and 100, got 0");
    }

    function test_RevertWhen_ConfigVotingDelayZero() public {
        _expectInvalid("zero-voting-delay.json", ".governor.votingDelay must be between 60 and 281474976710655, got 0");
    }

    function test_RevertWhen_ConfigTimelockDelayZero() public {
        _expectInvalid("zero-timelock-delay.json", ".timelock.minDelay must be between 3600 and 31536000, got 0");
    }

    function test_RevertWhen_ConfigProposalThresholdZero() public {
        _expectInvalid(
            "zero-proposal-threshold.json",
            ".governor.proposalThreshold must be more than 0 (anyone could make proposals without holding votes); set .governor.allowZeroProposalThreshold to true to allow 0"
        );
    }

    function test_ReadConfig_ZeroProposalThresholdWhenExplicitlyAllowed() public view {
        DeployConfig memory c = this.exposed_readConfig(string.concat(FIXTURES, "zero-proposal-threshold-allowed.json"));
        assertEq(c.proposalThreshold, 0, "allowed explicitly");
    }
}
