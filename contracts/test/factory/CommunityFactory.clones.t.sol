// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {CommunityGovernor} from "../../src/CommunityGovernor.sol";
import {CommunityTimelock} from "../../src/CommunityTimelock.sol";
import {CommunityToken} from "../../src/CommunityToken.sol";
import {PaymentPolicy} from "../../src/PaymentPolicy.sol";
import {Treasury} from "../../src/Treasury.sol";
import {IPaymentPolicy} from "../../src/interfaces/IPaymentPolicy.sol";
import {DemoStablecoin} from "../../src/demo/DemoStablecoin.sol";
import {CommunityFactory} from "../../src/factory/CommunityFactory.sol";
import {FactoryFixture} from "./FactoryFixture.sol";

/// @dev The factory's clones: what they point to, that nobody can initialise a clone or an implementation
/// again, and that a clone behaves exactly like the same part made with `new`.
contract CommunityFactoryClonesTest is FactoryFixture {
    address internal attacker = makeAddr("attacker");

    function _create(CommunityFactory.CommunityConfig memory config) internal returns (CommunityFactory.Community memory) {
        vm.prank(founder);
        return factory.createCommunity(config);
    }

    function _parts(CommunityFactory.Community memory c) internal pure returns (address[5] memory) {
        return [address(c.timelock), address(c.token), address(c.governor), address(c.treasury), address(c.policy)];
    }

    /**
     * @dev Calls `initialize` on `part` (number `kind` in {_parts}' order) as `caller`, with settings that
     * would hand the part to `caller`, and expects {Initializable-InvalidInitialization}.
     */
    function _expectInitialiseRefused(address part, uint256 kind, address caller) internal {
        address[] memory accounts = new address[](1);
        accounts[0] = caller;
        uint256[] memory amounts = new uint256[](1);
        amounts[0] = 1_000_000e18;
        vm.prank(caller);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        if (kind == 0) {
            CommunityTimelock(payable(part)).initialize(0, accounts, accounts, caller);
        } else if (kind == 1) {
            CommunityToken(part).initialize("Taken", "TKN", caller, accounts, amounts);
        } else if (kind == 2) {
            CommunityGovernor(payable(part)).initialize(
                "Taken", IVotes(caller), caller, CommunityGovernor.Settings(1, 1, 0, 1, 0)
            );
        } else if (kind == 3) {
            Treasury(payable(part)).initialize(caller, IPaymentPolicy(caller));
        } else {
            PaymentPolicy(part).initialize(caller, 0, 1, true);
        }
    }

    function test_PartsAreClonesOfOneImplementationEach() public {
        address[5] memory first = _parts(_create(_config()));
        CommunityFactory.CommunityConfig memory config = _config();
        config.name = "Hill Street Tenants";
        address[5] memory second = _parts(_create(config));
        for (uint256 i = 0; i < first.length; ++i) {
            address implementation = _implementationOf(first[i]);
            assertEq(_implementationOf(second[i]), implementation, "both communities clone the same implementation");
            assertGt(implementation.code.length, 45, "the implementation holds the code");
        }
        assertEq(CommunityGovernor(payable(second[2])).name(), "Hill Street Tenants", "a clone has its own storage");
        assertEq(CommunityGovernor(payable(_implementationOf(second[2]))).name(), "CommonGuard implementation");
    }

    /// @dev Nobody can initialise a part of a community again: not a stranger, the founder, the factory,
    /// nor the community's own timelock.
    function test_RevertWhen_CloneInitialisedAgain() public {
        CommunityFactory.Community memory c = _create(_config());
        address[5] memory parts = _parts(c);
        address[4] memory callers = [attacker, founder, address(factory), address(c.timelock)];
        for (uint256 i = 0; i < parts.length; ++i) {
            for (uint256 k = 0; k < callers.length; ++k) {
                _expectInitialiseRefused(parts[i], i, callers[k]);
            }
        }
        assertEq(c.token.owner(), address(c.timelock), "token still the timelock's");
        assertEq(c.token.balanceOf(attacker), 0, "nothing minted");
        assertEq(c.governor.name(), "Riverside Food Co-op", "governor unchanged");
    }

    /// @dev The implementations were initialised when they were deployed: nobody can initialise one, and
    /// their inert timelock, which owns the others, can never be made to act.
    function test_ImplementationsCannotBeInitialisedOrTakenOver() public {
        address[5] memory parts = _parts(_create(_config()));
        address[5] memory implementations;
        for (uint256 i = 0; i < parts.length; ++i) {
            implementations[i] = _implementationOf(parts[i]);
            _expectInitialiseRefused(implementations[i], i, attacker);
        }
        CommunityTimelock timelock = CommunityTimelock(payable(implementations[0]));
        assertEq(CommunityToken(implementations[1]).owner(), address(timelock), "token");
        assertEq(CommunityGovernor(payable(implementations[2])).timelock(), address(timelock), "governor");
        assertEq(Treasury(payable(implementations[3])).owner(), address(timelock), "treasury");
        assertEq(PaymentPolicy(implementations[4]).owner(), address(timelock), "policy");
        assertEq(CommunityToken(implementations[1]).totalSupply(), 0, "no votes anywhere");
        assertFalse(timelock.hasRole(timelock.EXECUTOR_ROLE(), address(0)), "nobody may execute");
        address[3] memory others = [attacker, address(factory), implementations[2]];
        for (uint256 k = 0; k < others.length; ++k) {
            assertFalse(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), others[k]), "admin");
            assertFalse(timelock.hasRole(timelock.PROPOSER_ROLE(), others[k]), "proposer");
            assertFalse(timelock.hasRole(timelock.EXECUTOR_ROLE(), others[k]), "executor");
        }

        bytes memory mint = abi.encodeCall(CommunityToken.mint, (attacker, 1));
        vm.startPrank(attacker);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, attacker, timelock.PROPOSER_ROLE()
            )
        );
        timelock.schedule(implementations[1], 0, mint, bytes32(0), bytes32(0), 0);
        address[] memory targets = new address[](1);
        targets[0] = implementations[1];
        bytes[] memory calldatas = new bytes[](1);
        calldatas[0] = mint;
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInsufficientProposerVotes.selector, attacker, 0, 1));
        CommunityGovernor(payable(implementations[2])).propose(targets, new uint256[](1), calldatas, "take over");
        vm.stopPrank();
    }

    /// @dev A part deployed with `new` is initialised by its constructor, once.
    function test_RevertWhen_NewPartInitialisedAgain() public {
        (CommunityFactory.Community memory c,) = _deployOneByOne(_config());
        CommunityTimelock timelock = new CommunityTimelock(1 days, new address[](0), new address[](0), address(0));
        address[5] memory parts = _parts(c);
        parts[0] = address(timelock);
        for (uint256 i = 0; i < parts.length; ++i) {
            _expectInitialiseRefused(parts[i], i, attacker);
        }
    }

    function test_RevertWhen_ImplementationHasNoCode() public {
        address[5] memory parts = _parts(_create(_config()));
        CommunityFactory.Implementations memory implementations = CommunityFactory.Implementations({
            timelock: CommunityTimelock(payable(_implementationOf(parts[0]))),
            token: CommunityToken(_implementationOf(parts[1])),
            governor: CommunityGovernor(payable(_implementationOf(parts[2]))),
            treasury: Treasury(payable(address(0xBEEF))),
            policy: PaymentPolicy(_implementationOf(parts[4]))
        });
        vm.expectRevert(
            abi.encodeWithSelector(CommunityFactory.CommunityFactoryInvalidImplementation.selector, address(0xBEEF))
        );
        new CommunityFactory(implementations);
    }

    /**
     * @dev The same treasurer payouts and policy changes, on a community the factory cloned and on the same
     * community made with `new`, succeed or fail identically (same revert data) and leave the same state.
     */
    function test_CloneBehavesLikeNew() public {
        DemoStablecoin usd = new DemoStablecoin(address(this));
        CommunityFactory.CommunityConfig memory config = _config();
        config.tokenLimits[0].token = address(usd);
        CommunityFactory.Community memory cloned = _create(config);
        (CommunityFactory.Community memory made,) = _deployOneByOne(config);
        address treasurer = makeAddr("treasurer");
        address newcomer = makeAddr("newcomer");
        CommunityFactory.Community[2] memory both = [cloned, made];
        for (uint256 k = 0; k < 2; ++k) {
            usd.mint(address(both[k].treasury), 5_000e6);
            vm.prank(address(both[k].timelock));
            both[k].treasury.setBudget(treasurer, address(usd), 2_000e6, 30 days);
        }

        // Within every limit; above the first-payment cap; above the max single payment; to a blocked
        // merchant (after a vote blocks it); over the daily cap; and a policy change by vote.
        bytes[7] memory calls = [
            abi.encodeCall(Treasury.payout, (address(usd), newcomer, 60e6, "first")),
            abi.encodeCall(Treasury.payout, (address(usd), newcomer, 50e6, "too much for a newcomer")),
            abi.encodeCall(Treasury.payout, (address(usd), bakery, 501e6, "above the max single payment")),
            abi.encodeCall(PaymentPolicy.setMerchantStatus, (bakery, IPaymentPolicy.MerchantStatus.Blocked, "closed")),
            abi.encodeCall(Treasury.payout, (address(usd), bakery, 10e6, "blocked")),
            abi.encodeCall(Treasury.payout, (address(usd), attacker, 100e6, "allowed")),
            abi.encodeCall(PaymentPolicy.setTokenLimits, (address(usd), 1_000e6, 150e6, 0))
        ];
        bool[7] memory byVote = [false, false, false, true, false, false, true];
        uint256 refusals = 0;
        for (uint256 i = 0; i < calls.length; ++i) {
            bool[2] memory ok;
            bytes[2] memory answers;
            for (uint256 k = 0; k < 2; ++k) {
                address target = byVote[i] ? address(both[k].policy) : address(both[k].treasury);
                vm.prank(byVote[i] ? address(both[k].timelock) : treasurer);
                (ok[k], answers[k]) = target.call(calls[i]);
            }
            assertEq(ok[0], ok[1], "same outcome");
            assertEq(answers[0], answers[1], "same answer or revert data");
            if (!ok[0]) ++refusals;
        }
        assertEq(refusals, 3, "the three payouts the rules refuse");
        for (uint256 k = 0; k < 2; ++k) {
            vm.prank(treasurer);
            vm.expectRevert(
                abi.encodeWithSelector(
                    IPaymentPolicy.PaymentPolicyDailyCapExceeded.selector, address(usd), 160e6, 10e6, 150e6, 20e6
                )
            );
            both[k].treasury.payout(address(usd), attacker, 10e6, "over the new daily cap");
        }
        assertEq(abi.encode(cloned.policy.snapshot()), abi.encode(made.policy.snapshot()), "same rules");
        assertEq(
            abi.encode(cloned.treasury.budget(treasurer, address(usd))),
            abi.encode(made.treasury.budget(treasurer, address(usd))),
            "same budget"
        );
        assertEq(usd.balanceOf(address(cloned.treasury)), usd.balanceOf(address(made.treasury)), "same balance");
        assertEq(usd.balanceOf(newcomer), 120e6, "both paid the newcomer once");
    }
}
