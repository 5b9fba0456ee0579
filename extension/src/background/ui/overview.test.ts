import type { Address } from 'viem';
import { describe, expect, test } from 'vitest';
import type { HistoryEntry } from '../history/History.js';
import { buildOverview } from './overview.js';
import { outcomeOf, toHistoryView } from './UiApi.js';

const ETH: Address = '0x0000000000000000000000000000000000000000';
const USD: Address = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707';
const SHOP: Address = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
const OTHER: Address = '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720';
const E = 10n ** 18n;
const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;
const policy = {
  version: 7n,
  warnAt: 40,
  blockAt: 80,
  unlimitedApprovalsAllowed: false,
  tokenLimits: [
    { token: ETH, maxSinglePayment: E, dailyCap: 2n * E, maxFirstPayment: E / 4n },
    { token: USD, maxSinglePayment: 500_000_000n, dailyCap: 0n, maxFirstPayment: 0n },
  ],
};
const info = (token: Address) => (token === ETH ? { symbol: 'ETH', decimals: 18 } : { symbol: 'cgUSD', decimals: 6 });

describe('buildOverview', () => {
  const payments = [
    { token: ETH, to: SHOP, amount: E / 2n, timestamp: NOW - HOUR },
    { token: ETH, to: OTHER, amount: E / 4n, timestamp: NOW - 30 * HOUR },
    { token: ETH, to: SHOP, amount: E, timestamp: NOW - 10 * 24 * HOUR },
  ];
  const overview = buildOverview({ policy, payments, budgets: [], tokenInfo: info, merchantName: (a) => (a === SHOP ? 'Corner Coffee' : null), now: NOW });

  test("today's spending against the daily cap, and the other limits, in words", () => {
    expect(overview.limits[0]).toMatchObject({ symbol: 'ETH', spentToday: '0.5 ETH', dailyCap: '2 ETH', usedPercent: 25 });
    expect(overview.limits[0]?.sentences).toEqual([
      "You spent 0.5 ETH in the last 24 hours; you can spend 1.5 ETH more today (the community's daily cap is 2 ETH).",
      'One payment can be at most 1 ETH.',
      'A first payment to someone new can be at most 0.25 ETH.',
    ]);
    expect(overview.limits[1]?.sentences).toEqual(['You spent 0 cgUSD in the last 24 hours; the community sets no daily cap for cgUSD.', 'One payment can be at most 500 cgUSD.']);
    expect(overview.policyVersion).toBe('7');
  });

  test('the chart: six weeks, this one last, and merchants by name, largest first', () => {
    const chart = overview.charts[0];
    expect(chart?.weeks.map((week) => week.label)).toEqual(['5 wk ago', '4 wk ago', '3 wk ago', '2 wk ago', '1 wk ago', 'this week']);
    expect(chart?.weeks.map((week) => week.amount)).toEqual(['0 ETH', '0 ETH', '0 ETH', '0 ETH', '1 ETH', '0.75 ETH']);
    expect(chart?.weeks.at(-1)?.fraction).toBe(0.75);
    expect(chart?.merchants).toEqual([
      { label: 'Corner Coffee', amount: '1.5 ETH', fraction: 1 },
      { label: '0xa0Ee…9720', amount: '0.25 ETH', fraction: 0.166 },
    ]);
  });
});

describe('history outcomes as the shopper sees them', () => {
  const entry = (extra: Partial<HistoryEntry>): HistoryEntry => ({
    id: '1',
    at: NOW,
    account: SHOP,
    origin: null,
    kind: 'nativeTransfer',
    token: ETH,
    symbol: 'ETH',
    decimals: 18,
    to: SHOP,
    amount: '1000000000000000',
    score: 0,
    level: 'allow',
    policyVersion: '7',
    outcome: 'rejected',
    ...extra,
  });

  test('a rejected payment is "Rejected by you", never an allowed one', () => {
    const view = toHistoryView(entry({ outcome: 'rejected' }), 'Corner Coffee', null);
    expect(view).toMatchObject({ outcome: 'rejected', outcomeLabel: 'Rejected by you', merchant: 'Corner Coffee', title: 'Pay 0.001 ETH' });
  });

  test('a payment that could not be checked is not called failed on chain', () => {
    expect(outcomeOf(entry({ outcome: 'failed', level: 'unverified' }))).toBe('unchecked');
    expect(outcomeOf(entry({ outcome: 'failed', hash: `0x${'1'.repeat(64)}` }))).toBe('failed');
    expect(outcomeOf(entry({ outcome: 'sent', hash: `0x${'1'.repeat(64)}` }))).toBe('pending');
  });

  test('the explorer link appears only with an explorer and a transaction', () => {
    const hash = `0x${'ab'.repeat(32)}` as const;
    expect(toHistoryView(entry({ outcome: 'confirmed', hash }), null, 'https://explorer.example').explorerUrl).toBe(`https://explorer.example/tx/${hash}`);
    expect(toHistoryView(entry({ outcome: 'confirmed', hash }), null, null).explorerUrl).toBeUndefined();
    expect(toHistoryView(entry({ outcome: 'rejected' }), null, 'https://explorer.example').explorerUrl).toBeUndefined();
  });
});
