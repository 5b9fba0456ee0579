import { parseUnits } from 'viem';
import { describe, expect, test } from 'vitest';
import { assess, PendingPayments } from './assess.js';
import { outflowsOf } from './effects.js';
import { cgUsd, coffee, context, me, NOW, paying, payRequest } from './fixtures.test-helpers.js';

const usd = (amount: string) => ({ kind: 'assetOut' as const, token: cgUsd, to: coffee, amount: parseUnits(amount, 6) });

describe('assess', () => {
  test('a payment to the trusted merchant within the limits is allowed', () => {
    expect(assess(payRequest(1n), paying([usd('12')]), context(), []).level).toBe('allow');
  });

  test('an open payment counts against the daily cap of the next one', () => {
    const pending = new PendingPayments();
    const first = paying([usd('450')]);
    // 450 cgUSD to a merchant paid 5 before is an unusual amount (a warning); the cap is what this test is about.
    const rules = (assessment: ReturnType<typeof assess>) => assessment.reasons.map((reason) => reason.rule);
    expect(rules(assess(payRequest(1n), first, context(), pending.of(me)))).not.toContain('dailyCap');
    const id = pending.reserve(me, outflowsOf(first, NOW));
    const second = assess(payRequest(1n), paying([usd('450')]), context(), pending.of(me));
    expect(rules(second)).not.toContain('dailyCap');
    expect(second.level).not.toBe('block');
    pending.reserve(me, outflowsOf(paying([usd('450')]), NOW));
    const third = assess(payRequest(1n), paying([usd('450')]), context(), pending.of(me));
    expect(rules(third)).toContain('dailyCap');
    // Once answered, the amount no longer counts (a sent payment is in the history instead).
    pending.release(id);
    expect(pending.of(me)).toHaveLength(1);
    expect(pending.of(me, undefined)).toEqual([{ token: cgUsd, to: coffee, amount: parseUnits('450', 6), timestamp: NOW, status: 'pending' }]);
  });

  test('an open payment does not make its recipient familiar: the next one to it is still a first payment', () => {
    const stall = '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720' as const;
    const toStall = paying([{ kind: 'assetOut' as const, token: cgUsd, to: stall, amount: parseUnits('20', 6) }]);
    const pending = new PendingPayments();
    pending.reserve(me, outflowsOf(toStall, NOW));
    expect(assess(payRequest(1n), toStall, context(), pending.of(me)).reasons.map((reason) => reason.rule)).toContain('firstPayment');
  });

  test('a request does not count against itself when re-checked', () => {
    const pending = new PendingPayments();
    const id = pending.reserve(me, outflowsOf(paying([usd('900')]), NOW));
    expect(pending.of(me, id)).toEqual([]);
    expect(pending.of('0x14dC79964da2C08b23698B3D3cc7Ca32193d9955')).toEqual([]);
  });
});
