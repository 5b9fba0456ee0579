import type { SeedDemoReturnType } from '@commonguard/scripts';
import { communityGovernorAbi, communityTokenAbi, type Deployment } from '@commonguard/sdk';
import { type Address, createPublicClient, getAddress, http, parseUnits, type PublicClient } from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CommunityDeployment, communityDeploymentFor, readCommunityFacts, titleOf } from './community.js';
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
  const found = communityDeploymentFor(31337, deployment.contracts.paymentPolicy, [{ chainId: 31337, deploymentBlock: 0, contracts: deployment.contracts as Record<string, string> }]);
  if (!found) throw new Error('the deployment was not recognised');
  community = found;
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

describe('communityDeploymentFor', () => {
  const contracts = { communityGovernor: coffee, communityToken: member1, timelock: treasurer, treasury: coffee, paymentPolicy: '0x5fc8d32690cc91d4c39d9d3abcbd16989f875707' };

  test('recognises the deployment behind the configured policy (any letter case), with checksummed addresses', () => {
    const found = communityDeploymentFor(31337, getAddress(contracts.paymentPolicy), [{ chainId: 31337, deploymentBlock: 7, contracts }]);
    expect(found).toEqual({ deploymentBlock: 7n, contracts: { governor: coffee, token: member1, timelock: treasurer, treasury: coffee, paymentPolicy: getAddress(contracts.paymentPolicy) } });
  });

  test('another policy, another chain, a missing contract or no policy: no community contracts', () => {
    expect(communityDeploymentFor(31337, coffee, [{ chainId: 31337, contracts }])).toBeNull();
    expect(communityDeploymentFor(1, contracts.paymentPolicy as Address, [{ chainId: 31337, contracts }])).toBeNull();
    expect(communityDeploymentFor(31337, contracts.paymentPolicy as Address, [{ chainId: 31337, contracts: { ...contracts, treasury: 'nobody' } }])).toBeNull();
    expect(communityDeploymentFor(31337, null, [{ chainId: 31337, contracts }])).toBeNull();
  });
});

test('titleOf: the first non-empty line without its heading mark, cut at 120 characters', () => {
  expect(titleOf('\n# Lower the cap\n\nBecause…')).toBe('Lower the cap');
  expect(titleOf(`## ${'a'.repeat(200)}`)).toBe(`${'a'.repeat(119)}…`);
});
