import type { SeedDemoReturnType } from '@commonguard/scripts';
import { communityGovernorAbi, communityTokenAbi, type Deployment } from '@commonguard/sdk';
import { type Address, createPublicClient, getAddress, http, parseUnits, type PublicClient } from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CommunityDeployment, communityAt, deploymentOf, readCommunityFacts, titleOf } from './community.js';
import { coffee, member1, type SeededChain, startSeededChain, treasurer } from './seededChain.test-helpers.js';

// The community reader against a real anvil with the deployed contracts, seeded through governance
// (members delegated, budgets set by a proposal, one proposal left active).
let anvil: SeededChain;
let deployment: Deployment;
let seeded: SeedDemoReturnType;
let client: PublicClient;
let community: CommunityDeployment;

beforeAll(async () => {
  anvil = await startSeededChain();
  ({ deployment, seeded } = anvil);
  client = createPublicClient({ chain: foundry, transport: http(anvil.rpcUrl) }) as PublicClient;
  const { communityGovernor: governor, communityToken: token, timelock, treasury, paymentPolicy: policy } = deployment.contracts;
  community = deploymentOf({ governor, token, timelock, treasury, policy });
}, 180_000);

afterAll(() => anvil?.stop());

/** Whole votes as the reader writes them. */
const whole = (amount: bigint) => (amount / 10n ** 18n).toLocaleString('en-US');

describe('readCommunityFacts on anvil', () => {
  test('a vote: the proposal’s title from its ProposalCreated event and the votes the signer had at its snapshot', async () => {
    const snapshot = await client.readContract({ address: community.contracts.governor, abi: communityGovernorAbi, functionName: 'proposalSnapshot', args: [seeded.proposals.active] });
    const votes = await client.readContract({ address: community.contracts.governor, abi: communityGovernorAbi, functionName: 'getVotes', args: [member1, snapshot] });
    expect(votes).toBeGreaterThan(0n);
    const facts = await readCommunityFacts(client, community, { kind: 'vote', proposalId: seeded.proposals.active, support: 'for' }, member1);
    expect(facts).toEqual({ proposalTitle: 'Lower the daily ETH cap to 1.5 ETH', votes: whole(votes) });
  });

  test('queue, execute and cancel name the proposal; one the governor never saw has no title', async () => {
    const facts = await readCommunityFacts(client, community, { kind: 'queue', proposalId: seeded.proposals.succeeded }, member1);
    expect(facts.proposalTitle).toEqual(expect.any(String));
    expect(facts.proposalTitle).not.toBe('');
    expect(await readCommunityFacts(client, community, { kind: 'execute', proposalId: 12345n }, member1)).toEqual({ proposalTitle: undefined });
  });

  test('a delegation: the votes the signer holds now', async () => {
    const balance = await client.readContract({ address: community.contracts.token, abi: communityTokenAbi, functionName: 'balanceOf', args: [member1] });
    expect(await readCommunityFacts(client, community, { kind: 'delegate', delegatee: member1 }, member1)).toEqual({ votes: whole(balance) });
  });

  test('a treasurer payout: what is left of the treasurer’s budget for that token before it', async () => {
    const token = deployment.contracts.demoStablecoin as Address;
    const facts = await readCommunityFacts(client, community, { kind: 'treasurerPayout', token, to: coffee, amount: 1n, memo: '' }, treasurer);
    // The seed sets a 900 cgUSD budget and pays invoices from it today (the pipeline's payout test shows the same figure).
    expect(facts).toEqual({ budgetLeft: parseUnits('754.5', 6) });
  });

  test('a read that fails leaves the fact out instead of failing the request', async () => {
    // A "governor" and "token" that are not contracts: every read reverts or returns nothing.
    const broken: CommunityDeployment = { ...community, contracts: { ...community.contracts, governor: coffee, token: coffee, treasury: coffee } };
    expect(await readCommunityFacts(client, broken, { kind: 'vote', proposalId: seeded.proposals.active, support: 'for' }, member1)).toEqual({ proposalTitle: undefined, votes: undefined });
    expect(await readCommunityFacts(client, broken, { kind: 'delegate', delegatee: member1 }, member1)).toEqual({ votes: undefined });
    expect(await readCommunityFacts(client, broken, { kind: 'treasurerPayout', token: coffee, to: coffee, amount: 1n, memo: '' }, treasurer)).toEqual({ budgetLeft: undefined });
  });
});

describe('communityAt: which joined community a call goes to', () => {
  const policy = getAddress('0x5fc8d32690cc91d4c39d9d3abcbd16989f875707');
  const first = deploymentOf({ governor: coffee, token: member1, timelock: treasurer, treasury: coffee, policy });
  const second = deploymentOf({ governor: getAddress('0x00000000000000000000000000000000000000a1'), token: getAddress('0x00000000000000000000000000000000000000a2'), timelock: getAddress('0x00000000000000000000000000000000000000a3'), treasury: getAddress('0x00000000000000000000000000000000000000a4'), policy: getAddress('0x00000000000000000000000000000000000000a5') });

  test('finds the community whose contract is called (any letter case), among several', () => {
    expect(communityAt([first, second], member1.toLowerCase() as Address)).toBe(first);
    expect(communityAt([first, second], getAddress('0x00000000000000000000000000000000000000a4'))).toBe(second);
    expect(second.contracts.paymentPolicy).toBe(getAddress('0x00000000000000000000000000000000000000a5'));
  });

  test('another address, a deployment (no `to`) or no joined community: none', () => {
    expect(communityAt([first, second], getAddress('0x00000000000000000000000000000000000000ff'))).toBeNull();
    expect(communityAt([first], undefined)).toBeNull();
    expect(communityAt([], member1)).toBeNull();
  });
});

test('titleOf: the first non-empty line without its heading mark, cut at 120 characters', () => {
  expect(titleOf('\n# Lower the cap\n\nBecause…')).toBe('Lower the cap');
  expect(titleOf(`## ${'a'.repeat(200)}`)).toBe(`${'a'.repeat(119)}…`);
});
