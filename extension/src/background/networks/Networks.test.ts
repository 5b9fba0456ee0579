import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { findFreePort, startAnvil, type StartAnvilReturnType } from '@commonguard/sdk/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fetchRpc } from '../settings/Settings.js';
import type { StoredValue } from '../store/StoredValue.js';
import { checkNetworkFields, localNetwork, type NetworkState, parseChainId } from './network.js';
import { Networks } from './Networks.js';

// Real nodes: an anvil on chain 31338, and a plain HTTP server that answers like no Ethereum node does.
let anvil: StartAnvilReturnType;
let notANode: Server;
let notANodeUrl: string;
let nobodyUrl: string;

beforeAll(async () => {
  anvil = await startAnvil({ chainId: 31338 });
  notANode = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ jsonrpc: '2.0', id: 1, result: 'hello' }));
  });
  await new Promise<void>((resolve) => notANode.listen(0, '127.0.0.1', resolve));
  notANodeUrl = `http://127.0.0.1:${(notANode.address() as AddressInfo).port}`;
  // A free port that nothing listens on: the connection is refused.
  nobodyUrl = `http://127.0.0.1:${await findFreePort()}`;
});

afterAll(async () => {
  await anvil?.stop();
  await new Promise<void>((resolve) => notANode?.close(() => resolve()));
});

function memory(initial: NetworkState | null = null): StoredValue<NetworkState> & { value: NetworkState | null } {
  const item = {
    value: initial,
    getValue: async () => item.value,
    setValue: async (next: NetworkState | null) => void (item.value = next),
  };
  return item;
}

const second = () => ({ chainId: '31338', name: 'Second chain', rpcUrl: anvil.rpcUrl, currencySymbol: 'ETH' });

describe('checkNetworkFields', () => {
  test.each([
    { title: 'a chain id that is not a number', input: { chainId: 'abc' }, field: 'chainId', message: 'whole number such as 31337' },
    { title: 'a hex chain id with leading zeros', input: { chainId: '0x07a69' }, field: 'chainId', message: 'whole number' },
    { title: 'chain id 0', input: { chainId: 0 }, field: 'chainId', message: 'whole number' },
    { title: 'no name', input: { name: '\u202e\u200b' }, field: 'name', message: 'Enter a name' },
    { title: 'an RPC that is not http', input: { rpcUrl: 'ws://127.0.0.1:8545' }, field: 'rpcUrl', message: 'must start with http:// or https://' },
    { title: 'an RPC that is not a URL', input: { rpcUrl: 'localhost 8545' }, field: 'rpcUrl', message: 'is not a URL' },
    { title: 'an overlong RPC URL', input: { rpcUrl: `https://x.example/${'a'.repeat(600)}` }, field: 'rpcUrl', message: 'longer than 512' },
    { title: 'a symbol of direction characters only', input: { currencySymbol: '\u202e\u2066' }, field: 'currencySymbol', message: 'letters or digits' },
    { title: 'decimals other than 18', input: { currencyDecimals: 6 }, field: 'currencyDecimals', message: '18 decimals' },
    { title: 'an explorer that is not http', input: { blockExplorerUrl: 'javascript:alert(1)' }, field: 'blockExplorerUrl', message: 'http:// or https://' },
  ])('refuses $title in words', ({ input, field, message }) => {
    const result = checkNetworkFields({ chainId: 5, name: 'Five', rpcUrl: 'https://rpc.example', ...input });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field as keyof typeof result.errors]).toContain(message);
  });

  test('removes control and direction characters from the name and the symbol, and bounds them', () => {
    const result = checkNetworkFields({ chainId: '0x64', name: 'Gno\u202esis\u0007 Chain', rpcUrl: 'https://rpc.example/', currencySymbol: 'x\u200bDAI\u202e', blockExplorerUrl: 'https://gnosisscan.io/' });
    expect(result).toEqual({
      ok: true,
      network: { chainId: 100, name: 'Gnosis Chain', rpcUrl: 'https://rpc.example/', nativeCurrency: { name: 'xDAI', symbol: 'xDAI', decimals: 18 }, blockExplorerUrl: 'https://gnosisscan.io' },
    });
    const long = checkNetworkFields({ chainId: 5, name: 'N'.repeat(200), rpcUrl: 'https://rpc.example', currencySymbol: 'S'.repeat(50) });
    expect(long.ok && [long.network.name.length, long.network.nativeCurrency.symbol.length]).toEqual([32, 12]);
  });

  test('reads chain ids in decimal and in hex without leading zeros', () => {
    expect([parseChainId('0x7a69'), parseChainId('31337'), parseChainId(31338), parseChainId('0x0'), parseChainId('0x'), parseChainId('1e3'), parseChainId(-1)]).toEqual([31337, 31337, 31338, null, null, null, null]);
  });
});

describe('Networks', () => {
  test('starts with the local chain in use', async () => {
    const networks = new Networks({ item: memory(), rpc: fetchRpc });
    expect(await networks.list()).toEqual([localNetwork()]);
    expect((await networks.active()).chainId).toBe(31337);
  });

  test('adds a network whose RPC answers the claimed chain id, and switches to it', async () => {
    const item = memory();
    const networks = new Networks({ item, rpc: fetchRpc });
    const switched: number[] = [];
    networks.on('switched', (next) => switched.push(next.chainId));
    expect(await networks.add(second())).toMatchObject({ ok: true, network: { chainId: 31338, name: 'Second chain' } });
    expect((await networks.active()).chainId).toBe(31337);
    await networks.switchTo(31338);
    expect((await networks.active()).rpcUrl).toBe(anvil.rpcUrl);
    expect(switched).toEqual([31338]);
    expect(item.value?.activeChainId).toBe(31338);
  });

  test('refuses a chain id the RPC contradicts, and saves nothing', async () => {
    const item = memory();
    const networks = new Networks({ item, rpc: fetchRpc });
    const result = await networks.add({ ...second(), chainId: '10' });
    expect(result).toEqual({
      ok: false,
      errors: { chainId: `The RPC at ${new URL(anvil.rpcUrl).host} is on chain 31338 (0x7a6a), not chain 10 (0xa) as claimed. Nothing was saved.` },
    });
    expect(item.value).toBeNull();
  });

  test('refuses an RPC that does not answer, in words', async () => {
    const networks = new Networks({ item: memory(), rpc: fetchRpc });
    const result = await networks.add({ ...second(), rpcUrl: nobodyUrl });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.rpcUrl).toMatch(/^The RPC at 127\.0\.0\.1:\d+ does not answer \(connection failed .*\)\. Check the URL, or try again when the node is up\.$/);
  });

  test('refuses a server that is not an Ethereum node', async () => {
    const networks = new Networks({ item: memory(), rpc: fetchRpc });
    const result = await networks.add({ ...second(), rpcUrl: notANodeUrl });
    expect(result.ok || result.errors.rpcUrl).toContain('did not answer with a chain id');
  });

  test('refuses a duplicate chain id', async () => {
    const networks = new Networks({ item: memory(), rpc: fetchRpc });
    await networks.add(second());
    expect(await networks.add({ ...second(), name: 'Again' })).toEqual({ ok: false, errors: { chainId: 'Chain 31338 is already in the list as "Second chain".' } });
    expect(await networks.add({ ...second(), chainId: '0x7a69', rpcUrl: anvil.rpcUrl })).toMatchObject({ ok: false, errors: { chainId: 'Chain 31337 is already in the list as "Local chain".' } });
  });

  test('edits a network after checking it again; its chain id cannot change', async () => {
    const networks = new Networks({ item: memory(), rpc: fetchRpc });
    await networks.add(second());
    expect(await networks.edit(31338, { ...second(), name: 'Renamed' })).toMatchObject({ ok: true, network: { name: 'Renamed' } });
    expect(await networks.edit(31338, { ...second(), rpcUrl: nobodyUrl })).toMatchObject({ ok: false });
    expect(await networks.edit(31338, { ...second(), chainId: '5' })).toMatchObject({ ok: false, errors: { chainId: expect.stringContaining('cannot change') } });
    expect((await networks.find(31338))?.name).toBe('Renamed');
  });

  test('does not remove the network in use nor the local chain', async () => {
    const networks = new Networks({ item: memory(), rpc: fetchRpc });
    await networks.add(second());
    await networks.switchTo(31338);
    await expect(networks.remove(31338)).rejects.toThrow('"Second chain" is in use. Switch to another network before removing it.');
    await expect(networks.remove(31337)).rejects.toThrow('"Local chain" comes with the wallet and cannot be removed.');
    await networks.switchTo(31337);
    await networks.remove(31338);
    expect((await networks.list()).map((network) => network.chainId)).toEqual([31337]);
  });

  test('refuses to switch to a chain it does not know', async () => {
    const networks = new Networks({ item: memory(), rpc: fetchRpc });
    await expect(networks.switchTo(5)).rejects.toThrow('Chain 5 is not in the list. Add it first.');
  });

  test('adopts the RPC and chain id Settings saved as the network in use', async () => {
    const networks = new Networks({ item: memory(), rpc: fetchRpc });
    await networks.adopt('http://127.0.0.1:9999', 31337);
    expect(await networks.active()).toMatchObject({ chainId: 31337, rpcUrl: 'http://127.0.0.1:9999', preset: true });
    await networks.adopt(anvil.rpcUrl, 31338);
    expect(await networks.active()).toMatchObject({ chainId: 31338, name: 'Chain 31338', rpcUrl: anvil.rpcUrl });
    expect((await networks.list()).length).toBe(2);
  });
});
