import type { Address } from 'viem';
import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Approvals } from '../approvals/Approvals.js';
import { ChainAccess } from '../chain/ChainAccess.js';
import { Keyring } from '../keyring/Keyring.js';
import { unlockedSessionItem, vaultItem } from '../keyring/storage.js';
import { Permissions } from '../permissions/Permissions.js';
import { permissionsItem } from '../permissions/storage.js';
import type { Pipeline } from '../pipeline/Pipeline.js';
import { noteToSign } from '../pipeline/fixtures.test-helpers.js';
import type { WalletRequest } from '../pipeline/types.js';
import { storageLocalArea } from '../store/areas.js';
import { AccountAccess } from './AccountAccess.js';
import { CallBatches } from './CallBatches.js';
import { paymentMethods } from './paymentMethods.js';

// The wallet's real account checks, keyring and permissions over WXT's in-memory browser storage. The
// pipeline is a recorder: these tests are about what the handlers check before a request reaches it
// (the pipeline's own steps are tested on anvil in pipeline/); no request here reaches a node.
const localArea = Promise.resolve(storageLocalArea(fakeBrowser.storage.local));
const PHRASE = 'test test test test test test test test test test test junk';
const SITE = 'https://shop.example';
const STRANGER = 'https://stranger.example';
const merchant: Address = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';

async function setUp() {
  const keyring = new Keyring({ vault: vaultItem(localArea), session: unlockedSessionItem, autoLockMs: () => 60_000 });
  await keyring.create({ password: 'correct horse battery', mnemonic: PHRASE });
  const [account] = keyring.accounts() as [Address];
  const permissions = new Permissions({ item: permissionsItem(localArea) });
  await permissions.grant(SITE, [account]);
  const approvals = new Approvals({ windows: { open: async () => { throw new Error('no window expected'); }, focus: async () => {}, close: async () => {} } });
  const access = new AccountAccess({ keyring, permissions, approvals, selectedAccount: async () => account, openOnboarding: async () => {} });
  const chain = new ChainAccess({ settings: async () => ({ rpcUrl: 'http://127.0.0.1:9', chainId: 31337, paymentPolicy: null, autoLockMinutes: 15 }) });
  const runs: WalletRequest[] = [];
  const pipeline = { run: async (request: WalletRequest) => (runs.push(request), `0x${'ab'.repeat(32)}`) } as unknown as Pipeline;
  let batches: unknown = null;
  const batchStore = new CallBatches({ item: { getValue: async () => batches, setValue: async (value: unknown) => void (batches = value) } as never });
  const methods = paymentMethods({ access, pipeline, chain, batches: batchStore });
  const call = (method: string, origin: string, params: unknown) => (methods[method] as { handle: (context: { origin: string }, params: unknown) => Promise<unknown> }).handle({ origin }, params);
  return { account, runs, call };
}

describe('paymentMethods', () => {
  beforeEach(() => fakeBrowser.reset());

  test('a site that is not connected gets 4100 before its parameters are decoded, for every signing method', async () => {
    const { account, runs, call } = await setUp();
    // Parameters that would be refused with -32602 if they were read at all.
    await expect(call('eth_sendTransaction', STRANGER, [{ to: merchant, data: 'not hex' }])).rejects.toMatchObject({ code: 4100 });
    await expect(call('wallet_sendCalls', STRANGER, [{ version: '2.0.0', chainId: '0x7a69', calls: 'none' }])).rejects.toMatchObject({ code: 4100 });
    await expect(call('eth_signTypedData_v4', STRANGER, [account, '{not json'])).rejects.toMatchObject({ code: 4100 });
    expect(runs).toEqual([]);
  });

  test('bad parameters from a connected site are -32602 with what is wrong, and reach no pipeline', async () => {
    const { account, runs, call } = await setUp();
    await expect(call('eth_sendTransaction', SITE, ['0x1234'])).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('transaction object') });
    await expect(call('eth_sendTransaction', SITE, [{ to: merchant, data: 'not hex' }])).rejects.toMatchObject({ code: -32602 });
    await expect(call('eth_sendTransaction', SITE, [{ to: merchant, value: '0x1', gas: 'lots' }])).rejects.toMatchObject({ code: -32602 });
    await expect(call('eth_signTypedData_v4', SITE, [account, '{not json'])).rejects.toMatchObject({ code: -32602 });
    await expect(call('personal_sign', SITE, [{ text: 'hi' }, account])).rejects.toMatchObject({ code: -32602 });
    expect(runs).toEqual([]);
  });

  test('a request for another chain is refused: a transaction’s chainId and a typed-data domain’s chainId', async () => {
    const { account, runs, call } = await setUp();
    await expect(call('eth_sendTransaction', SITE, [{ to: merchant, value: '0x1', chainId: '0x1' }])).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('chain 0x1, but the wallet is on chain 31337') });
    // Signed for chain 1, the signature would be valid there: the wallet on chain 31337 does not sign it.
    await expect(call('eth_signTypedData_v4', SITE, [account, JSON.stringify(noteToSign(1))])).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('chain 1, but the wallet is on chain 31337') });
    expect(runs).toEqual([]);
  });

  test('a good request reaches the pipeline once, as the page sent it, for the connected account', async () => {
    const { account, runs, call } = await setUp();
    await call('eth_signTypedData_v4', SITE, [account, JSON.stringify(noteToSign(31337))]);
    await call('eth_sendTransaction', SITE, [{ from: account, to: merchant, value: '0x10', chainId: '0x7a69' }]);
    // Some sites send personal_sign's parameters the other way round: both orders are read.
    await call('personal_sign', SITE, [account, 'Hello']);
    expect(runs.map((request) => request.kind)).toEqual(['typedData', 'transaction', 'message']);
    expect(runs.every((request) => request.origin === SITE && request.account === account)).toBe(true);
    expect(runs[1]).toMatchObject({ source: 'sendTransaction', action: { kind: 'nativeTransfer', to: merchant, amount: 16n }, call: { to: merchant, value: 16n, data: '0x' } });
    expect(runs[2]).toMatchObject({ message: 'Hello', raw: false });
  });
});
