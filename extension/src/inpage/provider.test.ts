import { describe, expect, test } from 'vitest';
import { BRIDGE_SOURCE, PAGE_SOURCE } from '../shared/pageProtocol.js';
import { CommonGuardProvider } from './provider.js';

/** A stand-in for the page's window that plays the bridge: says it is ready, and answers each request it sees. */
function fakeWindow(answer: (message: { id: number; method: string; params: unknown }) => object, { bridge = true } = {}) {
  const listeners: Array<(event: MessageEvent) => void> = [];
  const target = {
    location: { origin: 'https://shop.example' },
    posted: [] as unknown[],
    addEventListener: (_type: string, listener: (event: MessageEvent) => void) => listeners.push(listener),
    postMessage(message: { source: string; id: number; method: string; params: unknown; hello?: true }) {
      target.posted.push(message);
      if (message.source !== PAGE_SOURCE || !bridge) return;
      if (message.hello) return void queueMicrotask(() => target.emit({ source: BRIDGE_SOURCE, ready: true }));
      const reply = { source: BRIDGE_SOURCE, id: message.id, ...answer(message) };
      queueMicrotask(() => listeners.forEach((listener) => listener({ source: target, data: reply } as unknown as MessageEvent)));
    },
    emit(data: object) {
      listeners.forEach((listener) => listener({ source: target, data } as unknown as MessageEvent));
    },
  };
  return target;
}

describe('CommonGuardProvider (EIP-1193)', () => {
  test('resolves results and rejects errors with their code', async () => {
    const window = fakeWindow(({ method }) => (method === 'eth_chainId' ? { result: '0x7a69' } : { error: { code: 4200, message: 'unsupported' } }));
    const provider = new CommonGuardProvider({ window: window as unknown as Window });
    await expect(provider.request({ method: 'eth_chainId' })).resolves.toBe('0x7a69');
    await expect(provider.request({ method: 'eth_foo' })).rejects.toMatchObject({ code: 4200, message: 'unsupported' });
  });

  test.each([
    { title: 'no arguments', args: undefined, code: -32600 },
    { title: 'a string', args: 'eth_chainId', code: -32600 },
    { title: 'an empty method', args: { method: '' }, code: -32600 },
    { title: 'a number method', args: { method: 5 }, code: -32600 },
    { title: 'string params', args: { method: 'eth_call', params: 'x' }, code: -32602 },
    { title: 'the internal link method', args: { method: 'commonguard_openPaymentLink', params: ['ethereum:0x0'] }, code: 4200 },
  ])('rejects $title without bothering the wallet', async ({ args, code }) => {
    let asked = false;
    const provider = new CommonGuardProvider({ window: fakeWindow(() => ((asked = true), { result: null })) as unknown as Window });
    await expect(provider.request(args as never)).rejects.toMatchObject({ code });
    expect(asked).toBe(false);
  });

  test('holds requests made before the bridge is there, and sends them in order once it says it is ready', async () => {
    const window = fakeWindow(() => ({ result: null }), { bridge: false });
    const provider = new CommonGuardProvider({ window: window as unknown as Window });
    const answers = [provider.request({ method: 'eth_chainId' }), provider.request({ method: 'eth_accounts', params: [] })];
    expect(window.posted).toEqual([{ source: PAGE_SOURCE, hello: true }]);
    window.emit({ source: BRIDGE_SOURCE, ready: true });
    expect(window.posted.slice(1)).toEqual([
      { source: PAGE_SOURCE, id: 1, method: 'eth_chainId', params: undefined },
      { source: PAGE_SOURCE, id: 2, method: 'eth_accounts', params: [] },
    ]);
    window.emit({ source: BRIDGE_SOURCE, id: 2, result: [] });
    window.emit({ source: BRIDGE_SOURCE, id: 1, result: '0x7a69' });
    await expect(Promise.all(answers)).resolves.toEqual(['0x7a69', []]);
    // A second "ready" (another hello answered) sends nothing twice.
    window.emit({ source: BRIDGE_SOURCE, ready: true });
    expect(window.posted).toHaveLength(3);
  });

  test('params that cannot be cloned are refused at once, bridge or not', async () => {
    const provider = new CommonGuardProvider({ window: fakeWindow(() => ({ result: null }), { bridge: false }) as unknown as Window });
    await expect(provider.request({ method: 'eth_call', params: [() => 1] })).rejects.toMatchObject({ code: -32602 });
  });

  test('a page that only listens opens the line to the wallet with its first listener (one eth_chainId), so it hears the events; other names and later listeners ask nothing', async () => {
    const window = fakeWindow(() => ({ result: '0x7a69' }));
    const provider = new CommonGuardProvider({ window: window as unknown as Window });
    const requests = () => window.posted.filter((message) => (message as { method?: string }).method !== undefined);
    provider.on('message', () => {});
    expect(requests()).toEqual([]);
    provider.on('chainChanged', () => {});
    provider.on('accountsChanged', () => {});
    await Promise.resolve();
    expect(requests()).toEqual([{ source: PAGE_SOURCE, id: 1, method: 'eth_chainId', params: undefined }]);
    // A page that asked already listens without another request.
    const asked = fakeWindow(() => ({ result: '0x7a69' }));
    const talking = new CommonGuardProvider({ window: asked as unknown as Window });
    await talking.request({ method: 'eth_accounts', params: [] });
    talking.on('chainChanged', () => {});
    expect(asked.posted.filter((message) => (message as { method?: string }).method === 'eth_chainId')).toEqual([]);
  });

  test('emits accountsChanged, chainChanged and connect from the wallet, and ignores forged sources', () => {
    const window = fakeWindow(() => ({ result: null }));
    const provider = new CommonGuardProvider({ window: window as unknown as Window });
    const seen: unknown[] = [];
    provider.on('accountsChanged', (accounts) => seen.push(['accounts', accounts]));
    provider.on('chainChanged', (chainId) => seen.push(['chain', chainId]));
    provider.on('connect', (info) => seen.push(['connect', info]));
    window.emit({ source: BRIDGE_SOURCE, event: 'connect', data: { chainId: '0x7a69' } });
    window.emit({ source: BRIDGE_SOURCE, event: 'accountsChanged', data: ['0xabc'] });
    window.emit({ source: BRIDGE_SOURCE, event: 'chainChanged', data: '0x1' });
    window.emit({ source: 'someone-else', event: 'chainChanged', data: '0x2' });
    expect(seen).toEqual([['connect', { chainId: '0x7a69' }], ['accounts', ['0xabc']], ['chain', '0x1']]);
    expect(provider.isConnected()).toBe(true);
    expect(provider.selectedAddress).toBe('0xabc');
  });
});
