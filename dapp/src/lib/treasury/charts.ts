import type { Payout, TreasuryFlow } from '../indexer/types.js';

/** A token's balance after each movement, starting from zero before the first one. */
export function balanceSeries(flows: TreasuryFlow[], token: string): { t: number; v: bigint }[] {
  let balance = 0n;
  const points: { t: number; v: bigint }[] = [];
  for (const flow of flows) {
    if (flow.token.toLowerCase() !== token.toLowerCase()) continue;
    balance += flow.delta;
    const t = Number(flow.timestamp);
    if (points.length && points[points.length - 1].t === t) points[points.length - 1].v = balance;
    else points.push({ t, v: balance });
  }
  return points;
}

/** Payout totals of one token in `count` equal periods ending at `now`. */
export function payoutsPerPeriod(payouts: Payout[], token: string, now: number, periodSeconds: number, count = 6): { start: number; total: bigint }[] {
  const buckets = Array.from({ length: count }, (_, i) => ({ start: now - (count - i) * periodSeconds, total: 0n }));
  for (const p of payouts) {
    if (p.token.toLowerCase() !== token.toLowerCase()) continue;
    const index = Math.floor((Number(p.timestamp) - (now - count * periodSeconds)) / periodSeconds);
    if (index >= 0 && index < count) buckets[index].total += p.amount;
  }
  return buckets;
}
