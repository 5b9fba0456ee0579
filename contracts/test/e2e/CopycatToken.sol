// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {HostileToken} from "./HostileToken.sol";

/**
 * @dev Test-only copy of the token an address poisoner deploys: a {HostileToken} that borrows a real token's
 * symbol and decimals and also emits {Transfer} events between any two addresses for any amount, moving
 * nothing, so that a look-alike address shows in the victim's transfers as if the victim had paid it. Used by
 * the wallet's tests of its poisoning checks; it holds nothing of value.
 */
contract CopycatToken is HostileToken {
    constructor(string memory symbol_, uint256 decimals_) HostileToken(symbol_, symbol_, decimals_) {}

    /// @notice Emits a {Transfer} event from `from` to `to` of `value`, moving nothing (what a poisoner's token does).
    function mimic(address from, address to, uint256 value) external {
        emit Transfer(from, to, value);
    }
}
