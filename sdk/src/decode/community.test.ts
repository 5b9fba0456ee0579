import { type Address, createPublicClient, encodeFunctionData, http, keccak256, parseUnits, stringToHex, zeroAddress } from 'viem';
import { foundry } from 'viem/chains';
import { describe, expect, inject, test } from 'vitest';
import { communityGovernorAbi, communityTokenAbi, demoStablecoinAbi, paymentPolicyAbi, treasuryAbi } from '../abis/generated.js';
import { type CommunityContracts, decodeCommunityCall, hashProposal } from './index.js';

const deployment = inject('deployment');
const contracts: CommunityContracts = {
  governor: deployment.contracts.communityGovernor,
  token: deployment.contracts.communityToken,
  timelock: deployment.contracts.timelock,
  treasury: deployment.contracts.treasury,
  paymentPolicy: deployment.contracts.paymentPolicy,
};
const cgUsd = deployment.contracts.demoStablecoin as Address;
const coffee: Address = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
const member: Address = '0x976EA74026E726554dB657fA54763abd0C3a0aa9';
const proposalId = 42_350_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000n;

/** A real proposal's actions: lower the native coin's daily cap. */
const actions = {
  targets: [contracts.paymentPolicy],
  values: [0n],
  calldatas: [encodeFunctionData({ abi: paymentPolicyAbi, functionName: 'setTokenLimits', args: [zeroAddress, parseUnits('1', 18), parseUnits('1.5', 18), parseUnits('0.25', 18)] })],
};
const description = '# Lower the daily ETH cap to 1.5 ETH\n\nFewer losses to phished members.';
const descriptionHash = keccak256(stringToHex(description));

const governor = (data: `0x${string}`, value = 0n) => decodeCommunityCall(contracts, { to: contracts.governor, data, value });

describe('decodeCommunityCall: governor', () => {
  test.each([
    { support: 0, expected: 'against' },
    { support: 1, expected: 'for' },
    { support: 2, expected: 'abstain' },
  ])('castVote with support $support is a vote $expected', ({ support, expected }) => {
    expect(governor(encodeFunctionData({ abi: communityGovernorAbi, functionName: 'castVote', args: [proposalId, support] }))).toEqual({
      kind: 'vote',
      proposalId,
      support: expected,
    });
  });

  test('castVoteWithReason carries the reason', () => {
    const data = encodeFunctionData({ abi: communityGovernorAbi, functionName: 'castVoteWithReason', args: [proposalId, 1, 'Coffee is essential'] });
    expect(governor(data)).toEqual({ kind: 'vote', proposalId, support: 'for', reason: 'Coffee is essential' });
  });

  test('castVoteWithReasonAndParams carries the reason and the params', () => {
    const data = encodeFunctionData({ abi: communityGovernorAbi, functionName: 'castVoteWithReasonAndParams', args: [proposalId, 0, 'No', '0xbeef'] });
    expect(governor(data)).toEqual({ kind: 'vote', proposalId, support: 'against', reason: 'No', params: '0xbeef' });
  });

  test('a vote type the governor does not know is not a vote', () => {
    expect(governor(encodeFunctionData({ abi: communityGovernorAbi, functionName: 'castVote', args: [proposalId, 3] }))).toBeUndefined();
  });

  test('propose names the actions, the description and the id the proposal will have', () => {
    const data = encodeFunctionData({ abi: communityGovernorAbi, functionName: 'propose', args: [actions.targets, actions.values, actions.calldatas, description] });
    expect(governor(data)).toEqual({ kind: 'propose', ...actions, description, proposalId: hashProposal(actions, descriptionHash) });
  });

  test.each(['queue', 'execute', 'cancel'] as const)('%s with the actions names them and the proposal id', (functionName) => {
    const data = encodeFunctionData({ abi: communityGovernorAbi, functionName, args: [actions.targets, actions.values, actions.calldatas, descriptionHash] });
    expect(governor(data)).toEqual({ kind: functionName, ...actions, descriptionHash, proposalId: hashProposal(actions, descriptionHash) });
  });

  test.each(['queue', 'execute', 'cancel'] as const)('%s by proposal id names the id', (functionName) => {
    const data = encodeFunctionData({ abi: communityGovernorAbi, functionName, args: [proposalId] });
    expect(governor(data)).toEqual({ kind: functionName, proposalId });
  });

  test('execute may send value (the governor is payable there); a vote may not', () => {
    const execute = encodeFunctionData({ abi: communityGovernorAbi, functionName: 'execute', args: [proposalId] });
    expect(governor(execute, 1n)).toEqual({ kind: 'execute', proposalId });
    expect(governor(encodeFunctionData({ abi: communityGovernorAbi, functionName: 'castVote', args: [proposalId, 1] }), 1n)).toBeUndefined();
  });

  test('the proposal id matches the deployed governor\'s hashProposal', async () => {
    const client = createPublicClient({ chain: foundry, transport: http(inject('rpcUrl')) });
    const onChain = await client.readContract({
      address: contracts.governor,
      abi: communityGovernorAbi,
      functionName: 'hashProposal',
      args: [actions.targets, actions.values, actions.calldatas, descriptionHash],
    });
    expect(hashProposal(actions, descriptionHash)).toBe(onChain);
  });

  test('other governor functions (relay, settings) are not described', () => {
    const relay = encodeFunctionData({ abi: communityGovernorAbi, functionName: 'relay', args: [coffee, 1n, '0x'] });
    expect(governor(relay)).toBeUndefined();
    expect(governor(encodeFunctionData({ abi: communityGovernorAbi, functionName: 'setVotingDelay', args: [1] }))).toBeUndefined();
  });
});

describe('decodeCommunityCall: token and treasury', () => {
  test('delegate on the community token', () => {
    const data = encodeFunctionData({ abi: communityTokenAbi, functionName: 'delegate', args: [member.toLowerCase() as `0x${string}`] });
    expect(decodeCommunityCall(contracts, { to: contracts.token, data, value: 0n })).toEqual({ kind: 'delegate', delegatee: member });
  });

  test('a treasurer payout', () => {
    const data = encodeFunctionData({ abi: treasuryAbi, functionName: 'payout', args: [cgUsd, coffee, 42_500_000n, 'Beans for the meetup'] });
    expect(decodeCommunityCall(contracts, { to: contracts.treasury, data, value: 0n })).toEqual({
      kind: 'treasurerPayout',
      token: cgUsd,
      to: coffee,
      amount: 42_500_000n,
      memo: 'Beans for the meetup',
    });
  });

  test('a treasurer batch payout', () => {
    const payments = [
      { recipient: coffee, amount: 42_500_000n, memo: 'Beans' },
      { recipient: member, amount: 10_000_000n, memo: 'Flyers' },
    ];
    const data = encodeFunctionData({ abi: treasuryAbi, functionName: 'payoutBatch', args: [cgUsd, payments] });
    expect(decodeCommunityCall(contracts, { to: contracts.treasury, data, value: 0n })).toEqual({
      kind: 'treasurerBatch',
      token: cgUsd,
      payouts: [
        { to: coffee, amount: 42_500_000n, memo: 'Beans' },
        { to: member, amount: 10_000_000n, memo: 'Flyers' },
      ],
    });
  });
});

describe('decodeCommunityCall: anything else is judged like any contract call', () => {
  const vote = encodeFunctionData({ abi: communityGovernorAbi, functionName: 'castVote', args: [proposalId, 1] });
  const payout = encodeFunctionData({ abi: treasuryAbi, functionName: 'payout', args: [cgUsd, coffee, 1n, ''] });
  test.each([
    { title: 'a trailing byte', call: { to: contracts.governor, data: `${vote}00` as const, value: 0n } },
    { title: 'a trailing word', call: { to: contracts.treasury, data: `${payout}${'00'.repeat(32)}` as const, value: 0n } },
    { title: 'truncated calldata', call: { to: contracts.governor, data: vote.slice(0, 40) as `0x${string}`, value: 0n } },
    // The support byte's word with a dirty high byte: solidity would revert; it is not the standard encoding.
    { title: 'dirty padding', call: { to: contracts.governor, data: `${vote.slice(0, 74)}ff${vote.slice(76)}` as `0x${string}`, value: 0n } },
    { title: 'value sent to a payout', call: { to: contracts.treasury, data: payout, value: 1n } },
    { title: 'a vote sent to the treasury', call: { to: contracts.treasury, data: vote, value: 0n } },
    { title: 'a vote sent to another contract', call: { to: coffee, data: vote, value: 0n } },
    { title: 'a timelock-only treasury function', call: { to: contracts.treasury, data: encodeFunctionData({ abi: treasuryAbi, functionName: 'pay', args: [cgUsd, coffee, 1n, ''] }), value: 0n } },
    { title: 'a token transfer', call: { to: contracts.token, data: encodeFunctionData({ abi: communityTokenAbi, functionName: 'transfer', args: [coffee, 1n] }), value: 0n } },
    { title: 'a call to the policy', call: { to: contracts.paymentPolicy, data: encodeFunctionData({ abi: paymentPolicyAbi, functionName: 'setUnlimitedApprovalsAllowed', args: [true] }), value: 0n } },
    { title: 'an ERC-20 transfer on the stablecoin', call: { to: cgUsd, data: encodeFunctionData({ abi: demoStablecoinAbi, functionName: 'transfer', args: [coffee, 1n] }), value: 0n } },
    { title: 'no calldata', call: { to: contracts.governor, data: '0x' as const, value: 0n } },
    { title: 'a malformed address', call: { to: '0x1234' as `0x${string}`, data: vote, value: 0n } },
  ])('$title → undefined', ({ call }) => {
    expect(decodeCommunityCall(contracts, call)).toBeUndefined();
  });
});
