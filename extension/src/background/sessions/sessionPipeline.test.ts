import { decodeTransaction, decodeTypedData } from '@commonguard/sdk/decode';
import { transferAuthorisation } from '@commonguard/sdk/testing';
import { paymentPolicyAbi } from '@commonguard/sdk';
import { type Address, createTestClient, http, publicActions, recoverTypedDataAddress, walletActions } from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Approvals } from '../approvals/Approvals.js';
import { Communities, type JoinedCommunity } from '../communities/Communities.js';
import { Guard } from '../communities/Guard.js';
import { ChainAccess } from '../chain/ChainAccess.js';
import { History, type HistoryEntry } from '../history/History.js';
import { Keyring } from '../keyring/Keyring.js';
import { Pipeline } from '../pipeline/Pipeline.js';
import { coffee, type SeededChain, shopper, startSeededChain } from '../pipeline/seededChain.test-helpers.js';
import type { WalletRequest } from '../pipeline/types.js';
import { PolicyCache } from '../policy/PolicyCache.js';
import { startRpcProxy } from '../pipeline/rpcProxy.test-helpers.js';
import { sessionGate } from './pass.js';
import { Sessions, type StoredSession } from './Sessions.js';

// The session gate inside the real pipeline, against a real anvil with the deployed and seeded demo
// (the community's policy, the demo stablecoin). The window is answered by the test (the browser
// tests click the real one); the keyring signs for real.
let anvil: SeededChain;
let cgUsd: Address;

beforeAll(async () => {
  anvil = await startSeededChain();
  cgUsd = anvil.deployment.contracts.demoStablecoin as Address;
}, 180_000);

afterAll(() => anvil?.stop());

const SHOPPER_KEY = '0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e';
const SITE = 'http://localhost:5174';
const OTHER: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const CENTS_5 = 50_000n;

function memory<T>() {
  let value: T | null = null;
  return { getValue: async () => value, setValue: async (next: T | null) => void (value = next) };
}

async function setUp({ approve = true, rpcUrl = anvil.rpcUrl }: { approve?: boolean; rpcUrl?: string } = {}) {
  const history = new History({ item: memory<HistoryEntry[]>() });
  const windows: string[] = [];
  const notes: Array<string | null | undefined> = [];
  const approvals: Approvals = new Approvals({
    windows: {
      open: async (id) => {
        windows.push(id);
        const pending = approvals.get(id);
        notes.push(pending && (pending.kind === 'signature' || pending.kind === 'payment') ? pending.view.changedNote : undefined);
        setTimeout(() => approvals.resolve(id, { approved: approve, acknowledged: true }), 0);
        return windows.length;
      },
      focus: async () => {},
      close: async () => {},
    },
  });
  const keyring = new Keyring({ vault: memory() as never, session: memory() as never, autoLockMs: () => 60_000 });
  await keyring.create({ password: 'correct horse battery', privateKey: SHOPPER_KEY });
  const settings = { rpcUrl, chainId: 31337, paymentPolicy: null, autoLockMinutes: 15 };
  const policy = new PolicyCache();
  const chain = new ChainAccess({ settings: async () => settings });
  // The demo community, joined on the test chain: its rules guard the session's payments.
  const { communityGovernor: governor, communityToken: token, timelock, treasury, paymentPolicy } = anvil.deployment.contracts;
  let joined: JoinedCommunity[] = [{ chainId: 31337, governor, name: 'Demo community', token, timelock, treasury, policy: paymentPolicy, joinedAt: 1 }];
  const communities = new Communities({ item: { getValue: async () => joined, setValue: async (value) => void (joined = value ?? []) } });
  const guard = new Guard({ communities, policy });
  const pipeline = new Pipeline({ chain, guard, history, approvals, keyring });
  const sessions = new Sessions({ item: memory<StoredSession[]>() });
  const { client } = await chain.current();
  const version = (await policy.fresh(client, paymentPolicy)).snapshot.version.toString();
  const grant = (payee: Address | null = coffee, policyVersion = version) =>
    sessions.grant({
      origin: SITE,
      account: shopper,
      request: { chainId: 31337, token: cgUsd, payee, amountPerPeriod: 2_000_000n, periodSeconds: 86_400, expiry: Math.floor(Date.now() / 1000) + 86_400 },
      amountPerPeriod: 2_000_000n,
      policyVersion,
    });
  // The chain's time as the wallet reads it: its latest block's.
  const chainNow = async () => Number((await client.getBlock({ blockTag: 'latest' })).timestamp);
  return { pipeline, history, keyring, sessions, windows, notes, grant, gate: sessionGate(sessions, 31337), timedGate: () => sessionGate(sessions, 31337, { chainNow, watchBlocks: () => chain.keepWatchingBlocks() }) };
}

let nonce = 0;
/** An x402-style authorisation: 0.05 cgUSD from the shopper, usable for `seconds`. */
function authorisation(to: Address, { seconds = 300, value = CENTS_5 }: { seconds?: number; value?: bigint } = {}): WalletRequest {
  const page = transferAuthorisation({ token: cgUsd, from: shopper, to, value, validBefore: Math.floor(Date.now() / 1000) + seconds, nonce: `issue ${++nonce}` });
  return { kind: 'typedData', origin: SITE, account: shopper, decoded: decodeTypedData(JSON.stringify(page), { account: shopper }) };
}

describe('payments inside a session, through the pipeline', () => {
  test('an allowed authorisation to the session’s payee is signed without a window, counted by the session and recorded with it', async () => {
    const { pipeline, history, sessions, windows, grant, gate } = await setUp();
    const session = await grant();
    const request = authorisation(coffee);
    const signature = await pipeline.run(request, undefined, gate);
    expect(windows).toHaveLength(0);
    const definition = (request as Extract<WalletRequest, { kind: 'typedData' }>).decoded.definition;
    expect(await recoverTypedDataAddress({ ...(definition as Parameters<typeof recoverTypedDataAddress>[0]), signature })).toBe(shopper);
    const [entry] = await history.list();
    expect(entry).toMatchObject({ outcome: 'signed', session: session.id, level: 'allow' });
    const [kept] = await sessions.list();
    expect(kept).toMatchObject({ spent: CENTS_5, payments: 1 });
  });

  test('another payee, an authorisation usable for an hour, or the budget used up opens the window, saying why', async () => {
    const { pipeline, sessions, windows, notes, grant, gate } = await setUp();
    await grant();
    await pipeline.run(authorisation(OTHER), undefined, gate);
    await pipeline.run(authorisation(coffee, { seconds: 3600 }), undefined, gate);
    await pipeline.run(authorisation(coffee, { value: 2_000_001n }), undefined, gate);
    expect(windows).toHaveLength(3);
    expect(notes).toEqual([
      expect.stringContaining('goes to someone else'),
      expect.stringContaining('longer than a few minutes'),
      expect.stringContaining('more than what is left'),
    ]);
    // Paid through the window: not the session's payments.
    expect((await sessions.list())[0]).toMatchObject({ spent: 0n, payments: 0 });
  });

  test('a policy change since the grant sends the payment to the window; approving it keeps the session under the new rules, so the next one goes without a window', async () => {
    const { pipeline, sessions, windows, notes, grant, gate } = await setUp();
    const session = await grant(coffee, '1');
    await pipeline.run(authorisation(coffee), undefined, gate);
    expect(windows).toHaveLength(1);
    expect(notes[0]).toContain('changed its rules');
    expect(notes[0]).toContain('Approving this payment also keeps the session under the new rules');
    const [renewed] = await sessions.list();
    expect(renewed).toMatchObject({ id: session.id, amountPerPeriod: 2_000_000n });
    expect(renewed?.policyVersion).not.toBe('1');
    await pipeline.run(authorisation(coffee), undefined, gate);
    expect(windows).toHaveLength(1);
  });

  test('declining the payment in the window leaves the session under its old rules', async () => {
    const { pipeline, sessions, windows, grant, gate } = await setUp({ approve: false });
    await grant(coffee, '1');
    await expect(pipeline.run(authorisation(coffee), undefined, gate)).rejects.toThrow();
    expect((await sessions.list())[0]?.policyVersion).toBe('1');
    await expect(pipeline.run(authorisation(coffee), undefined, gate)).rejects.toThrow();
    expect(windows).toHaveLength(2);
  });

  test('a session whose payee the new rules block ends, and the popup’s list says why', async () => {
    const { pipeline, sessions, windows, notes, grant, gate } = await setUp({ approve: false });
    const blocked: Address = '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f'; // the demo's blocked merchant
    const session = await grant(blocked, '1');
    await expect(pipeline.run(authorisation(blocked), undefined, gate)).rejects.toThrow();
    expect(windows).toHaveLength(1);
    expect(notes[0]).toContain('payment session has ended');
    expect(await sessions.list()).toEqual([]);
    expect(await sessions.list({ ended: true })).toMatchObject([{ id: session.id, ended: { reason: expect.stringContaining('blocked the payee') } }]);
  });

  test('on a node without WebSocket, a payment inside a session costs one round trip: the chain’s time is read with the judgement’s reads', async () => {
    const proxy = await startRpcProxy(anvil.rpcUrl, { webSocket: false });
    try {
      const { pipeline, windows, grant, timedGate } = await setUp({ rpcUrl: proxy.url });
      await grant();
      await pipeline.run(authorisation(coffee), undefined, timedGate()); // reads the token and the trusted sites once
      proxy.trips.length = 0;
      await pipeline.run(authorisation(coffee), undefined, timedGate());
      expect(windows).toHaveLength(0);
      expect(proxy.trips).toHaveLength(1);
      expect(proxy.trips[0]).toContain('eth_getBlockByNumber');
    } finally {
      await proxy.close();
    }
  });

  let seededCoffeeStatus = 0;
  let seededCoffeeNote = '';
  test('while the site pays, a payment in the same block asks the node nothing; one after the community blocks the payee, in a new block, never goes without a window', async () => {
    const proxy = await startRpcProxy(anvil.rpcUrl);
    let impersonating = false;
    try {
      const { pipeline, windows, notes, grant, timedGate } = await setUp({ rpcUrl: proxy.url, approve: false });
      await grant();
      // The first payment starts the watch on new blocks (over the node's WebSocket); once it runs, the reads are kept.
      let silentTrips = -1;
      for (let payment = 0; payment < 5 && silentTrips !== 0; payment++) {
        proxy.trips.length = 0;
        await pipeline.run(authorisation(coffee), undefined, timedGate());
        silentTrips = proxy.trips.length;
      }
      expect(silentTrips).toBe(0);
      expect(windows).toHaveLength(0);

      // The timelock blocks the payee (a policy change, mined in a new block; sent straight to anvil).
      const { paymentPolicy, timelock } = anvil.deployment.contracts;
      const node = createTestClient({ chain: foundry, mode: 'anvil', transport: http(anvil.rpcUrl) }).extend(walletActions).extend(publicActions);
      [seededCoffeeStatus, seededCoffeeNote] = await node.readContract({ address: paymentPolicy as Address, abi: paymentPolicyAbi, functionName: 'merchantStatus', args: [coffee] });
      await node.impersonateAccount({ address: timelock as Address });
      impersonating = true;
      await node.setBalance({ address: timelock as Address, value: 10n ** 18n });
      proxy.trips.length = 0;
      const hash = await node.writeContract({ account: timelock as Address, chain: foundry, address: paymentPolicy as Address, abi: paymentPolicyAbi, functionName: 'setMerchantStatus', args: [coffee, 2, 'Test: blocked'] });
      await node.waitForTransactionReceipt({ hash, pollingInterval: 10 });
      // The wallet hears of the block and asks its reads again at once.
      const end = Date.now() + 5_000;
      while (proxy.trips.length === 0 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 5));
      await expect(pipeline.run(authorisation(coffee), undefined, timedGate())).rejects.toThrow();
      expect(windows).toHaveLength(1);
      expect(notes[0]).toContain('payment session has ended');
    } finally {
      await proxy.close();
    }
    if (impersonating) {
      // The payee as the seed left it, for the tests after this one.
      const node = createTestClient({ chain: foundry, mode: 'anvil', transport: http(anvil.rpcUrl) }).extend(walletActions);
      const { paymentPolicy, timelock } = anvil.deployment.contracts;
      await node.writeContract({ account: timelock as Address, chain: foundry, address: paymentPolicy as Address, abi: paymentPolicyAbi, functionName: 'setMerchantStatus', args: [coffee, seededCoffeeStatus, seededCoffeeNote] });
      await node.stopImpersonatingAccount({ address: timelock as Address });
    }
  });

  test('two payments at once whose sum passes the session’s budget: one is signed without a window, the other goes to the window', async () => {
    const { pipeline, sessions, windows, notes, grant, gate } = await setUp({ approve: false });
    await grant();
    const results = await Promise.allSettled([pipeline.run(authorisation(coffee, { value: 1_500_000n }), undefined, gate), pipeline.run(authorisation(coffee, { value: 1_500_000n }), undefined, gate)]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(windows).toHaveLength(1);
    expect(notes[0]).toContain('more than what is left');
    expect((await sessions.list())[0]).toMatchObject({ spent: 1_500_000n, payments: 1 });
  });

  test('a request that keeps the node busy for seconds does not hold up a payment inside a session', async () => {
    const proxy = await startRpcProxy(anvil.rpcUrl);
    try {
      const { pipeline, windows, grant, timedGate } = await setUp({ rpcUrl: proxy.url });
      await grant();
      await pipeline.run(authorisation(coffee), undefined, timedGate());
      // Another site's transaction whose simulation takes the node 3 s (a contract built to burn gas).
      let simulating!: () => void;
      const started = new Promise<void>((resolve) => (simulating = resolve));
      proxy.override('eth_simulateV1', () => (simulating(), new Promise((resolve) => setTimeout(() => resolve(undefined), 3_000))));
      const slow = pipeline.run({ kind: 'transaction', origin: 'http://slow.example', account: shopper, source: 'sendTransaction', action: decodeTransaction({ to: OTHER, value: '0x1' }), call: { to: OTHER, value: 1n, data: '0x' } }).catch((error: unknown) => error);
      await Promise.race([started, slow.then((error) => Promise.reject(new Error(`the slow request ended before its simulation: ${String(error)}`)))]);
      const before = performance.now();
      await pipeline.run(authorisation(coffee), undefined, timedGate());
      expect(performance.now() - before).toBeLessThan(1_000);
      expect(windows).toHaveLength(0);
      proxy.override('eth_simulateV1', null);
      await slow;
    } finally {
      await proxy.close();
    }
  });

  test('a revoked session covers nothing: the next payment opens the window', async () => {
    const { pipeline, sessions, windows, grant, gate } = await setUp();
    const session = await grant();
    await pipeline.run(authorisation(coffee), undefined, gate);
    expect(windows).toHaveLength(0);
    await sessions.revoke(session.id);
    await pipeline.run(authorisation(coffee), undefined, gate);
    expect(windows).toHaveLength(1);
  });

  test('a locked wallet signs nothing inside a session: the request fails cleanly and the session spends nothing', async () => {
    const { pipeline, keyring, sessions, windows, grant, gate } = await setUp();
    await grant();
    await keyring.lock();
    await expect(pipeline.run(authorisation(coffee), undefined, gate)).rejects.toThrow();
    expect(windows).toHaveLength(0);
    expect((await sessions.list())[0]).toMatchObject({ spent: 0n, payments: 0 });
    // The hold was let go: the whole budget is still there.
    await keyring.unlock('correct horse battery');
    await pipeline.run(authorisation(coffee, { value: 2_000_000n }), undefined, gate);
    expect(windows).toHaveLength(0);
  });
});

