import { describe, expect, test } from 'vitest';
import { BRIDGE_SOURCE, MAX_REQUEST_BYTES, PAGE_SOURCE } from '../shared/pageProtocol.js';
import { startBridge, validatePageMessage } from './relay.js';

describe('validatePageMessage (the bridge checks every page message)', () => {
  test.each([
    { title: 'other sources are ignored', data: { source: 'someone-else', id: 1, method: 'eth_chainId' }, expected: undefined },
    { title: 'non-objects are ignored', data: 'eth_chainId', expected: undefined },
    { title: 'no usable id: dropped (nobody to answer)', data: { source: PAGE_SOURCE, id: 'a', method: 'eth_chainId' }, expected: undefined },
    { title: 'negative id: dropped', data: { source: PAGE_SOURCE, id: -1, method: 'eth_chainId' }, expected: undefined },
    { title: 'fractional id: dropped', data: { source: PAGE_SOURCE, id: 1.5, method: 'eth_chainId' }, expected: undefined },
    { title: 'a method that is not a name → -32600', data: { source: PAGE_SOURCE, id: 1, method: 'eth chainId' }, expected: { id: 1, error: { code: -32600 } } },
    { title: 'a missing method → -32600', data: { source: PAGE_SOURCE, id: 2 }, expected: { id: 2, error: { code: -32600 } } },
    { title: 'a very long method → -32600', data: { source: PAGE_SOURCE, id: 3, method: 'a'.repeat(65) }, expected: { id: 3, error: { code: -32600 } } },
    { title: 'params that are not a list or object → -32602', data: { source: PAGE_SOURCE, id: 4, method: 'eth_call', params: 'x' }, expected: { id: 4, error: { code: -32602 } } },
    { title: 'a huge request → -32005', data: { source: PAGE_SOURCE, id: 5, method: 'eth_call', params: ['x'.repeat(MAX_REQUEST_BYTES)] }, expected: { id: 5, error: { code: -32005 } } },
    { title: 'a good request is forwarded with its params', data: { source: PAGE_SOURCE, id: 6, method: 'eth_call', params: [{ to: '0x1' }] }, expected: { request: { id: 6, method: 'eth_call', params: [{ to: '0x1' }] } } },
    { title: 'missing params become an empty list', data: { source: PAGE_SOURCE, id: 7, method: 'eth_chainId' }, expected: { request: { id: 7, method: 'eth_chainId', params: [] } } },
  ])('$title', ({ data, expected }) => {
    const checked = validatePageMessage(data);
    if (expected === undefined) expect(checked).toBeUndefined();
    else expect(checked).toMatchObject(expected);
  });

  test('cyclic params are refused with -32602', () => {
    const params: unknown[] = [];
    params.push(params);
    expect(validatePageMessage({ source: PAGE_SOURCE, id: 8, method: 'eth_call', params })).toMatchObject({ id: 8, error: { code: -32602 } });
  });
});

describe('startBridge: the ready handshake', () => {
  test('says it is ready when it starts, and again to every hello from a provider that started later', () => {
    const listeners: Array<(event: MessageEvent) => void> = [];
    const posted: unknown[] = [];
    const window = {
      location: { origin: 'https://shop.example' },
      addEventListener: (_type: string, listener: (event: MessageEvent) => void) => listeners.push(listener),
      postMessage: (message: unknown) => void posted.push(message),
    };
    startBridge({ window: window as unknown as Window });
    expect(posted).toEqual([{ source: BRIDGE_SOURCE, ready: true }]);
    const deliver = (data: unknown, source: unknown = window) => listeners.forEach((listener) => listener({ source, data } as MessageEvent));
    deliver({ source: PAGE_SOURCE, hello: true });
    deliver({ source: PAGE_SOURCE, hello: true }, {});
    deliver({ source: 'someone-else', hello: true });
    expect(posted).toEqual([{ source: BRIDGE_SOURCE, ready: true }, { source: BRIDGE_SOURCE, ready: true }]);
  });
});
