import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPublicClient, http, parseUnits, type PublicClient } from 'viem';
import { accounts, createProposal, deploySeeded, startAnvil, settings, warp } from '../../../test/fixture.js';
import type { Deployment } from '../chain/config.js';
import { ChainIndexer } from './chain.js';

let anvil: Awaited<ReturnType<typeof startAnvil>>;
let deployment: Deployment;
let client: PublicClient;
let seeded: Awaited<ReturnType<typeof deploySeeded>>;

beforeAll(async () => {
  anvil = await startAnvil();
  seeded = await deploySeeded(anvil.rpcUrl);
  deployment = seeded.deployment;
  client = createPublicClient({ transport: http(anvil.rpcUrl, { batch: true }) });
});
afterAll(() => anvil?.stop());

describe('ChainIndexer against a seeded anvil', () => {
  test('lists proposals newest first with state, votes and title', async () => {
    const indexer = new ChainIndexer(client, deployment);
    const page = await indexer.listProposals({ first: 10, skip: 0 });
    expect(page.total).toBe(2);
    expect(page.items.map((p) => [p.title, p.state])).toEqual([
      ['Pay Corner Coffee for the meetup', 'Executed'],
      ['Set up the community rules', 'Executed'],
    ]);
    expect(page.items[0].forVotes).toBe(10n ** 21n);
    expect(page.items[0].againstVotes).toBe(0n);
  });

  test('pages, filters by state and searches', async () => {
    const id = await createProposal(seeded.clients, deployment, [{ target: deployment.contracts.paymentPolicy, data: '0x' }], '# Lower the warning score\n\nwarnAt to 35');
    const indexer = new ChainIndexer(client, deployment);
    expect((await indexer.listProposals({ first: 1, skip: 1 })).items[0].title).toBe('Pay Corner Coffee for the meetup');
    const pending = await indexer.listProposals({ first: 10, skip: 0, states: ['Pending'] });
    expect(pending.items.map((p) => p.id)).toEqual([id]);
    expect(pending.total).toBe(1);
    const found = await indexer.listProposals({ first: 10, skip: 0, search: 'COFFEE' });
    expect(found.items.map((p) => p.title)).toEqual(['Pay Corner Coffee for the meetup']);
    expect((await indexer.listProposals({ first: 10, skip: 0, search: 'nothing like this' })).total).toBe(0);
    await warp(seeded.clients, settings.votingDelay + 1n);
    // The same instance sees the new state (no stale cache).
    expect((await indexer.listProposals({ first: 10, skip: 0, states: ['Active'] })).items.map((p) => p.id)).toEqual([id]);
  });

  test('reads a proposal with actions, quorum, timeline and votes with reasons', async () => {
    const indexer = new ChainIndexer(client, deployment);
    const [latestExecuted] = (await indexer.listProposals({ first: 1, skip: 0, states: ['Executed'] })).items;
    const detail = await indexer.getProposal(latestExecuted.id);
    expect(detail?.actions).toHaveLength(1);
    expect(detail?.actions[0].target).toBe(deployment.contracts.treasury);
    expect(detail?.quorum).toBe((10n ** 21n * 4n) / 100n);
    expect(detail?.timeline.map((e) => e.kind)).toEqual(['created', 'queued', 'executed']);
    const votes = await indexer.getVotes(latestExecuted.id);
    expect(votes).toHaveLength(4);
    expect(votes.every((v) => v.support === 1)).toBe(true);
    expect(await indexer.getProposal(123n)).toBeNull();
  });

  test('ranks delegates by voting power with their delegator counts', async () => {
    const delegates = await new ChainIndexer(client, deployment).getDelegates(3);
    expect(delegates.map((d) => [d.address, d.votingPower, d.delegators])).toEqual([
      [accounts[1].address, 400n * 10n ** 18n, 1],
      [accounts[2].address, 300n * 10n ** 18n, 1],
      [accounts[3].address, 200n * 10n ** 18n, 1],
    ]);
  });

  test('reads payouts, budgets and treasury flows', async () => {
    const indexer = new ChainIndexer(client, deployment);
    const payouts = await indexer.getPayouts(10);
    expect(payouts).toHaveLength(1);
    expect(payouts[0]).toMatchObject({ recipient: accounts[7].address, amount: parseUnits('250', 6), byVote: true, memo: 'Coffee for the spring meetup' });
    const budgets = await indexer.getBudgets();
    expect(budgets.map((b) => [b.treasurer, b.token, b.remaining])).toEqual([
      [accounts[5].address, deployment.contracts.demoStablecoin, parseUnits('1000', 6)],
      [accounts[5].address, '0x0000000000000000000000000000000000000000', 5n * 10n ** 17n],
    ]);
    const flows = await indexer.getTreasuryFlows([deployment.contracts.demoStablecoin!]);
    const usd = flows.filter((f) => f.token === deployment.contracts.demoStablecoin).map((f) => f.delta);
    expect(usd).toEqual([parseUnits('12000', 6), -parseUnits('250', 6)]);
  });

  test('rebuilds every policy version and links it to the proposal that made it', async () => {
    const indexer = new ChainIndexer(client, deployment);
    const versions = await indexer.getPolicyVersions();
    expect(versions.map((v) => v.version)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(versions.at(-1)?.changes.map((c) => c.kind)).toEqual(['thresholds', 'unlimitedApprovals']);
    expect(versions.at(-1)?.proposalId).toBeNull();
    const setup = (await indexer.listProposals({ first: 1, skip: 0, search: 'community rules' })).items[0];
    expect(versions[0].proposalId).toBe(setup.id);
    expect(versions[0].changes).toEqual([{ kind: 'origin', origin: 'http://scam.localhost:5174', status: 'Blocked', note: 'Fake shop' }]);
  });
});
