import { startAnvil } from '@commonguard/sdk/testing';
import { type Address, createPublicClient, http, type PublicClient, parseEther } from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { startRpcProxy } from '../pipeline/rpcProxy.test-helpers.js';
import { BlockReads, readsOncePerBlock } from './BlockReads.js';
import { HeadWatcher, webSocketUrlOf } from './HeadWatcher.js';

// A real anvil behind a counting proxy (HTTP reads), its new blocks watched over its own WebSocket.
let anvil: Awaited<ReturnType<typeof startAnvil>>;
let proxy: Awaited<ReturnType<typeof startRpcProxy>>;
let heads: HeadWatcher;
const account: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const direct = () => createPublicClient({ chain: foundry, transport: http(anvil.rpcUrl) });
const node = (method: string, params: unknown[] = []) => direct().request({ method: method as never, params: params as never });
const clientOver = (reads: BlockReads): PublicClient => createPublicClient({ chain: foundry, transport: readsOncePerBlock(http(proxy.url, { batch: { wait: 0 } }), reads), cacheTime: 0 }) as PublicClient;
const until = async (check: () => boolean) => {
  const end = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
const balanceReads = () => proxy.seen.filter((method) => method === 'eth_getBalance').length;

beforeAll(async () => {
  anvil = await startAnvil();
  proxy = await startRpcProxy(anvil.rpcUrl);
}, 60_000);
afterEach(() => heads?.close());
afterAll(async () => {
  await proxy?.close();
  await anvil?.stop();
});

/** A watch on anvil's new blocks, kept now (as a payment inside a session keeps it), and reads over it. */
async function watched(options: { maxAgeMs?: number } = {}) {
  heads = new HeadWatcher({ url: webSocketUrlOf(anvil.rpcUrl) as string });
  let blocks = 0;
  heads.on('head', () => blocks++);
  heads.keep();
  await until(() => heads.epoch() !== null);
  return { reads: new BlockReads({ heads, ...options }), blocks: () => blocks };
}

test('a read of the latest state is asked once per block; a new block asks it again, with the new answer', async () => {
  const { reads, blocks } = await watched();
  const client = clientOver(reads);
  const before = balanceReads();
  const first = await client.getBalance({ address: account });
  const [second, third] = await Promise.all([client.getBalance({ address: account }), client.getBalance({ address: account })]);
  expect([second, third]).toEqual([first, first]);
  expect(balanceReads() - before).toBe(1);

  // The balance changes in a new block: the watcher hears of it, and the read is asked again (at once, to be ready).
  await node('anvil_setBalance', [account, `0x${(first + parseEther('1')).toString(16)}`]);
  await node('evm_mine');
  await until(() => blocks() === 1);
  expect(await client.getBalance({ address: account })).toBe(first + parseEther('1'));
  expect(balanceReads() - before).toBe(2);
});

test('reads at a given block, other methods, and every read while no one watches go to the node each time', async () => {
  const { reads } = await watched();
  const client = clientOver(reads);
  const number = await direct().getBlockNumber();
  const before = proxy.seen.length;
  await client.getBalance({ address: account, blockNumber: number });
  await client.getBalance({ address: account, blockNumber: number });
  await client.getBlockNumber({ cacheTime: 0 });
  await client.getBlockNumber({ cacheTime: 0 });
  expect(proxy.seen.slice(before)).toEqual(['eth_getBalance', 'eth_getBalance', 'eth_blockNumber', 'eth_blockNumber']);

  heads.close();
  const unwatched = balanceReads();
  await client.getBalance({ address: account });
  await client.getBalance({ address: account });
  expect(balanceReads() - unwatched).toBe(2);
});

test('an answer that arrives after a new block is used once and not kept', async () => {
  const { reads, blocks } = await watched();
  const client = clientOver(reads);
  // The node holds this read until a block is mined.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  proxy.override('eth_getBalance', async (request) => {
    proxy.override('eth_getBalance', null);
    await held;
    return { jsonrpc: '2.0', id: request.id, result: '0x1' };
  });
  const before = balanceReads();
  const slow = client.getBalance({ address: account });
  await until(() => balanceReads() > before);
  await node('evm_mine');
  await until(() => blocks() === 1);
  release();
  expect(await slow).toBe(1n);
  // Read again: not the held answer, but the node's (asked again).
  expect(await client.getBalance({ address: account })).not.toBe(1n);
  expect(balanceReads() - before).toBeGreaterThanOrEqual(2);
});

test('the wallet sending a transaction, a failed read, and age each make the next read ask the node', async () => {
  const { reads } = await watched({ maxAgeMs: 200 });
  const client = clientOver(reads);
  const before = balanceReads();
  await client.getBalance({ address: account });
  // A transaction of the wallet's own (refused here: its bytes are not one) still ends what was kept.
  await expect(client.request({ method: 'eth_sendRawTransaction', params: ['0x00'] })).rejects.toThrow();
  await client.getBalance({ address: account });
  expect(balanceReads() - before).toBe(2);

  // A read the node answers with an error is not kept: asked again, it goes to the node.
  const other: Address = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
  proxy.override('eth_getBalance', (request) => (proxy.override('eth_getBalance', null), { jsonrpc: '2.0', id: request.id, error: { code: -32000, message: 'busy' } }));
  const failing = balanceReads();
  await expect(client.getBalance({ address: other })).rejects.toThrow('busy');
  expect(await client.getBalance({ address: other })).toBeGreaterThan(0n);
  expect(balanceReads() - failing).toBe(2);

  // Kept no longer than maxAgeMs, even when no new block comes (a socket can die without a word).
  const third: Address = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
  const aged = balanceReads();
  await client.getBalance({ address: third });
  await client.getBalance({ address: third });
  expect(balanceReads() - aged).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 250));
  await client.getBalance({ address: third });
  expect(balanceReads() - aged).toBe(2);
});

test('a new block long after the last payment asks nothing again: an idle watch costs the node nothing', async () => {
  const { blocks } = await watched();
  const client = clientOver(new BlockReads({ heads, warmForMs: 50 }));
  const before = balanceReads();
  await client.getBalance({ address: account });
  await new Promise((resolve) => setTimeout(resolve, 100));
  await node('evm_mine');
  await until(() => blocks() === 1);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(balanceReads() - before).toBe(1);
  // Asked for, it is read at the new block.
  await client.getBalance({ address: account });
  expect(balanceReads() - before).toBe(2);
});

test('what is kept is bounded', async () => {
  const { reads } = await watched();
  const client = clientOver(new BlockReads({ heads, maxEntries: 3 }));
  void reads;
  const before = balanceReads();
  const accounts = ['0x1', '0x2', '0x3', '0x4'].map((n) => `0x${n.slice(2).padStart(40, '0')}` as Address);
  for (const address of accounts) await client.getBalance({ address });
  // The fourth started the list afresh: the first is asked again, the fourth is kept.
  await client.getBalance({ address: accounts[0] as Address });
  await client.getBalance({ address: accounts[3] as Address });
  expect(balanceReads() - before).toBe(5);
});
