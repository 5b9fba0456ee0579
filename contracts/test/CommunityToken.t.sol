// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {CommunityToken} from "../src/CommunityToken.sol";
import {SystemFixture} from "./utils/SystemFixture.sol";

contract CommunityTokenTest is SystemFixture {
    bytes32 private constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    function test_SetUpState() public view {
        assertEq(token.name(), config.tokenName, "name");
        assertEq(token.symbol(), config.tokenSymbol, "symbol");
        assertEq(token.decimals(), 18, "decimals");
        assertEq(token.owner(), address(timelock), "owner");
        uint256 supply = 0;
        for (uint256 i = 0; i < config.holders.length; ++i) {
            assertEq(token.balanceOf(config.holders[i]), config.amounts[i], "allocation");
            assertEq(token.delegates(config.holders[i]), config.holders[i], "self-delegated");
            assertEq(token.getVotes(config.holders[i]), config.amounts[i], "votes");
            supply += config.amounts[i];
        }
        assertEq(token.totalSupply(), supply, "supply");
        assertEq(token.balanceOf(deployer), 0, "deployer holds nothing");
    }

    // ---------------------------------------------------------------- constructor

    function test_Constructor_EmitsTransferPerHolder() public {
        address[] memory holders = new address[](2);
        uint256[] memory amounts = new uint256[](2);
        (holders[0], holders[1]) = (member1, member2);
        (amounts[0], amounts[1]) = (5, 7);
        vm.expectEmit();
        emit IERC20.Transfer(address(0), member1, 5);
        vm.expectEmit();
        emit IERC20.Transfer(address(0), member2, 7);
        CommunityToken fresh = new CommunityToken("T", "T", address(timelock), holders, amounts);
        assertEq(fresh.totalSupply(), 12, "supply");
    }

    function test_RevertWhen_ConstructedWithMismatchedAllocation() public {
        address[] memory holders = new address[](2);
        uint256[] memory amounts = new uint256[](1);
        vm.expectRevert(abi.encodeWithSelector(CommunityToken.CommunityTokenInvalidAllocation.selector, 2, 1));
        new CommunityToken("T", "T", address(timelock), holders, amounts);
    }

    // ---------------------------------------------------------------- mint

    function test_Mint() public {
        vm.expectEmit();
        emit IERC20.Transfer(address(0), stranger, 1e18);
        vm.prank(address(timelock));
        token.mint(stranger, 1e18);
        assertEq(token.balanceOf(stranger), 1e18, "minted");
    }

    function test_Mint_MovesVotesOfDelegate() public {
        vm.prank(stranger);
        token.delegate(member3);
        vm.prank(address(timelock));
        token.mint(stranger, 1e18);
        assertEq(token.getVotes(member3), config.amounts[2] + 1e18, "delegate gained");
    }

    function test_RevertWhen_MintCallerNotTimelock() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, member1));
        vm.prank(member1);
        token.mint(member1, 1);
    }

    // ---------------------------------------------------------------- ownership

    function test_RevertWhen_RenounceOwnership() public {
        vm.prank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(CommunityToken.CommunityTokenRenounceOwnershipDisabled.selector));
        token.renounceOwnership();
        assertEq(token.owner(), address(timelock), "still owned by the timelock");
    }

    function test_RevertWhen_RenounceOwnershipNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        token.renounceOwnership();
    }

    function test_RevertWhen_MintAboveSafeSupply() public {
        uint256 cap = type(uint208).max;
        uint256 amount = cap - token.totalSupply() + 1;
        vm.expectRevert(abi.encodeWithSelector(ERC20Votes.ERC20ExceededSafeSupply.selector, cap + 1, cap));
        vm.prank(address(timelock));
        token.mint(stranger, amount);
    }

    // ---------------------------------------------------------------- clock

    function test_Clock_IsTimestamp() public {
        vm.warp(1_700_000_000);
        assertEq(token.clock(), 1_700_000_000, "clock");
        assertEq(token.CLOCK_MODE(), "mode=timestamp", "mode");
    }

    function test_GetPastVotes_ByTimestamp() public {
        uint256 before = block.timestamp;
        vm.warp(before + 100);
        vm.prank(member1);
        assertTrue(token.transfer(member2, 1_000e18), "transfer");
        vm.warp(before + 200);
        assertEq(token.getPastVotes(member1, before + 99), config.amounts[0], "before the transfer");
        assertEq(token.getPastVotes(member1, before + 100), config.amounts[0] - 1_000e18, "after the transfer");
        assertEq(token.getPastVotes(member2, before + 150), config.amounts[1] + 1_000e18, "receiver");
    }

    // ---------------------------------------------------------------- delegation

    function test_Delegate_EmitsEvents() public {
        vm.expectEmit();
        emit IVotes.DelegateChanged(member4, member4, member1);
        vm.expectEmit();
        emit IVotes.DelegateVotesChanged(member4, config.amounts[3], 0);
        vm.expectEmit();
        emit IVotes.DelegateVotesChanged(member1, config.amounts[0], config.amounts[0] + config.amounts[3]);
        vm.prank(member4);
        token.delegate(member1);
    }

    function test_Transfer_WithoutDelegationCarriesNoVotes() public {
        vm.prank(member1);
        assertTrue(token.transfer(stranger, 10e18), "transfer");
        assertEq(token.getVotes(stranger), 0, "undelegated");
        assertEq(token.getVotes(member1), config.amounts[0] - 10e18, "sender lost votes");
    }

    // ---------------------------------------------------------------- permit

    function test_Permit() public {
        (address owner, uint256 key) = makeAddrAndKey("permit owner");
        vm.prank(address(timelock));
        token.mint(owner, 10e18);
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, stranger, 3e18, 0, deadline));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);

        token.permit(owner, stranger, 3e18, deadline, v, r, s);
        assertEq(token.allowance(owner, stranger), 3e18, "allowance");
        assertEq(token.nonces(owner), 1, "nonce used");
    }

    function test_RevertWhen_PermitExpired() public {
        (address owner, uint256 key) = makeAddrAndKey("permit owner");
        uint256 deadline = block.timestamp - 1;
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, stranger, 1, 0, deadline));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612ExpiredSignature.selector, deadline));
        token.permit(owner, stranger, 1, deadline, v, r, s);
    }

    function test_Nonces_SharedByPermitAndDelegateBySig() public {
        (address owner, uint256 key) = makeAddrAndKey("signer");
        uint256 expiry = block.timestamp + 1 hours;
        bytes32 delegation = keccak256(
            abi.encode(keccak256("Delegation(address delegatee,uint256 nonce,uint256 expiry)"), member2, 0, expiry)
        );
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(key, keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), delegation)));
        token.delegateBySig(member2, 0, expiry, v, r, s);
        assertEq(token.delegates(owner), member2, "delegated by signature");
        assertEq(token.nonces(owner), 1, "one nonce for both");

        // A permit signed with the nonce the delegation used recovers to another signer.
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, stranger, 1, 0, expiry));
        (v, r, s) = vm.sign(key, keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash)));
        bytes32 expectedHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, stranger, 1, 1, expiry));
        address recovered =
            ecrecover(keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), expectedHash)), v, r, s);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, recovered, owner));
        token.permit(owner, stranger, 1, expiry, v, r, s);
    }
}
