import { describe, expect, test } from 'vitest';
import { checkSettings, type RpcCall } from './Settings.js';

// The network is stubbed here (a fake RpcCall) so each failure can be produced on demand; the real
// RPC path is exercised by the browser tests, which save these settings against a live anvil.
const POLICY = '0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9';
const good = { rpcUrl: 'http://127.0.0.1:8545', chainId: '31337', paymentPolicy: POLICY, autoLockMinutes: '15' };

function node({ chainId = '0x7a69', code = '0x6080', version = `0x${'0'.repeat(63)}3`, down = false } = {}): RpcCall {
  return async (_url, method) => {
    if (down) throw new Error('connection failed');
    if (method === 'eth_chainId') return chainId;
    if (method === 'eth_getCode') return code;
    if (method === 'eth_call') return version;
    throw new Error(`unexpected ${method}`);
  };
}

describe('checkSettings', () => {
  test('accepts good settings and normalises them', async () => {
    expect(await checkSettings({ ...good, paymentPolicy: POLICY.toLowerCase() }, node())).toEqual({
      ok: true,
      settings: { rpcUrl: 'http://127.0.0.1:8545', chainId: 31337, paymentPolicy: POLICY, autoLockMinutes: 15 },
    });
  });

  test('needs no policy address: the rules come from the joined communities', async () => {
    expect(await checkSettings({ ...good, paymentPolicy: '' }, node({ code: '0x' }))).toEqual({
      ok: true,
      settings: { rpcUrl: 'http://127.0.0.1:8545', chainId: 31337, paymentPolicy: null, autoLockMinutes: 15 },
    });
  });

  test.each([
    { title: 'empty RPC URL', input: { ...good, rpcUrl: '' }, field: 'rpcUrl', message: 'Enter the RPC URL' },
    { title: 'not a URL', input: { ...good, rpcUrl: 'localhost 8545' }, field: 'rpcUrl', message: 'is not a URL' },
    { title: 'not http', input: { ...good, rpcUrl: 'ftp://x' }, field: 'rpcUrl', message: 'must start with http:// or https://' },
    { title: 'bad chain id', input: { ...good, chainId: 'abc' }, field: 'chainId', message: 'whole number such as 31337' },
    { title: 'bad policy address', input: { ...good, paymentPolicy: '0x123' }, field: 'paymentPolicy', message: '0x followed by 40 hex characters' },
    { title: 'auto-lock out of range', input: { ...good, autoLockMinutes: '0' }, field: 'autoLockMinutes', message: 'between 1 and 1440 minutes' },
  ])('refuses $title', async ({ input, field, message }) => {
    const result = await checkSettings(input, node());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field as keyof typeof result.errors]).toContain(message);
  });

  test.each([
    { title: 'an unreachable RPC', rpc: node({ down: true }), field: 'rpcUrl', message: 'Cannot reach the RPC at http://127.0.0.1:8545: connection failed.' },
    { title: 'the wrong chain', rpc: node({ chainId: '0x1' }), field: 'chainId', message: 'The RPC at http://127.0.0.1:8545 is on chain 1, not 31337.' },
    { title: 'no contract at the policy address', rpc: node({ code: '0x' }), field: 'paymentPolicy', message: `There is no contract at ${POLICY} on chain 31337.` },
    { title: 'a contract that is not a PaymentPolicy', rpc: node({ version: '0x' }), field: 'paymentPolicy', message: 'does not answer like a PaymentPolicy' },
  ])('refuses $title with a clear message', async ({ rpc, field, message }) => {
    const result = await checkSettings(good, rpc);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field as keyof typeof result.errors]).toContain(message);
  });
});
