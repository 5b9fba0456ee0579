import { decodeTypedData } from '@commonguard/sdk/decode';
import { transferAuthorisation } from '@commonguard/sdk/testing';
import { parseUnits } from 'viem';
import { describe, expect, test } from 'vitest';
import { assess } from './assess.js';
import { blocked, cgUsd, coffee, context, ETH, me, NOW, paying, payRequest } from './fixtures.test-helpers.js';
import { historyChangeOf } from './record.js';
import type { RequestOutcome } from './types.js';

/** The entry an outcome adds (the existing tests are about what an entry holds). */
const entryOf = (...args: Parameters<typeof historyChangeOf>) => {
  const change = historyChangeOf(...args);
  return change?.kind === 'add' ? change.entry : null;
};

describe('historyChangeOf: what an entry holds', () => {
  test('a sent payment records every amount it paid, to whom, with the verdict', () => {
    const request = payRequest(1n);
    const understanding = paying([
      { kind: 'assetOut', token: cgUsd, to: coffee, amount: parseUnits('3', 6) },
      { kind: 'assetOut', token: cgUsd, to: blocked, amount: parseUnits('2', 6) },
    ]);
    const gathered = { ok: true as const, context: context() };
    const entry = entryOf({ request, understanding, gathered, assessment: assess(request, understanding, gathered.context, []) }, { kind: 'sending', hash: '0x12' }, 'id', NOW);
    expect(entry).toMatchObject({ id: 'id', account: me, token: cgUsd, symbol: 'cgUSD', decimals: 6, to: coffee, amount: '5000000', level: 'block', outcome: 'pending', hash: '0x12' });
    expect(entry?.outflows).toEqual([
      { token: cgUsd, to: coffee, amount: '3000000' },
      { token: cgUsd, to: blocked, amount: '2000000' },
    ]);
  });

  test('an unreadable call that pays one recipient is recorded as paid to that recipient, not to the contract called', () => {
    const base = payRequest(600n);
    const request = { ...base, action: { kind: 'contractCall' as const, to: cgUsd, value: 0n, data: '0xa9059cbb00' as const, selector: '0xa9059cbb' as const } } as typeof base;
    const understanding = { ...paying([{ kind: 'assetOut', token: cgUsd, to: coffee, amount: parseUnits('600', 6) }]), target: { address: cgUsd, recognised: 'unknown' as const } };
    const gathered = { ok: true as const, context: context() };
    const entry = entryOf({ request, understanding, gathered, assessment: assess(request, understanding, gathered.context, []) }, { kind: 'stopped', outcome: 'blocked' }, 'id', NOW);
    expect(entry).toMatchObject({ kind: 'contractCall', to: coffee, token: cgUsd, amount: '600000000' });
  });

  test('a signature that only pays (a transfer authorisation, as x402 asks for) is recorded as a payment; one that also receives is not', () => {
    const page = transferAuthorisation({ token: cgUsd, from: me, to: coffee, value: 50_000n, validBefore: 2_000_000_000, nonce: 'issue 1' });
    const request = { kind: 'typedData' as const, origin: 'https://shop.example', account: me, decoded: decodeTypedData(JSON.stringify(page), { account: me }) };
    const gathered = { ok: true as const, context: context() };
    const pays = paying([{ kind: 'assetOut', token: cgUsd, to: coffee, amount: 50_000n }]);
    expect(entryOf({ request, understanding: pays, gathered, assessment: assess(request, pays, gathered.context, []) }, { kind: 'signed' }, 'id', NOW)).toMatchObject({ kind: 'tokenTransfer', to: coffee, amount: '50000' });
    const swaps = paying([
      { kind: 'assetOut', token: cgUsd, to: coffee, amount: 50_000n },
      { kind: 'assetIn', token: ETH, standard: 'native', from: coffee, amount: 1n },
    ]);
    expect(entryOf({ request, understanding: swaps, gathered, assessment: assess(request, swaps, gathered.context, []) }, { kind: 'signed' }, 'id', NOW)).toMatchObject({ kind: 'contractCall' });
  });

  test('a plain message is not a payment and is not recorded', () => {
    const request = { kind: 'message' as const, origin: null, account: me, message: 'hi', raw: false, decoded: { kind: 'text' as const, text: 'hi' } };
    const understanding = { action: 'Sign' as const, effects: { basis: 'decoding' as const, effects: [] }, concerns: [], failure: null, movesMoney: false, details: { kind: 'text' as const, text: 'hi', signIn: false }, label: 'Sign a message' };
    expect(historyChangeOf({ request, understanding, gathered: { ok: true, context: context() }, assessment: null }, { kind: 'signed' }, 'id', NOW)).toBeNull();
  });
});

describe('historyChangeOf: one row per outcome', () => {
  const request = payRequest(parseUnits('5', 6));
  const understanding = paying([{ kind: 'assetOut', token: cgUsd, to: coffee, amount: parseUnits('5', 6) }]);
  const gathered = { ok: true as const, context: context() };
  const judgement = { request, understanding, gathered, assessment: assess(request, understanding, gathered.context, []) };
  const hash = `0x${'ab'.repeat(32)}` as const;

  test.each<[string, RequestOutcome, unknown]>([
    ['approved and being sent: pending, with its hash', { kind: 'sending', hash }, { kind: 'add', entry: { outcome: 'pending', hash } }],
    ['a refused broadcast: the pending entry settles as failed, no money moved', { kind: 'broadcastRefused', hash, reason: 'nonce too low' }, { kind: 'settle', hash, result: { outcome: 'failed', at: NOW, detail: 'The network refused it: nonce too low. No money moved.' } }],
    ['declined in the window', { kind: 'stopped', outcome: 'rejected', detail: 'warning not acknowledged' }, { kind: 'add', entry: { outcome: 'rejected', detail: 'warning not acknowledged' } }],
    ['blocked by the rules', { kind: 'stopped', outcome: 'blocked', detail: 'Blocked by a rule' }, { kind: 'add', entry: { outcome: 'blocked', detail: 'Blocked by a rule' } }],
    ['not verifiable', { kind: 'stopped', outcome: 'failed', detail: 'cannot verify: no policy' }, { kind: 'add', entry: { outcome: 'failed', detail: 'cannot verify: no policy' } }],
    ['sending failed after the approval', { kind: 'failed', reason: 'the wallet is locked' }, { kind: 'add', entry: { outcome: 'failed', detail: 'the wallet is locked' } }],
    ['signed (typed data)', { kind: 'signed' }, { kind: 'add', entry: { outcome: 'signed' } }],
  ])('%s', (_name, outcome, expected) => {
    const change = historyChangeOf(judgement, outcome, 'id', NOW);
    expect(change).toMatchObject(expected as object);
    if (change?.kind === 'add') {
      expect(change.entry).toMatchObject({ id: 'id', at: NOW, account: me, to: coffee, amount: '5000000', level: judgement.assessment.level });
      if (outcome.kind !== 'sending') expect(change.entry.hash).toBeUndefined();
    }
  });
});
