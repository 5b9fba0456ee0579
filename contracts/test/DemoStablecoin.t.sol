// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {DemoStablecoin} from "../src/demo/DemoStablecoin.sol";
import {SystemFixture} from "./utils/SystemFixture.sol";

contract DemoStablecoinTest is SystemFixture {
    function test_SetUpState() public view {
        assertEq(usd.name(), "CommonGuard Demo Dollar", "name");
        assertEq(usd.symbol(), "cgUSD", "symbol");
        assertEq(usd.decimals(), 6, "decimals");
        assertEq(usd.owner(), deployer, "owned by the deployer");
        assertEq(usd.totalSupply(), 0, "no supply");
    }

    function test_Mint() public {
        vm.expectEmit();
        emit IERC20.Transfer(address(0), member1, 2_000e6);
        usd.mint(member1, 2_000e6);
        assertEq(usd.balanceOf(member1), 2_000e6, "minted");
    }

    function test_RevertWhen_MintCallerNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, member1));
        vm.prank(member1);
        usd.mint(member1, 1);
    }

    // ---------------------------------------------------------------- EIP-3009

    bytes32 private constant TYPE_HASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    uint256 private payerKey = 0xA11CE;
    address private payer = vm.addr(payerKey);
    address private payee = makeAddr("payee");
    bytes32 private nonce = keccak256("x402 newsletter, issue 12");

    struct Authorization {
        bytes32 typehash;
        address from;
        address to;
        uint256 value;
        uint256 validAfter;
        uint256 validBefore;
        bytes32 nonce;
    }

    function _domainSeparator() private view returns (bytes32) {
        // Built from the EIP-712 rules, not from the token's own helper, so a wrong domain would show.
        return keccak256(
            abi.encode(TYPE_HASH, keccak256("CommonGuard Demo Dollar"), keccak256("1"), block.chainid, address(usd))
        );
    }

    function _authorization(bytes32 typehash) private view returns (Authorization memory) {
        return Authorization(typehash, payer, payee, 50_000, block.timestamp - 1, block.timestamp + 300, nonce);
    }

    function _sign(uint256 key, Authorization memory a) private view returns (uint8 v, bytes32 r, bytes32 s) {
        bytes32 structHash =
            keccak256(abi.encode(a.typehash, a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce));
        return vm.sign(key, keccak256(abi.encodePacked("\x19\x01", _domainSeparator(), structHash)));
    }

    function _transfer(Authorization memory a, uint8 v, bytes32 r, bytes32 s) private {
        usd.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
    }

    function _fundPayer() private {
        usd.mint(payer, 1_000_000);
    }

    function test_TypehashesAreEip3009s() public view {
        assertEq(
            usd.TRANSFER_WITH_AUTHORIZATION_TYPEHASH(),
            0x7c7c6cdb67a18743f49ec6fa9b35f50d52ed05cbed4cc592e13b44501c1a2267,
            "USDC's TransferWithAuthorization typehash"
        );
        assertEq(
            usd.RECEIVE_WITH_AUTHORIZATION_TYPEHASH(),
            0xd099cc98ef71107a616c4f0f941f04c322d8e254fe26b3c6668db87aae413de8,
            "USDC's ReceiveWithAuthorization typehash"
        );
        assertEq(
            usd.CANCEL_AUTHORIZATION_TYPEHASH(),
            0x158b0a9edf7a828aad02f63cd515c68ef2f50ba807396f6d12842833a1597429,
            "USDC's CancelAuthorization typehash"
        );
        assertEq(usd.DOMAIN_SEPARATOR(), _domainSeparator(), "the permit's domain");
    }

    function test_TransferWithAuthorization_SubmittedByAnyone() public {
        _fundPayer();
        Authorization memory a = _authorization(usd.TRANSFER_WITH_AUTHORIZATION_TYPEHASH());
        (uint8 v, bytes32 r, bytes32 s) = _sign(payerKey, a);
        assertFalse(usd.authorizationState(payer, nonce), "unused");
        vm.expectEmit();
        emit DemoStablecoin.AuthorizationUsed(payer, nonce);
        vm.expectEmit();
        emit IERC20.Transfer(payer, payee, 50_000);
        vm.prank(stranger);
        _transfer(a, v, r, s);
        assertEq(usd.balanceOf(payee), 50_000, "paid");
        assertEq(usd.balanceOf(payer), 950_000, "debited");
        assertTrue(usd.authorizationState(payer, nonce), "used");
    }

    function test_TransferWithAuthorization_BytesSignature() public {
        _fundPayer();
        Authorization memory a = _authorization(usd.TRANSFER_WITH_AUTHORIZATION_TYPEHASH());
        (uint8 v, bytes32 r, bytes32 s) = _sign(payerKey, a);
        usd.transferWithAuthorization(
            a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, abi.encodePacked(r, s, v)
        );
        assertEq(usd.balanceOf(payee), 50_000, "paid");
    }

    function test_RevertWhen_TransferWithAuthorizationReplayed() public {
        _fundPayer();
        Authorization memory a = _authorization(usd.TRANSFER_WITH_AUTHORIZATION_TYPEHASH());
        (uint8 v, bytes32 r, bytes32 s) = _sign(payerKey, a);
        _transfer(a, v, r, s);
        vm.expectRevert(
            abi.encodeWithSelector(DemoStablecoin.DemoStablecoinAuthorizationUsedOrCanceled.selector, payer, nonce)
        );
        _transfer(a, v, r, s);
        assertEq(usd.balanceOf(payee), 50_000, "paid once");
    }

    function test_RevertWhen_TransferWithAuthorizationExpired() public {
        _fundPayer();
        Authorization memory a = _authorization(usd.TRANSFER_WITH_AUTHORIZATION_TYPEHASH());
        (uint8 v, bytes32 r, bytes32 s) = _sign(payerKey, a);
        vm.warp(a.validBefore);
        vm.expectRevert(
            abi.encodeWithSelector(
                DemoStablecoin.DemoStablecoinAuthorizationExpired.selector, a.validBefore, a.validBefore
            )
        );
        _transfer(a, v, r, s);
    }

    function test_RevertWhen_TransferWithAuthorizationNotYetValid() public {
        _fundPayer();
        Authorization memory a = _authorization(usd.TRANSFER_WITH_AUTHORIZATION_TYPEHASH());
        a.validAfter = block.timestamp;
        (uint8 v, bytes32 r, bytes32 s) = _sign(payerKey, a);
        vm.expectRevert(
            abi.encodeWithSelector(
                DemoStablecoin.DemoStablecoinAuthorizationNotYetValid.selector, block.timestamp, block.timestamp
            )
        );
        _transfer(a, v, r, s);
        // One second later it is valid.
        vm.warp(block.timestamp + 1);
        _transfer(a, v, r, s);
        assertEq(usd.balanceOf(payee), 50_000, "paid once valid");
    }

    function test_RevertWhen_TransferWithAuthorizationWrongSigner() public {
        _fundPayer();
        Authorization memory a = _authorization(usd.TRANSFER_WITH_AUTHORIZATION_TYPEHASH());
        (uint8 v, bytes32 r, bytes32 s) = _sign(0xB0B, a);
        vm.expectRevert(abi.encodeWithSelector(DemoStablecoin.DemoStablecoinInvalidSignature.selector, payer));
        _transfer(a, v, r, s);
        assertEq(usd.balanceOf(payer), 1_000_000, "nothing moved");
    }

    function test_RevertWhen_TransferWithAuthorizationAltered() public {
        _fundPayer();
        Authorization memory a = _authorization(usd.TRANSFER_WITH_AUTHORIZATION_TYPEHASH());
        (uint8 v, bytes32 r, bytes32 s) = _sign(payerKey, a);
        a.value = 500_000;
        vm.expectRevert(abi.encodeWithSelector(DemoStablecoin.DemoStablecoinInvalidSignature.selector, payer));
        _transfer(a, v, r, s);
    }

    /// @dev A receive authorisation is no transfer authorisation: the typehash is part of what is signed.
    function test_RevertWhen_ReceiveAuthorizationSubmittedAsTransfer() public {
        _fundPayer();
        Authorization memory a = _authorization(usd.RECEIVE_WITH_AUTHORIZATION_TYPEHASH());
        (uint8 v, bytes32 r, bytes32 s) = _sign(payerKey, a);
        vm.expectRevert(abi.encodeWithSelector(DemoStablecoin.DemoStablecoinInvalidSignature.selector, payer));
        _transfer(a, v, r, s);
    }

    function test_RevertWhen_TransferWithAuthorizationCancelled() public {
        _fundPayer();
        Authorization memory a = _authorization(usd.TRANSFER_WITH_AUTHORIZATION_TYPEHASH());
        (uint8 v, bytes32 r, bytes32 s) = _sign(payerKey, a);
        bytes32 cancelHash = keccak256(abi.encode(usd.CANCEL_AUTHORIZATION_TYPEHASH(), payer, nonce));
        (uint8 cv, bytes32 cr, bytes32 cs) =
            vm.sign(payerKey, keccak256(abi.encodePacked("\x19\x01", _domainSeparator(), cancelHash)));
        vm.expectEmit();
        emit DemoStablecoin.AuthorizationCanceled(payer, nonce);
        vm.prank(stranger);
        usd.cancelAuthorization(payer, nonce, cv, cr, cs);
        assertTrue(usd.authorizationState(payer, nonce), "cancelled");

        vm.expectRevert(
            abi.encodeWithSelector(DemoStablecoin.DemoStablecoinAuthorizationUsedOrCanceled.selector, payer, nonce)
        );
        _transfer(a, v, r, s);
        vm.expectRevert(
            abi.encodeWithSelector(DemoStablecoin.DemoStablecoinAuthorizationUsedOrCanceled.selector, payer, nonce)
        );
        usd.cancelAuthorization(payer, nonce, cv, cr, cs);
    }

    function test_RevertWhen_CancelAuthorizationWrongSigner() public {
        bytes32 cancelHash = keccak256(abi.encode(usd.CANCEL_AUTHORIZATION_TYPEHASH(), payer, nonce));
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(0xB0B, keccak256(abi.encodePacked("\x19\x01", _domainSeparator(), cancelHash)));
        vm.expectRevert(abi.encodeWithSelector(DemoStablecoin.DemoStablecoinInvalidSignature.selector, payer));
        usd.cancelAuthorization(payer, nonce, v, r, s);
        assertFalse(usd.authorizationState(payer, nonce), "still usable");
    }

    function test_ReceiveWithAuthorization_ByThePayee() public {
        _fundPayer();
        Authorization memory a = _authorization(usd.RECEIVE_WITH_AUTHORIZATION_TYPEHASH());
        (uint8 v, bytes32 r, bytes32 s) = _sign(payerKey, a);
        vm.expectEmit();
        emit DemoStablecoin.AuthorizationUsed(payer, nonce);
        vm.prank(payee);
        usd.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        assertEq(usd.balanceOf(payee), 50_000, "paid");
    }

    function test_RevertWhen_ReceiveWithAuthorizationNotByThePayee() public {
        _fundPayer();
        Authorization memory a = _authorization(usd.RECEIVE_WITH_AUTHORIZATION_TYPEHASH());
        (uint8 v, bytes32 r, bytes32 s) = _sign(payerKey, a);
        address[2] memory others = [stranger, payer];
        for (uint256 i = 0; i < others.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(DemoStablecoin.DemoStablecoinCallerNotPayee.selector, others[i], payee)
            );
            vm.prank(others[i]);
            usd.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        }
        assertFalse(usd.authorizationState(payer, nonce), "still unused");
    }

    function test_RevertWhen_TransferWithAuthorizationAboveBalance() public {
        Authorization memory a = _authorization(usd.TRANSFER_WITH_AUTHORIZATION_TYPEHASH());
        (uint8 v, bytes32 r, bytes32 s) = _sign(payerKey, a);
        vm.expectRevert(abi.encodeWithSignature("ERC20InsufficientBalance(address,uint256,uint256)", payer, 0, 50_000));
        _transfer(a, v, r, s);
        assertFalse(usd.authorizationState(payer, nonce), "a failed transfer leaves the nonce unused");
    }
}
