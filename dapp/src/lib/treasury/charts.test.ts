import { describe, expect, test } from 'vitest';
import { balanceSeries, payoutsPerPeriod } from './charts.js';

const T = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707' as const;
const flow = (delta: bigint, timestamp: bigint, token: `0x${string}` = T) => ({ token, delta, timestamp, tx: '0x' as const });
const payout = (amount: bigint, timestamp: bigint) => ({ executor: T, token: T, recipient: T, amount, memo: '', byVote: false, timestamp, tx: '0x' as const }) as const;

describe('treasury charts', () => {
  test('balance over time adds movements in order; same-second movements make one point', () => {
    expect(balanceSeries([flow(100n, 10n), flow(-30n, 20n), flow(-5n, 20n), flow(1n, 30n, '0x0000000000000000000000000000000000000000')], T)).toEqual([
      { t: 10, v: 100n },
      { t: 20, v: 65n },
    ]);
  });

  test('payouts fall into the period they were made in', () => {
    expect(payoutsPerPeriod([payout(5n, 95n), payout(7n, 99n), payout(3n, 71n), payout(100n, 10n)], T, 100, 10, 3).map((b) => b.total)).toEqual([3n, 0n, 12n]);
  });
});
