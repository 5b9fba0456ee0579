import { MIN_BACKTEST_PAYMENTS } from './params.js';
import type { BacktestResult } from './replay.js';

export { MIN_BACKTEST_PAYMENTS };

/** The fewest payments behind any count or sum a backtest shares. */
export const MIN_GROUP = 3;

/**
 * Whether sharing `result` would single out a payment, and why in words (`null`: it may be shared).
 *
 * The rule: a page may learn a count or a sum only when it stands for at least {@link MIN_GROUP}
 * payments, out of at least {@link MIN_BACKTEST_PAYMENTS} replayed. So a count of warned or blocked
 * payments, and each token's warned or blocked sum, is either 0 or made of {@link MIN_GROUP} payments or
 * more. Otherwise the answer would give one payment's exact amount (a window of one payment, a cap
 * just below one amount) or tell whether the member paid one address (that address listed as
 * blocked). Differences between two answers are bounded by the per-site rate limit (`methods.ts`), not
 * by this rule.
 */
export function singlesOut(result: BacktestResult): string | null {
  if (result.payments < MIN_BACKTEST_PAYMENTS)
    return `You have ${result.payments === 0 ? 'no' : `only ${result.payments}`} payment${result.payments === 1 ? '' : 's'} to check; with fewer than ${MIN_BACKTEST_PAYMENTS} the totals would reveal single payments.`;
  const few = (count: number) => count > 0 && count < MIN_GROUP;
  if (few(result.warned) || few(result.blocked))
    return `These totals would stand for fewer than ${MIN_GROUP} of your payments, so the site could learn a single payment from them.`;
  if (result.amounts.some((sum) => few(sum.warnedPayments) || few(sum.blockedPayments)))
    return `A total for one token would stand for fewer than ${MIN_GROUP} of your payments, so the site could learn a single payment from it.`;
  return null;
}
