// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/**
 * @dev Test-only copy of the token an address poisoner deploys: it borrows a real token's symbol and
 * decimals, holds no balances, and emits {Transfer} events between any two addresses for any amount, so that
 * a look-alike address shows in the victim's transfers as if the victim had paid it. Used by the wallet's
 * tests of its poisoning checks; it holds nothing of value.
 */
contract CopycatToken {
    event Transfer(address indexed from, address indexed to, uint256 value);

    string private _symbol;
    uint8 private immutable _decimals;

    constructor(string memory symbol_, uint8 decimals_) {
        _symbol = symbol_;
        _decimals = decimals_;
    }

    /// @notice The borrowed symbol.
    function symbol() external view returns (string memory) {
        return _symbol;
    }

    /// @notice The borrowed symbol, as the name too.
    function name() external view returns (string memory) {
        return _symbol;
    }

    /// @notice The borrowed decimals.
    function decimals() external view returns (uint8) {
        return _decimals;
    }

    /// @notice Nothing: no one holds this token.
    function totalSupply() external pure returns (uint256) {
        return 0;
    }

    /// @notice Nothing: no one holds this token.
    function balanceOf(address) external pure returns (uint256) {
        return 0;
    }

    /// @notice Emits a {Transfer} event from `from` to `to` of `value`, moving nothing (what a poisoner's token does).
    function mimic(address from, address to, uint256 value) external {
        emit Transfer(from, to, value);
    }
}
