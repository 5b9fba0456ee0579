import { seedDemo } from '@commonguard/scripts';
import type { Deployment } from '@commonguard/sdk';
import { deployContracts, startAnvil } from '@commonguard/sdk/testing';
import { type Address, encodeFunctionData, erc20Abi, parseEther, parseUnits } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ChainAccess } from '../chain/ChainAccess.js';
import { History, type HistoryEntry } from '../history/History.js';
import { PolicyCache } from '../policy/PolicyCache.js';
import type { WalletSettings } from '../settings/Settings.js';
import { PaymentGuard } from './PaymentGuard.js';

// Against a real anvil with the deployed and seeded contracts (the demo seed, through governance).
const shopper: Address = '0x976EA74026E726554dB657fA54763abd0C3a0aa9';
const coffee: Address = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
const ETH: Address = '0x0000000000000000000000000000000000000000';

let anvil: Awaited<ReturnType<typeof startAnvil>>;
let deployment: Deployment;

beforeAll(async () => {
  anvil = await startAnvil();
  deployment = await deployContracts({ rpcUrl: anvil.rpcUrl });
  await seedDemo({ rpcUrl: anvil.rpcUrl, deployment });
}, 180_000);

afterAll(() => anvil?.stop());

function makeGuard(overrides: Partial<WalletSettings> = {}) {
  let settings: WalletSettings = { rpcUrl: anvil.rpcUrl, chainId: 31337, paymentPolicy: deployment.contracts.paymentPolicy, autoLockMinutes: 15, ...overrides };
  let stored: HistoryEntry[] = [];
  const history = new History({ item: { getValue: async () => stored, setValue: async (value) => void (stored = value ?? []) } });
  const policy = new PolicyCache();
  const guard = new PaymentGuard({ chain: new ChainAccess({ settings: async () => settings }), policy, history });
  return { guard, history, setSettings: (next: Partial<WalletSettings>) => void (settings = { ...settings, ...next }) };
}

describe('PaymentGuard', () => {
  test('gathers the policy, the merchant and site status and the simulated balance changes', async () => {
    const { guard } = makeGuard();
    const review = await guard.review({
      action: { kind: 'nativeTransfer', token: ETH, to: coffee, amount: parseEther('0.01') },
      origin: 'http://localhost:5174',
      account: shopper,
      call: { to: coffee, value: parseEther('0.01'), data: '0x' },
    });
    expect(review.view.cannotVerify).toBeNull();
    expect(review.view.counterparty).toMatchObject({ status: 'trusted', note: 'Corner Coffee', isContract: false });
    expect(review.view.originStatus).toEqual({ status: 'trusted', note: 'CommonGuard demo shop' });
    expect(review.view.balanceChanges).toEqual([{ token: ETH, symbol: 'ETH', change: '−0.01 ETH', negative: true }]);
    expect(review.assessment?.level).toBe('allow');
    expect(review.assessment?.reasons.map((reason) => reason.rule)).toEqual(['firstPayment', 'trustedSite', 'trustedMerchant']);
  });

  test('sees that a recipient is a token contract', async () => {
    const { guard } = makeGuard();
    const token = deployment.contracts.demoStablecoin as Address;
    const amount = parseUnits('5', 6);
    const review = await guard.review({
      action: { kind: 'tokenTransfer', method: 'transfer', token, to: token, amount },
      origin: 'http://localhost:5174',
      account: shopper,
      call: { to: token, value: 0n, data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [token, amount] }) },
    });
    expect(review.view.counterparty).toMatchObject({ isContract: true, isToken: true });
    expect(review.view.amount).toMatchObject({ value: '5', symbol: 'cgUSD' });
    expect(review.assessment?.reasons.map((reason) => reason.rule)).toContain('recipientIsToken');
  });

  test('an address with no PaymentPolicy makes the payment unverifiable', async () => {
    const { guard } = makeGuard({ paymentPolicy: coffee });
    const review = await guard.review({ action: { kind: 'nativeTransfer', token: ETH, to: coffee, amount: 1n }, origin: null, account: shopper });
    expect(review.assessment).toBeNull();
    expect(review.view.cannotVerify?.reason).toContain(`Cannot read the community policy at ${coffee}`);
  });

  test('an unreachable chain after a good read: cannot verify, with the stale policy and its age', async () => {
    const { guard, setSettings } = makeGuard();
    const action = { kind: 'nativeTransfer', token: ETH, to: coffee, amount: 1n } as const;
    expect((await guard.review({ action, origin: null, account: shopper })).assessment).not.toBeNull();
    setSettings({ rpcUrl: 'http://127.0.0.1:9' });
    const review = await guard.review({ action, origin: null, account: shopper });
    expect(review.assessment).toBeNull();
    expect(review.view.cannotVerify?.reason).toContain('unreachable');
    expect(review.view.cannotVerify?.stalePolicy).toMatchObject({ version: expect.stringMatching(/^\d+$/) });
  });
});
