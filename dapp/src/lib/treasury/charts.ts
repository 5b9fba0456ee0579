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

/** A value axis: its ends and the round numbers to label. */
export type Axis = { min: number; max: number; ticks: number[] };

/** 1, 2, 2.5 or 5 times a power of ten: the step a person reads at a glance. */
function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * A value axis that fits the data rather than starting at zero, so a 500 drop on a 12,000 balance is
 * visible: the range is padded a little and widened to round ticks. `includeZero` is for bars, whose
 * length must start at zero to mean anything.
 */
export function valueAxis(values: number[], { count = 4, includeZero = false } = {}): Axis {
  if (values.length === 0) return { min: 0, max: 1, ticks: [0, 1] };
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (includeZero) lo = Math.min(0, lo);
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo = includeZero && lo >= 0 ? 0 : lo - pad;
    hi += pad;
  } else if (!includeZero) {
    const pad = (hi - lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const step = niceStep(hi - lo, count);
  const min = Math.floor(lo / step) * step;
  const max = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let v = min; v <= max + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return { min: includeZero && values.every((v) => v >= 0) ? Math.max(0, min) : min, max, ticks };
}

/** Maps [d0, d1] onto [r0, r1]. */
export function scale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Start of the calendar month (UTC) that `seconds` falls in. */
export function monthStart(seconds: number): number {
  const d = new Date(seconds * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000;
}

/** "Dec 2026". */
export function monthLabel(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "8 Nov". */
export function dayLabel(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/**
 * Payout totals of one token per calendar month (UTC), for the `count` months up to and including the
 * month of `now`: a payout on 3 December is in the bar labelled "Dec 2026".
 */
export function payoutsPerMonth(payouts: Payout[], token: string, now: number, count = 6): { start: number; label: string; total: bigint; count: number }[] {
  const end = new Date(monthStart(now) * 1000);
  const buckets = Array.from({ length: count }, (_, i) => {
    const start = Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - (count - 1 - i), 1) / 1000;
    return { start, label: monthLabel(start), total: 0n, count: 0 };
  });
  const index = new Map(buckets.map((b, i) => [b.start, i]));
  for (const p of payouts) {
    if (p.token.toLowerCase() !== token.toLowerCase()) continue;
    const i = index.get(monthStart(Number(p.timestamp)));
    if (i === undefined) continue;
    buckets[i].total += p.amount;
    buckets[i].count++;
  }
  return buckets;
}

/** Up to `count` evenly spread time labels between two instants: days for short spans, months for long ones. */
export function timeTicks(from: number, to: number, count = 4): { t: number; label: string }[] {
  if (to <= from) return [{ t: from, label: dayLabel(from) }];
  const days = (to - from) / 86_400;
  const label = days > 120 ? monthLabel : dayLabel;
  const ticks: { t: number; label: string }[] = [];
  for (let i = 0; i < count; i++) {
    const t = Math.round(from + ((to - from) * i) / (count - 1));
    const text = label(t);
    if (!ticks.some((tick) => tick.label === text)) ticks.push({ t, label: text });
  }
  return ticks;
}

/** One point of participation per proposal: how many votes were cast against the quorum it needed. */
export type ParticipationPoint = { id: bigint; title: string; at: number; cast: number; counted: number; quorum: number };
