import type { Address } from 'viem';
import { describe, expect, test } from 'vitest';
import { alertMessage, BudgetInputError, checkBudget, parseBudget, periodStart, reachedThresholds, spentInPeriod } from './budget.js';
import { Budgets, type BudgetState } from './Budgets.js';

const ETH: Address = '0x0000000000000000000000000000000000000000';
const USD: Address = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707';
const SHOP: Address = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
const eth = { symbol: 'ETH', decimals: 18 };
const usd = { symbol: 'cgUSD', decimals: 6 };
const E = 10n ** 18n;
// Wednesday 2026-06-10 12:00 local time.
const NOW = new Date(2026, 5, 10, 12).getTime();
const DAY = 86_400_000;
const policy = {
  version: 7n,
  warnAt: 40,
  blockAt: 80,
  unlimitedApprovalsAllowed: false,
  tokenLimits: [{ token: ETH, maxSinglePayment: E, dailyCap: 2n * E, maxFirstPayment: E / 4n }],
} as const;

const pay = (amount: bigint, daysAgo: number, token: Address = ETH) => ({ token, to: SHOP, amount, timestamp: NOW - daysAgo * DAY });

describe('periods', () => {
  test('a week starts on Monday at midnight, a month on the 1st', () => {
    expect(new Date(periodStart('weekly', NOW))).toEqual(new Date(2026, 5, 8));
    expect(new Date(periodStart('monthly', NOW))).toEqual(new Date(2026, 5, 1));
    // A Sunday belongs to the week that started six days before.
    expect(new Date(periodStart('weekly', new Date(2026, 5, 14, 23).getTime()))).toEqual(new Date(2026, 5, 8));
  });

  test('only this period and this token count', () => {
    const budget = { token: ETH, period: 'weekly', amount: (3n * E).toString() } as const;
    const payments = [pay(E / 2n, 0), pay(E / 4n, 2), pay(E, 3 /* last Sunday */), pay(5n * 10n ** 6n, 0, USD)];
    expect(spentInPeriod(budget, payments, NOW)).toBe((3n * E) / 4n);
    expect(spentInPeriod({ ...budget, period: 'monthly' }, payments, NOW)).toBe((7n * E) / 4n);
  });
});

describe('checkBudget', () => {
  const budgets = [{ token: ETH, period: 'weekly', amount: E.toString() }] as const;

  test('says when a payment would go over the personal budget, in words', () => {
    const over = checkBudget({ budgets, payments: [pay((7n * E) / 10n, 1)], token: ETH, amount: (4n * E) / 10n, tokenInfo: eth, now: NOW });
    expect(over).toMatchObject({ over: true, spent: (7n * E) / 10n, limit: E });
    expect(over?.message).toBe('This payment goes over your own weekly budget: 1.1 ETH of 1 ETH this week.');
  });

  test('a payment that reaches the budget exactly is within it', () => {
    const within = checkBudget({ budgets, payments: [pay(E / 2n, 1)], token: ETH, amount: E / 2n, tokenInfo: eth, now: NOW });
    expect(within?.over).toBe(false);
    expect(within?.message).toBe('Within your own weekly budget: 1 ETH of 1 ETH this week.');
  });

  test('no budget for the token, or nothing paid: nothing to say', () => {
    expect(checkBudget({ budgets, payments: [], token: USD, amount: 10n ** 9n, tokenInfo: usd, now: NOW })).toBeNull();
    expect(checkBudget({ budgets, payments: [], token: ETH, amount: 0n, tokenInfo: eth, now: NOW })).toBeNull();
  });

  test('addresses match whatever their case', () => {
    const lower = [{ token: USD.toLowerCase() as `0x${string}`, period: 'monthly', amount: '1000000' }] as const;
    expect(checkBudget({ budgets: lower, payments: [], token: USD, amount: 2_000_000n, tokenInfo: usd, now: NOW })?.over).toBe(true);
  });
});

describe('alerts', () => {
  test('80 % and 100 % are reached at their exact amounts, not before', () => {
    expect(reachedThresholds(79n, 100n)).toEqual([]);
    expect(reachedThresholds(80n, 100n)).toEqual([80]);
    expect(reachedThresholds(99n, 100n)).toEqual([80]);
    expect(reachedThresholds(100n, 100n)).toEqual([80, 100]);
    expect(reachedThresholds(5n, 0n)).toEqual([]);
  });

  test('the alert says how much of which budget is spent', () => {
    const budget = { token: ETH, period: 'monthly', amount: E.toString() } as const;
    expect(alertMessage(budget, 80, (85n * E) / 100n, eth)).toBe('You have spent 80% of your monthly budget: 0.85 ETH of 1 ETH this month.');
    expect(alertMessage(budget, 100, E, eth)).toBe('You have spent your whole monthly budget: 1 ETH of 1 ETH this month.');
  });

  test('each threshold alerts once per period; the higher one wins when both are reached at once', async () => {
    let state: BudgetState | null = null;
    const item = { getValue: async () => state, setValue: async (value: BudgetState | null) => void (state = value) };
    let payments = [pay((81n * E) / 100n, 0)];
    let now = NOW;
    const budgets = new Budgets({ item, payments: async () => payments.map((p) => ({ ...p, account: SHOP })), now: () => now });
    await budgets.set({ token: ETH, period: 'weekly', amount: E.toString() });
    expect((await budgets.takeDueAlerts()).map((alert) => alert.threshold)).toEqual([80]);
    expect(await budgets.takeDueAlerts()).toEqual([]);
    payments = [...payments, pay(E / 5n, 0)];
    expect((await budgets.takeDueAlerts()).map((alert) => alert.threshold)).toEqual([100]);
    // Next week: a single payment over the budget gives one alert (100 %), not two.
    now = NOW + 7 * DAY;
    payments = [{ ...pay(2n * E, 0), timestamp: now }];
    expect((await budgets.takeDueAlerts()).map((alert) => alert.threshold)).toEqual([100]);
  });
});

describe('parseBudget', () => {
  const context = { policy, tokenInfo: eth };

  test('reads an amount in whole tokens', () => {
    expect(parseBudget({ token: ETH, period: 'weekly', amount: '1.5' }, context)).toEqual({ token: ETH, period: 'weekly', amount: ((3n * E) / 2n).toString() });
  });

  test('refuses a budget that is not stricter than the community rules', () => {
    expect(() => parseBudget({ token: ETH, period: 'weekly', amount: '14' }, context)).toThrow(
      "Your budget must be stricter than the community's rules: the daily cap of 2 ETH already allows 14 ETH in a week. Choose a lower amount.",
    );
    expect(() => parseBudget({ token: ETH, period: 'monthly', amount: '61.9' }, context)).not.toThrow();
  });

  test('refuses what is not a budget', () => {
    for (const bad of [
      { token: 'x', period: 'weekly', amount: '1' },
      { token: ETH, period: 'daily', amount: '1' },
      { token: ETH, period: 'weekly', amount: '-1' },
      { token: ETH, period: 'weekly', amount: '0' },
      { token: ETH, period: 'weekly', amount: '1e3' },
      { token: ETH, period: 'weekly', amount: 5 },
    ])
      expect(() => parseBudget(bad, context)).toThrow(BudgetInputError);
  });

  test('a token the community sets no daily cap for takes any positive budget', () => {
    expect(parseBudget({ token: USD, period: 'monthly', amount: '1000000' }, { policy, tokenInfo: usd }).amount).toBe((10n ** 12n).toString());
  });
});
