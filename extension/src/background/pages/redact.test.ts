import { describe, expect, test } from 'vitest';
import type { PortMessage } from '../../shared/pageProtocol.js';
import { HIDDEN_NODE, HIDDEN_URL, nodeNames, redactForPage, redactText } from './redact.js';

const RPC = 'https://eth-mainnet.example-provider.io/v2/abcdef0123456789SECRETKEY?apikey=query-secret-123';
const options = { hidden: nodeNames(RPC), pageOrigin: 'https://shop.example' };

describe('what pages may see in an error', () => {
  test.each([
    { text: `The wallet cannot reach the chain at ${RPC}.`, gone: ['SECRETKEY', 'example-provider'] },
    { text: 'HTTP request failed. URL: https://eth-mainnet.example-provider.io/v2/abcdef0123456789SECRETKEY Status: 429', gone: ['SECRETKEY', 'example-provider'] },
    { text: 'connect ECONNREFUSED eth-mainnet.example-provider.io', gone: ['example-provider'] },
    { text: 'upstream said: apikey query-secret-123 is over quota', gone: ['query-secret-123'] },
    { text: 'proxied to http://192.168.1.20:8545/admin?token=x', gone: ['192.168.1.20', 'token'] },
    { text: 'see ws://localhost:8546', gone: ['localhost:8546'] },
  ])('$text', ({ text, gone }) => {
    const out = redactText(text, options);
    for (const part of gone) expect(out).not.toContain(part);
    expect(out).toMatch(new RegExp(`${HIDDEN_NODE}|\\(address hidden\\)`));
    expect(out).not.toMatch(/[a-z]+:\/\/(?!shop\.example)/);
  });

  test.each([
    { rpc: 'https://rpc.example-node.io:8443/v1/key', text: 'getaddrinfo ENOTFOUND rpc.example-node.io', gone: 'rpc.example-node.io' },
    { rpc: 'https://rpc.example-node.io:8443/v1/key', text: 'connect ECONNREFUSED rpc.example-node.io:8443', gone: 'rpc.example-node.io' },
    { rpc: 'http://10.0.0.7:8545', text: 'socket hang up (10.0.0.7)', gone: '10.0.0.7' },
    { rpc: 'https://RPC.Example-Node.io/v1/key', text: 'request to RPC.Example-Node.io timed out', gone: 'Example-Node' },
    { rpc: 'https://RPC.Example-Node.io/v1/key', text: 'request to rpc.example-node.io timed out', gone: 'example-node' },
    { rpc: 'https://rpc.example-node.io/v1/key', text: 'upstream RPC.EXAMPLE-NODE.IO refused', gone: 'EXAMPLE-NODE' },
  ])('the node $rpc is hidden in "$text" (a port in the URL, or another letter case)', ({ rpc, text, gone }) => {
    const out = redactText(text, { hidden: nodeNames(rpc), pageOrigin: 'https://shop.example' });
    expect(out).not.toContain(gone);
    expect(out).toContain(HIDDEN_NODE);
  });

  test('the page’s own origin may be named; messages without addresses are unchanged', () => {
    expect(redactText('Blocked: the community blocks https://shop.example', options)).toBe('Blocked: the community blocks https://shop.example');
    expect(redactText('execution reverted: ERC20InsufficientBalance', options)).toBe('execution reverted: ERC20InsufficientBalance');
    expect(redactText('https://shop.example.evil.test/x', options)).toBe(HIDDEN_URL);
  });

  test('errors and disconnect events are redacted, data that names an address is dropped, results pass', () => {
    const error: PortMessage = { id: 1, error: { code: 4900, message: `down: ${RPC}`, data: { url: RPC } } };
    expect(redactForPage(error, options)).toEqual({ id: 1, error: { code: 4900, message: `down: ${HIDDEN_NODE}` } });
    const revert: PortMessage = { id: 2, error: { code: 3, message: 'execution reverted', data: '0x08c379a0' } };
    expect(redactForPage(revert, options)).toEqual(revert);
    const disconnect: PortMessage = { event: 'disconnect', data: { code: 4900, message: `The wallet cannot reach its chain: the RPC at ${RPC} is on chain 1` } };
    expect(JSON.stringify(redactForPage(disconnect, options))).not.toContain('SECRETKEY');
    const result: PortMessage = { id: 3, result: '0x1' };
    expect(redactForPage(result, options)).toBe(result);
  });
});
