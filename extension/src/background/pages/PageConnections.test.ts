import { browser } from '#imports';
import { describe, expect, test } from 'vitest';
import { MAX_REQUEST_BYTES, PAGE_PORT_NAME } from '../../shared/pageProtocol.js';
import { ProviderRpc } from '../rpc/ProviderRpc.js';
import { PageConnections, pageOriginOf } from './PageConnections.js';

const ID = 'omendaapejghhkgnkdlelhepljclklpf';
const tab = { id: 7 };

describe('pageOriginOf (the origin of a page port comes from the sender, never the message)', () => {
  test.each([
    { title: 'our bridge in the top frame of an https page', sender: { id: ID, tab, frameId: 0, origin: 'https://shop.example', url: 'https://shop.example/cart?x=1' }, expected: 'https://shop.example' },
    { title: 'Firefox: no sender.origin, the URL gives it', sender: { id: ID, tab, frameId: 0, url: 'http://localhost:5174/#pay' }, expected: 'http://localhost:5174' },
    { title: 'sender.origin wins over the URL (about:blank / srcdoc pages)', sender: { id: ID, tab, frameId: 0, origin: 'https://shop.example', url: 'about:blank' }, expected: 'https://shop.example' },
    { title: 'a subframe (the bridge never runs there)', sender: { id: ID, tab, frameId: 3, origin: 'https://ads.example', url: 'https://ads.example/' }, expected: undefined },
    { title: 'no tab: an extension page or worker', sender: { id: ID, frameId: 0, url: `chrome-extension://${ID}/popup.html` }, expected: undefined },
    { title: 'another extension', sender: { id: 'other', tab, frameId: 0, origin: 'https://shop.example', url: 'https://shop.example/' }, expected: undefined },
    { title: 'an opaque origin (sandboxed page)', sender: { id: ID, tab, frameId: 0, origin: 'null', url: 'https://shop.example/' }, expected: undefined },
    { title: 'a file: page', sender: { id: ID, tab, frameId: 0, url: 'file:///home/x.html' }, expected: undefined },
    { title: 'no sender', sender: undefined, expected: undefined },
  ])('$title', ({ sender, expected }) => {
    expect(pageOriginOf(sender as never, ID)).toBe(expected);
  });
});

/** A port as the browser hands it to the background; records what the background sends back. */
function fakePort(sender: object) {
  const listeners: { message: Array<(message: unknown) => void>; disconnect: Array<() => void> } = { message: [], disconnect: [] };
  const sent: unknown[] = [];
  let disconnected = false;
  const port = {
    name: PAGE_PORT_NAME,
    sender,
    postMessage: (message: unknown) => void sent.push(message),
    disconnect: () => void (disconnected = true),
    onMessage: { addListener: (listener: (message: unknown) => void) => void listeners.message.push(listener) },
    onDisconnect: { addListener: (listener: () => void) => void listeners.disconnect.push(listener) },
  };
  return { port, sent, isDisconnected: () => disconnected, send: (message: unknown) => listeners.message.forEach((listener) => listener(message)) };
}

describe('PageConnections (the background checks every port message again)', () => {
  const seen: Array<{ origin: string; method: unknown; params: unknown }> = [];
  const rpc = new ProviderRpc({
    methods: { eth_chainId: { access: 'public', handle: async ({ origin }, params) => (seen.push({ origin, method: 'eth_chainId', params }), '0x7a69') } },
  });
  const make = () => new PageConnections({ rpc, accountsFor: async () => [], reachability: async () => ({ connected: true as const, chainId: '0x7a69' }) });
  const goodSender = () => ({ id: browser.runtime.id, tab: { id: 1 }, frameId: 0, origin: 'https://shop.example', url: 'https://shop.example/' });

  test('a port from a subframe or another extension is disconnected at once', () => {
    for (const sender of [{ ...goodSender(), frameId: 2 }, { ...goodSender(), id: 'another-extension' }, { ...goodSender(), tab: undefined }]) {
      const { port, isDisconnected, sent } = fakePort(sender);
      make().accept(port as never);
      expect(isDisconnected()).toBe(true);
      expect(sent).toEqual([]);
    }
  });

  test('malformed requests get standard errors without reaching a method; the origin is the sender’s, whatever the message says', async () => {
    seen.length = 0;
    const { port, sent, send } = fakePort(goodSender());
    make().accept(port as never);
    send({ id: 1, method: 'eth chainId' });
    send({ id: 2, method: 'eth_chainId', params: 'x' });
    send({ id: 3, method: 'eth_chainId', params: ['x'.repeat(MAX_REQUEST_BYTES)] });
    send({ id: -4, method: 'eth_chainId' });
    send('not an object');
    send({ id: 5, method: 'eth_chainId', params: [], origin: 'https://bank.example' });
    await expect.poll(() => sent.filter((message) => typeof message === 'object' && message !== null && 'id' in message).length).toBe(4);
    const answers = Object.fromEntries(sent.filter((message): message is { id: number } => typeof message === 'object' && message !== null && 'id' in message).map((message) => [message.id, message]));
    expect(answers[1]).toMatchObject({ error: { code: -32600 } });
    expect(answers[2]).toMatchObject({ error: { code: -32602 } });
    expect(answers[3]).toMatchObject({ error: { code: -32005 } });
    expect(answers[5]).toEqual({ id: 5, result: '0x7a69' });
    expect(seen).toEqual([{ origin: 'https://shop.example', method: 'eth_chainId', params: [] }]);
  });
});
