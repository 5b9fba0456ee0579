import { describe, expect, test } from 'vitest';
import { CONNECTED_BUDGET, MAX_TRACKED_ORIGINS, RequestBudget, UNCONNECTED_BUDGET } from './RequestBudget.js';

describe('RequestBudget', () => {
  test('a site gets its burst, then tokens come back at the rule’s rate, never above the burst', () => {
    let now = 0;
    const budget = new RequestBudget({ now: () => now });
    const rule = { burst: 3, perSecond: 2 };
    expect([1, 2, 3, 4].map(() => budget.take('https://a.example', rule))).toEqual([true, true, true, false]);
    now += 500; // one token back
    expect(budget.take('https://a.example', rule)).toBe(true);
    expect(budget.take('https://a.example', rule)).toBe(false);
    now += 60_000;
    expect([1, 2, 3, 4].map(() => budget.take('https://a.example', rule))).toEqual([true, true, true, false]);
  });

  test('sites have budgets of their own; free requests cost nothing', () => {
    const budget = new RequestBudget({ now: () => 0 });
    for (let i = 0; i < UNCONNECTED_BUDGET.burst; i++) expect(budget.take('https://flood.example', UNCONNECTED_BUDGET)).toBe(true);
    expect(budget.take('https://flood.example', UNCONNECTED_BUDGET)).toBe(false);
    expect(budget.take('https://flood.example', UNCONNECTED_BUDGET, 0)).toBe(true);
    expect(budget.take('https://shop.example', UNCONNECTED_BUDGET)).toBe(true);
    expect(CONNECTED_BUDGET.burst).toBeGreaterThan(UNCONNECTED_BUDGET.burst);
  });

  test('a flood of origins stays bounded: the least recently seen is forgotten (and starts full again)', () => {
    const budget = new RequestBudget({ now: () => 0 });
    const rule = { burst: 1, perSecond: 0 };
    expect(budget.take('https://first.example', rule)).toBe(true);
    expect(budget.take('https://first.example', rule)).toBe(false);
    for (let i = 0; i < MAX_TRACKED_ORIGINS; i++) budget.take(`https://o${i}.example`, rule);
    expect(budget.take('https://first.example', rule)).toBe(true);
  });
});
