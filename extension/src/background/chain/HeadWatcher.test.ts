import { startAnvil } from '@commonguard/sdk/testing';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { HeadWatcher, webSocketUrlOf } from './HeadWatcher.js';

// Against a real anvil, which serves WebSocket JSON-RPC on its HTTP port (Node's own WebSocket here).
let anvil: Awaited<ReturnType<typeof startAnvil>>;
const mine = () => fetch(anvil.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'evm_mine', params: [] }) });
const until = async (check: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

beforeAll(async () => {
  anvil = await startAnvil();
}, 60_000);
afterAll(() => anvil?.stop());

test('the WebSocket address of a node is its HTTP one with the ws scheme', () => {
  expect(webSocketUrlOf('http://127.0.0.1:8545')).toBe('ws://127.0.0.1:8545');
  expect(webSocketUrlOf('https://base-mainnet.example/v2/KEY')).toBe('wss://base-mainnet.example/v2/KEY');
  expect(webSocketUrlOf('file:///etc/passwd')).toBeNull();
});

test('no epoch until kept; then one that changes with every new block, and none once idle', async () => {
  const heads = new HeadWatcher({ url: webSocketUrlOf(anvil.rpcUrl) as string, idleMs: 400 });
  let blocks = 0;
  heads.on('head', () => blocks++);
  expect(heads.epoch()).toBeNull();
  heads.keep();
  await until(() => heads.epoch() !== null);
  const first = heads.epoch();
  // No block: the epoch stays, so what was read at this block may be used again.
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(heads.epoch()).toBe(first);
  await mine();
  await until(() => blocks === 1);
  expect(heads.epoch()).not.toBe(first);
  // The wallet's own transaction moves the epoch before the node tells.
  const before = heads.epoch();
  heads.moved();
  expect(heads.epoch()).not.toBe(before);
  // Nobody keeps it: the socket closes and there is no epoch.
  await until(() => heads.epoch() === null, 2_000);
  heads.close();
});

test('a node that stops ends the epoch at once', async () => {
  const own = await startAnvil();
  const heads = new HeadWatcher({ url: webSocketUrlOf(own.rpcUrl) as string, retryMs: 60_000 });
  heads.keep();
  await until(() => heads.epoch() !== null);
  await own.stop();
  await until(() => heads.epoch() === null);
  // It does not hammer a node that went away: the next try waits `retryMs`.
  heads.keep();
  expect(heads.epoch()).toBeNull();
  heads.close();
}, 30_000);

test('a node without WebSocket, or without newHeads, gives no epoch', async () => {
  // An HTTP-only server refuses the upgrade.
  const server = createServer((_, res) => res.writeHead(405).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const httpOnly = new HeadWatcher({ url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`, handshakeMs: 1_000 });
  httpOnly.keep();
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(httpOnly.epoch()).toBeNull();
  httpOnly.close();
  server.close();

  // A node that answers the subscription with an error (here: a socket that sends one, as a node would).
  const sockets: Array<{ onopen: ((e: unknown) => void) | null; onmessage: ((e: { data: unknown }) => void) | null; onclose: ((e: unknown) => void) | null; onerror: ((e: unknown) => void) | null; send: (data: string) => void; close: () => void; closed: boolean }> = [];
  const refusing = new HeadWatcher({
    url: 'ws://refusing.example',
    socket: () => {
      const socket = {
        onopen: null,
        onmessage: null,
        onclose: null,
        onerror: null,
        closed: false,
        send: (data: string) => queueMicrotask(() => socket.onmessage?.({ data: JSON.stringify({ jsonrpc: '2.0', id: JSON.parse(data).id, error: { code: -32601, message: 'no subscriptions' } }) })),
        close: () => void (socket.closed = true),
      } as (typeof sockets)[number];
      sockets.push(socket);
      queueMicrotask(() => socket.onopen?.({}));
      return socket;
    },
  });
  refusing.keep();
  await until(() => sockets[0]?.closed === true);
  expect(refusing.epoch()).toBeNull();
  refusing.close();
});
