import { describe, expect, test } from 'vitest';
import { balanceSeries, monthLabel, payoutsPerMonth, timeTicks, valueAxis } from './charts.js';

const T = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707' as const;
const flow = (delta: bigint, timestamp: bigint, token: `0x${string}` = T) => ({ token, delta, timestamp, tx: '0x' as const });
const payout = (amount: bigint, timestamp: bigint, token: `0x${string}` = T) => ({ executor: T, token, recipient: T, amount, memo: '', byVote: false, timestamp, blockNumber: 0n, logIndex: 0, tx: '0x' as const }) as const;
const at = (iso: string) => BigInt(Date.parse(iso) / 1000);

describe('treasury charts', () => {
  test('balance over time adds movements in order; same-second movements make one point', () => {
    expect(balanceSeries([flow(100n, 10n), flow(-30n, 20n), flow(-5n, 20n), flow(1n, 30n, '0x0000000000000000000000000000000000000000')], T)).toEqual([
      { t: 10, v: 100n },
      { t: 20, v: 65n },
    ]);
  });

  test('the balance axis fits the data, so a 500 drop on 12,000 spans most of the chart', () => {
    const axis = valueAxis([12_000, 11_500]);
    expect(axis.min).toBeGreaterThan(11_000);
    expect(axis.max).toBeLessThanOrEqual(12_200);
    expect((12_000 - 11_500) / (axis.max - axis.min)).toBeGreaterThan(0.5);
    expect(axis.ticks[0]).toBe(axis.min);
    expect(axis.ticks.at(-1)).toBe(axis.max);
    expect(axis.ticks.every((t) => Number.isInteger(t / 100))).toBe(true);
  });

  test('bars start at zero; a flat series still gets an axis', () => {
    const bars = valueAxis([0, 300, 488], { includeZero: true });
    expect(bars.min).toBe(0);
    expect(bars.max).toBeGreaterThanOrEqual(488);
    const flat = valueAxis([5, 5]);
    expect(flat.min).toBeLessThan(5);
    expect(flat.max).toBeGreaterThan(5);
  });

  test('payouts fall into the calendar month they were made in, per token', () => {
    const other = '0x0000000000000000000000000000000000000000' as const;
    const buckets = payoutsPerMonth(
      [payout(5n, at('2026-12-03T10:00:00Z')), payout(7n, at('2026-11-30T23:59:59Z')), payout(3n, at('2026-11-01T00:00:00Z')), payout(100n, at('2026-06-01T00:00:00Z')), payout(9n, at('2026-12-01T00:00:00Z'), other)],
      T,
      Number(at('2026-12-15T00:00:00Z')),
      3,
    );
    expect(buckets.map((b) => [b.label, b.total, b.count])).toEqual([
      ['Oct 2026', 0n, 0],
      ['Nov 2026', 10n, 2],
      ['Dec 2026', 5n, 1],
    ]);
  });

  test('months are labelled in UTC, across a year end', () => {
    expect(monthLabel(Number(at('2027-01-01T00:00:00Z')))).toBe('Jan 2027');
    expect(payoutsPerMonth([], T, Number(at('2027-01-10T00:00:00Z')), 2).map((b) => b.label)).toEqual(['Dec 2026', 'Jan 2027']);
  });

  test('time labels are days for short spans and months for long ones, without repeats', () => {
    expect(timeTicks(Number(at('2026-11-08T00:00:00Z')), Number(at('2026-12-08T00:00:00Z')), 3).map((t) => t.label)).toEqual(['8 Nov', '23 Nov', '8 Dec']);
    expect(timeTicks(Number(at('2026-01-01T00:00:00Z')), Number(at('2026-12-31T00:00:00Z')), 4).map((t) => t.label)).toEqual(['Jan 2026', 'May 2026', 'Aug 2026', 'Dec 2026']);
  });
});
