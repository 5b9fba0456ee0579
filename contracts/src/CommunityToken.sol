// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {ERC20Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/ERC20Upgradeable.sol";
import {ERC20PermitUpgradeable} from
    "@openzeppelin/contracts-upgradeable/token/ERC20/extensions/ERC20PermitUpgradeable.sol";
import {ERC20VotesUpgradeable} from
    "@openzeppelin/contracts-upgradeable/token/ERC20/extensions/ERC20VotesUpgradeable.sol";
import {NoncesUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/NoncesUpgradeable.sol";

/**
 * @dev The community's governance token: ERC-20 with EIP-2612 permits and ERC20Votes delegation,
 * on a timestamp clock (ERC-6372 `mode=timestamp`), so voting delays and periods are in seconds.
 *
 * The initial supply goes to the holders named at deployment; after that only the owner (the
 * governance timelock) can mint, through {mint}.
 *
 * Ownership cannot be renounced ({renounceOwnership} reverts): a token without an owner could never
 * mint again, so no vote could ever add a member.
 *
 * NOTE: As with any ERC20Votes token, balances carry no voting power until the holder delegates
 * (to itself or to someone else).
 *
 * Built on OpenZeppelin's upgradeable variants so that the {CommunityFactory} can create it as an
 * ERC-1167 clone: the constructor initialises a token deployed with `new`, {initialize} initialises a
 * clone, and either can happen only once (a deployed token is initialised by its constructor, so
 * {initialize} always reverts on it). A clone cannot be upgraded: it always runs the code it was cloned
 * from.
 */
contract CommunityToken is
    Initializable,
    ERC20Upgradeable,
    ERC20PermitUpgradeable,
    ERC20VotesUpgradeable,
    OwnableUpgradeable
{
    /// @dev `holders` and `amounts` differ in length.
    error CommunityTokenInvalidAllocation(uint256 holders, uint256 amounts);

    /// @dev Renouncing ownership would leave the token with no owner: no vote could ever mint again.
    error CommunityTokenRenounceOwnershipDisabled();

    /**
     * @dev Mints the initial allocation and hands minting to `timelock`.
     * Emits a {IERC20-Transfer} event per holder.
     */
    constructor(
        string memory name_,
        string memory symbol_,
        address timelock,
        address[] memory holders,
        uint256[] memory amounts
    ) initializer {
        _initialize(name_, symbol_, timelock, holders, amounts);
    }

    /**
     * @dev Initialises a clone exactly as the constructor initialises a new token. Reverts with
     * {Initializable-InvalidInitialization} if the token was already initialised.
     */
    function initialize(
        string memory name_,
        string memory symbol_,
        address timelock,
        address[] memory holders,
        uint256[] memory amounts
    ) external initializer {
        _initialize(name_, symbol_, timelock, holders, amounts);
    }

    /**
     * @dev Mints `amount` new tokens to `to`. Only the owner (the timelock).
     * Emits a {IERC20-Transfer} event.
     */
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }

    /**
     * @dev Always reverts for the owner (and with {Ownable-OwnableUnauthorizedAccount} for anyone else):
     * the token keeps its owner, the timelock, for as long as it exists.
     */
    function renounceOwnership() public view override onlyOwner {
        revert CommunityTokenRenounceOwnershipDisabled();
    }

    /// @dev Timestamps, not block numbers: proposals are timed in seconds on every chain.
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @dev See {IERC6372-CLOCK_MODE}.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @dev Both ERC20Permit and Nonces define `nonces`; they share one counter.
    function nonces(address owner) public view override(ERC20PermitUpgradeable, NoncesUpgradeable) returns (uint256) {
        return super.nonces(owner);
    }

    /// @dev ERC20Votes moves voting power along with every transfer, mint and burn.
    function _update(address from, address to, uint256 value)
        internal
        override(ERC20Upgradeable, ERC20VotesUpgradeable)
    {
        super._update(from, to, value);
    }

    /// @dev The one initialisation, shared by the constructor and {initialize}.
    function _initialize(
        string memory name_,
        string memory symbol_,
        address timelock,
        address[] memory holders,
        uint256[] memory amounts
    ) private {
        __ERC20_init(name_, symbol_);
        __ERC20Permit_init(name_);
        __ERC20Votes_init();
        __Ownable_init(timelock);
        if (holders.length != amounts.length) revert CommunityTokenInvalidAllocation(holders.length, amounts.length);
        for (uint256 i = 0; i < holders.length; ++i) {
            _mint(holders[i], amounts[i]);
        }
    }
}
