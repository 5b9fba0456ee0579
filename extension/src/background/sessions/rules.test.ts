import { assessRequest, type PastPayment } from '@commonguard/sdk/risk';
import type { Address } from 'viem';
import { describe, expect, test } from 'vitest';
import { spendingOf, type HistoryEntry } from '../history/History.js';
import {
  admit,
  afterPayment,
  currentPeriod,
  grantTerms,
  judgedMiss,
  MAX_AUTHORIZATION_SECONDS,
  type PaymentSession,
  periodWords,
  remaining,
  renewalWords,
  renewedTerms,
  type SessionPayment,
} from './rules.js';
import { Sessions, type StoredSession } from './Sessions.js';

const ACCOUNT: Address = '0x976EA74026E726554dB657fA54763abd0C3a0aa9';
const SHOP: Address = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
const OTHER: Address = '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f';
const USD: Address = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707';
const ETH: Address = '0x0000000000000000000000000000000000000000';
const SITE = 'http://localhost:5174';
const U = 10n ** 6n;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 11, 7, 12);
const usd = { symbol: 'cgUSD', decimals: 6 };
const limits = { token: USD, maxSinglePayment: 100n * U, dailyCap: 500n * U, maxFirstPayment: 50n * U };

function session(extra: Partial<PaymentSession> = {}): PaymentSession {
  return {
    id: 's1',
    origin: SITE,
    account: ACCOUNT,
    chainId: 31337,
    token: USD,
    payee: SHOP,
    amountPerPeriod: 2n * U,
    askedPerPeriod: 2n * U,
    periodSeconds: 86_400,
    expiry: Math.floor(NOW / 1000) + 7 * 86_400,
    createdAt: NOW,
    policyVersion: '3',
    periodStart: NOW,
    spent: 0n,
    payments: 0,
    lastPayment: null,
    ...extra,
  };
}

const payment = (extra: Partial<SessionPayment> = {}): SessionPayment => ({ origin: SITE, account: ACCOUNT, chainId: 31337, token: USD, to: SHOP, amount: U / 20n, ...extra });

/** The sdk's assessment of paying `amount` cgUSD to the shop from the shop's site, as the pipeline's assess step makes it. */
function judgePayment(amount: bigint, history: PastPayment[], { payee = 'unknown', site = 'unknown' }: { payee?: 'trusted' | 'unknown'; site?: 'trusted' | 'unknown' } = {}) {
  return assessRequest({
    effects: { effects: [{ kind: 'assetOut', standard: 'erc20', token: USD, to: SHOP, amount }] } as never,
    parties: payee === 'trusted' ? { [SHOP.toLowerCase()]: { status: 'trusted', isContract: false, isToken: false } } : {},
    tokens: { [USD.toLowerCase()]: usd },
    policy: { version: 3n, warnAt: 40, blockAt: 80, unlimitedApprovalsAllowed: false, tokenLimits: [limits] },
    originStatus: site,
    origin: SITE,
    history,
    now: NOW,
  });
}

describe('budget per period', () => {
  test('payments fit until the period’s budget is used up, then go to the window', () => {
    let current = session();
    for (let i = 0; i < 40; i++) {
      const admission = admit(current, payment(), limits, NOW + i * 1000);
      expect(admission.fits, `payment ${i + 1}`).toBe(true);
      current = afterPayment(current, payment(), NOW + i * 1000);
    }
    expect(current.spent).toBe(2n * U);
    expect(current.payments).toBe(40);
    expect(remaining(current, NOW + 41_000)).toBe(0n);
    expect(admit(current, payment(), limits, NOW + 41_000)).toEqual({ fits: false, miss: 'overBudget' });
    // A payment that would cross the line does not fit either, even when something is left.
    expect(admit(session({ spent: 19n * (U / 10n) }), payment({ amount: U / 5n }), limits, NOW)).toEqual({ fits: false, miss: 'overBudget' });
  });

  test('the budget rolls over at the period’s end, counted from the session’s start', () => {
    const used = session({ spent: 2n * U, payments: 40 });
    expect(admit(used, payment(), limits, NOW + DAY - 1).fits).toBe(false);
    const next = admit(used, payment(), limits, NOW + DAY);
    expect(next.fits).toBe(true);
    expect(next.fits && next.session.spent).toBe(0n);
    // Three and a half periods later: the period that began three periods after the start.
    const later = currentPeriod(used, NOW + 3 * DAY + 12 * HOUR);
    expect(later.periodStart).toBe(NOW + 3 * DAY);
    expect(later.spent).toBe(0n);
    expect(later.payments).toBe(40); // the count is the session's, not the period's
  });
});

test('an expired session covers nothing', () => {
  const ending = session({ expiry: Math.floor(NOW / 1000) + 60 });
  expect(admit(ending, payment(), limits, NOW + 59_000).fits).toBe(true);
  expect(admit(ending, payment(), limits, NOW + 60_000)).toEqual({ fits: false, miss: 'expired' });
});

describe('what a session covers', () => {
  test('another payee, token, chain or account goes to the window', () => {
    expect(admit(session(), payment({ to: OTHER }), limits, NOW)).toEqual({ fits: false, miss: 'otherPayee' });
    expect(admit(session(), payment({ token: ETH }), limits, NOW)).toEqual({ fits: false, miss: 'otherToken' });
    expect(admit(session(), payment({ chainId: 1 }), limits, NOW)).toEqual({ fits: false, miss: 'otherChain' });
    expect(admit(session(), payment({ account: OTHER }), limits, NOW)).toEqual({ fits: false, miss: 'otherAccount' });
  });

  test('a session without a payee is fixed to the first payment’s recipient', () => {
    const open = session({ payee: null });
    expect(admit(open, payment({ to: OTHER }), limits, NOW).fits).toBe(true);
    const paid = afterPayment(open, payment({ to: OTHER }), NOW);
    expect(paid.payee).toBe(OTHER);
    expect(admit(paid, payment({ to: SHOP }), limits, NOW)).toEqual({ fits: false, miss: 'otherPayee' });
  });

  test('an authorisation usable for longer than a few minutes goes to the window', () => {
    const seconds = BigInt(Math.floor(NOW / 1000));
    expect(admit(session(), payment({ validBefore: seconds + BigInt(MAX_AUTHORIZATION_SECONDS) }), limits, NOW).fits).toBe(true);
    expect(admit(session(), payment({ validBefore: seconds + BigInt(MAX_AUTHORIZATION_SECONDS) + 1n }), limits, NOW)).toEqual({ fits: false, miss: 'validTooLong' });
  });

  test('how long an authorisation stays usable is measured by the chain’s clock, which the token uses', () => {
    // A local chain whose clock runs eight days ahead (governance warps it): usable for five minutes there.
    const chainNow = Math.floor(NOW / 1000) + 8 * 86_400;
    const validBefore = BigInt(chainNow + 300);
    expect(admit(session(), payment({ validBefore, chainNow }), limits, NOW).fits).toBe(true);
    expect(admit(session(), payment({ validBefore, chainNow: chainNow - 3600 }), limits, NOW)).toEqual({ fits: false, miss: 'validTooLong' });
  });

  test('a payment above the community’s single-payment maximum never fits, whatever the session allows', () => {
    expect(admit(session({ amountPerPeriod: 500n * U }), payment({ amount: 101n * U }), limits, NOW)).toEqual({ fits: false, miss: 'overSingle' });
  });
});

describe('the verdict decides', () => {
  test('only an allow verdict under the granted policy version is signed without a window', () => {
    expect(judgedMiss(session(), { level: 'allow', policyVersion: '3' })).toBeNull();
    expect(judgedMiss(session(), { level: 'warn', policyVersion: '3' })).toBe('notAllowed');
    expect(judgedMiss(session(), { level: 'block', policyVersion: '3' })).toBe('notAllowed');
    expect(judgedMiss(session(), { level: 'unverified', policyVersion: null })).toBe('notAllowed');
    expect(judgedMiss(session(), { level: 'allow', policyVersion: '4' })).toBe('policyChanged');
  });

  test('a warning inside a session (an amount far above the shopper’s habits) falls back to the window', () => {
    // Paid 0.05 cgUSD to the shop many times; now 60 cgUSD, which a generous session would still cover.
    const history = Array.from({ length: 10 }, (_, i) => ({ token: USD, to: SHOP, amount: U / 20n, timestamp: NOW - (i + 1) * DAY, status: 'confirmed' as const, origin: SITE }));
    const assessment = judgePayment(60n * U, history);
    expect(assessment.reasons.map((reason) => reason.rule)).toContain('unusualAmount');
    expect(assessment.level).toBe('warn');
    const generous = session({ amountPerPeriod: 100n * U });
    expect(admit(generous, payment({ amount: 60n * U }), limits, NOW).fits).toBe(true);
    expect(judgedMiss(generous, { level: assessment.level, policyVersion: assessment.policyVersion.toString() })).toBe('notAllowed');
  });

  test('the community’s daily cap counts session payments with every other payment', () => {
    // 499.99 cgUSD paid today: 400 by a plain payment, the rest by session payments recorded as signed authorisations.
    const entry = (amount: bigint, outcome: HistoryEntry['outcome'], session?: string): HistoryEntry => ({
      id: crypto.randomUUID(),
      at: NOW - HOUR,
      account: ACCOUNT,
      origin: SITE,
      kind: 'contractCall',
      token: USD,
      symbol: 'cgUSD',
      decimals: 6,
      to: SHOP,
      amount: amount.toString(),
      score: 0,
      level: 'allow',
      policyVersion: '3',
      outcome,
      outflows: [{ token: USD, to: SHOP, amount: amount.toString() }],
      ...(session ? { session } : {}),
    });
    const entries = [entry(400n * U, 'confirmed'), ...Array.from({ length: 9 }, () => entry(11n * U, 'signed', 's1')), entry((99n * U) / 100n, 'signed', 's1')];
    const history = spendingOf(entries);
    const judge = (amount: bigint) => judgePayment(amount, history, { payee: 'trusted', site: 'trusted' });
    // The session itself still has room (a big session), but the community's cap does not.
    const big = session({ amountPerPeriod: 500n * U, spent: 0n });
    expect(admit(big, payment({ amount: U / 20n }), limits, NOW).fits).toBe(true);
    const over = judge(U / 20n);
    expect(over.reasons.map((reason) => reason.rule)).toContain('dailyCap');
    expect(judgedMiss(big, { level: over.level, policyVersion: '3' })).toBe('notAllowed');
    expect(judge(U / 100n).level).toBe('allow');
  });
});

test('after the first payment inside a session, its payee and site are familiar: a run of small payments there is not a drain to a stranger', () => {
  const entry = (at: number, session?: string): HistoryEntry => ({
    id: crypto.randomUUID(), at, account: ACCOUNT, origin: SITE, kind: 'contractCall', token: USD, symbol: 'cgUSD', decimals: 6, to: SHOP, amount: '50000',
    score: 0, level: 'allow', policyVersion: '3', outcome: 'signed', outflows: [{ token: USD, to: SHOP, amount: '50000' }], ...(session ? { session } : {}),
  });
  const judge = (entries: HistoryEntry[]) => judgePayment(U / 20n, spendingOf(entries), { payee: 'trusted' });
  const run = (session?: string) => [entry(NOW - 3000, session), entry(NOW - 2000, session), entry(NOW - 1000, session)];
  // The same three authorisations signed outside a session (each through a window): the fourth is a fast run to someone never paid.
  expect(judge(run()).level).toBe('warn');
  expect(judge(run('s1')).level).toBe('allow');
  expect(judge(run('s1')).reasons.map((reason) => reason.rule)).toContain('paymentBurst');
});

describe('granting a session inside the community’s rules', () => {
  const request = { chainId: 31337, token: USD, payee: SHOP, amountPerPeriod: 2n * U, periodSeconds: 86_400, expiry: Math.floor(NOW / 1000) + 86_400 };

  test('a request inside the daily cap is granted as asked, and the window compares the two', () => {
    const terms = grantTerms({ request, limits, token: usd, siteStatus: 'unknown', payeeStatus: 'unknown', policyVersion: '3' });
    expect(terms).toEqual({
      kind: 'granted',
      amountPerPeriod: 2n * U,
      capped: false,
      community: 'The community allows at most 500 cgUSD a day, 100 cgUSD at once.',
      site: 'This site asks for at most 2 cgUSD a day.',
    });
  });

  test('a request above the daily cap is capped at it, and the window says so', () => {
    const terms = grantTerms({ request: { ...request, amountPerPeriod: 1000n * U }, limits, token: usd, siteStatus: 'trusted', payeeStatus: null, policyVersion: '3' });
    expect(terms.kind === 'granted' && terms.amountPerPeriod).toBe(500n * U);
    expect(terms.kind === 'granted' && terms.capped).toBe(true);
    expect(terms.kind === 'granted' && terms.site).toBe('This site asks for 1,000 cgUSD a day, more than the community allows: the session is capped at 500 cgUSD a day.');
  });

  test('a blocked site or payee is refused', () => {
    expect(grantTerms({ request, limits, token: usd, siteStatus: 'blocked', payeeStatus: 'unknown', policyVersion: '3' }).kind).toBe('refused');
    expect(grantTerms({ request, limits, token: usd, siteStatus: 'unknown', payeeStatus: 'blocked', policyVersion: '3' }).kind).toBe('refused');
  });

  test('periods in words', () => {
    expect(periodWords(86_400)).toBe('a day');
    expect(periodWords(3_600)).toBe('an hour');
    expect(periodWords(7_200)).toBe('every 2 hours');
    expect(periodWords(604_800)).toBe('a week');
  });
});

describe('a session after the community changed its rules', () => {
  const rules = { limits, token: usd, siteStatus: 'unknown' as const, payeeStatus: 'unknown' as const, policyVersion: '4' };

  test('it is checked again as a new grant of what the site asked for: kept as asked under a cap that still allows it', () => {
    const terms = renewedTerms(session(), rules);
    expect(terms).toMatchObject({ kind: 'granted', amountPerPeriod: 2n * U, capped: false });
    if (terms.kind !== 'granted') throw new Error('expected granted');
    expect(renewalWords(session(), terms, usd)).toBe('The community changed its rules since you allowed the session. Approving this payment also keeps the session under the new rules.');
  });

  test('a new daily cap below the session’s budget caps it, and the window says so', () => {
    const terms = renewedTerms(session(), { ...rules, limits: { ...limits, dailyCap: U } });
    expect(terms).toMatchObject({ kind: 'granted', amountPerPeriod: U, capped: true });
    if (terms.kind !== 'granted') throw new Error('expected granted');
    expect(renewalWords(session(), terms, usd)).toContain('keeps the session under the new rules, at most 1 cgUSD a day (the new daily cap)');
  });

  test('a session capped before gets back what the site asked for when the new cap allows it', () => {
    expect(renewedTerms(session({ amountPerPeriod: U, askedPerPeriod: 3n * U }), rules)).toMatchObject({ kind: 'granted', amountPerPeriod: 3n * U });
  });

  test('a site or payee the new rules block refuses it', () => {
    expect(renewedTerms(session(), { ...rules, siteStatus: 'blocked' })).toMatchObject({ kind: 'refused', reason: expect.stringContaining('blocked this site (policy version 4)') });
    expect(renewedTerms(session(), { ...rules, payeeStatus: 'blocked' })).toMatchObject({ kind: 'refused', reason: expect.stringContaining('blocked the payee') });
  });
});

describe('the stored sessions', () => {
  function memory() {
    let value: StoredSession[] | null = null;
    return { getValue: async () => (value ? structuredClone(value) : null), setValue: async (next: StoredSession[] | null) => void (value = next ? structuredClone(next) : null) };
  }
  const request = { chainId: 31337, token: USD, payee: SHOP, amountPerPeriod: 2n * U, periodSeconds: 86_400, expiry: Math.floor(NOW / 1000) + 86_400 };

  test('a session survives a restart (a new store over the same storage) with what it spent', async () => {
    const item = memory();
    const first = new Sessions({ item, now: () => NOW });
    await first.grant({ origin: SITE, account: ACCOUNT, request, amountPerPeriod: 2n * U, policyVersion: '3' });
    const hold = await first.hold(payment(), limits);
    if (!hold?.held) throw new Error('expected a hold');
    await hold.held.commit();
    const restarted = new Sessions({ item, now: () => NOW + 1000 });
    const [kept] = await restarted.list();
    expect(kept?.spent).toBe(U / 20n);
    expect(kept?.payments).toBe(1);
    expect(kept?.lastPayment).toEqual({ at: NOW, amount: U / 20n });
  });

  test('revoking ends a session at once: the next payment finds none', async () => {
    const sessions = new Sessions({ item: memory(), now: () => NOW });
    const granted = await sessions.grant({ origin: SITE, account: ACCOUNT, request, amountPerPeriod: 2n * U, policyVersion: '3' });
    expect(await sessions.hold(payment(), limits)).not.toBeNull();
    expect(await sessions.revoke(granted.id)).toBe(true);
    expect(await sessions.hold(payment(), limits)).toBeNull();
    expect(await sessions.list()).toEqual([]);
  });

  test('an expired session is gone from the list and covers nothing', async () => {
    let now = NOW;
    const sessions = new Sessions({ item: memory(), now: () => now });
    await sessions.grant({ origin: SITE, account: ACCOUNT, request, amountPerPeriod: 2n * U, policyVersion: '3' });
    now = request.expiry * 1000;
    expect(await sessions.list()).toEqual([]);
    expect(await sessions.hold(payment(), limits)).toBeNull();
  });

  test('renewing keeps a session under the new rules; ending it leaves it in the popup’s list only, covering nothing', async () => {
    const item = memory();
    const sessions = new Sessions({ item, now: () => NOW });
    const granted = await sessions.grant({ origin: SITE, account: ACCOUNT, request, amountPerPeriod: 2n * U, policyVersion: '3' });
    await sessions.renew(granted.id, { policyVersion: '4', amountPerPeriod: U });
    expect((await new Sessions({ item, now: () => NOW }).list())[0]).toMatchObject({ policyVersion: '4', amountPerPeriod: U, askedPerPeriod: 2n * U });
    await sessions.end(granted.id, 'The community blocked this site.');
    expect(await sessions.list()).toEqual([]);
    expect(await sessions.hold(payment(), limits)).toBeNull();
    expect(await new Sessions({ item, now: () => NOW }).list({ ended: true })).toMatchObject([{ id: granted.id, ended: { at: NOW, reason: 'The community blocked this site.' } }]);
    // An ended session is never renewed; dismissing it (revoke) removes it.
    await sessions.renew(granted.id, { policyVersion: '5', amountPerPeriod: 2n * U });
    expect(await sessions.list()).toEqual([]);
    expect(await sessions.revoke(granted.id)).toBe(true);
    expect(await sessions.list({ ended: true })).toEqual([]);
  });

  test('payments held at the same time cannot both take the last of the budget', async () => {
    const sessions = new Sessions({ item: memory(), now: () => NOW });
    await sessions.grant({ origin: SITE, account: ACCOUNT, request, amountPerPeriod: 2n * U, policyVersion: '3' });
    const [a, b] = await Promise.all([sessions.hold(payment({ amount: 3n * U / 2n }), limits), sessions.hold(payment({ amount: 3n * U / 2n }), limits)]);
    expect([a?.held !== null, b?.held !== null].sort()).toEqual([false, true]);
    // Released without signing: the budget is free again.
    const held = a?.held ?? b?.held;
    held?.release();
    expect((await sessions.hold(payment({ amount: 3n * U / 2n }), limits))?.held).not.toBeNull();
  });
});
