import { parseEther, parseUnits } from 'viem';
import { describe, expect, test } from 'vitest';
import { assess } from './assess.js';
import { blocked, cgUsd, coffee, context, ETH, me, paying, payRequest } from './fixtures.test-helpers.js';
import type { Judgement } from './types.js';
import { buildView } from './view.js';

function judged(understanding: Judgement['understanding'], request = payRequest(1n)): Judgement {
  const gathered = { ok: true as const, context: context() };
  return { request, understanding, gathered, assessment: assess(request, understanding, gathered.context, []) };
}

describe('buildView', () => {
  test('a payment: title, the recipient by name, what leaves, the gauge’s thresholds and one plain sentence', () => {
    const view = buildView(judged(paying([{ kind: 'assetOut', token: cgUsd, to: coffee, amount: parseUnits('12', 6) }])));
    expect(view.title).toBe('Pay 12 cgUSD');
    expect(view.button).toBe('Pay');
    expect(view.counterparty).toMatchObject({ address: coffee, status: 'trusted', statusKnown: true, note: 'Corner Coffee', role: 'recipient' });
    expect(view.effects).toEqual([{ text: '−12 cgUSD to Corner Coffee (0x14dC…9955)', negative: true }]);
    expect(view.balanceChanges).toEqual([{ token: cgUsd, symbol: 'cgUSD', change: '−12 cgUSD', negative: true }]);
    expect(view.thresholds).toEqual({ warnAt: 40, blockAt: 80 });
    expect(view.summary).toBe('Nothing unusual was found. Press Pay to go ahead, or Reject.');
  });

  test('a block leads with the rule’s plain words', () => {
    const view = buildView(judged(paying([{ kind: 'assetOut', token: cgUsd, to: blocked, amount: parseUnits('1', 6) }])));
    expect(view.verdict?.level).toBe('block');
    expect(view.summary).toMatch(/^The community has blocked 0x2361…1E8f \(“Fake invoices”\); payments to it are not allowed \(policy version 7\)\. This cannot be signed/);
  });

  test('a router call: the contract is the main party, the forwarded payment is shown to its final recipient', () => {
    const router = '0xa513E6E4b8f2a923D98304ec87F64353C4D5C853' as const;
    const understanding = paying([{ kind: 'assetOut', token: ETH, to: blocked, amount: parseEther('0.5') }], { action: 'Send', target: { address: router, recognised: 'unknown' } });
    const view = buildView(judged(understanding));
    expect(view.title).toBe('Contract call sending 0.5 ETH');
    expect(view.counterparty).toMatchObject({ address: router, role: 'contract' });
    expect(view.effects[0]?.text).toBe('−0.5 ETH to Fake invoices (0x2361…1E8f)');
  });

  test('could not check is never shown as "not reviewed"', () => {
    const base = judged(paying([{ kind: 'assetOut', token: cgUsd, to: coffee, amount: 1n }]));
    const view = buildView({ ...base, assessment: null, gathered: { ok: false, missing: { reasons: ['Cannot read the community policy.'], stalePolicy: null, tokens: {}, parties: {}, originStatus: null } } });
    expect(view.counterparty?.statusKnown).toBe(false);
    expect(view.cannotVerify).toEqual({ reason: 'Cannot read the community policy.', stalePolicy: null, signable: false });
    expect(view.summary).toContain('will not sign it');
  });

  test('a payment of 0 ETH still names its recipient, with the community’s word on it', () => {
    const request: Judgement['request'] = { kind: 'transaction', origin: 'http://localhost:5174', account: me, source: 'sendTransaction', action: { kind: 'nativeTransfer', token: ETH, to: blocked, amount: 0n }, call: { to: blocked, value: 0n, data: '0x' } };
    const view = buildView(judged(paying([]), request));
    expect(view.title).toBe('Pay 0 ETH');
    expect(view.counterparty).toMatchObject({ address: blocked, role: 'recipient', status: 'blocked', note: 'Fake invoices' });
  });

  test('a call to a contract the wallet could not simulate says so, even when nothing seems to leave', () => {
    const contract = '0xa513E6E4b8f2a923D98304ec87F64353C4D5C853' as const;
    const request: Judgement['request'] = { kind: 'transaction', origin: 'http://localhost:5174', account: me, source: 'sendTransaction', action: { kind: 'contractCall', to: contract, value: 0n, data: '0x12345678', selector: '0x12345678' }, call: { to: contract, value: 0n, data: '0x12345678' } };
    const understanding = paying([], { action: 'Send', effects: { basis: 'unknown', effects: [], note: 'The wallet could not simulate this (no eth_simulateV1), so it shows what the calldata says.' }, target: { address: contract, recognised: 'unknown' } });
    const view = buildView(judged(understanding, request));
    expect(view.counterparty).toMatchObject({ address: contract, role: 'contract' });
    expect(view.simulationNote).toBe('The wallet could not simulate this call to a contract, so it cannot say what the contract will do.');
    // Simulated, nothing to add.
    expect(buildView(judged(paying([], { action: 'Send', target: { address: contract, recognised: 'unknown' } }), request)).simulationNote).toBeNull();
  });

  test('a message shows its whole text', () => {
    const text = 'line\n'.repeat(2000);
    const request = { kind: 'message' as const, origin: 'http://localhost:5174', account: me, message: text, raw: false, decoded: { kind: 'text' as const, text } };
    const view = buildView(judged({ action: 'Sign', effects: { basis: 'decoding', effects: [] }, concerns: [], failure: null, movesMoney: false, details: { kind: 'text', text, signIn: false }, label: 'Sign a message' }, request));
    expect(view.details).toEqual({ kind: 'text', text, signIn: false });
    expect(view.title).toBe('Sign a message');
    expect(view.amount).toBeNull();
  });
});
