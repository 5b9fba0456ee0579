// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/**
 * @dev Test-only contract for the wallet's browser tests: a "router" that spends the caller's
 * approval and forwards the tokens (or the native coin it is sent) to any recipient, the way a
 * swap router, a multicall or a drainer moves money without the calldata of a plain transfer.
 * The wallet must judge it by where the money ends up, not by the call's shape.
 *
 * WARNING: never deploy outside tests; it forwards whatever it is given to whoever is named.
 */
contract Router {
    using SafeERC20 for IERC20;

    /// @dev Emitted after `amount` of `token` (address(0): native coin) from `from` reached `to`.
    event RouterForwarded(address indexed token, address indexed from, address indexed to, uint256 amount);

    /// @dev The native coin could not be delivered to `to`.
    error RouterForwardFailed(address to);

    /**
     * @notice Takes `amount` of `token` from the caller (who approved this contract) and sends it to `to`.
     * Emits a {RouterForwarded} event.
     */
    function forward(IERC20 token, address to, uint256 amount) external {
        token.safeTransferFrom(msg.sender, address(this), amount);
        token.safeTransfer(to, amount);
        emit RouterForwarded(address(token), msg.sender, to, amount);
    }

    /**
     * @notice Sends the native coin it is given on to `to`.
     * Emits a {RouterForwarded} event.
     */
    function forwardNative(address to) external payable {
        (bool delivered,) = to.call{value: msg.value}("");
        if (!delivered) revert RouterForwardFailed(to);
        emit RouterForwarded(address(0), msg.sender, to, msg.value);
    }
}
