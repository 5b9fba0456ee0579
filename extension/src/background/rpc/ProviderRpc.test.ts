import { describe, expect, test } from 'vitest';
import { rpcError } from '../../shared/rpcErrors.js';
import { MAX_CONCURRENT_PER_ORIGIN, positional, ProviderRpc } from './ProviderRpc.js';
import { CONNECTED_BUDGET, RequestBudget, UNCONNECTED_BUDGET } from './RequestBudget.js';

const site = { origin: 'https://shop.example' };

function makeRpc() {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const rpc = new ProviderRpc({
    // The site is connected, so the concurrency limit is what a flood meets first (the budget has its own test).
    isConnected: async (origin) => origin === site.origin,
    methods: {
      eth_chainId: { access: 'public', handle: async () => '0x7a69' },
      eth_sign: { access: 'refused', reason: 'It can sign anything.' },
      needs_list: { access: 'public', handle: async (_context, params) => positional(params, 'needs_list', 1)[0] },
      rejects: { access: 'public', handle: async () => Promise.reject(rpcError.userRejected()) },
      unauthorized: { access: 'public', handle: async () => Promise.reject(rpcError.unauthorized()) },
      crashes: { access: 'public', handle: async () => Promise.reject(new Error('secret internal detail')) },
      slow: { access: 'public', handle: async () => gate },
      nothing: { access: 'public', handle: async () => undefined },
    },
  });
  return { rpc, release };
}

describe('ProviderRpc', () => {
  test.each([
    { title: 'a known method answers', method: 'eth_chainId', params: [], expected: { result: '0x7a69' } },
    { title: 'undefined results become null', method: 'nothing', params: [], expected: { result: null } },
    { title: 'unknown method → 4200', method: 'eth_unknown', params: [], expected: { error: { code: 4200 } } },
    { title: 'prototype names are not methods → 4200', method: 'constructor', params: [], expected: { error: { code: 4200 } } },
    { title: '__proto__ → 4200', method: '__proto__', params: [], expected: { error: { code: 4200 } } },
    { title: 'refused method → 4200 with the reason', method: 'eth_sign', params: [], expected: { error: { code: 4200, message: 'eth_sign: It can sign anything.' } } },
    { title: 'non-string method → -32600', method: 42, params: [], expected: { error: { code: -32600 } } },
    { title: 'params of the wrong type → -32602', method: 'eth_chainId', params: 'oops', expected: { error: { code: -32602 } } },
    { title: 'missing positional params → -32602', method: 'needs_list', params: [], expected: { error: { code: -32602, message: 'needs_list expects at least 1 parameter.' } } },
    { title: 'object params where a list is needed → -32602', method: 'needs_list', params: { a: 1 }, expected: { error: { code: -32602 } } },
    { title: 'user rejection → 4001', method: 'rejects', params: [], expected: { error: { code: 4001 } } },
    { title: 'not connected → 4100', method: 'unauthorized', params: [], expected: { error: { code: 4100 } } },
    { title: 'an internal failure → -32603 without its details', method: 'crashes', params: [], expected: { error: { code: -32603, message: 'The wallet hit an internal error.' } } },
  ])('$title', async ({ method, params, expected }) => {
    const { rpc } = makeRpc();
    const answer = await rpc.handle(site, method, params);
    expect(answer).toMatchObject(expected);
    if ('error' in answer) expect(answer.error.message).not.toContain('secret');
  });

  test(`a flood from one site gets -32005 beyond ${MAX_CONCURRENT_PER_ORIGIN} requests at once; other sites are unaffected`, async () => {
    const { rpc, release } = makeRpc();
    const waiting = Array.from({ length: MAX_CONCURRENT_PER_ORIGIN }, () => rpc.handle(site, 'slow', []));
    expect(await rpc.handle(site, 'eth_chainId', [])).toMatchObject({ error: { code: -32005 } });
    expect(await rpc.handle({ origin: 'https://other.example' }, 'eth_chainId', [])).toEqual({ result: '0x7a69' });
    release();
    await Promise.all(waiting);
    expect(await rpc.handle(site, 'eth_chainId', [])).toEqual({ result: '0x7a69' });
  });

  test('node reads are for connected sites only: others get 4100 and the node is never asked', async () => {
    let asked = 0;
    const connected = new Set(['https://shop.example']);
    const rpc = new ProviderRpc({
      isConnected: async (origin) => connected.has(origin),
      methods: {
        eth_chainId: { access: 'public', cost: 0, handle: async () => '0x7a69' },
        eth_blockNumber: { access: 'connected', handle: async () => (asked++, '0x10') },
      },
    });
    expect(await rpc.handle({ origin: 'https://stranger.example' }, 'eth_blockNumber', [])).toMatchObject({ error: { code: 4100 } });
    expect(asked).toBe(0);
    expect(await rpc.handle({ origin: 'https://stranger.example' }, 'eth_chainId', [])).toEqual({ result: '0x7a69' });
    expect(await rpc.handle(site, 'eth_blockNumber', [])).toEqual({ result: '0x10' });
    expect(asked).toBe(1);
  });

  test('every site has a request budget (smaller when not connected); free answers such as eth_chainId stay available', async () => {
    let now = 0;
    const connected = new Set(['https://shop.example']);
    const rpc = new ProviderRpc({
      isConnected: async (origin) => connected.has(origin),
      budget: new RequestBudget({ now: () => now }),
      methods: {
        eth_chainId: { access: 'public', cost: 0, handle: async () => '0x7a69' },
        eth_requestAccounts: { access: 'public', handle: async () => [] },
        eth_blockNumber: { access: 'connected', handle: async () => '0x10' },
      },
    });
    const stranger = { origin: 'https://stranger.example' };
    const answers = [];
    for (let i = 0; i <= UNCONNECTED_BUDGET.burst; i++) answers.push(await rpc.handle(stranger, 'eth_requestAccounts', []));
    expect(answers.slice(0, -1).every((answer) => 'result' in answer)).toBe(true);
    expect(answers.at(-1)).toMatchObject({ error: { code: -32005 } });
    expect(await rpc.handle(stranger, 'eth_chainId', [])).toEqual({ result: '0x7a69' });
    const reads = [];
    for (let i = 0; i <= CONNECTED_BUDGET.burst; i++) reads.push(await rpc.handle(site, 'eth_blockNumber', []));
    expect(reads.filter((answer) => 'error' in answer)).toHaveLength(1);
    now += 1000;
    expect(await rpc.handle(site, 'eth_blockNumber', [])).toEqual({ result: '0x10' });
  });
});
