// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Test} from "forge-std/Test.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {CommunityGovernor} from "../../src/CommunityGovernor.sol";
import {CommunityToken} from "../../src/CommunityToken.sol";
import {PaymentPolicy} from "../../src/PaymentPolicy.sol";
import {Treasury} from "../../src/Treasury.sol";
import {DemoStablecoin} from "../../src/demo/DemoStablecoin.sol";
import {CommunityFactory} from "../../src/factory/CommunityFactory.sol";
import {DeploySystem} from "../../script/DeploySystem.sol";

/**
 * @dev The deployed system every test starts from: the deploy script's own code ({DeploySystem}) with
 * the local demo config (without its per-token limits unless {_withConfigTokenLimits}), the test
 * contract acting as the deployer. Members 1–4 are the config's
 * token holders and have delegated to themselves.
 */
abstract contract SystemFixture is Test, DeploySystem {
    /// @dev Tests always use the committed local config, whatever `DEPLOY_CONFIG` says.
    string internal constant LOCAL_CONFIG = "contracts/config/local.json";

    DeployConfig internal config;
    TimelockController internal timelock;
    CommunityToken internal token;
    CommunityGovernor internal governor;
    PaymentPolicy internal policy;
    Treasury internal treasury;
    DemoStablecoin internal usd;
    CommunityFactory internal factory;

    address internal deployer;
    address internal member1;
    address internal member2;
    address internal member3;
    address internal member4;
    address internal treasurer = makeAddr("treasurer");
    address internal merchant = makeAddr("merchant");
    address internal stranger = makeAddr("stranger");

    function setUp() public virtual {
        config = _readConfig(LOCAL_CONFIG);
        if (!_withConfigTokenLimits()) {
            delete config.limitTokens;
            delete config.limitOnDemoStablecoin;
            delete config.maxSinglePayments;
            delete config.dailyCaps;
            delete config.maxFirstPayments;
        }
        deployer = address(this);
        Deployment memory d = _deploySystem(config, deployer);
        timelock = d.timelock;
        token = d.communityToken;
        governor = d.communityGovernor;
        policy = d.paymentPolicy;
        treasury = d.treasury;
        usd = d.demoStablecoin;
        factory = d.communityFactory;

        member1 = config.holders[0];
        member2 = config.holders[1];
        member3 = config.holders[2];
        member4 = config.holders[3];
        for (uint256 i = 0; i < config.holders.length; ++i) {
            vm.prank(config.holders[i]);
            token.delegate(config.holders[i]);
        }
        // Voting power is read at a past timepoint: start one second after the delegations.
        vm.warp(block.timestamp + 1);
    }

    /**
     * @dev Whether the policy starts with the local config's per-token limits. The suites that test the
     * policy, the treasury and governance start from a policy without limits (version 1) and set the
     * limits each test is about; {DeploySystemTest} keeps them, since it tests the deployment itself.
     */
    function _withConfigTokenLimits() internal pure virtual returns (bool) {
        return false;
    }

    // ---------------------------------------------------------------- funding helpers

    /// @dev Gives the treasury `amount` cgUSD through a real deposit.
    function _fundUsd(uint256 amount) internal {
        usd.mint(address(this), amount);
        usd.approve(address(treasury), amount);
        treasury.deposit(address(usd), amount);
    }

    /// @dev Gives the treasury `amount` wei through a plain transfer.
    function _fundEth(uint256 amount) internal {
        vm.deal(address(this), amount);
        (bool ok,) = address(treasury).call{value: amount}("");
        assertTrue(ok, "ETH deposit");
    }

    /// @dev Sets a budget as the timelock would after a vote.
    function _setBudget(address who, address asset, uint256 amountPerPeriod, uint256 period) internal {
        vm.prank(address(timelock));
        treasury.setBudget(who, asset, amountPerPeriod, period);
    }

    // ---------------------------------------------------------------- governance helpers

    function _single(address target, bytes memory data)
        internal
        pure
        returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas)
    {
        targets = new address[](1);
        values = new uint256[](1);
        calldatas = new bytes[](1);
        targets[0] = target;
        calldatas[0] = data;
    }

    /// @dev member1 proposes; returns the proposal id.
    function _propose(address[] memory targets, uint256[] memory values, bytes[] memory calldatas, string memory description)
        internal
        returns (uint256 proposalId)
    {
        vm.prank(member1);
        proposalId = governor.propose(targets, values, calldatas, description);
    }

    /// @dev Moves time to the first second of the voting period.
    function _warpToVoting(uint256 proposalId) internal {
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
    }

    /// @dev Moves time past the (possibly extended) voting deadline.
    function _warpPastDeadline(uint256 proposalId) internal {
        vm.warp(governor.proposalDeadline(proposalId) + 1);
    }

    function _vote(address voter, uint256 proposalId, uint8 support) internal {
        vm.prank(voter);
        governor.castVote(proposalId, support);
    }

    /// @dev Proposes, passes (members 1 and 2 for), queues and executes; returns the proposal id.
    function _passAndExecute(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description
    ) internal returns (uint256 proposalId) {
        proposalId = _propose(targets, values, calldatas, description);
        _warpToVoting(proposalId);
        _vote(member1, proposalId, 1);
        _vote(member2, proposalId, 1);
        _warpPastDeadline(proposalId);
        bytes32 descriptionHash = keccak256(bytes(description));
        governor.queue(targets, values, calldatas, descriptionHash);
        vm.warp(block.timestamp + timelock.getMinDelay());
        governor.execute(targets, values, calldatas, descriptionHash);
        assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Executed), "executed");
    }
}
