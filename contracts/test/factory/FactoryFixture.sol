// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Test} from "forge-std/Test.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {CommunityGovernor} from "../../src/CommunityGovernor.sol";
import {CommunityToken} from "../../src/CommunityToken.sol";
import {PaymentPolicy} from "../../src/PaymentPolicy.sol";
import {Treasury} from "../../src/Treasury.sol";
import {IPaymentPolicy} from "../../src/interfaces/IPaymentPolicy.sol";
import {CommunityFactory} from "../../src/factory/CommunityFactory.sol";
import {deployCommunityFactory} from "../../script/CommunityFactoryDeployment.sol";

/// @dev A factory deployed as the deploy script deploys one, and a safe community config to start each test from.
abstract contract FactoryFixture is Test {
    CommunityFactory internal factory;
    address internal founder = makeAddr("founder");
    address internal member1 = makeAddr("member 1");
    address internal member2 = makeAddr("member 2");
    address internal member3 = makeAddr("member 3");
    address internal cgUsd = makeAddr("cgUSD");
    address internal bakery = makeAddr("bakery");

    function setUp() public virtual {
        // A real date: the treasury counts the daily cap in UTC days.
        vm.warp(1_750_000_000);
        factory = _newFactory();
    }

    function _newFactory() internal returns (CommunityFactory) {
        return deployCommunityFactory();
    }

    /// @dev Figures are execution gas plus the 21,000 intrinsic gas of each transaction.
    uint256 internal constant TRANSACTION = 21_000;

    /**
     * @dev The community of `config` deployed with `new`, the way the deploy script makes one, in what would
     * be 15 transactions, and the gas they take (execution plus intrinsic gas; calldata left out). This
     * contract is the timelock's temporary admin and holds no role when it returns.
     */
    function _deployOneByOne(CommunityFactory.CommunityConfig memory config)
        internal
        returns (CommunityFactory.Community memory c, uint256 total)
    {
        uint256 before = gasleft();
        TimelockController timelock =
            new TimelockController(config.timelockDelay, new address[](0), new address[](0), address(this));
        total += before - gasleft() + TRANSACTION;
        before = gasleft();
        CommunityToken token =
            new CommunityToken(config.tokenName, config.tokenSymbol, address(timelock), config.holders, config.amounts);
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
        PaymentPolicy policy =
            new PaymentPolicy(address(this), config.warnAt, config.blockAt, config.unlimitedApprovalsAllowed);
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
        Treasury treasury = new Treasury(address(timelock), policy);
        timelock.grantRole(timelock.PROPOSER_ROLE(), address(governor));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(governor));
        timelock.grantRole(timelock.EXECUTOR_ROLE(), address(0));
        timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), address(this));
        total += before - gasleft() + 5 * TRANSACTION;
        c = CommunityFactory.Community(token, governor, timelock, treasury, policy, address(this), uint64(block.timestamp));
    }

    /// @dev The implementation an ERC-1167 clone delegates to; fails the test if `clone` is not one.
    function _implementationOf(address clone) internal view returns (address implementation) {
        bytes memory code = clone.code;
        assertEq(code.length, 45, "an ERC-1167 clone is 45 bytes");
        assembly ("memory-safe") {
            // The address follows the 10-byte prefix: bytes 10 to 29 of the code.
            implementation := shr(96, mload(add(code, 42)))
        }
        bytes memory expected =
            abi.encodePacked(hex"363d3d373d3d3d363d73", implementation, hex"5af43d82803e903d91602b57fd5bf3");
        assertEq(code, expected, "the ERC-1167 proxy code");
    }

    /// @dev A small group: votes open after 1 day and last 3 days, changes wait 2 days.
    function _config() internal view returns (CommunityFactory.CommunityConfig memory config) {
        config.name = "Riverside Food Co-op";
        config.tokenName = "Riverside Votes";
        config.tokenSymbol = "RFC";
        config.holders = new address[](3);
        config.amounts = new uint256[](3);
        (config.holders[0], config.holders[1], config.holders[2]) = (member1, member2, member3);
        (config.amounts[0], config.amounts[1], config.amounts[2]) = (500e18, 300e18, 200e18);
        config.votingDelay = 1 days;
        config.votingPeriod = 3 days;
        config.proposalThreshold = 10e18;
        config.quorumNumerator = 20;
        config.lateQuorumExtension = 1 days;
        config.timelockDelay = 2 days;
        config.warnAt = 40;
        config.blockAt = 80;
        config.tokenLimits = new IPaymentPolicy.TokenLimits[](2);
        config.tokenLimits[0] = IPaymentPolicy.TokenLimits(cgUsd, 500e6, 1_000e6, 100e6);
        config.tokenLimits[1] = IPaymentPolicy.TokenLimits(address(0), 1 ether, 2 ether, 0.25 ether);
        config.merchants = new CommunityFactory.MerchantRule[](1);
        config.merchants[0] = CommunityFactory.MerchantRule(bakery, IPaymentPolicy.MerchantStatus.Trusted, "our bakery");
        config.origins = new CommunityFactory.SiteRule[](1);
        config.origins[0] =
            CommunityFactory.SiteRule("HTTPS://Shop.Riverside.Example/", IPaymentPolicy.MerchantStatus.Trusted, "our shop");
        config.domains = new CommunityFactory.SiteRule[](1);
        config.domains[0] =
            CommunityFactory.SiteRule("scam.example", IPaymentPolicy.MerchantStatus.Blocked, "reported by members");
    }
}
