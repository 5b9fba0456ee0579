import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPublicClient, erc20Abi, http, parseUnits, type PublicClient } from 'viem';
import { demo, startSeededChain, type SeededChain } from '../../../test/fixture.js';
import type { Deployment } from '../chain/config.js';
import { loadDirectory, type Directory } from '../chain/tokens.js';
import { previewProposal } from './preview.js';
import { buildAction, template } from './templates.js';

let chain: SeededChain;
let deployment: Deployment;
let client: PublicClient;
let dir: Directory;

beforeAll(async () => {
  chain = await startSeededChain();
  deployment = chain.deployment;
  client = createPublicClient({ transport: http(chain.rpcUrl) });
  dir = await loadDirectory(client, deployment);
});
afterAll(() => chain?.stop());

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
      action('payout', { token: c.demoStablecoin!, recipient: demo.spare.address, amount: '250', memo: 'Flyers' }),
      action('merchant', { merchant: demo.spare.address, status: '1', note: 'Print shop' }),
    ]);
    expect(preview).toEqual({
      ok: true,
      changes: [
        { label: 'Policy version', before: '8', after: '10' },
        { label: 'Warning score (warnAt)', before: '40', after: '35' },
        { label: `cgUSD held by ${demo.spare.address}`, before: '80 cgUSD', after: '330 cgUSD' },
        { label: `Merchant ${demo.spare.address}`, before: 'not listed', after: 'trusted (Print shop)' },
        { label: 'Treasury cgUSD', before: '11,754.5', after: '11,504.5' },
      ],
    });
    // Nothing was actually changed on chain.
    expect(await client.readContract({ address: c.demoStablecoin!, abi: erc20Abi, functionName: 'balanceOf', args: [demo.spare.address] })).toBe(parseUnits('80', 6));
  });

  test('ETH payouts and budgets', async () => {
    const preview = await previewProposal(client, deployment, dir, [
      action('payout', { token: '0x0000000000000000000000000000000000000000', recipient: demo.spare.address, amount: '1', memo: '' }),
      action('revokeBudget', { treasurer: demo.treasurer.address, token: deployment.contracts.demoStablecoin! }),
    ]);
    expect(preview.ok && preview.changes).toEqual([
      { label: `cgUSD budget of ${demo.treasurer.address}`, before: '1,000 cgUSD per 30 days', after: 'none' },
      { label: 'Treasury ETH', before: '20', after: '19' },
    ]);
  });

  test('an action that would revert says which and why', async () => {
    const preview = await previewProposal(client, deployment, dir, [
      action('thresholds', { warnAt: '35', blockAt: '80' }),
      action('payout', { token: deployment.contracts.demoStablecoin!, recipient: demo.blockedMerchant.address, amount: '10', memo: '' }),
    ]);
    expect(preview).toEqual({ ok: false, failedAction: 1, message: `Action 2 would fail: Recipient blocked: the community has blocked ${demo.blockedMerchant.address}.` });
  });
});
