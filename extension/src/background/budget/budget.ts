/**
 * The shopper's own budget: pure rules, no I/O. A budget caps what the wallet may spend in one token
 * over a week or a month. It can only add a warning: the community's rules still decide what is
 * blocked, and a budget looser than those rules is refused because it would never apply.
 */
import type { PastPayment, RiskPolicy, TokenInfo } from '@commonguard/sdk/risk';
import { type Address, getAddress, isAddress, parseUnits } from 'viem';
import { showAmount } from '../../shared/amounts.js';

export type BudgetPeriod = 'weekly' | 'monthly';

/** One personal budget. `amount` is in the token's base units, as a decimal string (storage is JSON). */
export type PersonalBudget = { token: Address; period: BudgetPeriod; amount: string };

/** The alert levels, in percent of the budget. */
export const BUDGET_THRESHOLDS = [80, 100] as const;
export type BudgetThreshold = (typeof BUDGET_THRESHOLDS)[number];

/** Days the community's daily cap is multiplied by to compare it with a budget of each period. */
const PERIOD_DAYS: Record<BudgetPeriod, number> = { weekly: 7, monthly: 31 };
const PERIOD_WORD: Record<BudgetPeriod, string> = { weekly: 'week', monthly: 'month' };

export class BudgetInputError extends Error {
  override name = 'BudgetInputError';
}

/** Where the current period started: Monday 00:00 (weekly) or the 1st at 00:00 (monthly), local time. */
export function periodStart(period: BudgetPeriod, now: number): number {
  const date = new Date(now);
  date.setHours(0, 0, 0, 0);
  if (period === 'monthly') date.setDate(1);
  else date.setDate(date.getDate() - ((date.getDay() + 6) % 7));
  return date.getTime();
}

/** What was spent in `budget`'s token since its period started. `payments` are money that left the wallet. */
export function spentInPeriod(budget: PersonalBudget, payments: readonly PastPayment[], now: number): bigint {
  const since = periodStart(budget.period, now);
  let spent = 0n;
  for (const payment of payments) {
    if (payment.timestamp >= since && payment.timestamp <= now && sameAddress(payment.token, budget.token)) spent += payment.amount;
  }
  return spent;
}

export type BudgetCheck = { budget: PersonalBudget; spent: bigint; limit: bigint; over: boolean; message: string };

/**
 * Whether paying `amount` of `token` now would take the shopper over their own budget for that token,
 * with a sentence that says so. `null` when no budget is set for the token.
 */
export function checkBudget(input: {
  budgets: readonly PersonalBudget[];
  payments: readonly PastPayment[];
  token: Address;
  amount: bigint;
  tokenInfo: TokenInfo;
  now: number;
}): BudgetCheck | null {
  const budget = input.budgets.find((candidate) => sameAddress(candidate.token, input.token));
  if (!budget || input.amount <= 0n) return null;
  const limit = BigInt(budget.amount);
  const spent = spentInPeriod(budget, input.payments, input.now);
  const after = spent + input.amount;
  const over = after > limit;
  const show = (value: bigint) => showAmount(value, input.tokenInfo);
  const message = over
    ? `This payment goes over your own ${budget.period} budget: ${show(after)} of ${show(limit)} this ${PERIOD_WORD[budget.period]}.`
    : `Within your own ${budget.period} budget: ${show(after)} of ${show(limit)} this ${PERIOD_WORD[budget.period]}.`;
  return { budget, spent, limit, over, message };
}

/** The alert thresholds that `spent` has reached (80 % and 100 % of `limit`). */
export function reachedThresholds(spent: bigint, limit: bigint): BudgetThreshold[] {
  if (limit <= 0n) return [];
  return BUDGET_THRESHOLDS.filter((percent) => spent * 100n >= limit * BigInt(percent));
}

/** The words of a budget alert. */
export function alertMessage(budget: PersonalBudget, threshold: BudgetThreshold, spent: bigint, tokenInfo: TokenInfo): string {
  const show = (value: bigint) => showAmount(value, tokenInfo);
  const limit = BigInt(budget.amount);
  return threshold >= 100
    ? `You have spent your whole ${budget.period} budget: ${show(spent)} of ${show(limit)} this ${PERIOD_WORD[budget.period]}.`
    : `You have spent ${threshold}% of your ${budget.period} budget: ${show(spent)} of ${show(limit)} this ${PERIOD_WORD[budget.period]}.`;
}

/**
 * Checks what the shopper typed: a known token, a period, an amount above zero and below what the
 * community already allows over that period (a looser budget would never apply).
 */
export function parseBudget(
  input: { token: unknown; period: unknown; amount: unknown },
  context: { policy: RiskPolicy | null; tokenInfo: TokenInfo },
): PersonalBudget {
  if (typeof input.token !== 'string' || !isAddress(input.token)) throw new BudgetInputError('Choose a token for the budget.');
  if (input.period !== 'weekly' && input.period !== 'monthly') throw new BudgetInputError('Choose a week or a month for the budget.');
  if (typeof input.amount !== 'string' || !/^\d+(\.\d+)?$/.test(input.amount.trim()))
    throw new BudgetInputError(`Enter the budget as a number of ${context.tokenInfo.symbol}, for example 1.5.`);
  let amount: bigint;
  try {
    amount = parseUnits(input.amount.trim(), context.tokenInfo.decimals);
  } catch {
    throw new BudgetInputError(`Enter the budget as a number of ${context.tokenInfo.symbol}, for example 1.5.`);
  }
  if (amount <= 0n) throw new BudgetInputError('A budget must be more than zero.');
  const token = getAddress(input.token);
  const limits = context.policy?.tokenLimits.find((limit) => sameAddress(limit.token, token));
  if (limits && limits.dailyCap > 0n) {
    const allowed = limits.dailyCap * BigInt(PERIOD_DAYS[input.period]);
    if (amount >= allowed) {
      const show = (value: bigint) => showAmount(value, context.tokenInfo);
      throw new BudgetInputError(
        `Your budget must be stricter than the community's rules: the daily cap of ${show(limits.dailyCap)} already allows ${show(allowed)} in a ${PERIOD_WORD[input.period]}. Choose a lower amount.`,
      );
    }
  }
  return { token, period: input.period, amount: amount.toString() };
}

function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
