import type { Address } from 'viem';
import type { TokenLimits } from '../types/policy.js';

/**
 * The treasury's rules in TypeScript: the exact mirror of `Treasury.sol` (payouts by a treasurer and by
 * vote, budgets) and of the `PaymentPolicy` checks it calls. One truth for every reader of those rules:
 * the dApp's pre-check, the governance backtest, and a differential test that drives this module and the
 * real contract with the same random sequences on anvil and expects the same outcome for every call.
 *
 * Everything here is pure: a {@link TreasuryLedger} (what the contract keeps in storage) and a call go in,
 * the contract's answer comes out: either the ledger after the call, or the custom error the contract
 * would revert with, shaped like viem's `decodeErrorResult` (`errorName` and `args`).
 *
 * What the contract does, in short (its NatSpec header has the why):
 * - a treasurer spends from a budget per treasurer and token; periods follow one another on a fixed grid
 *   from the first budget; a budget change keeps what was spent in the current period;
 * - the daily cap counts, per treasurer and token, what was paid on the current and the previous UTC day;
 * - the max single payment and the first-payment cap count, per recipient and token, what all treasurers
 *   paid it on the current and the previous UTC day (the recipient window), with a batch's rows to it summed;
 * - a recipient is new (first-payment cap) until a vote pays it, or until the second UTC midnight after a
 *   treasurer first paid it;
 * - payouts by vote are checked only for a blocked recipient and the max single payment on their own
 *   amount, are not counted in any window, and make the recipient known.
 */

export const SECONDS_PER_DAY = 86_400n;
/** A day's total in a window is kept saturated at this many base units (`type(uint112).max`). */
export const TREASURY_WINDOW_DAY_MAX = 2n ** 112n - 1n;
/** The most rows one `payoutBatch` may carry (`Treasury.MAX_BATCH_SIZE`). */
export const TREASURY_MAX_BATCH_SIZE = 50;
const UINT64_MAX = 2n ** 64n - 1n;
const UINT128_MAX = 2n ** 128n - 1n;
const UINT256_MAX = 2n ** 256n - 1n;
const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

/** A two-day window: the UTC day last written, what was paid on it and on the day before. */
export type DayWindow = { day: bigint; onDay: bigint; onDayBefore: bigint };

/** `Treasury.Budget`: the voted terms, the running period and the treasurer's daily window. */
export type BudgetState = {
  amountPerPeriod: bigint;
  period: bigint;
  spent: bigint;
  periodStart: bigint;
  daily: DayWindow;
};

/** `Treasury.RecipientStatus`: paid at all, paid by a vote, and the UTC day a treasurer first paid it. */
export type RecipientState = { paid: boolean; byVote: boolean; firstPaidDay: bigint };

/** What the treasury keeps in storage for its rules. Keys are lower-cased addresses, see {@link ledgerKey}. */
export type TreasuryLedger = {
  /** By `treasurer:token`. */
  budgets: ReadonlyMap<string, BudgetState>;
  /** By recipient. */
  recipients: ReadonlyMap<string, RecipientState>;
  /** By `recipient:token`. */
  recipientWindows: ReadonlyMap<string, DayWindow>;
};

/** The community's rules the treasury checks against, as they stand at the time of the call. */
export type TreasuryPolicy = {
  /** The token's limits; `undefined` (or zeros) when the token has none. */
  limits: (token: Address) => Pick<TokenLimits, 'maxSinglePayment' | 'dailyCap' | 'maxFirstPayment'> | undefined;
  /** Whether the community blocked this recipient. */
  isBlocked: (recipient: Address) => boolean;
};

/** A custom error of the treasury or the policy, as viem's `decodeErrorResult` returns it. */
export type TreasuryRuleError =
  | { errorName: 'TreasuryZeroAddress'; args: readonly [] }
  | { errorName: 'TreasuryZeroAmount'; args: readonly [] }
  | { errorName: 'TreasuryInvalidBatchSize'; args: readonly [size: bigint, maxSize: bigint] }
  | { errorName: 'TreasuryInvalidBudget'; args: readonly [amountPerPeriod: bigint, period: bigint] }
  | { errorName: 'TreasuryNoBudget'; args: readonly [treasurer: Address, token: Address] }
  | {
      errorName: 'TreasuryBudgetExceeded';
      args: readonly [treasurer: Address, token: Address, available: bigint, excess: bigint];
    }
  | { errorName: 'PaymentPolicyRecipientBlocked'; args: readonly [recipient: Address] }
  | {
      errorName: 'PaymentPolicyAmountAboveMax';
      args: readonly [token: Address, recipient: Address, amount: bigint, maxSinglePayment: bigint, excess: bigint];
    }
  | {
      errorName: 'PaymentPolicyFirstPaymentAboveMax';
      args: readonly [token: Address, recipient: Address, amount: bigint, maxFirstPayment: bigint, excess: bigint];
    }
  | {
      errorName: 'PaymentPolicyDailyCapExceeded';
      args: readonly [token: Address, spentInWindow: bigint, amount: bigint, dailyCap: bigint, excess: bigint];
    };

/** The contract's answer to one call: the ledger after it, or the error it reverts with. */
export type TreasuryOutcome = { ok: true; ledger: TreasuryLedger } | { ok: false; error: TreasuryRuleError };

/** One row of a payout: to whom and how much (base units). */
export type PayoutRow = { recipient: Address; amount: bigint };

/** The rows to one recipient, summed, in the order of its first row. */
export type RecipientTotal = { recipient: Address; total: bigint; indexes: number[] };

export const emptyLedger: TreasuryLedger = { budgets: new Map(), recipients: new Map(), recipientWindows: new Map() };

/** The key of a pair of addresses in a {@link TreasuryLedger} map (`a` alone for one address). */
export function ledgerKey(a: Address, b?: Address): string {
  return b === undefined ? a.toLowerCase() : `${a.toLowerCase()}:${b.toLowerCase()}`;
}

/** The UTC day number of a Unix timestamp, as `block.timestamp / 1 days`. */
export function utcDay(timestamp: bigint): bigint {
  return timestamp / SECONDS_PER_DAY;
}

function saturatingAdd(a: bigint, b: bigint): bigint {
  const sum = a + b;
  return sum > UINT256_MAX ? UINT256_MAX : sum;
}

/** What a two-day window holds on `today` and the day before (`Treasury._windowDays`). */
export function windowDays(window: DayWindow | undefined, today: bigint): { onDay: bigint; onDayBefore: bigint } {
  if (!window) return { onDay: 0n, onDayBefore: 0n };
  if (window.day === today) return { onDay: window.onDay, onDayBefore: window.onDayBefore };
  if (window.day + 1n === today) return { onDay: 0n, onDayBefore: window.onDay };
  return { onDay: 0n, onDayBefore: 0n };
}

/** The window's total on `today`. */
export function windowTotal(window: DayWindow | undefined, today: bigint): bigint {
  const { onDay, onDayBefore } = windowDays(window, today);
  return onDay + onDayBefore;
}

/** The window after adding `amount` on `today`, its day saturated at {@link TREASURY_WINDOW_DAY_MAX}. */
export function addToWindow(window: DayWindow | undefined, today: bigint, amount: bigint): DayWindow {
  const { onDay, onDayBefore } = windowDays(window, today);
  const after = saturatingAdd(onDay, amount);
  return { day: today, onDay: after > TREASURY_WINDOW_DAY_MAX ? TREASURY_WINDOW_DAY_MAX : after, onDayBefore };
}

/** The start of the budget period `now` falls in and what was spent in it (`Treasury._currentPeriod`). */
export function currentPeriod(budget: BudgetState, now: bigint): { periodStart: bigint; spent: bigint } {
  if (budget.period === 0n || now < budget.periodStart + budget.period) {
    return { periodStart: budget.periodStart, spent: budget.spent };
  }
  return { periodStart: budget.periodStart + ((now - budget.periodStart) / budget.period) * budget.period, spent: 0n };
}

/** What is left of the budget now; zero without a budget (`Treasury.budget().remaining`). */
export function budgetRemaining(budget: BudgetState | undefined, now: bigint): bigint {
  if (!budget || budget.amountPerPeriod === 0n) return 0n;
  const { spent } = currentPeriod(budget, now);
  return spent < budget.amountPerPeriod ? budget.amountPerPeriod - spent : 0n;
}

/** Whether the first-payment cap applies to the recipient on `today` (`Treasury._isNew`). */
export function isNewRecipient(state: RecipientState | undefined, today: bigint): boolean {
  if (!state) return true;
  return !state.byVote && (!state.paid || today <= state.firstPaidDay + 1n);
}

/** The rows grouped by recipient (addresses compared case-insensitively), in order of first appearance. */
export function totalsByRecipient(rows: readonly PayoutRow[]): RecipientTotal[] {
  const byKey = new Map<string, RecipientTotal>();
  rows.forEach((row, index) => {
    const key = ledgerKey(row.recipient);
    const entry = byKey.get(key) ?? { recipient: row.recipient, total: 0n, indexes: [] };
    entry.total = saturatingAdd(entry.total, row.amount);
    entry.indexes.push(index);
    byKey.set(key, entry);
  });
  return [...byKey.values()];
}

// ---------------------------------------------------------------- the policy's checks

function limitsOf(policy: TreasuryPolicy, token: Address) {
  return policy.limits(token) ?? { maxSinglePayment: 0n, dailyCap: 0n, maxFirstPayment: 0n };
}

/** `PaymentPolicy.checkPayment` with the max single payment alone (`_checkMaxSingle`). */
export function checkMaxSingle(
  policy: TreasuryPolicy,
  token: Address,
  recipient: Address,
  amount: bigint,
): TreasuryRuleError | undefined {
  const max = limitsOf(policy, token).maxSinglePayment;
  if (max !== 0n && amount > max) {
    return { errorName: 'PaymentPolicyAmountAboveMax', args: [token, recipient, amount, max, amount - max] };
  }
  return undefined;
}

/**
 * `PaymentPolicy.checkRecipientPayment`: blocked recipient, then the max single payment, then (when
 * `firstPayment`) the first-payment cap, all on `amount` (for a treasurer: the recipient window's total).
 */
export function checkRecipient(
  policy: TreasuryPolicy,
  token: Address,
  recipient: Address,
  amount: bigint,
  firstPayment: boolean,
): TreasuryRuleError | undefined {
  if (policy.isBlocked(recipient)) return { errorName: 'PaymentPolicyRecipientBlocked', args: [recipient] };
  const aboveMax = checkMaxSingle(policy, token, recipient, amount);
  if (aboveMax) return aboveMax;
  const maxFirst = limitsOf(policy, token).maxFirstPayment;
  if (firstPayment && maxFirst !== 0n && amount > maxFirst) {
    return { errorName: 'PaymentPolicyFirstPaymentAboveMax', args: [token, recipient, amount, maxFirst, amount - maxFirst] };
  }
  return undefined;
}

/** `PaymentPolicy.checkDailyCap`: the treasurer's window plus `amount` against the daily cap. */
export function checkDailyCap(
  policy: TreasuryPolicy,
  token: Address,
  spentInWindow: bigint,
  amount: bigint,
): TreasuryRuleError | undefined {
  const cap = limitsOf(policy, token).dailyCap;
  if (cap === 0n) return undefined;
  const total = saturatingAdd(spentInWindow, amount);
  if (total > cap) return { errorName: 'PaymentPolicyDailyCapExceeded', args: [token, spentInWindow, amount, cap, total - cap] };
  return undefined;
}

// ---------------------------------------------------------------- the treasury's calls

/** A treasurer's `payout` (one row) or `payoutBatch` (`batch: true`, any number of rows). */
export type TreasurerPayoutCall = {
  treasurer: Address;
  token: Address;
  rows: readonly PayoutRow[];
  batch: boolean;
  /** The block's timestamp. */
  timestamp: bigint;
};

/** One recipient's part of a treasurer payout, as the contract checks it. */
export type RecipientCheck = {
  recipient: Address;
  /** The rows of this call to the recipient, summed. */
  rowsTotal: bigint;
  /** What treasurers already paid it in the window, before this call. */
  inWindow: bigint;
  /** `inWindow + rowsTotal`: the amount the max single payment and the first-payment cap are checked on. */
  windowTotal: bigint;
  isNew: boolean;
  error: TreasuryRuleError | undefined;
};

/**
 * Each recipient of a treasurer payout against the per-recipient rules, in the order the contract checks
 * them (first row of each recipient), each with its own verdict, so a page can list every problem. The
 * contract reverts with the first error.
 */
export function checkRecipients(
  ledger: TreasuryLedger,
  policy: TreasuryPolicy,
  token: Address,
  rows: readonly PayoutRow[],
  timestamp: bigint,
): RecipientCheck[] {
  const today = utcDay(timestamp);
  return totalsByRecipient(rows).map(({ recipient, total }) => {
    const inWindow = windowTotal(ledger.recipientWindows.get(ledgerKey(recipient, token)), today);
    const windowTotalWith = saturatingAdd(inWindow, total);
    const isNew = isNewRecipient(ledger.recipients.get(ledgerKey(recipient)), today);
    const error = checkRecipient(policy, token, recipient, windowTotalWith, isNew);
    return { recipient, rowsTotal: total, inWindow, windowTotal: windowTotalWith, isNew, error };
  });
}

/**
 * `Treasury.payout` / `Treasury.payoutBatch`, checked in the contract's order: the rows (zero address,
 * zero amount; batch size), the budget, each recipient (blocked, max single and first-payment cap over its
 * window), the daily cap. Balances and transfers are not modelled: the caller knows the treasury holds enough.
 */
export function applyTreasurerPayout(ledger: TreasuryLedger, policy: TreasuryPolicy, call: TreasurerPayoutCall): TreasuryOutcome {
  const { treasurer, token, rows, timestamp } = call;
  if (call.batch && (rows.length === 0 || rows.length > TREASURY_MAX_BATCH_SIZE)) {
    return fail({ errorName: 'TreasuryInvalidBatchSize', args: [BigInt(rows.length), BigInt(TREASURY_MAX_BATCH_SIZE)] });
  }
  if (!call.batch && rows.length !== 1) throw new RangeError('a single payout has exactly one row');
  let total = 0n;
  for (const row of rows) {
    if (row.recipient.toLowerCase() === ZERO_ADDRESS) return fail({ errorName: 'TreasuryZeroAddress', args: [] });
    if (row.amount === 0n) return fail({ errorName: 'TreasuryZeroAmount', args: [] });
    total = saturatingAdd(total, row.amount);
  }

  const budgetKey = ledgerKey(treasurer, token);
  const budget = ledger.budgets.get(budgetKey);
  if (!budget || budget.amountPerPeriod === 0n) return fail({ errorName: 'TreasuryNoBudget', args: [treasurer, token] });
  const { periodStart, spent } = currentPeriod(budget, timestamp);
  const available = spent < budget.amountPerPeriod ? budget.amountPerPeriod - spent : 0n;
  if (total > available) {
    return fail({ errorName: 'TreasuryBudgetExceeded', args: [treasurer, token, available, total - available] });
  }
  const today = utcDay(timestamp);
  const spentInWindow = windowTotal(budget.daily, today);

  const checks = checkRecipients(ledger, policy, token, rows, timestamp);
  const refused = checks.find((check) => check.error !== undefined);
  if (refused?.error) return fail(refused.error);
  const daily = checkDailyCap(policy, token, spentInWindow, total);
  if (daily) return fail(daily);

  const budgets = new Map(ledger.budgets);
  budgets.set(budgetKey, {
    ...budget,
    spent: spent + total,
    periodStart,
    daily: addToWindow(budget.daily, today, total),
  });
  const recipientWindows = new Map(ledger.recipientWindows);
  const recipients = new Map(ledger.recipients);
  for (const check of checks) {
    const windowKey = ledgerKey(check.recipient, token);
    recipientWindows.set(windowKey, addToWindow(ledger.recipientWindows.get(windowKey), today, check.rowsTotal));
    const key = ledgerKey(check.recipient);
    if (!recipients.get(key)?.paid) recipients.set(key, { paid: true, byVote: false, firstPaidDay: today });
  }
  return { ok: true, ledger: { budgets, recipients, recipientWindows } };
}

/** A payment by vote: `Treasury.pay`, called by the timelock. */
export type PayByVoteCall = { token: Address; recipient: Address; amount: bigint };

/**
 * `Treasury.pay`: a zero address or amount, a blocked recipient and the max single payment (on this amount
 * alone) refuse it; nothing is counted in any window, and the recipient becomes known.
 */
export function applyPayByVote(ledger: TreasuryLedger, policy: TreasuryPolicy, call: PayByVoteCall): TreasuryOutcome {
  const { token, recipient, amount } = call;
  if (recipient.toLowerCase() === ZERO_ADDRESS) return fail({ errorName: 'TreasuryZeroAddress', args: [] });
  if (amount === 0n) return fail({ errorName: 'TreasuryZeroAmount', args: [] });
  if (policy.isBlocked(recipient)) return fail({ errorName: 'PaymentPolicyRecipientBlocked', args: [recipient] });
  const aboveMax = checkMaxSingle(policy, token, recipient, amount);
  if (aboveMax) return fail(aboveMax);
  const key = ledgerKey(recipient);
  const state = ledger.recipients.get(key);
  if (state?.byVote) return { ok: true, ledger };
  const recipients = new Map(ledger.recipients);
  recipients.set(key, { paid: true, byVote: true, firstPaidDay: state?.firstPaidDay ?? 0n });
  return { ok: true, ledger: { ...ledger, recipients } };
}

/** A budget change: `Treasury.setBudget`, called by the timelock. */
export type SetBudgetCall = {
  treasurer: Address;
  token: Address;
  /** Zero revokes the budget. */
  amountPerPeriod: bigint;
  period: bigint;
  timestamp: bigint;
};

/**
 * `Treasury.setBudget`: a first budget starts its period now; a change keeps the current period and what
 * was spent in it (restarting the period now, with that spending, when the new period is shorter than the
 * time already run); a revocation keeps the running state. The daily window is never reset.
 */
export function applySetBudget(ledger: TreasuryLedger, call: SetBudgetCall): TreasuryOutcome {
  const { treasurer, token, amountPerPeriod, period, timestamp } = call;
  if (treasurer.toLowerCase() === ZERO_ADDRESS) return fail({ errorName: 'TreasuryZeroAddress', args: [] });
  const key = ledgerKey(treasurer, token);
  const budget = ledger.budgets.get(key);
  const budgets = new Map(ledger.budgets);
  if (amountPerPeriod === 0n) {
    if (budget && budget.period !== 0n) {
      const { periodStart, spent } = currentPeriod(budget, timestamp);
      budgets.set(key, { ...budget, amountPerPeriod: 0n, spent, periodStart });
    }
    return { ok: true, ledger: { ...ledger, budgets } };
  }
  if (period === 0n || period > UINT64_MAX || amountPerPeriod > UINT128_MAX) {
    return fail({ errorName: 'TreasuryInvalidBudget', args: [amountPerPeriod, period] });
  }
  let periodStart = timestamp;
  let spent = 0n;
  if (budget && budget.period !== 0n) {
    ({ periodStart, spent } = currentPeriod(budget, timestamp));
    if (timestamp >= periodStart + period) periodStart = timestamp;
  }
  const previous = budget?.daily ?? { day: 0n, onDay: 0n, onDayBefore: 0n };
  const daily = previous.day === 0n ? { ...previous, day: utcDay(timestamp) } : previous;
  budgets.set(key, { amountPerPeriod, period, spent, periodStart, daily });
  return { ok: true, ledger: { ...ledger, budgets } };
}

/**
 * A ledger that stands for what the contract's views say at `timestamp` (`budget`, `dailyWindow`,
 * `recipientWindow`), enough to check calls made at that same moment. The views give window totals, not
 * the split between today and yesterday, so the result is not for calls on a later day.
 */
export function ledgerFromViews(views: {
  timestamp: bigint;
  budgets?: readonly {
    treasurer: Address;
    token: Address;
    amountPerPeriod: bigint;
    period: bigint;
    periodStart: bigint;
    spent: bigint;
    /** `dailyWindow(treasurer, token).spent`. */
    spentInWindow: bigint;
  }[];
  recipients?: readonly {
    recipient: Address;
    token: Address;
    /** `recipientWindow(recipient, token).paid`. */
    paidInWindow: bigint;
    /** `recipientWindow(recipient, token).isNew`. */
    isNew: boolean;
  }[];
}): TreasuryLedger {
  const today = utcDay(views.timestamp);
  const budgets = new Map<string, BudgetState>();
  for (const b of views.budgets ?? []) {
    budgets.set(ledgerKey(b.treasurer, b.token), {
      amountPerPeriod: b.amountPerPeriod,
      period: b.period,
      spent: b.spent,
      periodStart: b.periodStart,
      daily: { day: today, onDay: b.spentInWindow, onDayBefore: 0n },
    });
  }
  const recipients = new Map<string, RecipientState>();
  const recipientWindows = new Map<string, DayWindow>();
  for (const r of views.recipients ?? []) {
    recipientWindows.set(ledgerKey(r.recipient, r.token), { day: today, onDay: r.paidInWindow, onDayBefore: 0n });
    // New today: first paid by a treasurer today (or never). Known: as if a vote had paid it.
    recipients.set(ledgerKey(r.recipient), r.isNew ? { paid: false, byVote: false, firstPaidDay: today } : { paid: true, byVote: true, firstPaidDay: 0n });
  }
  return { budgets, recipients, recipientWindows };
}

function fail(error: TreasuryRuleError): TreasuryOutcome {
  return { ok: false, error };
}
