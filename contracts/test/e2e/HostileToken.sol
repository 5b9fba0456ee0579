// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/**
 * @dev Test-only token for the wallet's browser tests: it says whatever its deployer wants about itself (a
 * symbol holding direction overrides, the symbol of a token the community lists or of the native coin,
 * decimals no real token has: `decimals` is a uint256 here, as a hostile contract may answer), and otherwise
 * moves balances as an ERC-20 does. Anyone may claim tokens: it holds nothing of value.
 */
contract HostileToken {
    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    error HostileTokenInsufficientBalance(address account, uint256 balance, uint256 needed);

    string private _symbol;
    string private _name;
    uint256 private _decimals;
    uint256 private _totalSupply;
    mapping(address account => uint256) private _balances;

    constructor(string memory symbol_, string memory name_, uint256 decimals_) {
        _symbol = symbol_;
        _name = name_;
        _decimals = decimals_;
    }

    /// @notice The symbol the deployer chose.
    function symbol() external view returns (string memory) {
        return _symbol;
    }

    /// @notice The name the deployer chose.
    function name() external view returns (string memory) {
        return _name;
    }

    /// @notice The decimals the deployer chose, whatever they are.
    function decimals() external view returns (uint256) {
        return _decimals;
    }

    /// @notice All tokens claimed so far.
    function totalSupply() external view returns (uint256) {
        return _totalSupply;
    }

    /// @notice The balance of `account`.
    function balanceOf(address account) external view returns (uint256) {
        return _balances[account];
    }

    /// @notice Gives the caller `amount` new tokens (an "airdrop"). Emits a {Transfer} event.
    function claim(uint256 amount) external {
        _totalSupply += amount;
        _balances[msg.sender] += amount;
        emit Transfer(address(0), msg.sender, amount);
    }

    /// @notice Moves `amount` from the caller to `to`. Emits a {Transfer} event.
    function transfer(address to, uint256 amount) external returns (bool) {
        uint256 balance = _balances[msg.sender];
        if (balance < amount) revert HostileTokenInsufficientBalance(msg.sender, balance, amount);
        _balances[msg.sender] = balance - amount;
        _balances[to] += amount;
        emit Transfer(msg.sender, to, amount);
        return true;
    }
}
