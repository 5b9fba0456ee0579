// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TimelockControllerUpgradeable} from
    "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";

/**
 * @dev The community's timelock: OpenZeppelin's {TimelockController}, unchanged, in its upgradeable variant
 * (the same code, with its state in an ERC-7201 namespace and set by an initialiser), so that the
 * {CommunityFactory} can create it as an ERC-1167 clone. Its functions, events and errors are exactly
 * {TimelockController}'s, plus {initialize}.
 *
 * The constructor initialises a timelock deployed with `new` (same arguments as {TimelockController}'s);
 * the inherited {initialize} initialises a clone. Either can happen only once: on a deployed timelock
 * {initialize} always reverts with {Initializable-InvalidInitialization}. A clone cannot be upgraded: it
 * always runs the code it was cloned from.
 */
contract CommunityTimelock is TimelockControllerUpgradeable {
    /// @dev See {TimelockController-constructor}: `admin` is optional (the zero address for none).
    constructor(uint256 minDelay, address[] memory proposers, address[] memory executors, address admin)
        initializer
    {
        __TimelockController_init(minDelay, proposers, executors, admin);
    }
}
