// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Vm} from "forge-std/Vm.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IPaymentPolicy} from "../../src/interfaces/IPaymentPolicy.sol";
import {CommunityFactory} from "../../src/factory/CommunityFactory.sol";
import {PaymentPolicy} from "../../src/PaymentPolicy.sol";
import {Treasury} from "../../src/Treasury.sol";
import {DemoStablecoin} from "../../src/demo/DemoStablecoin.sol";
import {FactoryFixture} from "./FactoryFixture.sol";

contract CommunityFactoryTest is FactoryFixture {
    function _expectRange(string memory field, uint256 value, uint256 min, uint256 max) internal {
        vm.expectRevert(
            abi.encodeWithSelector(CommunityFactory.CommunityFactoryValueOutOfRange.selector, field, value, min, max)
        );
    }

    function _create(CommunityFactory.CommunityConfig memory config) internal returns (CommunityFactory.Community memory) {
        vm.prank(founder);
        return factory.createCommunity(config);
    }

    /// @dev Asserts the roles and owners the factory must leave behind.
    function _assertOnlyTimelockRules(CommunityFactory.Community memory c) internal view {
        TimelockController t = c.timelock;
        address[4] memory others = [address(factory), founder, address(this), address(c.governor)];
        for (uint256 i = 0; i < others.length; ++i) {
            assertFalse(t.hasRole(t.DEFAULT_ADMIN_ROLE(), others[i]), "no admin but the timelock");
        }
        assertTrue(t.hasRole(t.DEFAULT_ADMIN_ROLE(), address(t)), "the timelock administers itself");
        assertFalse(t.hasRole(t.PROPOSER_ROLE(), address(factory)) || t.hasRole(t.PROPOSER_ROLE(), founder), "proposer");
        assertFalse(t.hasRole(t.CANCELLER_ROLE(), address(factory)) || t.hasRole(t.CANCELLER_ROLE(), founder), "canceller");
        assertTrue(t.hasRole(t.PROPOSER_ROLE(), address(c.governor)), "the governor proposes");
        assertTrue(t.hasRole(t.CANCELLER_ROLE(), address(c.governor)), "the governor cancels");
        assertTrue(t.hasRole(t.EXECUTOR_ROLE(), address(0)), "anyone executes after the delay");
        assertEq(c.token.owner(), address(t), "token owned by the timelock");
        assertEq(c.policy.owner(), address(t), "policy owned by the timelock");
        assertEq(c.treasury.owner(), address(t), "treasury owned by the timelock");
        assertEq(address(c.governor.timelock()), address(t), "governor queues in the timelock");
        assertEq(address(c.governor.token()), address(c.token), "governor counts the token's votes");
        assertEq(address(c.treasury.policy()), address(c.policy), "treasury checks the policy");
    }

    // ---------------------------------------------------------------- creation

    function test_CreateCommunity() public {
        CommunityFactory.CommunityConfig memory config = _config();
        vm.recordLogs();
        CommunityFactory.Community memory c = _create(config);

        _assertOnlyTimelockRules(c);
        assertEq(c.creator, founder, "creator");
        assertEq(c.createdAt, block.timestamp, "created at");
        assertEq(c.governor.name(), "Riverside Food Co-op", "name");
        assertEq(c.governor.votingDelay(), 1 days, "voting delay");
        assertEq(c.governor.votingPeriod(), 3 days, "voting period");
        assertEq(c.governor.proposalThreshold(), 10e18, "proposal threshold");
        assertEq(c.governor.quorumNumerator(), 20, "quorum");
        assertEq(c.governor.lateQuorumVoteExtension(), 1 days, "late quorum extension");
        assertEq(c.timelock.getMinDelay(), 2 days, "timelock delay");
        assertEq(c.token.symbol(), "RFC", "symbol");
        assertEq(c.token.balanceOf(member1), 500e18, "founding holder");
        assertEq(c.token.totalSupply(), 1_000e18, "supply");

        IPaymentPolicy.PolicySnapshot memory snap = c.policy.snapshot();
        assertEq(snap.warnAt, 40, "warn at");
        assertEq(snap.blockAt, 80, "block at");
        assertEq(snap.tokenLimits.length, 2, "limited tokens");
        assertEq(snap.tokenLimits[0].maxFirstPayment, 100e6, "first-payment cap");
        (IPaymentPolicy.MerchantStatus merchant,) = c.policy.merchantStatus(bakery);
        assertEq(uint8(merchant), uint8(IPaymentPolicy.MerchantStatus.Trusted), "trusted merchant");
        (IPaymentPolicy.MerchantStatus site,,) = c.policy.siteStatus("https://shop.riverside.example");
        assertEq(uint8(site), uint8(IPaymentPolicy.MerchantStatus.Trusted), "trusted site, normalised");
        (IPaymentPolicy.MerchantStatus blocked,,) = c.policy.siteStatus("https://pay.scam.example");
        assertEq(uint8(blocked), uint8(IPaymentPolicy.MerchantStatus.Blocked), "blocked domain");

        // One CommunityCreated event with every address, the name and the creator.
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 found = 0;
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].emitter != address(factory)) continue;
            assertEq(logs[i].topics[0], CommunityFactory.CommunityCreated.selector, "event");
            assertEq(logs[i].topics[1], bytes32(uint256(uint160(address(c.governor)))), "governor");
            assertEq(logs[i].topics[2], bytes32(uint256(uint160(founder))), "creator");
            (string memory name, address token, address timelock, address treasury, address policy) =
                abi.decode(logs[i].data, (string, address, address, address, address));
            assertEq(name, "Riverside Food Co-op", "event name");
            assertEq(token, address(c.token), "event token");
            assertEq(timelock, address(c.timelock), "event timelock");
            assertEq(treasury, address(c.treasury), "event treasury");
            assertEq(policy, address(c.policy), "event policy");
            ++found;
        }
        assertEq(found, 1, "one event from the factory");
    }

    function test_Communities_ListsEveryCommunityInOrder() public {
        CommunityFactory.CommunityConfig memory config = _config();
        CommunityFactory.Community memory first = _create(config);
        config.name = "Hill Street Tenants";
        vm.prank(member2);
        CommunityFactory.Community memory second = factory.createCommunity(config);

        assertEq(factory.communityCount(), 2, "count");
        (CommunityFactory.Community[] memory page, uint256 total) = factory.communities(0, 10);
        assertEq(total, 2, "total");
        assertEq(address(page[0].governor), address(first.governor), "oldest first");
        assertEq(address(page[1].governor), address(second.governor), "then the newer");
        assertEq(page[1].creator, member2, "second creator");
        (page,) = factory.communities(1, 1);
        assertEq(page.length, 1, "page of one");
        assertEq(address(page[0].treasury), address(second.treasury), "offset");
        (page,) = factory.communities(2, 10);
        assertEq(page.length, 0, "past the end");
        assertEq(address(factory.communityOf(address(second.governor)).policy), address(second.policy), "by governor");
        assertTrue(address(first.token) != address(second.token), "separate contracts");
    }

    function test_RevertWhen_CommunityOfUnknownGovernor() public {
        vm.expectRevert(abi.encodeWithSelector(CommunityFactory.CommunityFactoryUnknownCommunity.selector, stranger()));
        factory.communityOf(stranger());
    }

    function test_CreateCommunity_ZeroProposalThresholdWhenAllowed() public {
        CommunityFactory.CommunityConfig memory config = _config();
        config.proposalThreshold = 0;
        config.allowZeroProposalThreshold = true;
        assertEq(_create(config).governor.proposalThreshold(), 0, "allowed");
    }

    function test_CreateCommunity_WithoutOptionalRules() public {
        CommunityFactory.CommunityConfig memory config = _config();
        delete config.tokenLimits;
        delete config.merchants;
        delete config.origins;
        delete config.domains;
        CommunityFactory.Community memory c = _create(config);
        assertEq(c.policy.version(), 1, "no rule beyond the thresholds");
        _assertOnlyTimelockRules(c);
    }

    function test_RenounceOwnershipDisabledOnEveryPart() public {
        CommunityFactory.Community memory c = _create(_config());
        vm.startPrank(address(c.timelock));
        vm.expectRevert();
        c.token.renounceOwnership();
        vm.expectRevert(abi.encodeWithSelector(IPaymentPolicy.PaymentPolicyRenounceOwnershipDisabled.selector));
        c.policy.renounceOwnership();
        vm.expectRevert();
        c.treasury.renounceOwnership();
        vm.stopPrank();
    }

    function test_RevertWhen_FounderCallsPrivilegedFunctions() public {
        CommunityFactory.Community memory c = _create(_config());
        vm.startPrank(founder);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, founder));
        c.policy.setThresholds(10, 20);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, founder));
        c.token.mint(founder, 1);
        vm.stopPrank();
        vm.prank(address(factory));
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(factory)));
        c.policy.setThresholds(10, 20);
    }

    /// @dev The implementations and the factory must fit EIP-170's 24,576 bytes to be deployable on a real
    /// chain; the governor is the largest part.
    function test_ImplementationsFitTheCodeSizeLimit() public {
        CommunityFactory.Community memory c = _create(_config());
        address[5] memory parts =
            [address(c.token), address(c.governor), address(c.timelock), address(c.treasury), address(c.policy)];
        for (uint256 i = 0; i < parts.length; ++i) {
            assertLe(_implementationOf(parts[i]).code.length, 24_576, "implementation within EIP-170");
        }
        assertLe(address(factory).code.length, 24_576, "factory within EIP-170");
    }

    // ---------------------------------------------------------------- refusals

    function test_RevertWhen_QuorumZero() public {
        CommunityFactory.CommunityConfig memory config = _config();
        config.quorumNumerator = 0;
        _expectRange("quorumNumerator", 0, 1, 100);
        _create(config);
    }

    function test_RevertWhen_QuorumAbove100() public {
        CommunityFactory.CommunityConfig memory config = _config();
        config.quorumNumerator = 101;
        _expectRange("quorumNumerator", 101, 1, 100);
        _create(config);
    }

    function test_RevertWhen_VotingDelayUnderOneMinute() public {
        CommunityFactory.CommunityConfig memory config = _config();
        config.votingDelay = 59;
        _expectRange("votingDelay", 59, 60, type(uint48).max);
        _create(config);
    }

    function test_RevertWhen_VotingPeriodUnderOneHour() public {
        CommunityFactory.CommunityConfig memory config = _config();
        config.votingPeriod = 3599;
        _expectRange("votingPeriod", 3599, 3600, type(uint32).max);
        _create(config);
    }

    function test_RevertWhen_LateQuorumExtensionLongerThanVotingPeriod() public {
        CommunityFactory.CommunityConfig memory config = _config();
        config.lateQuorumExtension = 3 days + 1;
        _expectRange("lateQuorumExtension", 3 days + 1, 0, 3 days);
        _create(config);
    }

    function test_RevertWhen_TimelockDelayUnderOneHour() public {
        CommunityFactory.CommunityConfig memory config = _config();
        config.timelockDelay = 0;
        _expectRange("timelockDelay", 0, 3600, 365 days);
        _create(config);
    }

    function test_RevertWhen_TimelockDelayOverOneYear() public {
        CommunityFactory.CommunityConfig memory config = _config();
        config.timelockDelay = 365 days + 1;
        _expectRange("timelockDelay", 365 days + 1, 3600, 365 days);
        _create(config);
    }

    function test_RevertWhen_ProposalThresholdZeroNotAllowed() public {
        CommunityFactory.CommunityConfig memory config = _config();
        config.proposalThreshold = 0;
        vm.expectRevert(abi.encodeWithSelector(CommunityFactory.CommunityFactoryZeroProposalThreshold.selector));
        _create(config);
    }

    function test_RevertWhen_ThresholdsContradict() public {
        CommunityFactory.CommunityConfig memory config = _config();
        (config.warnAt, config.blockAt) = (80, 80);
        vm.expectRevert(abi.encodeWithSelector(CommunityFactory.CommunityFactoryInvalidThresholds.selector, 80, 80));
        _create(config);
        (config.warnAt, config.blockAt) = (40, 101);
        vm.expectRevert(abi.encodeWithSelector(CommunityFactory.CommunityFactoryInvalidThresholds.selector, 40, 101));
        _create(config);
    }

    function test_RevertWhen_SinglePaymentAboveDailyCap() public {
        CommunityFactory.CommunityConfig memory config = _config();
        config.tokenLimits[0].maxSinglePayment = 1_001e6;
        vm.expectRevert(
            abi.encodeWithSelector(
                CommunityFactory.CommunityFactoryContradictoryLimits.selector,
                cgUsd,
                "maxSinglePayment",
                1_001e6,
                "dailyCap",
                1_000e6
            )
        );
        _create(config);
    }

    function test_RevertWhen_FirstPaymentAboveSinglePayment() public {
        CommunityFactory.CommunityConfig memory config = _config();
        config.tokenLimits[1].maxFirstPayment = 1.5 ether;
        config.tokenLimits[1].dailyCap = 0;
        vm.expectRevert(
            abi.encodeWithSelector(
                CommunityFactory.CommunityFactoryContradictoryLimits.selector,
                address(0),
                "maxFirstPayment",
                1.5 ether,
                "maxSinglePayment",
                1 ether
            )
        );
        _create(config);
    }

    function test_RevertWhen_FirstPaymentAboveDailyCap() public {
        CommunityFactory.CommunityConfig memory config = _config();
        config.tokenLimits[0].maxSinglePayment = 0;
        config.tokenLimits[0].maxFirstPayment = 2_000e6;
        vm.expectRevert(
            abi.encodeWithSelector(
                CommunityFactory.CommunityFactoryContradictoryLimits.selector,
                cgUsd,
                "maxFirstPayment",
                2_000e6,
                "dailyCap",
                1_000e6
            )
        );
        _create(config);
    }

    function test_RevertWhen_TokenLimitedTwice() public {
        CommunityFactory.CommunityConfig memory config = _config();
        config.tokenLimits[1].token = cgUsd;
        vm.expectRevert(abi.encodeWithSelector(CommunityFactory.CommunityFactoryDuplicateTokenLimits.selector, cgUsd));
        _create(config);
    }

    function test_RevertWhen_NoHolders() public {
        CommunityFactory.CommunityConfig memory config = _config();
        config.holders = new address[](0);
        config.amounts = new uint256[](0);
        vm.expectRevert(abi.encodeWithSelector(CommunityFactory.CommunityFactoryNoHolders.selector));
        _create(config);
    }

    function test_RevertWhen_AllocationMismatch() public {
        CommunityFactory.CommunityConfig memory config = _config();
        config.amounts = new uint256[](2);
        vm.expectRevert(abi.encodeWithSelector(CommunityFactory.CommunityFactoryAllocationMismatch.selector, 3, 2));
        _create(config);
    }

    function test_RevertWhen_HolderZeroOrWithoutVotes() public {
        CommunityFactory.CommunityConfig memory config = _config();
        config.holders[1] = address(0);
        vm.expectRevert(
            abi.encodeWithSelector(CommunityFactory.CommunityFactoryInvalidHolder.selector, 1, address(0), 300e18)
        );
        _create(config);
        config = _config();
        config.amounts[2] = 0;
        vm.expectRevert(abi.encodeWithSelector(CommunityFactory.CommunityFactoryInvalidHolder.selector, 2, member3, 0));
        _create(config);
    }

    function test_RevertWhen_NameEmpty() public {
        CommunityFactory.CommunityConfig memory config = _config();
        config.tokenSymbol = "";
        vm.expectRevert(abi.encodeWithSelector(CommunityFactory.CommunityFactoryEmptyField.selector, "tokenSymbol"));
        _create(config);
    }

    function test_RevertWhen_SiteRuleInvalid() public {
        CommunityFactory.CommunityConfig memory config = _config();
        config.origins[0].name = "https://shop.example/path";
        vm.expectRevert(
            abi.encodeWithSelector(IPaymentPolicy.PaymentPolicyInvalidOrigin.selector, "https://shop.example/path")
        );
        _create(config);
        config = _config();
        config.domains[0].name = "example";
        vm.expectRevert(abi.encodeWithSelector(IPaymentPolicy.PaymentPolicyInvalidDomain.selector, "example"));
        _create(config);
    }

    function test_RevertLeavesNothingRecorded() public {
        CommunityFactory.CommunityConfig memory config = _config();
        config.domains[0].name = "example";
        vm.expectRevert();
        _create(config);
        assertEq(factory.communityCount(), 0, "nothing recorded");
    }

    // ---------------------------------------------------------------- fuzz

    /// @dev Over random governance settings the factory either refuses with the error for the first
    /// unsafe field, or creates a community that has exactly those settings and only the timelock in charge.
    function testFuzz_CreateCommunity(
        uint48 votingDelay,
        uint32 votingPeriod,
        uint256 quorumNumerator,
        uint256 timelockDelay,
        uint256 proposalThreshold,
        bool allowZero,
        uint8 warnAt,
        uint8 blockAt
    ) public {
        CommunityFactory.CommunityConfig memory config = _config();
        config.votingDelay = votingDelay;
        config.votingPeriod = votingPeriod;
        config.quorumNumerator = bound(quorumNumerator, 0, 120);
        config.timelockDelay = bound(timelockDelay, 0, 400 days);
        config.proposalThreshold = bound(proposalThreshold, 0, 1_000e18);
        config.allowZeroProposalThreshold = allowZero;
        config.warnAt = warnAt;
        config.blockAt = blockAt;

        if (votingDelay < 60) {
            _expectRange("votingDelay", votingDelay, 60, type(uint48).max);
        } else if (votingPeriod < 3600) {
            _expectRange("votingPeriod", votingPeriod, 3600, type(uint32).max);
        } else if (config.lateQuorumExtension > votingPeriod) {
            _expectRange("lateQuorumExtension", config.lateQuorumExtension, 0, votingPeriod);
        } else if (config.quorumNumerator == 0 || config.quorumNumerator > 100) {
            _expectRange("quorumNumerator", config.quorumNumerator, 1, 100);
        } else if (config.timelockDelay < 1 hours || config.timelockDelay > 365 days) {
            _expectRange("timelockDelay", config.timelockDelay, 3600, 365 days);
        } else if (config.proposalThreshold == 0 && !allowZero) {
            vm.expectRevert(abi.encodeWithSelector(CommunityFactory.CommunityFactoryZeroProposalThreshold.selector));
        } else if (warnAt >= blockAt || blockAt > 100) {
            vm.expectRevert(
                abi.encodeWithSelector(CommunityFactory.CommunityFactoryInvalidThresholds.selector, warnAt, blockAt)
            );
        } else {
            CommunityFactory.Community memory c = _create(config);
            assertEq(c.governor.votingDelay(), votingDelay, "voting delay");
            assertEq(c.governor.votingPeriod(), votingPeriod, "voting period");
            assertEq(c.governor.quorumNumerator(), config.quorumNumerator, "quorum");
            assertEq(c.timelock.getMinDelay(), config.timelockDelay, "timelock delay");
            assertEq(c.governor.proposalThreshold(), config.proposalThreshold, "threshold");
            assertEq(c.policy.warnAt(), warnAt, "warn at");
            _assertOnlyTimelockRules(c);
            return;
        }
        _create(config);
    }

    /// @dev Random limits: refused exactly when two non-zero limits contradict each other.
    function testFuzz_TokenLimits(uint256 maxSingle, uint256 dailyCap, uint256 maxFirst) public {
        CommunityFactory.CommunityConfig memory config = _config();
        config.tokenLimits = new IPaymentPolicy.TokenLimits[](1);
        config.tokenLimits[0] = IPaymentPolicy.TokenLimits(cgUsd, maxSingle, dailyCap, maxFirst);
        bool contradicts = (maxSingle != 0 && dailyCap != 0 && maxSingle > dailyCap)
            || (maxFirst != 0 && dailyCap != 0 && maxFirst > dailyCap)
            || (maxFirst != 0 && maxSingle != 0 && maxFirst > maxSingle);
        if (contradicts) {
            vm.expectPartialRevert(CommunityFactory.CommunityFactoryContradictoryLimits.selector);
            _create(config);
        } else {
            IPaymentPolicy.TokenLimits memory stored = _create(config).policy.tokenLimits(cgUsd);
            assertEq(stored.maxSinglePayment, maxSingle, "single");
            assertEq(stored.dailyCap, dailyCap, "daily");
            assertEq(stored.maxFirstPayment, maxFirst, "first");
        }
    }

    function stranger() internal returns (address) {
        return makeAddr("stranger");
    }
}

/// @dev The whole life of a factory-made community: a rule change and a payout passed by vote.
contract CommunityFactoryLifecycleTest is FactoryFixture {
    function test_Lifecycle_RuleChangeAndPayout() public {
        DemoStablecoin usd = new DemoStablecoin(address(this));
        CommunityFactory.CommunityConfig memory config = _config();
        config.tokenLimits[0].token = address(usd);
        vm.prank(founder);
        CommunityFactory.Community memory c = factory.createCommunity(config);
        usd.mint(address(c.treasury), 5_000e6);
        vm.prank(member1);
        c.token.delegate(member1);
        vm.prank(member2);
        c.token.delegate(member2);
        vm.warp(block.timestamp + 1);

        address[] memory targets = new address[](2);
        uint256[] memory values = new uint256[](2);
        bytes[] memory calldatas = new bytes[](2);
        (targets[0], targets[1]) = (address(c.policy), address(c.treasury));
        calldatas[0] = abi.encodeCall(PaymentPolicy.setThresholds, (30, 70));
        calldatas[1] = abi.encodeCall(Treasury.pay, (address(usd), bakery, 250e6, "Bread for the food bank"));
        string memory description = "Stricter warnings, and pay the bakery";

        vm.prank(member1);
        uint256 id = c.governor.propose(targets, values, calldatas, description);
        vm.warp(c.governor.proposalSnapshot(id) + 1);
        vm.prank(member1);
        c.governor.castVote(id, 1);
        vm.prank(member2);
        c.governor.castVote(id, 1);
        vm.warp(c.governor.proposalDeadline(id) + 1);
        assertEq(uint8(c.governor.state(id)), uint8(IGovernor.ProposalState.Succeeded), "passed");
        bytes32 descriptionHash = keccak256(bytes(description));
        c.governor.queue(targets, values, calldatas, descriptionHash);
        vm.warp(block.timestamp + 2 days);
        vm.prank(makeAddr("anyone"));
        c.governor.execute(targets, values, calldatas, descriptionHash);

        assertEq(uint8(c.governor.state(id)), uint8(IGovernor.ProposalState.Executed), "executed");
        assertEq(c.policy.warnAt(), 30, "rule changed");
        assertEq(c.policy.blockAt(), 70, "rule changed");
        assertEq(usd.balanceOf(bakery), 250e6, "paid");
        assertEq(usd.balanceOf(address(c.treasury)), 4_750e6, "treasury debited");
    }
}
