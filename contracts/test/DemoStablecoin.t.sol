// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SystemFixture} from "./utils/SystemFixture.sol";

contract DemoStablecoinTest is SystemFixture {
    function test_SetUpState() public view {
        assertEq(usd.name(), "CommonGuard Demo Dollar", "name");
        assertEq(usd.symbol(), "cgUSD", "symbol");
        assertEq(usd.decimals(), 6, "decimals");
        assertEq(usd.owner(), deployer, "owned by the deployer");
        assertEq(usd.totalSupply(), 0, "no supply");
    }

    function test_Mint() public {
        vm.expectEmit();
        emit IERC20.Transfer(address(0), member1, 2_000e6);
        usd.mint(member1, 2_000e6);
        assertEq(usd.balanceOf(member1), 2_000e6, "minted");
    }

    function test_RevertWhen_MintCallerNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, member1));
        vm.prank(member1);
        usd.mint(member1, 1);
    }
}
