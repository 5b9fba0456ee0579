import { describe, expect, test } from 'vitest';
import { parseUnits, type Address } from 'viem';
import { testDeployment, testDirectory } from '../../../test/testDeployment.js';
import type { Payout } from '../indexer/types.js';
import { backtestPayouts, listingAfter, type ProposedRules } from './backtest.js';

const dir = testDirectory();
const cgUSD = testDeployment.contracts.demoStablecoin!;
const usd = (n: string) => parseUnits(n, 6);
const A = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955' as Address;
const B = '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720' as Address;
const C = '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f' as Address;
const HOUR = 3600n;
const payout = (recipient: Address, amount: string, hours: number): Payout => ({ executor: A, token: cgUSD, recipient, amount: usd(amount), memo: '', byVote: false, timestamp: 1_000_000n + BigInt(hours) * HOUR, tx: '0x' });
const rules = (limits: { max?: string; daily?: string; first?: string }, merchants: [Address, 'blocked' | 'trusted', string][] = []): ProposedRules => ({
  snapshot: { version: 9n, warnAt: 40, blockAt: 80, unlimitedApprovalsAllowed: false, tokenLimits: [{ token: cgUSD, maxSinglePayment: usd(limits.max ?? '0'), dailyCap: usd(limits.daily ?? '0'), maxFirstPayment: usd(limits.first ?? '0') }] },
  merchants: new Map(merchants.map(([a, status, note]) => [a.toLowerCase(), { status, note }])),
});

describe('what the proposed rules would have done to past payouts', () => {
  test('names each refused payout and why, newest first; totals what they add up to', () => {
    const result = backtestPayouts([payout(A, '300', 0), payout(B, '450', 1), payout(C, '20', 2)], rules({ max: '400' }, [[C, 'blocked', 'Sold fake tickets']]), dir);
    expect(result.checked).toBe(3);
    expect(result.refused.map((r) => [r.payout.recipient, r.reasons])).toEqual([
      [C, ['the recipient would be blocked: “Sold fake tickets”']],
      [B, ['450 cgUSD is above the maximum single payment of 400 cgUSD']],
    ]);
    expect(result.refusedTotals.get(cgUSD.toLowerCase())).toBe(usd('470'));
  });

  test('the daily cap counts the 24 hours up to each payout, and refused payouts do not count', () => {
    const result = backtestPayouts([payout(A, '300', 0), payout(A, '300', 10), payout(A, '300', 20), payout(A, '300', 25)], rules({ daily: '700' }), dir);
    // 0 h: 300; 10 h: 600; 20 h: 900 > 700 refused; 25 h: the 0 h payout left the window → 300 + 300 = 600.
    expect(result.refused.map((r) => r.payout.timestamp)).toEqual([1_000_000n + 20n * HOUR]);
    expect(result.refused[0].reasons).toEqual(['it would make 900 cgUSD in 24 hours, above the daily cap of 700 cgUSD']);
  });

  test('the first-payment cap applies only to a recipient not paid before', () => {
    const result = backtestPayouts([payout(A, '50', 0), payout(A, '200', 1), payout(B, '200', 2)], rules({ first: '100' }), dir);
    expect(result.refused.map((r) => r.payout.recipient)).toEqual([B]);
  });

  test('rules that change nothing refuse nothing', () => {
    expect(backtestPayouts([payout(A, '300', 0)], rules({}), dir).refused).toEqual([]);
  });

  test('the listing after a proposal applies its merchant changes in order', () => {
    const after = listingAfter([{ merchant: A, status: 'trusted', note: 'Corner Coffee' }], [
      { merchant: C, status: 'blocked', note: 'Sold fake tickets' },
      { merchant: A, status: 'unknown', note: '' },
    ]);
    expect([...after]).toEqual([[C.toLowerCase(), { status: 'blocked', note: 'Sold fake tickets' }]]);
  });
});
