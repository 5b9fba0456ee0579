// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {CommunityFactory} from "../../src/factory/CommunityFactory.sol";
import {FactoryFixture} from "./FactoryFixture.sol";

/// @dev Creates communities with random safe settings, from random callers, and remembers every caller.
contract FactoryHandler is FactoryFixture {
    address[] public callers;
    uint256 public created;

    constructor(CommunityFactory factory_) {
        factory = factory_;
    }

    function callerCount() external view returns (uint256) {
        return callers.length;
    }

    function create(uint256 callerSeed, uint48 votingDelay, uint32 votingPeriod, uint256 quorum, uint256 delay) external {
        address caller = address(uint160(bound(callerSeed, 1, 20)) * 0x1111);
        callers.push(caller);
        CommunityFactory.CommunityConfig memory config = _config();
        config.votingDelay = uint48(bound(votingDelay, 60, 30 days));
        config.votingPeriod = uint32(bound(votingPeriod, 1 hours, 30 days));
        config.lateQuorumExtension = config.votingPeriod < 1 days ? config.votingPeriod : 1 days;
        config.quorumNumerator = bound(quorum, 1, 100);
        config.timelockDelay = bound(delay, 1 hours, 365 days);
        config.holders[0] = caller;
        vm.prank(caller);
        factory.createCommunity(config);
        ++created;
    }
}

/// @dev However many communities are created and by whom, no account but each community's own timelock
/// administers it or owns its parts, and only its governor proposes and cancels. Each creation clones and
/// initialises five contracts (about 2 million gas), so the sequences are shorter than the other suites'.
/// forge-config: default.invariant.runs = 16
/// forge-config: default.invariant.depth = 8
contract CommunityFactoryInvariantTest is FactoryFixture {
    FactoryHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new FactoryHandler(factory);
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](1);
        selectors[0] = FactoryHandler.create.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    function invariant_OnlyTheTimelockHoldsPower() public view {
        (CommunityFactory.Community[] memory all, uint256 total) = factory.communities(0, type(uint256).max);
        assertEq(total, handler.created(), "every creation recorded");
        uint256 callers = handler.callerCount();
        for (uint256 i = 0; i < all.length; ++i) {
            CommunityFactory.Community memory c = all[i];
            TimelockController t = c.timelock;
            assertEq(c.token.owner(), address(t), "token owner");
            assertEq(c.policy.owner(), address(t), "policy owner");
            assertEq(c.treasury.owner(), address(t), "treasury owner");
            assertTrue(t.hasRole(t.DEFAULT_ADMIN_ROLE(), address(t)), "self-administered");
            address[] memory suspects = new address[](callers + 4);
            for (uint256 k = 0; k < callers; ++k) {
                suspects[k] = handler.callers(k);
            }
            (suspects[callers], suspects[callers + 1]) = (address(factory), address(handler));
            (suspects[callers + 2], suspects[callers + 3]) = (address(this), address(c.governor));
            for (uint256 k = 0; k < suspects.length; ++k) {
                address who = suspects[k];
                assertFalse(t.hasRole(t.DEFAULT_ADMIN_ROLE(), who), "admin");
                if (who == address(c.governor)) continue;
                assertFalse(t.hasRole(t.PROPOSER_ROLE(), who), "proposer");
                assertFalse(t.hasRole(t.CANCELLER_ROLE(), who), "canceller");
            }
            assertTrue(t.hasRole(t.PROPOSER_ROLE(), address(c.governor)), "governor proposes");
        }
    }
}
