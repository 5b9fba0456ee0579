import type { SeedDemoReturnType } from '@commonguard/scripts';
import { communityGovernorAbi, type Deployment, treasuryAbi } from '@commonguard/sdk';
import { decodeTransaction } from '@commonguard/sdk/decode';
import { type Address, encodeFunctionData, erc20Abi, type Hex, parseEther, parseUnits } from 'viem';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestClient, createWalletClient, http, maxUint256, publicActions, type Abi } from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Approvals } from '../approvals/Approvals.js';
import { ChainAccess } from '../chain/ChainAccess.js';
import { History, type HistoryEntry } from '../history/History.js';
import { Keyring } from '../keyring/Keyring.js';
import { Communities, type JoinedCommunity } from '../communities/Communities.js';
import { Guard } from '../communities/Guard.js';
import { PolicyCache } from '../policy/PolicyCache.js';
import type { WalletSettings } from '../settings/Settings.js';
import { Pipeline } from './Pipeline.js';
import type { WalletRequest } from './types.js';
import { DROP, startRpcProxy } from './rpcProxy.test-helpers.js';
import { coffee, member1, type SeededChain, shopper, startSeededChain, treasurer } from './seededChain.test-helpers.js';
import { buildView } from './view.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

// Against a real anvil with the deployed and seeded contracts (the demo seed, through governance).
// Only steps 1–3 run here (judge): the window and the keyring are the browser tests' part.
let anvil: SeededChain;
let deployment: Deployment;
let seeded: SeedDemoReturnType;

beforeAll(async () => {
  anvil = await startSeededChain();
  ({ deployment, seeded } = anvil);
}, 180_000);

afterAll(() => anvil?.stop());

/** The shopper's anvil key (a public test key): the keyring signs with it when a test unlocks it. */
const SHOPPER_KEY = '0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e';

/**
 * A pipeline on anvil. `approve`: every window is answered at once with an acknowledged approval (the
 * window itself is the browser tests' part). `unlocked`: the keyring holds the shopper's key.
 */
function makePipeline(overrides: Partial<WalletSettings> = {}, { approve = false }: { approve?: boolean } = {}) {
  let settings: WalletSettings = { rpcUrl: anvil.rpcUrl, chainId: 31337, paymentPolicy: deployment.contracts.paymentPolicy, autoLockMinutes: 15, ...overrides };
  let stored: HistoryEntry[] = [];
  const history = new History({ item: { getValue: async () => stored, setValue: async (value) => void (stored = value ?? []) } });
  const memory = () => {
    let value: unknown = null;
    return { getValue: async () => value, setValue: async (next: unknown) => void (value = next) };
  };
  const shown: string[] = [];
  const approvals: Approvals = new Approvals({
    windows: {
      open: async (id) => {
        shown.push(id);
        if (approve) setTimeout(() => approvals.resolve(id, { approved: true, acknowledged: true }), 0);
        return shown.length;
      },
      focus: async () => {},
      close: async () => {},
    },
  });
  const keyring = new Keyring({ vault: memory() as never, session: memory() as never, autoLockMs: () => 60_000 });
  // The demo community, joined; `paymentPolicy` in the overrides points its record at another policy.
  const { communityGovernor: governor, communityToken: token, timelock, treasury, paymentPolicy } = deployment.contracts;
  let joined: JoinedCommunity[] = [{ chainId: 31337, governor, name: 'Demo community', token, timelock, treasury, policy: settings.paymentPolicy ?? paymentPolicy, joinedAt: 1 }];
  const communities = new Communities({ item: { getValue: async () => joined, setValue: async (value) => void (joined = value ?? []) } });
  const guard = new Guard({ communities, policy: new PolicyCache() });
  const pipeline = new Pipeline({ chain: new ChainAccess({ settings: async () => settings }), guard, history, approvals, keyring });
  return { pipeline, history, keyring, shown, communities, setSettings: (next: Partial<WalletSettings>) => void (settings = { ...settings, ...next }) };
}

function artifact(name: string): { abi: Abi; bytecode: Hex } {
  const json = JSON.parse(readFileSync(join(root, `contracts/out/${name}.sol/${name}.json`), 'utf8')) as { abi: Abi; bytecode: { object: Hex } };
  return { abi: json.abi, bytecode: json.bytecode.object };
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
    expect(view.originStatus).toEqual({ status: 'trusted', note: 'CommonGuard demo shop', by: ['Demo community'] });
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

  test('a network without a community: judged by the wallet’s own model, and the window says no community rules apply', async () => {
    const { pipeline, communities } = makePipeline();
    const overCap = transaction(shopper, coffee, '0x', parseEther('2'));
    const joined = (await pipeline.judge(overCap)).judgement;
    expect(joined.assessment?.reasons.map((reason) => reason.rule)).toContain('maxSinglePayment');
    expect(buildView(joined).guard?.sentence).toBe('Judged by the rules of Demo community.');
    await communities.leave(31337, deployment.contracts.communityGovernor);
    const { judgement } = await pipeline.judge(overCap);
    expect(judgement.assessment).not.toBeNull();
    expect(judgement.assessment?.reasons.map((reason) => reason.rule)).not.toContain('maxSinglePayment');
    expect(judgement.assessment?.level).not.toBe('block');
    const view = buildView(judgement);
    expect(view.guard).toEqual({ communities: [], sentence: 'No community rules apply on this network: the wallet judges this by its own checks and your personal budgets.' });
    expect(view.originStatus).toBeNull();
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

describe('Pipeline.judge simulates exactly what will be signed', () => {
  test('a contract that behaves only when the gas price is 0 is seen draining the approved tokens, and blocked', async () => {
    const token = deployment.contracts.demoStablecoin as Address;
    const deployer = createWalletClient({ account: member1, chain: foundry, transport: http(anvil.rpcUrl) }).extend(publicActions);
    const testClient = createTestClient({ mode: 'anvil', chain: foundry, transport: http(anvil.rpcUrl) });
    const { abi, bytecode } = artifact('GasPriceDrainer');
    // member1 is an unlocked anvil account; the shopper's approval is given outside the wallet (impersonated).
    const deployed = await deployer.waitForTransactionReceipt({ hash: await deployer.deployContract({ abi, bytecode, args: [coffee] }) });
    const drainer = deployed.contractAddress as Address;
    await testClient.impersonateAccount({ address: shopper });
    const shopperClient = createWalletClient({ account: shopper, chain: foundry, transport: http(anvil.rpcUrl) }).extend(publicActions);
    await shopperClient.waitForTransactionReceipt({ hash: await shopperClient.writeContract({ address: token, abi: erc20Abi, functionName: 'approve', args: [drainer, parseUnits('600', 6)] }) });
    await testClient.stopImpersonatingAccount({ address: shopper });

    const data = encodeFunctionData({ abi, functionName: 'claim', args: [token] });
    const { judgement } = await makePipeline().pipeline.judge(transaction(shopper, drainer, data));
    expect(judgement.understanding.effects.basis).toBe('simulation');
    expect(judgement.understanding.effects.effects).toEqual([{ kind: 'assetOut', token, to: coffee, amount: parseUnits('600', 6) }]);
    expect(judgement.assessment?.level).toBe('block');
    expect(judgement.assessment?.reasons.map((reason) => reason.rule)).toContain('maxSinglePayment');
  });

  test('a gas limit far above what the simulation used is a concern in plain words', async () => {
    const request = transaction(shopper, coffee, '0x', parseEther('0.01'));
    const { judgement } = await makePipeline().pipeline.judge({ ...request, call: { ...(request as Extract<WalletRequest, { kind: 'transaction' }>).call, fees: { gas: 1_000_000n } } } as WalletRequest);
    expect(judgement.understanding.concerns).toEqual([{ rule: 'gasLimitFarAboveUse', message: expect.stringMatching(/gas limit of 1,000,000, far more than the 21,000 this used/) }]);
    expect(judgement.assessment?.level).toBe('warn');
  });
});

describe('the re-check just before signing', () => {
  test('reuses the simulation while the chain stands still, simulates again once a block was mined, and keeps the fees shown', async () => {
    const { pipeline } = makePipeline();
    const request = transaction(shopper, coffee, '0x', parseEther('0.01'));
    const first = await pipeline.judge(request);
    const same = await pipeline.judge(request, { previous: first.judgement, reservation: first.reservation });
    expect(same.reservation).toBe(first.reservation);
    expect(same.judgement.understanding).toBe(first.judgement.understanding);
    await createTestClient({ mode: 'anvil', chain: foundry, transport: http(anvil.rpcUrl) }).mine({ blocks: 1 });
    const moved = await pipeline.judge(request, { previous: first.judgement, reservation: first.reservation });
    expect(moved.judgement.base?.blockNumber).toBe((first.judgement.base?.blockNumber ?? 0n) + 1n);
    expect(moved.judgement.understanding).not.toBe(first.judgement.understanding);
    expect(moved.judgement.understanding.effects).toEqual(first.judgement.understanding.effects);
    expect(moved.judgement.fee).toBe(first.judgement.fee);
  });
});

describe('a simulation RPC that does not simulate', () => {
  const router = coffee;
  const opaque = () => transaction(shopper, deployment.contracts.communityToken as Address, '0x12345678');

  test.each([
    ['lacks eth_simulateV1', (id: unknown) => ({ jsonrpc: '2.0', id, error: { code: -32601, message: 'the method eth_simulateV1 does not exist/is not available' } }), 'your RPC does not offer eth_simulateV1'],
    ['answers it malformed', (id: unknown) => ({ jsonrpc: '2.0', id, result: [{ calls: 'nothing' }] }), 'your RPC answered the simulation in an unexpected shape'],
  ])('one that %s: an unknown call cannot be told, says so in words, and is not signed without the acknowledgement', async (_name, answer, words) => {
    const proxy = await startRpcProxy(anvil.rpcUrl);
    try {
      proxy.override('eth_simulateV1', ({ id }) => answer(id));
      const { pipeline } = makePipeline({ rpcUrl: proxy.url });
      const { judgement } = await pipeline.judge(opaque());
      expect(judgement.understanding.effects).toMatchObject({ basis: 'unknown', note: expect.stringContaining(words) });
      expect(judgement.understanding.concerns.map((concern) => concern.rule)).toContain('cannotTell');
      expect(['warn', 'block']).toContain(judgement.assessment?.level);
      // A plain payment is still read from its calldata (never "nothing happens").
      const plain = await pipeline.judge(transaction(shopper, router, '0x', 1n));
      expect(plain.judgement.understanding.effects).toMatchObject({ basis: 'decoding', effects: [{ kind: 'assetOut', to: router, amount: 1n }] });
    } finally {
      await proxy.close();
    }
  });
});

describe('Pipeline.run after the approval', () => {
  test('sending fails after approval (the keyring is locked): the history says failed, the page gets -32603', async () => {
    const { pipeline, history, shown } = makePipeline({}, { approve: true });
    const error = await pipeline.run(transaction(shopper, coffee, '0x', parseEther('0.001'))).catch((caught: unknown) => caught);
    expect(shown).toHaveLength(1);
    expect(error).toMatchObject({ code: -32603, message: expect.stringContaining('The payment was approved but sending failed') });
    const [entry] = await history.list();
    expect(entry).toMatchObject({ outcome: 'failed', to: coffee });
    expect(entry?.hash).toBeUndefined();
  });

  test('the entry is pending with its hash before the broadcast; a node that refuses it makes it failed with that hash', async () => {
    const proxy = await startRpcProxy(anvil.rpcUrl);
    try {
      const { pipeline, history, keyring } = makePipeline({ rpcUrl: proxy.url }, { approve: true });
      await keyring.create({ password: 'correct horse battery', privateKey: SHOPPER_KEY });
      let atBroadcast: Promise<HistoryEntry | undefined> = Promise.resolve(undefined);
      proxy.override('eth_sendRawTransaction', ({ id }) => {
        atBroadcast = history.list().then(([first]) => first);
        return { jsonrpc: '2.0', id, error: { code: -32000, message: 'replacement transaction underpriced' } };
      });
      const error = await pipeline.run(transaction(shopper, coffee, '0x', parseEther('0.001'))).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: -32603, message: expect.stringContaining('sending failed'), data: { hash: expect.stringMatching(/^0x[0-9a-f]{64}$/) } });
      const hash = (error as { data: { hash: Hex } }).data.hash;
      expect(await atBroadcast).toMatchObject({ outcome: 'pending', hash, to: coffee });
      const [entry] = await history.list();
      expect(entry).toMatchObject({ outcome: 'failed', hash, detail: expect.stringContaining('The network refused it') });
    } finally {
      await proxy.close();
    }
  });

  test('a lost broadcast answer leaves the payment pending with its hash (not failed without one)', async () => {
    const proxy = await startRpcProxy(anvil.rpcUrl);
    try {
      const { pipeline, history, keyring } = makePipeline({ rpcUrl: proxy.url }, { approve: true });
      await keyring.create({ password: 'correct horse battery', privateKey: SHOPPER_KEY });
      // The node takes the transaction, but its answer never reaches the wallet (the connection drops).
      proxy.override('eth_sendRawTransaction', (request) => {
        void fetch(anvil.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
        return DROP;
      });
      const error = await pipeline.run(transaction(shopper, coffee, '0x', parseEther('0.001'))).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: -32603, message: expect.stringContaining('may still go through'), data: { hash: expect.stringMatching(/^0x[0-9a-f]{64}$/) } });
      const hash = (error as { data: { hash: Hex } }).data.hash;
      const [entry] = await history.list();
      expect(entry).toMatchObject({ outcome: 'pending', hash });
      const receipt = await createWalletClient({ chain: foundry, transport: http(anvil.rpcUrl) }).extend(publicActions).waitForTransactionReceipt({ hash });
      expect(receipt.status).toBe('success');
    } finally {
      await proxy.close();
    }
  });
});
