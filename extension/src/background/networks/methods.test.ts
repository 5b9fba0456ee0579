import { startAnvil, type StartAnvilReturnType } from '@commonguard/sdk/testing';
import type { Address } from 'viem';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PendingApproval } from '../../shared/views.js';
import { Approvals } from '../approvals/Approvals.js';
import { Keyring } from '../keyring/Keyring.js';
import { unlockedSessionItem, vaultItem } from '../keyring/storage.js';
import { Permissions } from '../permissions/Permissions.js';
import { permissionsItem } from '../permissions/storage.js';
import { AccountAccess } from '../rpc/AccountAccess.js';
import { ProviderRpc } from '../rpc/ProviderRpc.js';
import { fetchRpc } from '../settings/Settings.js';
import { storageLocalArea } from '../store/areas.js';
import { networkMethods } from './methods.js';
import { Networks } from './Networks.js';
import { networksItem } from './storage.js';

// The wallet's real keyring, permissions, approvals, network list and provider table over WXT's in-memory
// storage; the proposed networks are real: an anvil on chain 31338 (and the same anvil claimed as another
// chain). Windows are a recorder that answers as the person would.
const localArea = Promise.resolve(storageLocalArea(fakeBrowser.storage.local));
const PHRASE = 'test test test test test test test test test test test junk';
const SITE = 'https://dapp.example';
const STRANGER = 'https://stranger.example';

let anvil: StartAnvilReturnType;
beforeAll(async () => {
  anvil = await startAnvil({ chainId: 31338 });
});
afterAll(async () => anvil?.stop());

const addParams = (overrides: Record<string, unknown> = {}) => [
  { chainId: '0x7a6a', chainName: 'Second chain', rpcUrls: [anvil.rpcUrl], nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, ...overrides },
];

async function setUp({ answer = true, unlocked = true }: { answer?: boolean; unlocked?: boolean } = {}) {
  const keyring = new Keyring({ vault: vaultItem(localArea), session: unlockedSessionItem, autoLockMs: () => 60_000 });
  await keyring.create({ password: 'correct horse battery', mnemonic: PHRASE });
  if (!unlocked) keyring.lock();
  const [account] = keyring.accounts() as [Address];
  const permissions = new Permissions({ item: permissionsItem(localArea) });
  await permissions.grant(SITE, [account]);
  const shown: PendingApproval[] = [];
  const approvals: Approvals = new Approvals({
    windows: {
      open: async (id) => {
        const pending = approvals.get(id) as PendingApproval;
        shown.push(pending);
        // The person answers the window (an unlock window: by unlocking, as its page does).
        setTimeout(() => {
          if (pending.kind === 'unlock') void keyring.unlock('correct horse battery').then(() => approvals.settleAll('unlock', { approved: true }));
          else approvals.resolve(id, { approved: answer });
        }, 0);
        return shown.length;
      },
      focus: async () => {},
      close: async () => {},
    },
  });
  const access = new AccountAccess({ keyring, permissions, approvals, selectedAccount: async () => account, openOnboarding: async () => {} });
  const networks = new Networks({ item: networksItem(localArea), rpc: fetchRpc });
  const switched: number[] = [];
  networks.on('switched', (next) => switched.push(next.chainId));
  const rpc = new ProviderRpc({
    isConnected: (origin) => permissions.isConnected(origin),
    methods: networkMethods({ access, approvals, networks, guardOf: async ({ chainId }) => (chainId === 31337 ? { community: 'Demo community', detail: 'PaymentPolicy 0x01' } : null) }),
  });
  const call = (method: string, params: unknown, origin = SITE) => rpc.handle({ origin }, method, params);
  return { call, shown, networks, switched, keyring };
}

describe('wallet_addEthereumChain', () => {
  beforeEach(() => fakeBrowser.reset());

  test('opens a window naming the site, the network, its RPC host and that no community guards it; approving adds and switches', async () => {
    const { call, shown, networks, switched } = await setUp();
    expect(await call('wallet_addEthereumChain', addParams())).toEqual({ result: null });
    expect(shown.map((approval) => approval.kind)).toEqual(['network']);
    expect(shown[0]).toMatchObject({
      origin: SITE,
      view: {
        origin: SITE,
        action: 'add',
        network: { chainId: 31338, chainIdHex: '0x7a6a', name: 'Second chain', rpcHost: new URL(anvil.rpcUrl).host, currencySymbol: 'ETH' },
        from: { chainId: 31337, name: 'Local chain' },
        guard: null,
      },
    });
    expect((await networks.active()).chainId).toBe(31338);
    expect(switched).toEqual([31338]);
  });

  test('rejecting answers 4001 and changes nothing', async () => {
    const { call, networks } = await setUp({ answer: false });
    expect((await call('wallet_addEthereumChain', addParams())) as unknown).toMatchObject({ error: { code: 4001 } });
    expect((await networks.list()).map((network) => network.chainId)).toEqual([31337]);
  });

  test('an RPC on another chain than claimed is refused in words before any window', async () => {
    const { call, shown } = await setUp();
    const answer = await call('wallet_addEthereumChain', addParams({ chainId: '0x64' }));
    expect(answer).toEqual({
      error: { code: -32602, message: `The RPC at ${new URL(anvil.rpcUrl).host} is on chain 31338 (0x7a6a), not chain 100 (0x64) as claimed. Nothing was saved.` },
    });
    expect(shown).toEqual([]);
  });

  test('an RPC that does not answer gets a clear error', async () => {
    const { call, shown } = await setUp();
    const answer = (await call('wallet_addEthereumChain', addParams({ rpcUrls: ['http://127.0.0.1:9'] }))) as { error: { code: number; message: string } };
    expect(answer.error.code).toBe(-32602);
    expect(answer.error.message).toMatch(/^The RPC at 127\.0\.0\.1:9 does not answer \(.+\)\. Check the URL, or try again when the node is up\.$/);
    expect(shown).toEqual([]);
  });

  test.each([
    { title: 'no parameter', params: () => [], message: 'expects one parameter' },
    { title: 'a decimal chain id', params: () => addParams({ chainId: '31338' }), message: '"chainId" must be a hex string without leading zeros' },
    { title: 'a chain id with leading zeros', params: () => addParams({ chainId: '0x07a6a' }), message: 'without leading zeros' },
    { title: 'a websocket RPC', params: () => addParams({ rpcUrls: ['wss://rpc.example'] }), message: 'http:// or https:// URL' },
    { title: 'a javascript: explorer', params: () => addParams({ blockExplorerUrls: ['javascript:alert(1)'] }), message: 'http:// or https:// URL' },
    { title: 'no RPC', params: () => addParams({ rpcUrls: [] }), message: '"rpcUrls" must be a list of 1 to 8' },
    { title: 'too many RPCs', params: () => addParams({ rpcUrls: Array.from({ length: 9 }, () => 'https://rpc.example') }), message: '1 to 8' },
    { title: 'an overlong name', params: () => addParams({ chainName: 'x'.repeat(300) }), message: '"chainName"' },
    { title: 'decimals other than 18', params: () => addParams({ nativeCurrency: { name: 'Coin', symbol: 'C', decimals: 6 } }), message: 'must be 18' },
    { title: 'an unknown field', params: () => addParams({ rpcUrl: 'https://x.example' }), message: 'unexpected field "rpcUrl"' },
  ])('refuses $title with -32602 in words', async ({ params, message }) => {
    const { call, shown } = await setUp();
    const answer = (await call('wallet_addEthereumChain', params())) as { error: { code: number; message: string } };
    expect(answer.error.code).toBe(-32602);
    expect(answer.error.message).toContain(message);
    expect(shown).toEqual([]);
  });

  test('the name and symbol are shown without control or direction characters', async () => {
    const { call, shown } = await setUp();
    await call('wallet_addEthereumChain', addParams({ chainName: 'Main\u202enet\u0000 Ethereum', nativeCurrency: { name: 'Ether', symbol: 'E\u200bTH\u2066', decimals: 18 } }));
    expect(shown[0]).toMatchObject({ view: { network: { name: 'Mainnet Ethereum', currencySymbol: 'ETH' } } });
  });

  test('a site the person did not connect gets 4100 and no window', async () => {
    const { call, shown } = await setUp();
    expect(await call('wallet_addEthereumChain', addParams(), STRANGER)).toMatchObject({ error: { code: 4100 } });
    expect(shown).toEqual([]);
  });

  test('a locked wallet asks to unlock first, then shows the network window', async () => {
    const { call, shown, networks } = await setUp({ unlocked: false });
    expect(await call('wallet_addEthereumChain', addParams())).toEqual({ result: null });
    expect(shown.map((approval) => approval.kind)).toEqual(['unlock', 'network']);
    expect((await networks.active()).chainId).toBe(31338);
  });

  test('a chain the wallet has already is a switch to its saved RPC, not the one the site sends', async () => {
    const { call, shown, networks } = await setUp();
    await call('wallet_addEthereumChain', addParams());
    await networks.switchTo(31337);
    expect(await call('wallet_addEthereumChain', addParams({ rpcUrls: ['https://elsewhere.example'] }))).toEqual({ result: null });
    expect(shown[1]).toMatchObject({ view: { action: 'switch', network: { rpcHost: new URL(anvil.rpcUrl).host } } });
    expect((await networks.active()).rpcUrl).toBe(anvil.rpcUrl);
  });
});

describe('wallet_switchEthereumChain', () => {
  beforeEach(() => fakeBrowser.reset());

  test('an unknown chain gets 4902, so the site can ask to add it', async () => {
    const { call } = await setUp();
    expect(await call('wallet_switchEthereumChain', [{ chainId: '0x1' }])).toEqual({
      error: { code: 4902, message: 'The wallet is not set up for chain 0x1. Ask to add it with wallet_addEthereumChain.' },
    });
  });

  test('a known chain opens a window naming the community that guards it; approving switches, rejecting answers 4001', async () => {
    const { call, shown, networks, switched } = await setUp();
    await call('wallet_addEthereumChain', addParams());
    expect(await call('wallet_switchEthereumChain', [{ chainId: '0x7a69' }])).toEqual({ result: null });
    expect(shown[1]).toMatchObject({ kind: 'network', view: { action: 'switch', network: { chainId: 31337 }, from: { chainId: 31338 }, guard: { community: 'Demo community' } } });
    expect((await networks.active()).chainId).toBe(31337);
    expect(switched).toEqual([31338, 31337]);

    const rejecting = await setUp({ answer: false });
    await rejecting.networks.add(addParams()[0] as never);
    expect(await rejecting.call('wallet_switchEthereumChain', [{ chainId: '0x7a6a' }])).toMatchObject({ error: { code: 4001 } });
    expect((await rejecting.networks.active()).chainId).toBe(31337);
  });

  test('the chain in use answers at once, without a window, to any site', async () => {
    const { call, shown } = await setUp();
    expect(await call('wallet_switchEthereumChain', [{ chainId: '0x7a69' }], STRANGER)).toEqual({ result: null });
    expect(shown).toEqual([]);
  });

  test('another chain cannot be asked for by a site the person did not connect (4100)', async () => {
    const { call } = await setUp();
    expect(await call('wallet_switchEthereumChain', [{ chainId: '0x1' }], STRANGER)).toMatchObject({ error: { code: 4100 } });
  });

  test.each([
    { title: 'a number', params: [{ chainId: 1 }] },
    { title: 'leading zeros', params: [{ chainId: '0x01' }] },
    { title: 'an extra field', params: [{ chainId: '0x1', rpcUrl: 'https://x.example' }] },
    { title: 'two parameters', params: [{ chainId: '0x1' }, {}] },
  ])('refuses $title with -32602', async ({ params }) => {
    const { call } = await setUp();
    expect(await call('wallet_switchEthereumChain', params)).toMatchObject({ error: { code: -32602 } });
  });
});
