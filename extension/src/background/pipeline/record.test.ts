import { parseUnits } from 'viem';
import { describe, expect, test } from 'vitest';
import { assess } from './assess.js';
import { blocked, cgUsd, coffee, context, me, NOW, paying, payRequest } from './fixtures.test-helpers.js';
import { historyEntryOf } from './record.js';

describe('historyEntryOf', () => {
  test('a sent payment records every amount it paid, to whom, with the verdict', () => {
    const request = payRequest(1n);
    const understanding = paying([
      { kind: 'assetOut', token: cgUsd, to: coffee, amount: parseUnits('3', 6) },
      { kind: 'assetOut', token: cgUsd, to: blocked, amount: parseUnits('2', 6) },
    ]);
    const gathered = { ok: true as const, context: context() };
    const entry = historyEntryOf({ request, understanding, gathered, assessment: assess(request, understanding, gathered.context, []) }, { outcome: 'sent', hash: '0x12' }, 'id', NOW);
    expect(entry).toMatchObject({ id: 'id', account: me, token: cgUsd, symbol: 'cgUSD', decimals: 6, to: coffee, amount: '5000000', level: 'block', outcome: 'sent', hash: '0x12' });
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
    const entry = historyEntryOf({ request, understanding, gathered, assessment: assess(request, understanding, gathered.context, []) }, { outcome: 'blocked' }, 'id', NOW);
    expect(entry).toMatchObject({ kind: 'contractCall', to: coffee, token: cgUsd, amount: '600000000' });
  });

  test('a plain message is not a payment and is not recorded', () => {
    const request = { kind: 'message' as const, origin: null, account: me, message: 'hi', raw: false, decoded: { kind: 'text' as const, text: 'hi' } };
    const understanding = { action: 'Sign' as const, effects: { basis: 'decoding' as const, effects: [] }, concerns: [], failure: null, movesMoney: false, details: { kind: 'text' as const, text: 'hi', signIn: false }, label: 'Sign a message' };
    expect(historyEntryOf({ request, understanding, gathered: { ok: true, context: context() }, assessment: null }, { outcome: 'signed' }, 'id', NOW)).toBeNull();
  });
});
