// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {PaymentPolicy} from "../../src/PaymentPolicy.sol";
import {DemoStablecoin} from "../../src/demo/DemoStablecoin.sol";
import {CommunityFactory} from "../../src/factory/CommunityFactory.sol";
import {FactoryFixture} from "./FactoryFixture.sol";

// Gas to create a community through the factory (ERC-1167 clones), next to deploying the same contracts one
// transaction at a time with `new`; and what a clone adds to each call afterwards (its DELEGATECALL), measured
// on the same operations in two communities of the same config, one cloned and one made with `new`. Written to
// contracts/snapshots/CommunityFactoryGasTest.json and CommunityCloneCallGasTest.json.
//
// Creation figures are execution gas plus the 21,000 intrinsic gas of each transaction; calldata is left out
// (the config is about the same bytes either way). Each per-call figure is the first call of its test, after
// setUp ran as a separate transaction, so accounts and storage are cold as in a real transaction.
contract CommunityFactoryGasTest is FactoryFixture {
    function test_Gas_CreateThroughFactory() public {
        vm.prank(founder);
        factory.createCommunity(_config());
        vm.snapshotGasLastCall("community: create through the factory (execution only)");
    }

    /// @dev The same community as {_config}, the way the deploy script makes one: 15 transactions.
    function test_Gas_DeployOneByOne() public {
        (, uint256 total) = _deployOneByOne(_config());
        vm.snapshotValue("community: deploy one by one (15 transactions, with intrinsic gas)", total);
    }
}

/// @dev A vote, a treasurer payout and policy reads on a community the factory cloned, and on the same
/// community made with `new`: the difference is what the clones' DELEGATECALL costs.
contract CommunityCloneCallGasTest is FactoryFixture {
    CommunityFactory.Community internal cloned;
    CommunityFactory.Community internal made;
    DemoStablecoin internal usd;
    uint256 internal clonedProposal;
    uint256 internal madeProposal;
    address internal treasurer = makeAddr("treasurer");

    function setUp() public override {
        super.setUp();
        usd = new DemoStablecoin(address(this));
        CommunityFactory.CommunityConfig memory config = _config();
        config.tokenLimits[0].token = address(usd);
        vm.prank(founder);
        cloned = factory.createCommunity(config);
        (made,) = _deployOneByOne(config);
        _prepare(cloned);
        _prepare(made);
        vm.warp(block.timestamp + 1);
        clonedProposal = _propose(cloned);
        madeProposal = _propose(made);
        vm.warp(cloned.governor.proposalSnapshot(clonedProposal) + 1);
    }

    /// @dev A funded treasury with a treasurer that already paid once, and a member who delegated.
    function _prepare(CommunityFactory.Community memory c) internal {
        usd.mint(address(c.treasury), 5_000e6);
        vm.prank(address(c.timelock));
        c.treasury.setBudget(treasurer, address(usd), 1_000e6, 30 days);
        vm.prank(treasurer);
        c.treasury.payout(address(usd), bakery, 10e6, "flour");
        vm.prank(member1);
        c.token.delegate(member1);
    }

    function _propose(CommunityFactory.Community memory c) internal returns (uint256) {
        address[] memory targets = new address[](1);
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        targets[0] = address(c.policy);
        calldatas[0] = abi.encodeCall(PaymentPolicy.setThresholds, (30, 70));
        vm.prank(member1);
        return c.governor.propose(targets, values, calldatas, "Stricter warnings");
    }

    function test_Gas_CastVote_Cloned() public {
        vm.prank(member1);
        cloned.governor.castVote(clonedProposal, 1);
        vm.snapshotGasLastCall("community, cloned parts: castVote (reaches quorum)");
    }

    function test_Gas_CastVote_New() public {
        vm.prank(member1);
        made.governor.castVote(madeProposal, 1);
        vm.snapshotGasLastCall("community, parts made with new: castVote (reaches quorum)");
    }

    function test_Gas_TreasurerPayout_Cloned() public {
        vm.prank(treasurer);
        cloned.treasury.payout(address(usd), bakery, 10e6, "flour");
        vm.snapshotGasLastCall("community, cloned parts: treasurer payout ERC-20");
    }

    function test_Gas_TreasurerPayout_New() public {
        vm.prank(treasurer);
        made.treasury.payout(address(usd), bakery, 10e6, "flour");
        vm.snapshotGasLastCall("community, parts made with new: treasurer payout ERC-20");
    }

    function test_Gas_CheckPayment_Cloned() public {
        cloned.policy.checkPayment(address(usd), bakery, 10e6);
        vm.snapshotGasLastCall("community, cloned parts: policy checkPayment read");
    }

    function test_Gas_CheckPayment_New() public {
        made.policy.checkPayment(address(usd), bakery, 10e6);
        vm.snapshotGasLastCall("community, parts made with new: policy checkPayment read");
    }

    function test_Gas_Snapshot_Cloned() public {
        cloned.policy.snapshot();
        vm.snapshotGasLastCall("community, cloned parts: policy snapshot() read (2 token limits)");
    }

    function test_Gas_Snapshot_New() public {
        made.policy.snapshot();
        vm.snapshotGasLastCall("community, parts made with new: policy snapshot() read (2 token limits)");
    }
}
