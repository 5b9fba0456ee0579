import { seedDemo, type SeedDemoReturnType } from '@commonguard/scripts';
import { communityGovernorAbi, type Deployment, treasuryAbi } from '@commonguard/sdk';
import { decodeTransaction } from '@commonguard/sdk/decode';
import { deployContracts, startAnvil } from '@commonguard/sdk/testing';
import { type Address, encodeFunctionData, erc20Abi, type Hex, parseEther, parseUnits } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Approvals } from '../approvals/Approvals.js';
import { ChainAccess } from '../chain/ChainAccess.js';
import { History, type HistoryEntry } from '../history/History.js';
import { Keyring } from '../keyring/Keyring.js';
import { PolicyCache } from '../policy/PolicyCache.js';
import type { WalletSettings } from '../settings/Settings.js';
import { Pipeline } from './Pipeline.js';
import type { WalletRequest } from './types.js';
import { buildView } from './view.js';

// Against a real anvil with the deployed and seeded contracts (the demo seed, through governance).
// Only steps 1–3 run here (judge): the window and the keyring are the browser tests' part.
const shopper: Address = '0x976EA74026E726554dB657fA54763abd0C3a0aa9';
const member1: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const treasurer: Address = '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc';
const coffee: Address = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';

let anvil: Awaited<ReturnType<typeof startAnvil>>;
let deployment: Deployment;
let seeded: SeedDemoReturnType;

beforeAll(async () => {
  anvil = await startAnvil();
  deployment = await deployContracts({ rpcUrl: anvil.rpcUrl });
  seeded = await seedDemo({ rpcUrl: anvil.rpcUrl, deployment });
}, 180_000);

afterAll(() => anvil?.stop());

function makePipeline(overrides: Partial<WalletSettings> = {}) {
  let settings: WalletSettings = { rpcUrl: anvil.rpcUrl, chainId: 31337, paymentPolicy: deployment.contracts.paymentPolicy, autoLockMinutes: 15, ...overrides };
  let stored: HistoryEntry[] = [];
  const history = new History({ item: { getValue: async () => stored, setValue: async (value) => void (stored = value ?? []) } });
  const memory = { getValue: async () => null, setValue: async () => {} };
  const pipeline = new Pipeline({
    chain: new ChainAccess({ settings: async () => settings }),
    policy: new PolicyCache(),
    history,
    approvals: new Approvals({ windows: { open: async () => undefined, focus: async () => {}, close: async () => {} } }),
    keyring: new Keyring({ vault: memory as never, session: memory as never, autoLockMs: () => 60_000 }),
  });
  return { pipeline, setSettings: (next: Partial<WalletSettings>) => void (settings = { ...settings, ...next }) };
}

const transaction = (account: Address, to: Address | undefined, data: Hex = '0x', value = 0n): WalletRequest => ({
  kind: 'transaction',
  origin: 'http://localhost:5174',
  account,
  source: 'sendTransaction',
  action: decodeTransaction({ to, data, value: `0x${value.toString(16)}` }),
  call: { to, value, data },
});

describe('Pipeline.judge on anvil', () => {
  test('a payment: simulated effects, the merchant and site status, the verdict', async () => {
    const { judgement } = await makePipeline().pipeline.judge(transaction(shopper, coffee, '0x', parseEther('0.01')));
    expect(judgement.understanding.effects.basis).toBe('simulation');
    const view = buildView(judgement);
    expect(view.counterparty).toMatchObject({ status: 'trusted', note: 'Corner Coffee', isContract: false });
    expect(view.originStatus).toEqual({ status: 'trusted', note: 'CommonGuard demo shop' });
    expect(view.balanceChanges).toEqual([{ token: '0x0000000000000000000000000000000000000000', symbol: 'ETH', change: '−0.01 ETH', negative: true }]);
    expect(judgement.assessment?.level).toBe('allow');
  });

  test('sees that a recipient is a token contract', async () => {
    const token = deployment.contracts.demoStablecoin as Address;
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [token, parseUnits('5', 6)] });
    const { judgement } = await makePipeline().pipeline.judge(transaction(shopper, token, data));
    expect(buildView(judgement).amount).toMatchObject({ value: '5', symbol: 'cgUSD' });
    expect(judgement.assessment?.reasons.map((reason) => reason.rule)).toContain('recipientIsToken');
  });

  test('an address with no PaymentPolicy makes the payment unverifiable', async () => {
    const { judgement } = await makePipeline({ paymentPolicy: coffee }).pipeline.judge(transaction(shopper, coffee, '0x', 1n));
    expect(judgement.assessment).toBeNull();
    expect(buildView(judgement).cannotVerify?.reason).toContain(`Cannot read the community policy at ${coffee}`);
  });

  test('an unreachable chain after a good read: cannot verify, with the stale policy and its age', async () => {
    const { pipeline, setSettings } = makePipeline();
    expect((await pipeline.judge(transaction(shopper, coffee, '0x', 1n))).judgement.assessment).not.toBeNull();
    setSettings({ rpcUrl: 'http://127.0.0.1:9' });
    const { judgement } = await pipeline.judge(transaction(shopper, coffee, '0x', 1n));
    expect(judgement.assessment).toBeNull();
    expect(buildView(judgement).cannotVerify).toMatchObject({ reason: expect.stringContaining('unreachable'), stalePolicy: { version: expect.stringMatching(/^\d+$/) } });
  });

  test('a deployment that would succeed is checked with eth_estimateGas: no false failure', async () => {
    // A minimal contract whose code returns 42.
    const { judgement } = await makePipeline().pipeline.judge(transaction(shopper, undefined, '0x600a600c600039600a6000f3602a60005260206000f3'));
    expect(judgement.understanding.failure).toBeNull();
    expect(judgement.understanding.effects.note).toContain('checked only that it would succeed');
    expect(judgement.assessment?.level).toBe('warn');
  });

  test('a vote is described in plain words with the proposal’s title and the votes cast, without the unknown-contract penalty', async () => {
    const data = encodeFunctionData({ abi: communityGovernorAbi, functionName: 'castVote', args: [seeded.proposals.active, 1] });
    const { judgement } = await makePipeline().pipeline.judge(transaction(member1, deployment.contracts.communityGovernor, data));
    const view = buildView(judgement);
    expect(view.title).toMatch(/^Vote For on “Lower the daily ETH cap to 1\.5 ETH” with [\d,]+ votes$/);
    expect(view.button).toBe('Vote');
    expect(judgement.assessment?.reasons.map((reason) => reason.rule)).not.toContain('unknownContractCall');
    expect(judgement.assessment?.level).toBe('allow');
  });

  test('a treasurer payout names the recipient and what the budget keeps', async () => {
    const token = deployment.contracts.demoStablecoin as Address;
    const data = encodeFunctionData({ abi: treasuryAbi, functionName: 'payout', args: [token, coffee, parseUnits('42.5', 6), 'INV-2044 oat milk'] });
    const { judgement } = await makePipeline().pipeline.judge(transaction(treasurer, deployment.contracts.treasury, data));
    const view = buildView(judgement);
    expect(view.title).toBe('Pay 42.50 cgUSD to Corner Coffee (0x14dC…9955) from your treasurer budget (712.00 cgUSD left this period)');
    expect(view.button).toBe('Pay');
    expect(judgement.assessment?.level).toBe('allow');
  });
});
