import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { graphql } from 'graphql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPublicClient, encodeFunctionData, http, type PublicClient } from 'viem';
import { startSeededChain, type SeededChain } from '../../../test/fixture.js';
import { castVote, demo, propose, warpPast, warpToVoting } from '@commonguard/scripts';
import { communityGovernorAbi, paymentPolicyAbi } from '@commonguard/sdk';
import { subgraphApiSchema } from '../../../test/subgraphApiSchema.js';
import { storeRoot } from '../../../test/subgraphStore.js';
import { indexWithMappings } from '../../../../subgraph/tests/chain/indexChain.mjs';
import type { Deployment } from '../chain/config.js';
import type { Network } from '../chain/networks.js';
import { networkCommunities } from '../directory/communities.js';
import { ChainIndexer } from './chain.js';
import { SubgraphIndexer } from './subgraph.js';

// graph-node cannot run here, so this test stands in a subgraph built from the real parts: the
// subgraph's own mappings index every log of a real seeded anvil (replayed by the Node matchstick
// runner), and graphql-js answers the dApp's real queries from those entities with the schema
// graph-node would serve. Nothing in the fixture comes from the ChainIndexer, so the two indexers
// are compared, not one with a copy of itself.
const schemaPath = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'subgraph', 'schema.graphql');

let seededChain: SeededChain;
let deployment: Deployment;
let client: PublicClient;
let chain: ChainIndexer;

beforeAll(async () => {
  seededChain = await startSeededChain();
  deployment = seededChain.deployment;
  client = createPublicClient({ transport: http(seededChain.rpcUrl, { batch: true }) });
  chain = new ChainIndexer(client, deployment);
});
afterAll(() => seededChain?.stop());

/** The chain as the subgraph's mappings index it now, served over GraphQL. */
async function fakeSubgraph(): Promise<typeof fetch> {
  if (!existsSync(schemaPath)) throw new Error('subgraph/schema.graphql is not in this checkout yet: merge the subgraph branch.');
  const entitySchema = readFileSync(schemaPath, 'utf8');
  const schema = subgraphApiSchema(entitySchema);
  const { store } = await indexWithMappings({ rpcUrl: seededChain.rpcUrl, contracts: deployment.contracts });
  const rootValue = storeRoot(entitySchema, store);
  return (async (_url: string, init: RequestInit) => {
    const { query, variables } = JSON.parse(String(init.body));
    const result = await graphql({ schema, source: query, variableValues: variables, rootValue });
    return new Response(JSON.stringify(result), { headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

describe('SubgraphIndexer returns what the ChainIndexer returns', () => {
  test('proposals, votes, delegates, payouts, budgets and policy versions', async () => {
    const subgraph = new SubgraphIndexer('http://subgraph.test/graphql', client, deployment, await fakeSubgraph());
    expect(await subgraph.listProposals({ first: 10, skip: 0 })).toEqual(await chain.listProposals({ first: 10, skip: 0 }));
    expect(await subgraph.listProposals({ first: 10, skip: 0, search: 'coffee', states: ['Executed'] })).toEqual(
      await chain.listProposals({ first: 10, skip: 0, search: 'coffee', states: ['Executed'] }),
    );
    const [first] = (await chain.listProposals({ first: 1, skip: 0 })).items;
    expect(await subgraph.getProposal(first.id)).toEqual(await chain.getProposal(first.id));
    expect(await subgraph.getProposal(42n)).toBeNull();
    expect(await subgraph.getVotes(first.id)).toEqual(await chain.getVotes(first.id));
    expect(await subgraph.getDelegates(10)).toEqual(await chain.getDelegates(10));
    expect(await subgraph.getPayouts(10)).toEqual(await chain.getPayouts(10));
    expect(await subgraph.getBudgets()).toEqual(await chain.getBudgets());
    expect(await subgraph.getPolicyVersions()).toEqual(await chain.getPolicyVersions());
    const tokens = [deployment.contracts.demoStablecoin!];
    expect(await subgraph.getTreasuryFlows(tokens)).toEqual(await chain.getTreasuryFlows(tokens));
  });

  test('a late quorum extension is a timeline step with its time, from either indexer', async () => {
    const context = { clients: seededChain.clients, deployment: seededChain.deployment };
    const { proposalId } = await propose(context, {
      description: 'Lower warnAt to 35\n\nVoted at the last minute.',
      actions: [{ target: deployment.contracts.paymentPolicy, data: encodeFunctionData({ abi: paymentPolicyAbi, functionName: 'setThresholds', args: [35, 80] }) }],
    });
    await warpToVoting(context, proposalId);
    const deadline = (await client.readContract({ address: deployment.contracts.communityGovernor, abi: communityGovernorAbi, functionName: 'proposalDeadline', args: [proposalId] })) as bigint;
    // Quorum reached in the last seconds of the vote: the governor extends the voting period.
    await warpPast(context, deadline - 3n);
    await castVote(context, proposalId, demo.members[0], 'for');
    const fromChain = await chain.getProposal(proposalId);
    const extended = fromChain!.timeline.find((event) => event.kind === 'extended');
    expect(extended).toBeDefined();
    expect(extended!.timestamp).toBeGreaterThan(deadline - 3n);
    expect(fromChain!.voteEnd).toBeGreaterThan(deadline);
    const subgraph = new SubgraphIndexer('http://subgraph.test/graphql', client, deployment, await fakeSubgraph());
    expect(await subgraph.getProposal(proposalId)).toEqual(fromChain);
  });

  test('the directory lists from the subgraph the communities the factory lists on chain', async () => {
    const network = { chainId: deployment.chainId, name: 'Local', factory: seededChain.deployment.contracts.communityFactory, defaultCommunity: null };
    const fromChain = await networkCommunities({ ...network, subgraphUrl: null } as unknown as Network, client);
    expect(fromChain.length).toBeGreaterThan(0);
    const fromSubgraph = await networkCommunities({ ...network, subgraphUrl: 'http://subgraph.test/graphql' } as unknown as Network, client, await fakeSubgraph());
    expect(fromSubgraph).toEqual(fromChain);
  });

  test('a subgraph that is down or refuses a query gives a readable error', async () => {
    const down = new SubgraphIndexer('http://127.0.0.1:9/graphql', client, deployment, (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch);
    await expect(down.getPayouts(5)).rejects.toThrow('The subgraph at http://127.0.0.1:9/graphql does not answer. Check the address or your connection.');
    const refusing = new SubgraphIndexer('http://x/graphql', client, deployment, (async () =>
      new Response(JSON.stringify({ errors: [{ message: 'indexing_error' }] }), { headers: { 'content-type': 'application/json' } })) as typeof fetch);
    await expect(refusing.getDelegates(5)).rejects.toThrow('The subgraph refused the query: indexing_error');
  });
});
