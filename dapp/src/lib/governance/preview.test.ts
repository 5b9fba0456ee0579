import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPublicClient, http, parseUnits, type PublicClient } from 'viem';
import { accounts, deploySeeded, startAnvil } from '../../../test/fixture.js';
import type { Deployment } from '../chain/config.js';
import { loadDirectory, type Directory } from '../chain/tokens.js';
import { testDirectory } from '../testDeployment.js';
import { previewProposal } from './preview.js';
import { buildAction, template } from './templates.js';

let anvil: Awaited<ReturnType<typeof startAnvil>>;
let deployment: Deployment;
let client: PublicClient;
let dir: Directory;

beforeAll(async () => {
  anvil = await startAnvil();
  deployment = (await deploySeeded(anvil.rpcUrl)).deployment;
  client = createPublicClient({ transport: http(anvil.rpcUrl) });
  dir = await loadDirectory(client, deployment);
});
afterAll(() => anvil?.stop());

function action(id: string, values: Record<string, string>) {
  const built = buildAction(template(id), values, deployment, dir);
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  return built.action;
}

describe('proposal preview, simulated as the timelock', () => {
  test('shows each value that would change, before → after', async () => {
    const c = deployment.contracts;
    const preview = await previewProposal(client, deployment, dir, [
      action('thresholds', { warnAt: '35', blockAt: '80' }),
      action('payout', { token: c.demoStablecoin!, recipient: accounts[9].address, amount: '250', memo: 'Flyers' }),
      action('merchant', { merchant: accounts[9].address, status: '1', note: 'Print shop' }),
    ]);
    expect(preview).toEqual({
      ok: true,
      changes: [
        { label: 'Policy version', before: '7', after: '9' },
        { label: 'Warning score (warnAt)', before: '40', after: '35' },
        { label: `cgUSD held by ${accounts[9].address}`, before: '0 cgUSD', after: '250 cgUSD' },
        { label: `Merchant ${accounts[9].address}`, before: 'not listed', after: 'trusted (Print shop)' },
        { label: 'Treasury cgUSD', before: '11,750', after: '11,500' },
      ],
    });
    // Nothing was actually changed on chain.
    expect(await client.readContract({ address: c.demoStablecoin!, abi: (await import('viem')).erc20Abi, functionName: 'balanceOf', args: [accounts[9].address] })).toBe(0n);
  });

  test('ETH payouts and budgets', async () => {
    const preview = await previewProposal(client, deployment, dir, [
      action('payout', { token: '0x0000000000000000000000000000000000000000', recipient: accounts[9].address, amount: '1', memo: '' }),
      action('revokeBudget', { treasurer: accounts[5].address, token: deployment.contracts.demoStablecoin! }),
    ]);
    expect(preview.ok && preview.changes).toEqual([
      { label: `cgUSD budget of ${accounts[5].address}`, before: '1,000 cgUSD per 30 days', after: 'none' },
      { label: 'Treasury ETH', before: '5', after: '4' },
    ]);
  });

  test('an action that would revert says which and why', async () => {
    const preview = await previewProposal(client, deployment, dir, [
      action('thresholds', { warnAt: '35', blockAt: '80' }),
      action('payout', { token: deployment.contracts.demoStablecoin!, recipient: accounts[8].address, amount: '10', memo: '' }),
    ]);
    expect(preview).toEqual({ ok: false, failedAction: 1, message: `Action 2 would fail: Recipient blocked: the community has blocked ${accounts[8].address}.` });
  });
});
void testDirectory;
void parseUnits;
