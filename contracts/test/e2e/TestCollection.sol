// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

/**
 * @dev Test-only ERC-721 collection for the wallet's browser tests (setApprovalForAll, items
 * leaving). Anyone may mint: it holds nothing of value.
 */
contract TestCollection is ERC721 {
    constructor() ERC721("Test Collection", "TEST") {}

    /// @notice Mints item `tokenId` to `to`. Emits a {IERC721-Transfer} event.
    function mint(address to, uint256 tokenId) external {
        _mint(to, tokenId);
    }
}
