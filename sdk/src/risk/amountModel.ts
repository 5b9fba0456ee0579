import {
  BURST_COUNT,
  BURST_VALUE_COUNT,
  BURST_VALUE_FACTOR,
  BURST_VALUE_WINDOW_MS,
  BURST_WINDOW_MS,
  MIN_HISTORY_FOR_AMOUNTS,
  MIN_LOG_SPREAD,
  MIN_RECIPIENT_HISTORY,
  PRIMED_OVER_MAX,
  RECIPIENT_OVER_MAX,
  STRONG_OVER_HIGH,
  STRONG_OVER_MAX,
  STRONG_OVER_MEDIAN,
  STRONG_OVER_RECIPIENT_MAX,
  UNUSUAL_OVER_HIGH,
  UNUSUAL_OVER_MEDIAN,
  UNUSUAL_Z,
} from './constants.js';
import { type AmountSummary, log10 } from './profile.js';
import { robustZ } from './stats.js';
import type { PastPayment } from './types.js';

/**
 * Why an amount is unusual: against the recipient's own recent payments (`recipient`), against a
 * recipient paid only a little once or twice (`primed`), or against the shopper's payments in the token
 * (`shopper`). `reference` is the amount to show ("typically about …", "at most …").
 */
export type UnusualAmount = { strong: boolean; basis: 'recipient' | 'primed' | 'shopper'; reference: bigint };

/**
 * Judges one payment's amount against the shopper's habits (pure). Large is what matters: a smaller
 * amount than usual is no risk. A recipient paid often is judged by its own history first, so paying a
 * merchant its usual (larger) amount again is not unusual because other payments are smaller.
 */
export function judgeAmount(amount: bigint, recipient: AmountSummary | undefined, shopper: AmountSummary | undefined): UnusualAmount | undefined {
  if (amount <= 0n) return undefined;
  const x = log10(amount);
  const wide = shopperWide(x, shopper);
  if (recipient && recipient.count >= MIN_RECIPIENT_HISTORY) {
    // A recipient paid often is judged by its own history: its usual amount is not unusual, whatever else the shopper pays.
    if (x - recipient.maxLog <= Math.log10(RECIPIENT_OVER_MAX)) return undefined;
    if (robustZ(x, recipient.logs, MIN_LOG_SPREAD) <= UNUSUAL_Z) return undefined;
    const farForThem = x - recipient.medianLog >= Math.log10(STRONG_OVER_MEDIAN) || x - recipient.maxLog >= Math.log10(STRONG_OVER_RECIPIENT_MAX);
    // Strong only when it is also large for this shopper: a bigger order at the corner shop is not an attack.
    return { strong: wide === 'strong' || (farForThem && wide === 'unusual'), basis: 'recipient', reference: recipient.typical };
  }
  if (recipient && x - recipient.maxLog > Math.log10(PRIMED_OVER_MAX)) {
    // "Pay a little first, then a lot": only when the lot is also large for this shopper (a test payment
    // before an ordinary one is a careful habit, not an attack).
    if (!shopper || shopper.count < MIN_HISTORY_FOR_AMOUNTS || x - shopper.medianLog > Math.log10(3))
      return { strong: true, basis: 'primed', reference: recipient.max };
  }
  if (wide === undefined || !shopper) return undefined;
  return { strong: wide === 'strong', basis: 'shopper', reference: shopper.typical };
}

/** How far a log-amount is above the shopper's recent payments in the token, if it is. */
function shopperWide(x: number, shopper: AmountSummary | undefined): 'unusual' | 'strong' | undefined {
  if (!shopper || shopper.count < MIN_HISTORY_FOR_AMOUNTS) return undefined;
  const overMedian = x - shopper.medianLog;
  const overHigh = x - shopper.highLog;
  // Strong also needs it to be above anything paid recently: a shopper who made a purchase this large
  // last month is not alarmed by another.
  if (overMedian >= Math.log10(STRONG_OVER_MEDIAN) && overHigh >= Math.log10(STRONG_OVER_HIGH) && x - shopper.maxLog >= Math.log10(STRONG_OVER_MAX)) return 'strong';
  if (overMedian >= Math.log10(UNUSUAL_OVER_MEDIAN) && overHigh >= Math.log10(UNUSUAL_OVER_HIGH)) return 'unusual';
  return undefined;
}

/** The pace of spending: by count in a short window, or by value in a longer one. */
export type Burst = { by: 'count'; count: number } | { by: 'value'; count: number; total: bigint };

/**
 * Whether this payment would be late in a fast run of payments (pure): the {@link BURST_COUNT}th within
 * {@link BURST_WINDOW_MS}, or the {@link BURST_VALUE_COUNT}th within {@link BURST_VALUE_WINDOW_MS} with
 * a total of at least {@link BURST_VALUE_FACTOR} × the shopper's usual amount in the token.
 * `recent` holds the payments that left recently (any token), oldest first.
 */
export function judgePace(
  now: number,
  recent: readonly PastPayment[],
  outflows: ReadonlyArray<{ token: string; amount: bigint }>,
  usual: (token: string) => AmountSummary | undefined,
): Burst | undefined {
  let inShortWindow = 0;
  for (const payment of recent) {
    const age = now - payment.timestamp;
    if (age >= 0 && age < BURST_WINDOW_MS) inShortWindow++;
  }
  if (inShortWindow + 1 >= BURST_COUNT) return { by: 'count', count: inShortWindow + 1 };
  for (const { token, amount } of outflows) {
    const summary = usual(token);
    if (!summary || summary.count < MIN_HISTORY_FOR_AMOUNTS) continue;
    let count = 1;
    let total = amount;
    for (const payment of recent) {
      const age = now - payment.timestamp;
      if (age < 0 || age >= BURST_VALUE_WINDOW_MS || payment.token.toLowerCase() !== token.toLowerCase()) continue;
      count++;
      total += payment.amount;
    }
    if (count >= BURST_VALUE_COUNT && log10(total) - summary.medianLog >= Math.log10(BURST_VALUE_FACTOR)) return { by: 'value', count, total };
  }
  return undefined;
}
