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
import type { Deployment } from '../chain/config.js';
import { ChainIndexer } from './chain.js';
import { SubgraphIndexer } from './subgraph.js';

// graph-node cannot run here, so this test stands in a fake subgraph: graphql-js executes the dApp's
// real queries against the schema graph-node would serve, with entities built from what the
// ChainIndexer read off a real seeded anvil. Both indexers must then return the same values.
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

const hex = (s: string) => s.toLowerCase();
const str = (b: bigint | number) => b.toString();
const CHANGE = { thresholds: 'Thresholds', tokenLimits: 'TokenLimits', tokenLimitsRemoved: 'TokenLimitsRemoved', unlimitedApprovals: 'UnlimitedApprovals', merchant: 'MerchantStatus', origin: 'OriginStatus' } as const;

async function fakeSubgraph(): Promise<typeof fetch> {
  if (!existsSync(schemaPath)) throw new Error('subgraph/schema.graphql is not in this checkout yet: merge the subgraph branch.');
  const schema = subgraphApiSchema(readFileSync(schemaPath, 'utf8'));
  const page = await chain.listProposals({ first: 100, skip: 0 });
  const details = await Promise.all(page.items.map((p) => chain.getProposal(p.id)));
  const proposals = details.map((d) => {
    const at = (kind: string) => d!.timeline.find((e) => e.kind === kind);
    return {
      id: str(d!.id), proposalId: str(d!.id), proposer: hex(d!.proposer), description: d!.description,
      voteStart: str(d!.voteStart), voteEnd: str(d!.voteEnd), forVotes: str(d!.forVotes), againstVotes: str(d!.againstVotes), abstainVotes: str(d!.abstainVotes),
      queued: !!at('queued'), executed: !!at('executed'), canceled: !!at('canceled'), extended: !!at('extended'), eta: d!.eta === null ? null : str(d!.eta),
      actions: () => d!.actions.map((a) => ({ target: hex(a.target), value: str(a.value), calldata: a.calldata })),
      createdAt: str(at('created')!.timestamp), createdTx: at('created')!.tx,
      queuedAt: at('queued') ? str(at('queued')!.timestamp) : null, queuedTx: at('queued')?.tx ?? null,
      executedAt: at('executed') ? str(at('executed')!.timestamp) : null, executedTx: at('executed')?.tx ?? null,
      canceledAt: null, canceledTx: null,
      extendedAt: at('extended') ? str(at('extended')!.timestamp) : null, extendedTx: at('extended')?.tx ?? null,
    };
  });
  const votes = (await Promise.all(page.items.map((p) => chain.getVotes(p.id)))).flat();
  const versions = await chain.getPolicyVersions();
  const rootValue = {
    stats: () => ({ proposalCount: proposals.length }),
    proposals: ({ first, skip, where }: any) =>
      proposals.filter((p) => !where?.description_contains_nocase || p.description.toLowerCase().includes(where.description_contains_nocase.toLowerCase())).slice(skip, skip + first),
    proposal: ({ id }: any) => proposals.find((p) => p.id === id) ?? null,
    votes: ({ where, skip, first }: any) =>
      votes.filter((v) => str(v.proposalId) === where.proposal).slice(skip, skip + first).map((v) => ({ voter: { id: hex(v.voter) }, support: v.support, weight: str(v.weight), reason: v.reason, timestamp: str(v.timestamp), transactionHash: v.tx })),
    delegates: async ({ first }: any) => (await chain.getDelegates(first)).map((d) => ({ id: hex(d.address), votingPower: str(d.votingPower), delegatorCount: d.delegators })),
    // The subgraph's event ids are the transaction hash and the log index as 4 little-endian bytes.
    payouts: async ({ first }: any) => (await chain.getPayouts(first)).map((p) => ({ ...p, id: `${p.tx}${[0, 8, 16, 24].map((shift) => ((p.logIndex >> shift) & 0xff).toString(16).padStart(2, '0')).join('')}`, blockNumber: str(p.blockNumber), executor: hex(p.executor), token: hex(p.token), recipient: hex(p.recipient), amount: str(p.amount), timestamp: str(p.timestamp), transactionHash: p.tx })),
    budgets: async () => (await chain.getBudgets()).map((b) => ({ treasurer: hex(b.treasurer), token: hex(b.token), amountPerPeriod: str(b.amountPerPeriod), period: str(b.period), periodStart: str(b.periodStart), spentInPeriod: str(b.spent) })),
    policyVersions: ({ skip }: any) =>
      skip > 0 ? [] : versions.flatMap((v) => v.changes.map((c: any) => ({
        version: str(v.version), change: CHANGE[c.kind as keyof typeof CHANGE], warnAt: c.warnAt ?? null, blockAt: c.blockAt ?? null,
        token: c.token ? hex(c.token) : null, maxSinglePayment: c.maxSinglePayment?.toString() ?? null, dailyCap: c.dailyCap?.toString() ?? null, maxFirstPayment: c.maxFirstPayment?.toString() ?? null,
        unlimitedApprovalsAllowed: c.allowed ?? null, merchant: c.merchant ? hex(c.merchant) : null, origin: c.origin ?? null, status: c.status ?? null, note: c.note ?? null,
        proposal: v.proposalId === null ? null : { proposalId: str(v.proposalId) }, timestamp: str(v.timestamp), transactionHash: v.tx,
      }))),
  };
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

  test('a subgraph that is down or refuses a query gives a readable error', async () => {
    const down = new SubgraphIndexer('http://127.0.0.1:9/graphql', client, deployment, (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch);
    await expect(down.getPayouts(5)).rejects.toThrow('The subgraph at http://127.0.0.1:9/graphql does not answer. Check the address or your connection.');
    const refusing = new SubgraphIndexer('http://x/graphql', client, deployment, (async () =>
      new Response(JSON.stringify({ errors: [{ message: 'indexing_error' }] }), { headers: { 'content-type': 'application/json' } })) as typeof fetch);
    await expect(refusing.getDelegates(5)).rejects.toThrow('The subgraph refused the query: indexing_error');
  });
});
