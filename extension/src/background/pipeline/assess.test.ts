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

  test('a site that imitates a well-known one (a punycode look-alike of uniswap.org) is a danger signal naming it; the same payment elsewhere is allowed', () => {
    const unreviewed = context({ originStatus: { status: 'unknown', note: '' } });
    const onLookAlike = assess({ ...payRequest(1n), origin: 'https://xn--uniswp-7nf.org' }, paying([usd('12')]), unreviewed, []);
    expect(onLookAlike.level).not.toBe('allow');
    expect(onLookAlike.reasons.find((reason) => reason.rule === 'lookAlikeSite')?.message).toContain('uniswаp.org (written xn--uniswp-7nf.org) imitates uniswap.org');
    expect(assess({ ...payRequest(1n), origin: 'https://bakery-on-main.example' }, paying([usd('12')]), unreviewed, []).reasons.map((reason) => reason.rule)).not.toContain('lookAlikeSite');
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

  test("a call to the community's own contracts is never scored as an unknown site's; a blocked site stays blocked", () => {
    const governor = '0x9fE46736679d2D9a65F0992F6A4c9Af5b53A9136' as const;
    const vote = paying([], { action: 'Vote', target: { address: governor, recognised: 'community' }, movesMoney: false, label: 'Community call' });
    const somewhere = context({ originStatus: { status: 'unknown', note: '' } });
    const rules = (understanding: typeof vote, at = somewhere) => assess(payRequest(0n, governor), understanding, at, []).reasons.map((reason) => reason.rule);
    expect(rules(vote)).not.toContain('unknownSite');
    // The same unknown site asking for an unnamed call to some contract is still an unknown site.
    expect(rules(paying([], { action: 'Send', target: { address: governor, recognised: 'unknown' }, movesMoney: false }))).toContain('unknownSite');
    expect(rules(vote, context({ originStatus: { status: 'blocked', note: 'Copy' } }))).toContain('blockedOrigin');
  });

  test('assessAndHold: a request that may be signed holds its amount; a re-check keeps its reservation; a blocked one or one without context holds nothing', () => {
    const pending = new PendingPayments();
    const ok = { ok: true as const, context: context() };
    const first = pending.assessAndHold(payRequest(1n), paying([usd('450')]), ok, NOW);
    expect(first.assessment?.level).not.toBe('block');
    expect(pending.of(me)).toEqual([{ token: cgUsd, to: coffee, amount: parseUnits('450', 6), timestamp: NOW, status: 'pending' }]);
    // The re-check replaces what its own reservation holds and does not count against itself.
    const again = pending.assessAndHold(payRequest(1n), paying([usd('460')]), ok, NOW, first.reservation);
    expect(again.reservation).toBe(first.reservation);
    expect(again.assessment?.reasons.map((reason) => reason.rule)).not.toContain('dailyCap');
    expect(pending.of(me).map((payment) => payment.amount)).toEqual([parseUnits('460', 6)]);
    // Over the cap together with the open one: blocked, and nothing more is held.
    const over = pending.assessAndHold(payRequest(1n), paying([usd('600')]), ok, NOW);
    expect(over.assessment?.level).toBe('block');
    expect(pending.of(me)).toHaveLength(1);
    const missing = { ok: false as const, missing: { reasons: ['no policy'], stalePolicy: null, tokens: {}, parties: {}, originStatus: null } };
    expect(pending.assessAndHold(payRequest(1n), paying([usd('5')]), missing, NOW).assessment).toBeNull();
    expect(pending.of(me)).toHaveLength(1);
  });
});
