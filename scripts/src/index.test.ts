import { expect, test } from 'vitest';
import * as scripts from './index.js';

test('exports', () => {
  expect(Object.keys(scripts).sort()).toMatchInlineSnapshot(`
    [
      "anvilMnemonic",
      "castVote",
      "createStackClients",
      "demo",
      "demoAccounts",
      "demoRoles",
      "demoSeed",
      "execute",
      "merchantStatusValue",
      "passProposal",
      "proposalActions",
      "proposalState",
      "propose",
      "queue",
      "seedDemo",
      "sendAndWait",
      "warpPast",
      "warpPastDeadline",
      "warpToEta",
      "warpToVoting",
    ]
  `);
});

test('the demo accounts are anvil’s default accounts with their roles', () => {
  expect(scripts.demoAccounts.map((account) => `${account.index} ${account.role} ${account.address}`)).toEqual([
    '0 deployer 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    '1 member 0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
    '2 member 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
    '3 member 0x90F79bf6EB2c4f870365E785982E1f101E93b906',
    '4 member 0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65',
    '5 treasurer 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc',
    '6 shopper 0x976EA74026E726554dB657fA54763abd0C3a0aa9',
    '7 trusted merchant 0x14dC79964da2C08b23698B3D3cc7Ca32193d9955',
    '8 blocked merchant 0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f',
    '9 spare 0xa0Ee7A142d267C1f36714E4a8F75612F20a79720',
  ]);
  expect(scripts.demo.deployer.privateKey).toBe('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
});
