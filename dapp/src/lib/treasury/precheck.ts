import { type Address, zeroAddress } from 'viem';
import { type PayoutRow, type TreasuryPolicy, applyTreasurerPayout, checkDailyCap, checkRecipients, ledgerFromViews } from '@commonguard/sdk';

/**
 * The treasury's own rules for a treasurer's payouts, checked before anything is sent. The rules are
 * the sdk's treasury rules (the mirror of `Treasury.sol`): this module only turns their verdicts into
 * sentences for the rows on screen.
 *
 * - rows to one recipient count as one payment, on top of what treasurers paid that recipient today
 *   and yesterday (UTC), for the max single payment and, while the recipient is new, the first-payment cap;
 * - the whole batch counts towards the daily cap, on top of what the daily window already holds.
 *
 * A single row above the max single payment, to a recipient nobody paid in the window, is left to the
 * row checks (`checkPayouts`), so the person does not read the same problem twice. A blocked recipient
 * too. Pure: figures in, sentences out.
 */

/** One parsed row: its line number in the pasted text, and the recipient and amount when they are valid. */
export type PrecheckRow = { line: number; recipient: Address | null; amount: bigint | null };

/** `Treasury.recipientWindow` for one recipient and the token. */
export type RecipientFigures = { paid: bigint; isNew: boolean };

export type PrecheckFigures = {
  /** The policy's limits for the token; 0 means no limit. */
  maxSinglePayment: bigint;
  dailyCap: bigint;
  maxFirstPayment: bigint;
  /** What the treasurer's daily window already holds in this token. */
  dailySpent: bigint;
  /**
   * What treasurers paid the recipient in this token within the window, and whether it is still new;
   * `undefined` while unknown (then no first-payment claim is made and the window counts as empty).
   */
  recipientWindow: (recipient: Address) => RecipientFigures | undefined;
};

export type PrecheckWords = {
  /** An amount of the token with its symbol, e.g. "300 cgUSD". */
  amount: (value: bigint) => string;
  /** A recipient as a person knows it (a name, or a short address). */
  account: (address: Address) => string;
};

export type Precheck = {
  ok: boolean;
  /** Problems of each row, in the order of `rows`. */
  rowProblems: string[][];
  /** Problems of the batch as a whole (the daily cap). */
  problems: string[];
  /** What applies, in words, even when nothing is wrong. */
  notes: string[];
};

type RecipientTotal = { recipient: Address; lines: number[]; indexes: number[]; total: bigint };

/** The rows grouped by recipient (addresses compared case-insensitively), in order of first appearance. */
export function totalsByRecipient(rows: readonly PrecheckRow[]): RecipientTotal[] {
  const byKey = new Map<string, RecipientTotal>();
  rows.forEach((row, index) => {
    if (row.recipient === null || row.amount === null) return;
    const key = row.recipient.toLowerCase();
    const entry = byKey.get(key) ?? { recipient: row.recipient, lines: [], indexes: [], total: 0n };
    entry.lines.push(row.line);
    entry.indexes.push(index);
    entry.total += row.amount;
    byKey.set(key, entry);
  });
  return [...byKey.values()];
}

function listLines(lines: number[]): string {
  if (lines.length === 1) return `Line ${lines[0]}`;
  return `Lines ${lines.slice(0, -1).join(', ')} and ${lines[lines.length - 1]}`;
}

/** The treasurer and token stand-ins of the check: the figures are already for this treasurer and token. */
const TREASURER = zeroAddress.replace(/0$/, '1') as Address;
const TOKEN = zeroAddress;

/** Checks `rows` against the treasurer rules; see the module comment. */
export function precheckPayouts(rows: readonly PrecheckRow[], figures: PrecheckFigures, words: PrecheckWords): Precheck {
  const rowProblems: string[][] = rows.map(() => []);
  const problems: string[] = [];
  const notes: string[] = [];
  const groups = totalsByRecipient(rows);
  const valid: PayoutRow[] = rows.flatMap((row) => (row.recipient !== null && row.amount !== null ? [{ recipient: row.recipient, amount: row.amount }] : []));
  const total = groups.reduce((sum, group) => sum + group.total, 0n);

  // The figures as the treasury's storage would hold them now; the budget is checked elsewhere.
  const ledger = ledgerFromViews({
    timestamp: 0n,
    budgets: [{ treasurer: TREASURER, token: TOKEN, amountPerPeriod: 2n ** 128n - 1n, period: 2n ** 64n - 1n, periodStart: 0n, spent: 0n, spentInWindow: figures.dailySpent }],
    recipients: groups.map(({ recipient }) => {
      const window = figures.recipientWindow(recipient);
      return { recipient, token: TOKEN, paidInWindow: window?.paid ?? 0n, isNew: window?.isNew ?? false };
    }),
  });
  const policy: TreasuryPolicy = { limits: () => figures, isBlocked: () => false };

  const checks = checkRecipients(ledger, policy, TOKEN, valid, 0n);
  groups.forEach((group, i) => {
    const check = checks[i];
    if (!check) return;
    const who = words.account(group.recipient);
    const together = group.lines.length > 1;
    const add = (text: string) => group.indexes.forEach((index) => rowProblems[index]?.push(text));
    const already = check.inWindow > 0n ? `${who} was already paid ${words.amount(check.inWindow)} by treasurers today or yesterday (UTC); ` : '';
    if (check.error?.errorName === 'PaymentPolicyAmountAboveMax') {
      const [, , amount, max, excess] = check.error.args;
      if (!together && check.inWindow === 0n) return; // the row checks say it
      const over = `${words.amount(excess)} over the maximum single payment of ${words.amount(max)}`;
      if (check.inWindow === 0n) {
        add(`${listLines(group.lines)} pay ${who} ${words.amount(amount)} together: that is ${over}. Rows to one recipient count as one payment.`);
      } else if (together) {
        add(
          `${listLines(group.lines)} pay ${who} ${words.amount(group.total)} together; with the ${words.amount(check.inWindow)} treasurers already paid them today or yesterday (UTC) that is ${words.amount(amount)}, ${over}. One recipient gets at most that within two days.`,
        );
      } else {
        add(`${already}with ${words.amount(group.total)} more that is ${words.amount(amount)}, ${over}. One recipient gets at most that within two days.`);
      }
    } else if (check.error?.errorName === 'PaymentPolicyFirstPaymentAboveMax') {
      const [, , amount, max, excess] = check.error.args;
      add(
        check.inWindow === 0n
          ? `First payment to ${who}: the treasury has never paid them, so at most ${words.amount(max)}; ${together ? 'these rows pay' : 'this pays'} ${words.amount(amount)}, ${words.amount(excess)} too much.`
          : `First payment to ${who}: ${already}a new recipient gets at most ${words.amount(max)} until two midnights (UTC) after its first payment, and this makes ${words.amount(amount)}, ${words.amount(excess)} too much.`,
      );
    } else if (check.isNew && figures.maxFirstPayment > 0n) {
      notes.push(`First payment to ${who}: capped at ${words.amount(figures.maxFirstPayment)}.`);
    }
  });

  if (figures.dailyCap > 0n) {
    notes.unshift(
      `Today ${words.amount(figures.dailySpent)} of ${words.amount(figures.dailyCap)} daily cap already paid (the treasury counts today and yesterday, UTC).`,
    );
    const daily = checkDailyCap(policy, TOKEN, figures.dailySpent, total);
    if (daily?.errorName === 'PaymentPolicyDailyCapExceeded') {
      const [, spent, amount, cap, excess] = daily.args;
      problems.push(
        `Daily cap: ${words.amount(spent)} already paid plus ${words.amount(amount)} now is ${words.amount(excess)} over the daily cap of ${words.amount(cap)}. Pay the rest tomorrow, or ask for a vote.`,
      );
    }
  }

  // The verdict is the treasury's own: the same call the contract would get.
  const ok = valid.length === 0 || applyTreasurerPayout(ledger, policy, { treasurer: TREASURER, token: TOKEN, rows: valid, batch: true, timestamp: 0n }).ok;
  return { ok, rowProblems, problems, notes };
}
