// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {CommunityGovernor} from "../CommunityGovernor.sol";
import {CommunityToken} from "../CommunityToken.sol";
import {PaymentPolicy} from "../PaymentPolicy.sol";
import {Treasury} from "../Treasury.sol";
import {IPaymentPolicy} from "../interfaces/IPaymentPolicy.sol";

// One small contract per part of a community, each holding that part's creation code.
//
// Why not `new` inside {CommunityFactory} itself: a contract's code may hold at most 24,576 bytes
// (EIP-170), and the five parts' creation code together is more than twice that (the governor's alone
// is close to the limit: GovernorCreator's runtime code is 24,516 bytes with solc 0.8.30 and 200 optimizer
// runs, 60 bytes under it; CommunityFactory.t.sol checks every creator fits). Each creator does nothing but `new` with the arguments it is given; anyone may
// call one, which gives them no more than deploying the contract themselves would.

/// @dev Creates a {TimelockController}.
contract TimelockCreator {
    /// @dev A new timelock with `minDelay`, no proposer or executor yet, and `admin` as its admin.
    function create(uint256 minDelay, address admin) external returns (TimelockController) {
        return new TimelockController(minDelay, new address[](0), new address[](0), admin);
    }
}

/// @dev Creates a {CommunityToken}.
contract TokenCreator {
    /// @dev A new token owned by `timelock`, with `amounts[i]` minted to `holders[i]`.
    function create(
        string calldata name,
        string calldata symbol,
        address timelock,
        address[] calldata holders,
        uint256[] calldata amounts
    ) external returns (CommunityToken) {
        return new CommunityToken(name, symbol, timelock, holders, amounts);
    }
}

/// @dev Creates a {CommunityGovernor}.
contract GovernorCreator {
    /// @dev A new governor voting with `token` through `timelock`.
    function create(
        string calldata name,
        IVotes token,
        TimelockController timelock,
        CommunityGovernor.Settings calldata settings
    ) external returns (CommunityGovernor) {
        return new CommunityGovernor(name, token, timelock, settings);
    }
}

/// @dev Creates a {Treasury}.
contract TreasuryCreator {
    /// @dev A new treasury owned by `timelock`, checking every payout against `policy`.
    function create(address timelock, IPaymentPolicy policy) external returns (Treasury) {
        return new Treasury(timelock, policy);
    }
}

/// @dev Creates a {PaymentPolicy}.
contract PolicyCreator {
    /// @dev A new policy owned by `owner`, with the first thresholds.
    function create(address owner, uint8 warnAt, uint8 blockAt, bool unlimitedApprovalsAllowed)
        external
        returns (PaymentPolicy)
    {
        return new PaymentPolicy(owner, warnAt, blockAt, unlimitedApprovalsAllowed);
    }
}
