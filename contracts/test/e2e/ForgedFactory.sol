// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {CommunityFactory} from "../../src/factory/CommunityFactory.sol";

/**
 * @dev A test double of a hostile contract (used by the sdk's `findCommunityFactory` tests): it emits
 * `CommunityFactory`'s `CommunityCreated` event naming a governor it did not create, and its
 * `communityOf` answers with a treasury and a policy of its own ({ForgedPart}), which claim to be owned
 * by that community's timelock. A wallet that trusted the event would guard payments with these rules.
 */
contract ForgedFactory {
    struct Community {
        address token;
        address governor;
        address timelock;
        address treasury;
        address policy;
        address creator;
        uint64 createdAt;
    }

    Community private _forged;

    constructor(address governor, address token, address timelock) {
        ForgedPart part = new ForgedPart(timelock);
        _forged = Community(token, governor, timelock, address(part), address(part), msg.sender, uint64(block.timestamp));
        emit CommunityFactory.CommunityCreated(governor, msg.sender, "Forged", token, timelock, address(part), address(part));
    }

    function communityOf(address) external view returns (Community memory) {
        return _forged;
    }
}

/// @dev Poses as a treasury and as its policy: owned by whatever timelock it names, checking payouts against itself.
contract ForgedPart {
    address public owner;

    constructor(address owner_) {
        owner = owner_;
    }

    function policy() external view returns (address) {
        return address(this);
    }
}
