// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

/**
 * @dev A 6-decimal stablecoin for the LOCAL DEMO ONLY (symbol cgUSD). Its owner, the deployer, mints
 * freely; it is worth nothing and is never deployed by the production configuration.
 *
 * Besides EIP-2612 permits it can be paid by signature as USDC is, with EIP-3009: the payer signs a
 * `TransferWithAuthorization` (anyone may submit it, as x402's `exact` scheme does through a facilitator)
 * or a `ReceiveWithAuthorization` (only the payee may submit it, so a watcher of the mempool cannot
 * front-run the payee's own call). Each authorisation carries a random 32-byte nonce, usable once; the
 * payer can cancel an unused one with a signed `CancelAuthorization`. Permits and authorisations share
 * the token's EIP-712 domain (name, version "1", chain id, this contract).
 *
 * Signatures are checked with {SignatureChecker}: an EOA's ECDSA signature, or an ERC-1271 answer from a
 * contract wallet, as USDC v2.2 accepts. Each function exists with `(v, r, s)` and with a `bytes`
 * signature, as in USDC.
 */
contract DemoStablecoin is ERC20, ERC20Permit, Ownable {
    /// @dev `keccak256("TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)")`
    bytes32 public constant TRANSFER_WITH_AUTHORIZATION_TYPEHASH = keccak256(
        "TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );

    /// @dev `keccak256("ReceiveWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)")`
    bytes32 public constant RECEIVE_WITH_AUTHORIZATION_TYPEHASH = keccak256(
        "ReceiveWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );

    /// @dev `keccak256("CancelAuthorization(address authorizer,bytes32 nonce)")`
    bytes32 public constant CANCEL_AUTHORIZATION_TYPEHASH = keccak256("CancelAuthorization(address authorizer,bytes32 nonce)");

    mapping(address authorizer => mapping(bytes32 nonce => bool usedOrCanceled)) private _authorizations;

    /// @dev An authorisation with `nonce` was used to move tokens from `authorizer`.
    event AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce);

    /// @dev `authorizer` cancelled its authorisation with `nonce`; it can never be used.
    event AuthorizationCanceled(address indexed authorizer, bytes32 indexed nonce);

    /// @dev The authorisation with `nonce` was already used or cancelled.
    error DemoStablecoinAuthorizationUsedOrCanceled(address authorizer, bytes32 nonce);

    /// @dev The authorisation is valid only after `validAfter`; the block's time is `blockTime`.
    error DemoStablecoinAuthorizationNotYetValid(uint256 validAfter, uint256 blockTime);

    /// @dev The authorisation was valid only before `validBefore`; the block's time is `blockTime`.
    error DemoStablecoinAuthorizationExpired(uint256 validBefore, uint256 blockTime);

    /// @dev The signature is not `authorizer`'s over this authorisation.
    error DemoStablecoinInvalidSignature(address authorizer);

    /// @dev A receive authorisation submitted by `caller`, not by its payee.
    error DemoStablecoinCallerNotPayee(address caller, address payee);

    /// @dev `owner_` (the deployer) is the only account that can mint.
    constructor(address owner_) ERC20("CommonGuard Demo Dollar", "cgUSD") ERC20Permit("CommonGuard Demo Dollar") Ownable(owner_) {}

    /// @dev Six decimals, like most dollar stablecoins.
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @dev Mints `amount` to `to`. Only the owner. Emits a {IERC20-Transfer} event.
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }

    // ---------------------------------------------------------------- EIP-3009

    /**
     * @dev Moves `value` from `from` to `to` with `from`'s signed `TransferWithAuthorization`, valid
     * strictly after `validAfter` and strictly before `validBefore`. Anyone may submit it.
     * Emits an {AuthorizationUsed} and a {IERC20-Transfer} event.
     */
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes memory signature
    ) public {
        _useAuthorization(TRANSFER_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce, signature);
        _transfer(from, to, value);
    }

    /// @dev {transferWithAuthorization} with the signature split into `v`, `r` and `s`.
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        transferWithAuthorization(from, to, value, validAfter, validBefore, nonce, abi.encodePacked(r, s, v));
    }

    /**
     * @dev As {transferWithAuthorization} for a signed `ReceiveWithAuthorization`, which only the payee
     * `to` may submit ({DemoStablecoinCallerNotPayee} for anyone else).
     * Emits an {AuthorizationUsed} and a {IERC20-Transfer} event.
     */
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes memory signature
    ) public {
        if (to != _msgSender()) revert DemoStablecoinCallerNotPayee(_msgSender(), to);
        _useAuthorization(RECEIVE_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce, signature);
        _transfer(from, to, value);
    }

    /// @dev {receiveWithAuthorization} with the signature split into `v`, `r` and `s`.
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        receiveWithAuthorization(from, to, value, validAfter, validBefore, nonce, abi.encodePacked(r, s, v));
    }

    /**
     * @dev Cancels `authorizer`'s unused authorisation with `nonce`, with `authorizer`'s signed
     * `CancelAuthorization`. Anyone may submit it. Emits an {AuthorizationCanceled} event.
     */
    function cancelAuthorization(address authorizer, bytes32 nonce, bytes memory signature) public {
        _requireUnused(authorizer, nonce);
        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(CANCEL_AUTHORIZATION_TYPEHASH, authorizer, nonce)));
        if (!SignatureChecker.isValidSignatureNow(authorizer, digest, signature)) {
            revert DemoStablecoinInvalidSignature(authorizer);
        }
        _authorizations[authorizer][nonce] = true;
        emit AuthorizationCanceled(authorizer, nonce);
    }

    /// @dev {cancelAuthorization} with the signature split into `v`, `r` and `s`.
    function cancelAuthorization(address authorizer, bytes32 nonce, uint8 v, bytes32 r, bytes32 s) external {
        cancelAuthorization(authorizer, nonce, abi.encodePacked(r, s, v));
    }

    /// @dev Whether `authorizer`'s authorisation with `nonce` was used or cancelled.
    function authorizationState(address authorizer, bytes32 nonce) external view returns (bool) {
        return _authorizations[authorizer][nonce];
    }

    /// @dev Checks the time window, the nonce and the signature, then marks the nonce used.
    function _useAuthorization(
        bytes32 typehash,
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes memory signature
    ) private {
        if (block.timestamp <= validAfter) revert DemoStablecoinAuthorizationNotYetValid(validAfter, block.timestamp);
        if (block.timestamp >= validBefore) revert DemoStablecoinAuthorizationExpired(validBefore, block.timestamp);
        _requireUnused(from, nonce);
        bytes32 digest =
            _hashTypedDataV4(keccak256(abi.encode(typehash, from, to, value, validAfter, validBefore, nonce)));
        if (!SignatureChecker.isValidSignatureNow(from, digest, signature)) revert DemoStablecoinInvalidSignature(from);
        _authorizations[from][nonce] = true;
        emit AuthorizationUsed(from, nonce);
    }

    function _requireUnused(address authorizer, bytes32 nonce) private view {
        if (_authorizations[authorizer][nonce]) revert DemoStablecoinAuthorizationUsedOrCanceled(authorizer, nonce);
    }
}
