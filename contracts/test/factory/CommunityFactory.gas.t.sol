// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {CommunityGovernor} from "../../src/CommunityGovernor.sol";
import {CommunityToken} from "../../src/CommunityToken.sol";
import {PaymentPolicy} from "../../src/PaymentPolicy.sol";
import {Treasury} from "../../src/Treasury.sol";
import {CommunityFactory} from "../../src/factory/CommunityFactory.sol";
import {FactoryFixture} from "./FactoryFixture.sol";

// Gas to create a community through the factory, next to deploying the same contracts one transaction at a
// time, and what ERC-1167 clones would save (written to contracts/snapshots/CommunityFactoryGasTest.json).
//
// Figures are execution gas plus the 21,000 intrinsic gas of each transaction; calldata is left out (the
// config is about the same bytes either way).
contract CommunityFactoryGasTest is FactoryFixture {
    uint256 internal constant TRANSACTION = 21_000;
    uint256 internal constant CODE_DEPOSIT_PER_BYTE = 200;

    function test_Gas_CreateThroughFactory() public {
        vm.prank(founder);
        factory.createCommunity(_config());
        vm.snapshotGasLastCall("community: create through the factory (execution only)");
    }

    /// @dev The same community as {_config}, the way the deploy script makes one: 15 transactions.
    function test_Gas_DeployOneByOne() public {
        CommunityFactory.CommunityConfig memory config = _config();
        uint256 total = 0;
        uint256 before = gasleft();
        TimelockController timelock = new TimelockController(config.timelockDelay, new address[](0), new address[](0), address(this));
        total += before - gasleft() + TRANSACTION;
        before = gasleft();
        CommunityToken token = new CommunityToken(config.tokenName, config.tokenSymbol, address(timelock), config.holders, config.amounts);
        total += before - gasleft() + TRANSACTION;
        before = gasleft();
        CommunityGovernor governor = new CommunityGovernor(
            config.name,
            token,
            timelock,
            CommunityGovernor.Settings(
                config.votingDelay,
                config.votingPeriod,
                config.proposalThreshold,
                config.quorumNumerator,
                config.lateQuorumExtension
            )
        );
        total += before - gasleft() + TRANSACTION;
        before = gasleft();
        PaymentPolicy policy = new PaymentPolicy(address(this), config.warnAt, config.blockAt, false);
        total += before - gasleft() + TRANSACTION;
        for (uint256 i = 0; i < config.tokenLimits.length; ++i) {
            before = gasleft();
            policy.setTokenLimits(
                config.tokenLimits[i].token,
                config.tokenLimits[i].maxSinglePayment,
                config.tokenLimits[i].dailyCap,
                config.tokenLimits[i].maxFirstPayment
            );
            total += before - gasleft() + TRANSACTION;
        }
        before = gasleft();
        policy.setMerchantStatus(config.merchants[0].merchant, config.merchants[0].status, config.merchants[0].note);
        policy.setOriginStatus(config.origins[0].name, config.origins[0].status, config.origins[0].note);
        policy.setDomainStatus(config.domains[0].name, config.domains[0].status, config.domains[0].note);
        policy.transferOwnership(address(timelock));
        total += before - gasleft() + 4 * TRANSACTION;
        before = gasleft();
        new Treasury(address(timelock), policy);
        timelock.grantRole(timelock.PROPOSER_ROLE(), address(governor));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(governor));
        timelock.grantRole(timelock.EXECUTOR_ROLE(), address(0));
        timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), address(this));
        total += before - gasleft() + 5 * TRANSACTION;
        vm.snapshotValue("community: deploy one by one (15 transactions, with intrinsic gas)", total);
    }

    /// @dev What clones would save at most: a clone pays a 45-byte proxy instead of each part's code
    /// deposit, but the same storage initialisation. Measures one clone and the five parts' code sizes.
    function test_Gas_CloneSavingsEstimate() public {
        vm.prank(founder);
        CommunityFactory.Community memory c = factory.createCommunity(_config());
        address[5] memory parts =
            [address(c.token), address(c.governor), address(c.timelock), address(c.treasury), address(c.policy)];
        uint256 deposit = 0;
        uint256 clones = 0;
        for (uint256 i = 0; i < parts.length; ++i) {
            deposit += parts[i].code.length * CODE_DEPOSIT_PER_BYTE;
            uint256 before = gasleft();
            Clones.clone(parts[i]);
            clones += before - gasleft();
        }
        vm.snapshotValue("community: code deposit of the five parts (what clones would not pay)", deposit);
        vm.snapshotValue("community: five ERC-1167 clones (what clones pay instead)", clones);
    }
}
