// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ITreasury} from "../../src/interfaces/ITreasury.sol";

/// @dev A recipient that refuses ETH.
contract RefusingRecipient {
    error RefusingRecipientNoThanks();

    receive() external payable {
        revert RefusingRecipientNoThanks();
    }
}

/// @dev A treasurer contract whose `receive` tries to spend its budget a second time.
contract ReentrantTreasurer {
    ITreasury private immutable _treasury;

    constructor(ITreasury treasury_) {
        _treasury = treasury_;
    }

    function pay(uint256 amount) external {
        _treasury.payout(address(0), address(this), amount, "first");
    }

    receive() external payable {
        _treasury.payout(address(0), address(this), msg.value, "again");
    }
}
