import { type Address, parseEther, parseEventLogs, parseUnits, zeroAddress } from 'viem';
import { type Deployment, listMerchants, listOrigins, readPolicy, treasuryAbi } from '@commonguard/sdk';
import { deployContracts, startAnvil } from '@commonguard/sdk/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demo } from './accounts.js';
import { type StackClients, createStackClients } from './clients.js';
import { passProposal, proposalState } from './governance.js';
import { proposalActions } from './proposalActions.js';
import { type SeedDemoReturnType, demoSeed, seedDemo } from './seed.js';

let stop: () => Promise<void>;
let clients: StackClients;
let deployment: Deployment;
let seeded: SeedDemoReturnType;
let cgUsd: Address;
let rpcUrl: string;
const lines: string[] = [];

beforeAll(async () => {
  const anvil = await startAnvil();
  stop = anvil.stop;
  rpcUrl = anvil.rpcUrl;
  deployment = await deployContracts({ rpcUrl: anvil.rpcUrl });
  cgUsd = deployment.contracts.demoStablecoin as Address;
  clients = createStackClients(anvil.rpcUrl);
  seeded = await seedDemo({ rpcUrl: anvil.rpcUrl, deployment, log: (line) => lines.push(line) });
});

afterAll(async () => {
  await stop?.();
});

// These tests run in order: the last one moves time and changes the policy.
describe('seedDemo', () => {
  test('reports its progress step by step', () => {
    expect(lines[0]).toBe('members 1–4 delegated their votes to themselves');
    expect(lines).toContain('founding proposal: executed');
    expect(lines.length).toBeGreaterThanOrEqual(8);
  });

  test('sets the policy through the founding proposal', async () => {
    expect(await readPolicy(clients.public, { address: deployment.contracts.paymentPolicy })).toEqual({
      // 1 at creation, the config's two token limits, then five changes in the founding proposal.
      version: 8n,
      warnAt: 40,
      blockAt: 80,
      unlimitedApprovalsAllowed: false,
      tokenLimits: [
        { token: zeroAddress, maxSinglePayment: parseEther('1'), dailyCap: parseEther('2'), maxFirstPayment: parseEther('0.25') },
        { token: cgUsd, maxSinglePayment: 500_000_000n, dailyCap: 1_000_000_000n, maxFirstPayment: 100_000_000n },
      ],
    });
  });

  test('trusts and blocks the seeded merchants and origins', async () => {
    const address = deployment.contracts.paymentPolicy;
    expect((await listMerchants(clients.public, { address })).merchants).toEqual([
      { merchant: demo.trustedMerchant.address, status: 'trusted', note: 'Corner Coffee' },
      { merchant: demo.blockedMerchant.address, status: 'blocked', note: 'Reported for fake invoices' },
    ]);
    expect((await listOrigins(clients.public, { address })).origins).toEqual([
      { origin: 'http://localhost:5174', status: 'trusted', note: 'CommonGuard demo shop' },
      // The community's own dApp (where the dev stack serves it): its votes and payouts are not an unknown site's.
      { origin: 'http://localhost:5173', status: 'trusted', note: "The community's own app" },
      { origin: 'http://scam.localhost:5174', status: 'blocked', note: 'Look-alike of the demo shop' },
    ]);
  });

  test("the treasurer's cgUSD budget shows the three payouts spent", async () => {
    const budget = await clients.public.readContract({
      address: deployment.contracts.treasury,
      abi: treasuryAbi,
      functionName: 'budget',
      args: [demo.treasurer.address, cgUsd],
    });
    expect(budget).toMatchObject({
      amountPerPeriod: parseUnits('1000', 6),
      period: 30n * 86_400n,
      spent: parseUnits('245.5', 6),
      remaining: parseUnits('754.5', 6),
    });
    const ethBudget = await clients.public.readContract({
      address: deployment.contracts.treasury,
      abi: treasuryAbi,
      functionName: 'budget',
      args: [demo.treasurer.address, zeroAddress],
    });
    expect(ethBudget).toMatchObject({ amountPerPeriod: parseEther('0.5'), spent: 0n });
  });

  test('the payouts carry their memos', async () => {
    const memos: string[] = [];
    for (const hash of seeded.payouts) {
      const receipt = await clients.public.getTransactionReceipt({ hash });
      for (const log of parseEventLogs({ abi: treasuryAbi, eventName: 'PaidOut', logs: receipt.logs })) {
        expect(log.args).toMatchObject({ executor: demo.treasurer.address, token: cgUsd, byVote: false });
        memos.push(log.args.memo);
      }
    }
    expect(memos).toEqual(demoSeed.payouts.map((payout) => payout.memo));
  });

  test('funds the shopper and the treasury', async () => {
    const balanceOf = (account: Address) =>
      clients.public.readContract({
        address: cgUsd,
        abi: [{ type: 'function', name: 'balanceOf', stateMutability: 'view', inputs: [{ name: 'a', type: 'address' }], outputs: [{ name: '', type: 'uint256' }] }],
        functionName: 'balanceOf',
        args: [account],
      });
    expect(await balanceOf(demo.shopper.address)).toBe(parseUnits('2000', 6));
    expect(await balanceOf(deployment.contracts.treasury)).toBe(parseUnits('11754.5', 6));
    expect(await clients.public.getBalance({ address: deployment.contracts.treasury })).toBe(parseEther('20'));
  });

  test('leaves one proposal in each of four states', async () => {
    const context = { clients, deployment };
    expect({
      executed: await proposalState(context, seeded.proposals.executed),
      defeated: await proposalState(context, seeded.proposals.defeated),
      succeeded: await proposalState(context, seeded.proposals.succeeded),
      active: await proposalState(context, seeded.proposals.active),
    }).toEqual({ executed: 'executed', defeated: 'defeated', succeeded: 'succeeded', active: 'active' });
  });

  test('passProposal takes a new proposal through governance and the policy changes', async () => {
    const act = proposalActions(deployment);
    const steps: string[] = [];
    const passed = await passProposal({
      rpcUrl,
      deployment,
      description: 'Lower the cgUSD max single payment to 50',
      actions: [act.setTokenLimits(cgUsd, { ...demoSeed.limits.cgUsd, maxSinglePayment: parseUnits('50', 6) })],
      log: (line) => steps.push(line),
    });
    expect(steps).toEqual([
      'proposed "Lower the cgUSD max single payment to 50"',
      '4 members voted for',
      'queued in the timelock',
      'executed',
    ]);
    expect(await proposalState({ clients, deployment }, passed.proposalId)).toBe('executed');
    const policy = await readPolicy(clients.public, { address: deployment.contracts.paymentPolicy });
    // One more than the seed's 8.
    expect(policy.version).toBe(9n);
    expect(policy.tokenLimits.find((limits) => limits.token === cgUsd)?.maxSinglePayment).toBe(parseUnits('50', 6));
  });

  test('passProposal explains why the same proposal cannot pass twice', async () => {
    const act = proposalActions(deployment);
    await expect(
      passProposal({
        clients,
        deployment,
        description: 'Lower the cgUSD max single payment to 50',
        actions: [act.setTokenLimits(cgUsd, { ...demoSeed.limits.cgUsd, maxSinglePayment: parseUnits('50', 6) })],
      }),
    ).rejects.toThrow(/^Proposing "Lower the cgUSD max single payment to 50" failed: Proposal \d+ already exists \(executed\): a new proposal needs other actions or another description\.$/);
  });
});
