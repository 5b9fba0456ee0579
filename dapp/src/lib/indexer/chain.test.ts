import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPublicClient, http, parseEther, parseUnits, zeroAddress, type PublicClient } from 'viem';
import { propose } from '@commonguard/scripts';
import { demo, startSeededChain, warp, type SeededChain } from '../../../test/fixture.js';
import { ChainIndexer } from './chain.js';

let chain: SeededChain;
let client: PublicClient;

beforeAll(async () => {
  chain = await startSeededChain();
  client = createPublicClient({ transport: http(chain.rpcUrl, { batch: true }) });
});
afterAll(() => chain?.stop());

const tokens = (n: string) => parseEther(n);

// The tests run in order on one seeded chain: the second adds a proposal and moves time.
describe('ChainIndexer against the seeded demo chain', () => {
  test('lists proposals newest first with state, tally and title', async () => {
    const page = await new ChainIndexer(client, chain.deployment).listProposals({ first: 10, skip: 0 });
    expect(page.total).toBe(4);
    expect(page.items.map((p) => [p.title, p.state])).toEqual([
      ['Lower the daily ETH cap to 1.5 ETH', 'Active'],
      ['Pay Corner Coffee 300 cgUSD for the summer fair stall', 'Succeeded'],
      ['Raise the cgUSD single-payment limit to 5,000', 'Defeated'],
      ['Set up the community payment rules', 'Executed'],
    ]);
    const [active, succeeded] = page.items;
    expect([active.forVotes, active.againstVotes, active.abstainVotes]).toEqual([tokens('300000'), tokens('100000'), 0n]);
    expect([succeeded.forVotes, succeeded.abstainVotes]).toEqual([tokens('700000'), tokens('100000')]);
    expect(active.eta).toBeNull();
  });

  test('pages, filters by state and searches; the same instance follows new blocks', async () => {
    const indexer = new ChainIndexer(client, chain.deployment);
    expect((await indexer.listProposals({ first: 1, skip: 1 })).items[0].title).toBe('Pay Corner Coffee 300 cgUSD for the summer fair stall');
    const finished = await indexer.listProposals({ first: 10, skip: 0, states: ['Defeated', 'Executed'] });
    expect(finished.items.map((p) => p.state)).toEqual(['Defeated', 'Executed']);
    expect(finished.total).toBe(2);
    expect((await indexer.listProposals({ first: 10, skip: 0, search: 'CORNER coffee' })).items.map((p) => p.title)).toEqual([
      'Pay Corner Coffee 300 cgUSD for the summer fair stall',
      'Set up the community payment rules',
    ]);
    expect((await indexer.listProposals({ first: 10, skip: 0, search: demo.members[3].address.toLowerCase() })).items.map((p) => p.title)).toEqual([
      'Lower the daily ETH cap to 1.5 ETH',
    ]);
    expect((await indexer.listProposals({ first: 10, skip: 0, search: 'nothing like this' })).total).toBe(0);

    const { proposalId } = await propose(
      { clients: chain.clients, deployment: chain.deployment },
      { description: '# Lower the warning score\n\nwarnAt to 35', actions: [{ target: chain.deployment.contracts.paymentPolicy, data: '0x' }] },
    );
    const pending = await indexer.listProposals({ first: 10, skip: 0, states: ['Pending'] });
    expect(pending.items.map((p) => p.id)).toEqual([proposalId]);
    await warp(chain.clients, chain.timing.votingDelay + 1n);
    expect((await indexer.listProposals({ first: 10, skip: 0, states: ['Active'] })).items.map((p) => p.id)).toContain(proposalId);
    expect((await indexer.listProposals({ first: 10, skip: 0 })).total).toBe(5);
  });

  test('reads a proposal with its actions, quorum and timeline, and its votes with reasons', async () => {
    const indexer = new ChainIndexer(client, chain.deployment);
    const detail = await indexer.getProposal(chain.seeded.proposals.executed);
    // Five policy changes (two merchants, three sites), then two budgets; the token limits came with the community.
    expect(detail?.actions).toHaveLength(7);
    expect(detail?.actions[0].target).toBe(chain.deployment.contracts.paymentPolicy);
    expect(detail?.actions[4].target).toBe(chain.deployment.contracts.paymentPolicy);
    expect(detail?.actions[5].target).toBe(chain.deployment.contracts.treasury);
    expect(detail?.quorum).toBe(tokens('40000'));
    expect(detail?.timeline.map((e) => e.kind)).toEqual(['created', 'queued', 'executed']);
    expect(detail?.timeline[0].timestamp).toBeLessThan(detail!.timeline[2].timestamp);
    const votes = await indexer.getVotes(chain.seeded.proposals.defeated);
    expect(votes.map((v) => [v.voter, v.support, v.reason])).toEqual([
      [demo.members[0].address, 0, 'A stolen phone could then lose 5,000 in one payment.'],
      [demo.members[1].address, 1, 'The caterer asks for 1,200 up front.'],
      [demo.members[2].address, 0, ''],
    ]);
    expect(votes[0].weight).toBe(tokens('400000'));
    expect(await indexer.getProposal(123n)).toBeNull();
  });

  test('ranks delegates by voting power with their delegator counts', async () => {
    const delegates = await new ChainIndexer(client, chain.deployment).getDelegates(3);
    expect(delegates.map((d) => [d.address, d.votingPower, d.delegators])).toEqual([
      [demo.members[0].address, tokens('400000'), 1],
      [demo.members[1].address, tokens('300000'), 1],
      [demo.members[2].address, tokens('200000'), 1],
    ]);
  });

  test('reads payouts newest first, budgets with what is left, and treasury flows', async () => {
    const indexer = new ChainIndexer(client, chain.deployment);
    const cgUsd = chain.deployment.contracts.demoStablecoin!;
    const payouts = await indexer.getPayouts(10);
    expect(payouts.map((p) => [p.recipient, p.amount, p.memo, p.byVote, p.executor])).toEqual([
      [demo.trustedMerchant.address, parseUnits('120', 6), 'INV-2043 tea and cake, board meeting', false, demo.treasurer.address],
      [demo.spare.address, parseUnits('80', 6), 'INV-2042 flyers for the spring fair', false, demo.treasurer.address],
      [demo.trustedMerchant.address, parseUnits('45.5', 6), 'INV-2041 coffee for the volunteer meetup', false, demo.treasurer.address],
    ]);
    expect(await indexer.getPayouts(1)).toHaveLength(1);
    const budgets = await indexer.getBudgets();
    expect(budgets.map((b) => [b.treasurer, b.token, b.spent, b.remaining, b.period])).toEqual([
      [demo.treasurer.address, cgUsd, parseUnits('245.5', 6), parseUnits('754.5', 6), 30n * 86_400n],
      [demo.treasurer.address, zeroAddress, 0n, parseEther('0.5'), 30n * 86_400n],
    ]);
    const flows = await indexer.getTreasuryFlows([cgUsd]);
    expect(flows.filter((f) => f.token === cgUsd).map((f) => f.delta)).toEqual([
      parseUnits('12000', 6),
      -parseUnits('45.5', 6),
      -parseUnits('80', 6),
      -parseUnits('120', 6),
    ]);
    expect(flows.filter((f) => f.token === zeroAddress).map((f) => f.delta)).toEqual([parseEther('20')]);
  });

  test('rebuilds every policy version and links each to the proposal that made it', async () => {
    const versions = await new ChainIndexer(client, chain.deployment).getPolicyVersions();
    expect(versions.map((v) => v.version)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(versions.at(-1)).toMatchObject({ proposalId: null, changes: [{ kind: 'thresholds', warnAt: 40, blockAt: 80 }, { kind: 'unlimitedApprovals', allowed: false }] });
    // Versions 1 to 3 are the community's first rules (set at creation: no proposal), 4 to 8 the founding proposal's.
    expect(versions.slice(0, 5).every((v) => v.proposalId === chain.seeded.proposals.executed)).toBe(true);
    expect(versions.slice(5).map((v) => v.proposalId)).toEqual([null, null, null]);
    expect(versions[0].changes).toEqual([{ kind: 'origin', origin: 'http://scam.localhost:5174', status: 'Blocked', note: 'Look-alike of the demo shop' }]);
    expect(versions[1].changes).toEqual([{ kind: 'origin', origin: 'http://localhost:5173', status: 'Trusted', note: "The community's own app" }]);
    expect(versions[6].changes).toEqual([
      { kind: 'tokenLimits', token: zeroAddress, maxSinglePayment: parseEther('1'), dailyCap: parseEther('2'), maxFirstPayment: parseEther('0.25') },
    ]);
    expect(versions[5].changes).toEqual([
      { kind: 'tokenLimits', token: chain.deployment.contracts.demoStablecoin, maxSinglePayment: parseUnits('500', 6), dailyCap: parseUnits('1000', 6), maxFirstPayment: parseUnits('100', 6) },
    ]);
  });
});

describe('ChainIndexer with a capped log range', () => {
  test('reads the same history when the RPC allows only a few blocks per log query', async () => {
    const wide = new ChainIndexer(client, chain.deployment);
    const narrow = new ChainIndexer(client, chain.deployment, { maxBlockRange: 3n });
    expect(await narrow.getPolicyVersions()).toEqual(await wide.getPolicyVersions());
    expect(await narrow.listProposals({ first: 10, skip: 0, search: 'cgUSD' })).toEqual(await wide.listProposals({ first: 10, skip: 0, search: 'cgUSD' }));
    expect(await narrow.getPayouts(10)).toEqual(await wide.getPayouts(10));
  });
});
