import type { Address } from 'viem';
import type { MerchantStatus, PolicySnapshot, TokenLimits } from '@commonguard/sdk';
import type { Directory } from '../chain/tokens.js';
import type { Payout } from '../indexer/types.js';

/** The rules a proposal would leave in place: the policy snapshot and the listed merchants after it. */
export type ProposedRules = {
  snapshot: PolicySnapshot;
  /** Lower-cased address → status and the community's note. Unlisted addresses are "unknown". */
  merchants: ReadonlyMap<string, { status: MerchantStatus; note: string }>;
  /** Site origin → status (only the member's own replay uses these). */
  origins?: ReadonlyMap<string, MerchantStatus>;
};

export type RefusedPayout = { payout: Payout; reasons: string[] };

export type TreasuryBacktest = {
  /** Payouts replayed (oldest to newest). */
  checked: number;
  refused: RefusedPayout[];
  /** What the refused payouts add up to, per token (lower-cased address). */
  refusedTotals: Map<string, bigint>;
};

const DAY = 86_400n;

/**
 * Replays past treasury payouts against proposed rules, oldest first, as the treasury would have
 * checked them: a blocked recipient (with the community's note as the reason), the maximum single
 * payment, the daily cap (payouts of the token in the 24 hours up to and including this one) and
 * the cap on a first payment to a recipient not paid before in the replayed history. Payouts that
 * would have been refused do not count towards later daily totals, since they would not have
 * happened. Pure; O(n) with a sliding 24-hour window per token.
 */
export function backtestPayouts(payouts: readonly Payout[], rules: ProposedRules, dir: Directory): TreasuryBacktest {
  const ordered = [...payouts].sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  const limits = new Map<string, TokenLimits>(rules.snapshot.tokenLimits.map((l) => [l.token.toLowerCase(), l]));
  const windows = new Map<string, { at: bigint; amount: bigint }[]>();
  const windowSums = new Map<string, bigint>();
  const paidBefore = new Set<string>();
  const refused: RefusedPayout[] = [];
  const refusedTotals = new Map<string, bigint>();

  for (const payout of ordered) {
    const token = payout.token.toLowerCase();
    const recipient = payout.recipient.toLowerCase();
    const amount = (value: bigint) => dir.amount(value, payout.token);
    const reasons: string[] = [];
    const listed = rules.merchants.get(recipient);
    if (listed?.status === 'blocked') reasons.push(`the recipient would be blocked${listed.note ? `: “${listed.note}”` : ''}`);
    const limit = limits.get(token);
    // Slide the 24-hour window of this token's accepted payouts up to this one.
    const window = windows.get(token) ?? [];
    let sum = windowSums.get(token) ?? 0n;
    while (window.length > 0 && payout.timestamp - window[0].at >= DAY) sum -= window.shift()!.amount;
    if (limit) {
      if (limit.maxSinglePayment > 0n && payout.amount > limit.maxSinglePayment) reasons.push(`${amount(payout.amount)} is above the maximum single payment of ${amount(limit.maxSinglePayment)}`);
      if (limit.dailyCap > 0n && sum + payout.amount > limit.dailyCap) reasons.push(`it would make ${amount(sum + payout.amount)} in 24 hours, above the daily cap of ${amount(limit.dailyCap)}`);
      if (limit.maxFirstPayment > 0n && !paidBefore.has(recipient) && payout.amount > limit.maxFirstPayment)
        reasons.push(`a first payment to this recipient may be at most ${amount(limit.maxFirstPayment)}`);
    }
    if (reasons.length > 0) {
      refused.push({ payout, reasons });
      refusedTotals.set(token, (refusedTotals.get(token) ?? 0n) + payout.amount);
    } else {
      window.push({ at: payout.timestamp, amount: payout.amount });
      sum += payout.amount;
      paidBefore.add(recipient);
    }
    windows.set(token, window);
    windowSums.set(token, sum);
  }
  return { checked: ordered.length, refused: refused.reverse(), refusedTotals };
}

/** A merchant change a proposal makes (decoded from its `setMerchantStatus` actions). */
export type MerchantChange = { merchant: Address; status: MerchantStatus; note: string };

/** The listing after the proposal: today's listed merchants with the proposal's changes applied in order. */
export function listingAfter(current: readonly { merchant: Address; status: MerchantStatus; note: string }[], changes: readonly MerchantChange[]): Map<string, { status: MerchantStatus; note: string }> {
  const listing = new Map(current.map((m) => [m.merchant.toLowerCase(), { status: m.status, note: m.note }]));
  for (const change of changes) {
    if (change.status === 'unknown') listing.delete(change.merchant.toLowerCase());
    else listing.set(change.merchant.toLowerCase(), { status: change.status, note: change.note });
  }
  return listing;
}
