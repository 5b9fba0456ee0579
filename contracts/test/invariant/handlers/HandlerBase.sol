// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {console2} from "forge-std/console2.sol";

/// @dev Call counting and expected-revert filtering shared by the invariant handlers.
abstract contract HandlerBase is CommonBase, StdCheats, StdUtils {
    string[] private _callNames;
    mapping(string name => uint256 count) public calls;

    modifier countCall(string memory name) {
        if (calls[name] == 0) _callNames.push(name);
        ++calls[name];
        _;
    }

    /// @dev Logs how often each handler function ran (visible with `forge test -vv`).
    function callSummary() external view {
        for (uint256 i = 0; i < _callNames.length; ++i) {
            console2.log(_callNames[i], calls[_callNames[i]]);
        }
    }

    /// @dev Total handler calls so far.
    function totalCalls() public view returns (uint256 total) {
        for (uint256 i = 0; i < _callNames.length; ++i) total += calls[_callNames[i]];
    }

    /// @dev Re-throws `reason` unless its selector is one of `expected`: an unexpected revert fails the run.
    function _expectOneOf(bytes memory reason, bytes4[] memory expected) internal pure {
        // casting to 'bytes4' is safe because the length was checked: it takes the selector
        // forge-lint: disable-next-line(unsafe-typecast)
        bytes4 selector = reason.length >= 4 ? bytes4(reason) : bytes4(0);
        for (uint256 i = 0; i < expected.length; ++i) {
            if (selector == expected[i]) return;
        }
        assembly ("memory-safe") {
            revert(add(reason, 0x20), mload(reason))
        }
    }

    function _selectors(bytes4 a) internal pure returns (bytes4[] memory s) {
        s = new bytes4[](1);
        s[0] = a;
    }

    function _selectors(bytes4 a, bytes4 b) internal pure returns (bytes4[] memory s) {
        s = new bytes4[](2);
        (s[0], s[1]) = (a, b);
    }

    function _selectors(bytes4 a, bytes4 b, bytes4 c) internal pure returns (bytes4[] memory s) {
        s = new bytes4[](3);
        (s[0], s[1], s[2]) = (a, b, c);
    }
}
