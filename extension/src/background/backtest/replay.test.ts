import { describe, expect, test } from 'vitest';
import type { MerchantStatus } from '@commonguard/sdk/risk';
import type { Address } from 'viem';
import { History, type HistoryEntry } from '../history/History.js';
import { assess } from '../pipeline/assess.js';
import type { Context, Understanding, WalletRequest } from '../pipeline/types.js';
import { backtestAnswer, backtestView } from './methods.js';
import type { BacktestRequest } from './params.js';
import { replayHistory, replayPayments } from './replay.js';

const me = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as Address;
const other = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' as Address;
const cgUSD = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707' as Address;
const coffee = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955' as Address;
const fair = '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720' as Address;
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 1);

let n = 0;
function entry(to: Address, usd: number, hours: number, extra: Partial<HistoryEntry> = {}): HistoryEntry {
  return { id: String(n++), at: T0 + hours * HOUR, account: me, origin: 'https://shop.example', kind: 'tokenTransfer', token: cgUSD, symbol: 'cgUSD', decimals: 6, to, amount: String(usd * 1e6), score: 10, level: 'allow', policyVersion: '7', outcome: 'confirmed', ...extra };
}
const request = (limits: { max?: number; daily?: number; first?: number } = {}, blocked: Address[] = []): BacktestRequest => ({
  policy: { version: 0n, warnAt: 40, blockAt: 80, unlimitedApprovalsAllowed: false, tokenLimits: [{ token: cgUSD, maxSinglePayment: BigInt((limits.max ?? 0) * 1e6), dailyCap: BigInt((limits.daily ?? 0) * 1e6), maxFirstPayment: BigInt((limits.first ?? 0) * 1e6) }] },
  merchants: new Map<string, { status: MerchantStatus; note: string }>([[coffee.toLowerCase(), { status: 'trusted', note: 'Corner Coffee' }], ...blocked.map((a): [string, { status: MerchantStatus; note: string }] => [a.toLowerCase(), { status: 'blocked', note: 'Fake' }])]),
  origins: new Map([['https://shop.example', 'trusted' as const]]),
  last: 50,
});

// Newest first, as History.list() keeps them.
const history = [entry(fair, 30, 30), entry(coffee, 450, 20), entry(coffee, 12, 10), entry(coffee, 10, 0)];

describe('replaying my own payments against proposed rules', () => {
  test('rules like today block nothing; the one unusual payment stays a warning', () => {
    // 450 cgUSD to a merchant paid 10 and 12 before is an unusual amount under the detection model: a warning the shopper acknowledged.
    expect(replayHistory(history, me, request())).toEqual({ payments: 4, warned: 1, blocked: 0, amounts: [{ token: cgUSD, symbol: 'cgUSD', decimals: 6, warned: 450_000_000n, blocked: 0n, warnedPayments: 1, blockedPayments: 0 }] });
  });

  test('a lower single-payment cap blocks the large payment; blocking a merchant blocks its payments; only counts and sums come back', () => {
    const result = replayHistory(history, me, request({ max: 400 }, [fair]));
    expect(result).toEqual({ payments: 4, warned: 0, blocked: 2, amounts: [{ token: cgUSD, symbol: 'cgUSD', decimals: 6, warned: 0n, blocked: 480_000_000n, warnedPayments: 0, blockedPayments: 2 }] });
    expect(backtestAnswer(result)).toEqual({ payments: 4, warned: 0, blocked: 2, amounts: [{ token: cgUSD, warned: '0x0', blocked: '0x1c9c3800' }] });
  });

  test('each payment is judged with the payments before it: the first-payment cap hits only the first payment to someone', () => {
    const result = replayHistory(history, me, request({ first: 11 }));
    // coffee 10 (first, ≤ 11) passes; fair 30 is a first payment above 11.
    expect([result.blocked, result.amounts[0]?.blocked]).toEqual([1, 30_000_000n]);
  });

  test('a site the shopper paid on before is familiar, as in a live review: only the first payment there is on an unknown site', () => {
    const r = request();
    const replayed = replayPayments(history, me, { ...r, origins: new Map() });
    // Newest first: the oldest payment (the first on shop.example) is the last one.
    expect(replayed.map(({ assessment }) => assessment.reasons.some((reason) => reason.rule === 'unknownSite'))).toEqual([false, false, false, true]);
  });

  test('each replayed verdict is exactly what a live review of the same history gives', async () => {
    const r = request({ max: 400, first: 11 }, [fair]);
    const replayed = replayPayments(history, me, r);
    expect(replayed).toHaveLength(history.length);
    for (const [i, { entry, assessment }] of replayed.entries()) {
      // The live review of this payment: the pipeline's assess step, with the history as it stood
      // before the payment, read through History as the gather step reads it.
      let stored = history.slice(i + 1);
      const before = new History({ item: { getValue: async () => stored, setValue: async (value) => void (stored = value ?? []) } });
      const to = entry.to as Address;
      const listed = r.merchants.get(to.toLowerCase());
      const live: WalletRequest = { kind: 'transaction', origin: entry.origin, account: me, source: 'sendTransaction', action: { kind: 'tokenTransfer', token: cgUSD, to, amount: BigInt(entry.amount), method: 'transfer' }, call: { to: cgUSD, value: 0n, data: '0x' } };
      const understanding: Understanding = { action: 'Pay', effects: { basis: 'simulation', effects: [{ kind: 'assetOut', token: cgUSD, to, amount: BigInt(entry.amount) }] }, concerns: [], failure: null, movesMoney: true, details: { kind: 'none' }, label: 'Pay' };
      const context: Context = {
        policy: { address: cgUSD, snapshot: r.policy, readAt: entry.at },
        parties: { [to.toLowerCase()]: { status: listed?.status ?? 'unknown', note: listed?.note, isContract: false, isToken: false } },
        tokens: { [cgUSD.toLowerCase()]: { symbol: 'cgUSD', decimals: 6 } },
        originStatus: entry.origin ? { status: r.origins.get(entry.origin) ?? 'unknown', note: '' } : null,
        history: await before.paymentsOf(me),
        now: entry.at,
      };
      expect(assessment, `payment ${i}`).toEqual(assess(live, understanding, context, []));
    }
    // The comparison is not empty: these rules warn or block some of the payments.
    expect(replayed.filter(({ assessment }) => assessment.level !== 'allow').length).toBeGreaterThan(0);
  });

  test("only this account's sent payments count, and only the last N", () => {
    const vote = entry(fair, 0, 33, { kind: 'contractCall', token: '0x0000000000000000000000000000000000000000', amount: '0' });
    const mixed = [entry(fair, 30, 40, { account: other }), entry(fair, 30, 35, { outcome: 'rejected' }), entry(fair, 30, 34, { kind: 'tokenApproval' }), vote, ...history];
    expect(replayHistory(mixed, me, request()).payments).toBe(4);
    expect(replayHistory(history, me, { ...request({ max: 400 }), last: 1 })).toMatchObject({ payments: 1, blocked: 0 });
  });

  test('pending and confirmed payments count; failed ones and rejected ones do not', () => {
    const outcomes = [entry(fair, 5, 50, { outcome: 'pending' }), entry(fair, 5, 49, { outcome: 'confirmed' }), entry(fair, 5, 48, { outcome: 'failed' }), entry(fair, 5, 47, { outcome: 'blocked' })];
    expect(replayHistory(outcomes, me, request()).payments).toBe(2);
  });

  test('the consent window shows the rules in words and the same totals', () => {
    const r = request({ max: 400 }, [fair]);
    const view = backtestView('http://127.0.0.1:5173', me, r, replayHistory(history, me, r));
    expect(view).toMatchObject({ payments: 4, warned: 0, blocked: 2, amounts: [{ symbol: 'cgUSD', warned: '0', blocked: '480' }] });
    expect(view.rules).toEqual(['Warn at risk score 40, refuse at 80', 'cgUSD: at most 400 cgUSD per payment, no limit per day, no limit for a first payment']);
    // Every address and site the rules name is shown, with its proposed status.
    expect(view.addresses).toEqual([
      { address: coffee, status: 'trusted', note: 'Corner Coffee' },
      { address: fair, status: 'blocked', note: 'Fake' },
    ]);
    expect(view.sites).toEqual([{ origin: 'https://shop.example', status: 'trusted' }]);
  });

  test('the consent window writes every limit in tokens with their symbols, never in raw units', () => {
    const eth = '0x0000000000000000000000000000000000000000' as Address;
    const unread = '0x1111111111111111111111111111111111111111' as Address;
    const r = request();
    const limits = [
      { token: eth, maxSinglePayment: 10n ** 18n, dailyCap: 0n, maxFirstPayment: 0n },
      { token: unread, maxSinglePayment: 5n * 10n ** 18n, dailyCap: 0n, maxFirstPayment: 0n },
      // A token the history never paid in, read from the chain by the method.
      { token: '0x2222222222222222222222222222222222222222' as Address, maxSinglePayment: 250_000_000n, dailyCap: 0n, maxFirstPayment: 0n },
    ];
    const view = backtestView('http://127.0.0.1:5173', me, { ...r, policy: { ...r.policy, tokenLimits: limits } }, replayHistory([], me, r), new Map([['0x2222222222222222222222222222222222222222', { symbol: 'cgEUR', decimals: 6 }]]));
    expect(view.rules.slice(1)).toEqual([
      'ETH: at most 1 ETH per payment, no limit per day, no limit for a first payment',
      `the token ${unread}: at most an amount the wallet cannot read (the token does not say its decimals) per payment, no limit per day, no limit for a first payment`,
      'cgEUR: at most 250 cgEUR per payment, no limit per day, no limit for a first payment',
    ]);
    expect(view.rules.join(' ')).not.toMatch(/units/);
  });
});
