import type { AssetOut } from '@commonguard/sdk/effects';
import { type Assessment, assessRequest, type PartyFacts, type PastPayment, type TokenInfo } from '@commonguard/sdk/risk';
import type { Address } from 'viem';
import { type HistoryEntry, spendingOf } from '../history/History.js';
import type { BacktestRequest } from './params.js';

/**
 * Per token: what the warned and the blocked payments add up to, and how many payments each sum holds
 * (the counts stay in the wallet: they decide whether a sum may be shared, see `privacy.ts`).
 */
export type BacktestAmount = { token: Address; symbol: string; decimals: number; warned: bigint; blocked: bigint; warnedPayments: number; blockedPayments: number };

/** The only things that leave the wallet: counts and sums, never a single payment. */
export type BacktestResult = { payments: number; warned: number; blocked: number; amounts: BacktestAmount[] };

/** One replayed payment: the history entry, what left in it, and the verdict the proposed rules give it. */
export type ReplayedPayment = { entry: HistoryEntry; outflows: PastPayment[]; assessment: Assessment };

/**
 * Replays the account's most recent payments (requests whose money left it: sent transfers, calls
 * that carried value, signed transfer authorisations; not approvals, not calls that moved nothing)
 * against proposed rules with the live review's own engine and inputs: `assessRequest` on the
 * payment's outflows, its site and that site's proposed status, and the history exactly as the live
 * review reads it ({@link spendingOf}: with each payment's site and status, so a site paid on before
 * is familiar). Each payment is judged as it was then: against the payments made before it, at its own
 * time. Facts the history does not keep (whether the recipient was a contract or a token) are taken
 * as "no". Pure: no I/O, no clock.
 *
 * @param entries - the wallet's history, newest first (as `History.list` returns it)
 */
export function replayPayments(entries: readonly HistoryEntry[], account: Address, request: BacktestRequest): ReplayedPayment[] {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const mine = spendingOf(entries).filter((payment) => payment.account.toLowerCase() === account.toLowerCase());
  const history: PastPayment[] = mine.map(({ account: _account, ...payment }) => payment);
  // The requests, newest first, each with its outflows and where its past begins in `history`.
  const requests: Array<{ entry: HistoryEntry; outflows: PastPayment[]; pastFrom: number }> = [];
  history.forEach((payment, i) => {
    const last = requests.at(-1);
    if (last && last.entry.id === payment.id) {
      last.outflows.push(payment);
      last.pastFrom = i + 1;
      return;
    }
    const entry = byId.get(payment.id as string);
    if (entry) requests.push({ entry, outflows: [payment], pastFrom: i + 1 });
  });
  const tokens = tokensOf(entries);
  return requests
    .filter((r) => r.outflows.some((out) => out.amount > 0n))
    .slice(0, request.last)
    .map(({ entry, outflows, pastFrom }) => {
      const effects: AssetOut[] = outflows.filter((out) => out.amount > 0n).map((out) => ({ kind: 'assetOut', token: out.token, to: out.to, amount: out.amount }));
      const parties: Record<string, PartyFacts> = {};
      for (const { to } of effects) {
        const listed = to === null ? undefined : request.merchants.get(to.toLowerCase());
        if (to !== null) parties[to.toLowerCase()] = { status: listed?.status ?? 'unknown', note: listed?.note, isContract: false, isToken: false };
      }
      const assessment = assessRequest({
        effects: { basis: 'decoding', effects },
        parties,
        tokens,
        policy: request.policy,
        originStatus: entry.origin === null ? undefined : (request.origins.get(entry.origin.toLowerCase()) ?? 'unknown'),
        origin: entry.origin ?? undefined,
        history: history.slice(pastFrom),
        now: entry.at,
      });
      return { entry, outflows, assessment };
    });
}

/** {@link replayPayments}, reduced to what may leave the wallet: counts, and sums per token. */
export function replayHistory(entries: readonly HistoryEntry[], account: Address, request: BacktestRequest): BacktestResult {
  const replayed = replayPayments(entries, account, request);
  const tokens = tokensOf(entries);
  let warned = 0;
  let blocked = 0;
  const amounts = new Map<string, BacktestAmount>();
  for (const { outflows, assessment } of replayed) {
    if (assessment.level === 'allow') continue;
    if (assessment.level === 'block') blocked++;
    else warned++;
    for (const out of outflows) {
      const key = out.token.toLowerCase();
      const info = tokens[key] ?? { symbol: `${out.token.slice(0, 6)}…`, decimals: 18 };
      const sum = amounts.get(key) ?? { token: out.token, symbol: info.symbol, decimals: info.decimals, warned: 0n, blocked: 0n, warnedPayments: 0, blockedPayments: 0 };
      if (assessment.level === 'block') sum.blocked += out.amount;
      else sum.warned += out.amount;
      amounts.set(key, sum);
    }
    // Each payment counts once per token it paid in, however many transfers it made.
    for (const key of new Set(outflows.map((out) => out.token.toLowerCase()))) {
      const sum = amounts.get(key) as BacktestAmount;
      if (assessment.level === 'block') sum.blockedPayments++;
      else sum.warnedPayments++;
    }
  }
  return { payments: replayed.length, warned, blocked, amounts: [...amounts.values()] };
}

/** Symbols and decimals as the history recorded them (the native coin as ETH). */
function tokensOf(entries: readonly HistoryEntry[]): Record<string, TokenInfo> {
  const tokens: Record<string, TokenInfo> = { '0x0000000000000000000000000000000000000000': { symbol: 'ETH', decimals: 18 } };
  for (const entry of entries) tokens[entry.token.toLowerCase()] ??= { symbol: entry.symbol, decimals: entry.decimals };
  return tokens;
}
