import type { PayAction } from '@commonguard/sdk/decode';
import { assessPayment, type PastPayment } from '@commonguard/sdk/risk';
import type { Address } from 'viem';
import { type HistoryEntry, wasSpent } from '../history/History.js';
import type { BacktestRequest } from './params.js';

/** Per token: what the warned and the blocked payments add up to. */
export type BacktestAmount = { token: Address; symbol: string; decimals: number; warned: bigint; blocked: bigint };

/** The only things that leave the wallet: counts and sums, never a single payment. */
export type BacktestResult = { payments: number; warned: number; blocked: number; amounts: BacktestAmount[] };

/**
 * Replays the account's most recent payments (money that left it: sent transfers and calls that
 * carried the native coin; not approvals, not governance calls without value)
 * against proposed rules with the same risk engine that judges live payments. Each payment is
 * judged as it would have been then: against the payments made before it, at its own time. Facts
 * the history does not keep (whether the recipient was a contract or a token) are taken as "no".
 * Pure: no I/O, no clock.
 *
 * @param entries - the wallet's history, newest first (as {@link History.list} returns it)
 */
export function replayHistory(entries: readonly HistoryEntry[], account: Address, request: BacktestRequest): BacktestResult {
  const mine = entries.filter((e) => e.account.toLowerCase() === account.toLowerCase() && isPayment(e));
  const recent = mine.slice(0, request.last);
  // All payments as the engine reads history (newest first); a payment's history is what came after it in this list.
  const past: PastPayment[] = mine.map((e) => ({ token: e.token, to: e.to as Address, amount: BigInt(e.amount), timestamp: e.at }));
  let warned = 0;
  let blocked = 0;
  const amounts = new Map<string, BacktestAmount>();
  recent.forEach((entry, i) => {
    const to = entry.to as Address;
    const amount = BigInt(entry.amount);
    const action = payAction(entry, to, amount);
    const listed = request.merchants.get(to.toLowerCase());
    const assessment = assessPayment({
      action,
      policy: request.policy,
      merchantStatus: listed?.status ?? 'unknown',
      merchantNote: listed?.note,
      originStatus: entry.origin === null ? undefined : (request.origins.get(entry.origin.toLowerCase()) ?? 'unknown'),
      origin: entry.origin ?? undefined,
      recipient: { isContract: false, isToken: false },
      token: { symbol: entry.symbol, decimals: entry.decimals },
      history: past.slice(i + 1),
      now: entry.at,
    });
    if (assessment.level === 'allow') return;
    const key = entry.token.toLowerCase();
    const sum = amounts.get(key) ?? { token: entry.token, symbol: entry.symbol, decimals: entry.decimals, warned: 0n, blocked: 0n };
    if (assessment.level === 'block') {
      blocked++;
      sum.blocked += amount;
    } else {
      warned++;
      sum.warned += amount;
    }
    amounts.set(key, sum);
  });
  return { payments: recent.length, warned, blocked, amounts: [...amounts.values()] };
}

/** Money that left: a sent transfer, or a contract call that carried the native coin (not approvals, not zero-value calls). */
function isPayment(e: HistoryEntry): boolean {
  if (!wasSpent(e) || e.to === null) return false;
  if (e.kind === 'tokenTransfer' || e.kind === 'nativeTransfer') return true;
  return e.kind === 'contractCall' && e.amount !== '0';
}

function payAction(entry: HistoryEntry, to: Address, amount: bigint): PayAction {
  if (entry.kind === 'tokenTransfer') return { kind: 'tokenTransfer', token: entry.token, to, amount, method: 'transfer' };
  // A contract call that sent the native coin is judged by the native limits, like a plain transfer.
  return { kind: 'nativeTransfer', token: '0x0000000000000000000000000000000000000000', to, amount };
}
