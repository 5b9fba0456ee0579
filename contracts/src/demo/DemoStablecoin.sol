// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/**
 * @dev A 6-decimal stablecoin for the LOCAL DEMO ONLY (symbol cgUSD). Its owner, the deployer, mints
 * freely; it is worth nothing and is never deployed by the production configuration.
 */
contract DemoStablecoin is ERC20, ERC20Permit, Ownable {
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
}
