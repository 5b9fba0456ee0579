/**
 * The popup's spending overview, built from the policy and the local history only: pure, no I/O.
 */
import type { PastPayment, RiskPolicy, TokenInfo } from '@commonguard/sdk/risk';
import type { Address } from 'viem';
import { showAmount } from '../../shared/amounts.js';
import type { OverviewView } from '../../shared/views.js';
import type { PersonalBudget } from '../budget/budget.js';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** Weeks shown in the chart, this one included. */
export const CHART_WEEKS = 6;
/** Merchants shown in the chart (the rest are summed as "others"). */
export const CHART_MERCHANTS = 5;

export type OverviewInput = {
  policy: RiskPolicy | null;
  payments: ReadonlyArray<PastPayment>;
  budgets: ReadonlyArray<{ budget: PersonalBudget; spent: bigint }>;
  tokenInfo: (token: Address) => TokenInfo;
  merchantName: (address: Address) => string | null;
  now: number;
};

/**
 * Per token: what was spent in the last 24 hours against the community's daily cap, and its
 * single-payment and first-payment limits, in words; the shopper's budgets and how far along they are;
 * spending per week and per merchant for the chart (amounts as fractions of the largest bar).
 */
export function buildOverview({ policy, payments, budgets, tokenInfo, merchantName, now }: OverviewInput): OverviewView {
  const tokens = policy?.tokenLimits ?? [];
  const limits = tokens.map((limit) => {
    const info = tokenInfo(limit.token);
    const spent = payments.filter((p) => same(p.token, limit.token) && now - p.timestamp >= 0 && now - p.timestamp < DAY_MS).reduce((sum, p) => sum + p.amount, 0n);
    const show = (value: bigint) => showAmount(value, info);
    const sentences: string[] = [];
    if (limit.dailyCap > 0n) {
      const left = limit.dailyCap > spent ? limit.dailyCap - spent : 0n;
      sentences.push(`You spent ${show(spent)} in the last 24 hours; you can spend ${show(left)} more today (the community's daily cap is ${show(limit.dailyCap)}).`);
    } else sentences.push(`You spent ${show(spent)} in the last 24 hours; the community sets no daily cap for ${info.symbol}.`);
    if (limit.maxSinglePayment > 0n) sentences.push(`One payment can be at most ${show(limit.maxSinglePayment)}.`);
    if (limit.maxFirstPayment > 0n) sentences.push(`A first payment to someone new can be at most ${show(limit.maxFirstPayment)}.`);
    return {
      token: limit.token,
      symbol: info.symbol,
      spentToday: show(spent),
      dailyCap: limit.dailyCap > 0n ? show(limit.dailyCap) : null,
      usedPercent: limit.dailyCap > 0n ? percent(spent, limit.dailyCap) : null,
      sentences,
    };
  });

  const budgetViews = budgets.map(({ budget, spent }) => {
    const info = tokenInfo(budget.token);
    const limit = BigInt(budget.amount);
    const word = budget.period === 'weekly' ? 'week' : 'month';
    return {
      token: budget.token,
      symbol: info.symbol,
      period: budget.period,
      amount: showAmount(limit, info),
      spent: showAmount(spent, info),
      usedPercent: percent(spent, limit),
      sentence: `Your ${budget.period} budget: ${showAmount(spent, info)} of ${showAmount(limit, info)} spent this ${word}.`,
    };
  });

  // Chart: per token, the last weeks (oldest first) and the top merchants of those weeks.
  const since = now - CHART_WEEKS * WEEK_MS;
  const charts = [...new Set(payments.filter((p) => p.timestamp > since).map((p) => p.token.toLowerCase()))].map((lower) => {
    const own = payments.filter((p) => p.token.toLowerCase() === lower && p.timestamp > since && p.timestamp <= now);
    const token = own[0]?.token as Address;
    const info = tokenInfo(token);
    const weeks = Array.from({ length: CHART_WEEKS }, (_, index) => {
      const end = now - (CHART_WEEKS - 1 - index) * WEEK_MS;
      const total = own.filter((p) => p.timestamp > end - WEEK_MS && p.timestamp <= end).reduce((sum, p) => sum + p.amount, 0n);
      return { label: index === CHART_WEEKS - 1 ? 'this week' : `${CHART_WEEKS - 1 - index} wk ago`, total };
    });
    const byMerchant = new Map<string, { name: string; total: bigint }>();
    for (const p of own) {
      const name = merchantName(p.to) ?? `${p.to.slice(0, 6)}…${p.to.slice(-4)}`;
      const key = p.to.toLowerCase();
      byMerchant.set(key, { name, total: (byMerchant.get(key)?.total ?? 0n) + p.amount });
    }
    const ranked = [...byMerchant.values()].sort((a, b) => (b.total > a.total ? 1 : b.total < a.total ? -1 : 0));
    const top = ranked.slice(0, CHART_MERCHANTS);
    const rest = ranked.slice(CHART_MERCHANTS).reduce((sum, m) => sum + m.total, 0n);
    if (rest > 0n) top.push({ name: 'others', total: rest });
    const bar = (items: Array<{ total: bigint }>) => {
      const max = items.reduce((m, item) => (item.total > m ? item.total : m), 0n);
      return (total: bigint) => (max === 0n ? 0 : Number((total * 1000n) / max) / 1000);
    };
    const weekBar = bar(weeks);
    const merchantBar = bar(top);
    return {
      token,
      symbol: info.symbol,
      weeks: weeks.map((week) => ({ label: week.label, amount: showAmount(week.total, info), fraction: weekBar(week.total) })),
      merchants: top.map((merchant) => ({ label: merchant.name, amount: showAmount(merchant.total, info), fraction: merchantBar(merchant.total) })),
    };
  });

  return { limits, budgets: budgetViews, charts, policyVersion: policy ? policy.version.toString() : null };
}

function percent(part: bigint, whole: bigint): number {
  if (whole <= 0n) return 0;
  return Math.min(999, Number((part * 1000n) / whole) / 10);
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
