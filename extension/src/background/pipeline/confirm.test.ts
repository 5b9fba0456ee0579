import { parseUnits } from 'viem';
import { describe, expect, test } from 'vitest';
import { Approvals } from '../approvals/Approvals.js';
import { assess } from './assess.js';
import { confirm, consentCovers } from './confirm.js';
import { blocked, cgUsd, coffee, context, paying, payRequest, policy } from './fixtures.test-helpers.js';
import type { Judgement } from './types.js';

/** Approvals with windows that answer at once (the browser's windows API cannot run here). */
function answering(...decisions: Array<{ approved: boolean; acknowledged?: boolean }>) {
  const shown: string[] = [];
  const approvals: Approvals = new Approvals({
    windows: {
      open: async (id) => {
        const pending = approvals.get(id);
        if (pending?.kind === 'payment') shown.push(`${pending.view.verdict?.level ?? 'unverified'}|${pending.view.changedNote ?? ''}`);
        const decision = decisions.shift() ?? { approved: false };
        queueMicrotask(() => approvals.resolve(id, decision));
        return 1;
      },
      focus: async () => {},
      close: async () => {},
    },
  });
  return { approvals, shown };
}

function judged(amount: string, to = coffee, snapshot = policy): Judgement {
  const request = payRequest(parseUnits(amount, 6), to);
  const understanding = paying([{ kind: 'assetOut', token: cgUsd, to, amount: parseUnits(amount, 6) }]);
  const gathered = { ok: true as const, context: context({ policy: { address: '0x0000000000000000000000000000000000000001', snapshot, readAt: 0 } }) };
  return { request, understanding, gathered, assessment: assess(request, understanding, gathered.context, []) };
}

describe('confirm', () => {
  test('an approved allowed request goes ahead after the re-check', async () => {
    const { approvals } = answering({ approved: true });
    const outcome = await confirm({ approvals, judgement: judged('12'), recheck: async () => judged('12') });
    expect(outcome.go).toBe(true);
  });

  test('a blocked request cannot go ahead even if the window says yes', async () => {
    const { approvals } = answering({ approved: true });
    const outcome = await confirm({ approvals, judgement: judged('12', blocked), recheck: async () => judged('12', blocked) });
    expect(outcome).toMatchObject({ go: false, outcome: 'blocked', detail: expect.stringMatching(/^Blocked by a rule your community voted for \(policy version \d+\): /) });
    expect(outcome.go === false && outcome.detail).not.toContain('blockedMerchant');
    // The page's error reads as sentences for the shopper; the rule's id is in its data, for the page's developer.
    const error = outcome.go === false ? outcome.error : undefined;
    expect(error?.code).toBe(4001);
    expect(error?.message).toMatch(/^Your community's rules do not allow this payment\. The community has blocked .*\.$/);
    expect(error?.message).not.toContain('blockedMerchant');
    expect(error?.data).toEqual({ reason: 'blockedByCommunity', rule: 'blockedMerchant', policyVersion: expect.stringMatching(/^\d+$/) });
  });

  test('a warning needs the acknowledgement', async () => {
    const { approvals } = answering({ approved: true });
    const warned = judged('12', coffee, { ...policy, warnAt: 0 });
    expect(warned.assessment?.level).toBe('warn');
    expect(await confirm({ approvals, judgement: warned, recheck: async () => warned })).toMatchObject({ go: false, detail: 'warning not acknowledged' });
  });

  test('a verdict that changed before signing is shown again instead of signing', async () => {
    const { approvals, shown } = answering({ approved: true }, { approved: false });
    const stricter = { ...policy, version: 8n, tokenLimits: [{ token: cgUsd, maxSinglePayment: parseUnits('10', 6), dailyCap: 0n, maxFirstPayment: 0n }] };
    const outcome = await confirm({ approvals, judgement: judged('12'), recheck: async () => judged('12', coffee, stricter) });
    expect(outcome.go).toBe(false);
    expect(shown).toEqual(['allow|', 'block|The verdict changed while this window was open (the community’s policy is now version 8): check it again.']);
  });

  test('an unverifiable payment is refused with the reason', async () => {
    const { approvals } = answering({ approved: true });
    const base = judged('12');
    const missing: Judgement = { ...base, gathered: { ok: false, missing: { reasons: ['Cannot read the community policy.'], stalePolicy: null, tokens: {}, parties: {}, originStatus: null } }, assessment: null };
    expect(await confirm({ approvals, judgement: missing, recheck: async () => missing })).toMatchObject({ go: false, outcome: 'failed', detail: 'cannot verify: Cannot read the community policy.' });
  });

  test('a milder verdict at the re-check (the earlier payment to this recipient confirmed meanwhile) goes ahead without a second window', async () => {
    const { approvals, shown } = answering({ approved: true, acknowledged: true });
    const agreed = judged('12', coffee, { ...policy, warnAt: 0 });
    expect(agreed.assessment?.level).toBe('warn');
    const milder = judged('12');
    const outcome = await confirm({ approvals, judgement: agreed, recheck: async () => milder });
    expect(outcome).toMatchObject({ go: true, judgement: milder });
    expect(shown).toEqual(['warn|']);
  });

  test('consentCovers: the same or a milder verdict is covered; a higher level, a higher score or a new risk reason is not', () => {
    const base = judged('12');
    const withAssessment = (changes: Partial<NonNullable<Judgement['assessment']>>): Judgement => ({ ...base, assessment: { ...base.assessment!, ...changes } });
    const reasons = base.assessment!.reasons;
    expect(consentCovers(base, judged('12'))).toBe(true);
    expect(consentCovers(base, judged('12', blocked))).toBe(false);
    expect(consentCovers(withAssessment({ score: base.assessment!.score + 10 }), base)).toBe(true);
    expect(consentCovers(base, withAssessment({ score: base.assessment!.score + 1 }))).toBe(false);
    expect(consentCovers(withAssessment({ level: 'warn' }), base)).toBe(true);
    expect(consentCovers(base, withAssessment({ level: 'warn' }))).toBe(false);
    const risky = { rule: 'paymentBurst', message: 'Many payments in a short time.', points: 5, class: 'mild' } as const;
    const credit = { rule: 'trustedMerchant', message: 'Trusted by the community.', points: -10, class: 'credit' } as const;
    expect(consentCovers(base, withAssessment({ reasons: [...reasons, risky] }))).toBe(false);
    expect(consentCovers(base, withAssessment({ reasons: [...reasons, credit] }))).toBe(true);
    expect(consentCovers(withAssessment({ reasons: [...reasons, risky] }), base)).toBe(true);
  });
  test('a re-simulation that shows other effects is shown again, even with the same verdict, with a note in words', async () => {
    const { approvals, shown } = answering({ approved: true }, { approved: false });
    const agreed = judged('12');
    // The chain moved while the window was open: the same call now pays 11 cgUSD (the verdict stays allow).
    const moved = judged('11');
    expect(consentCovers(agreed, judged('12'))).toBe(true);
    expect(consentCovers(agreed, moved)).toBe(false);
    const failing = { ...judged('12'), understanding: { ...judged('12').understanding, failure: 'The simulation says this would fail: out of gas' } };
    expect(consentCovers(agreed, failing)).toBe(false);
    const outcome = await confirm({ approvals, judgement: agreed, recheck: async () => moved });
    expect(outcome.go).toBe(false);
    expect(shown).toEqual(['allow|', 'allow|What this transaction would do changed while this window was open (the chain moved on): check it again.']);
  });
});
