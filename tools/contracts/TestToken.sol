// SPDX-License-Identifier: MIT
// A minimal ERC-20 for the EVM integration tests (tests/Evm.Anvil.Tests): the deployer receives the whole fixed supply.
// Compiled by scripts/contracts-build into tests/Evm.Anvil.Tests/Contracts/TestToken.bin; no imports on purpose.
pragma solidity 0.8.37;

contract TestToken {
    string public constant name = "KS Test Token";
    string public constant symbol = "KSTT";
    uint8 public constant decimals = 18;
    uint256 public constant totalSupply = 1_000_000 * 10 ** 18;
    mapping(address => uint256) public balanceOf;

    event Transfer(address indexed from, address indexed to, uint256 value);

    constructor() {
        balanceOf[msg.sender] = totalSupply;
        emit Transfer(address(0), msg.sender, totalSupply);
    }

    function transfer(address to, uint256 value) external returns (bool) {
        require(balanceOf[msg.sender] >= value, "TestToken: balance too low");
        balanceOf[msg.sender] -= value;
        balanceOf[to] += value;
        emit Transfer(msg.sender, to, value);
        return true;
    }
}
