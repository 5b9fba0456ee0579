import type { Address } from 'viem';

/**
 * The treasury's own rules for a treasurer's payouts, checked before anything is sent, with the same
 * arithmetic as `Treasury.payout`/`payoutBatch` and `PaymentPolicy.checkTreasurerPayment`:
 *
 * - rows of one batch to the same recipient count as one payment for the max single payment;
 * - a recipient the treasury has never paid gets at most the first-payment cap (all its rows together);
 * - the whole batch counts towards the daily cap, on top of what the daily window already holds
 *   (the treasury counts today and yesterday, UTC).
 *
 * A single row above the max single payment is left to the row checks (`checkPayouts`), so the
 * person does not read the same problem twice. Pure: figures in, sentences out.
 */

/** One parsed row: its line number in the pasted text, and the recipient and amount when they are valid. */
export type PrecheckRow = { line: number; recipient: Address | null; amount: bigint | null };

export type PrecheckFigures = {
  /** The policy's limits for the token; 0 means no limit. */
  maxSinglePayment: bigint;
  dailyCap: bigint;
  maxFirstPayment: bigint;
  /** What the treasurer's daily window already holds in this token. */
  dailySpent: bigint;
  /** Whether the treasury paid this recipient before; `undefined` while unknown (then no first-payment claim is made). */
  paidBefore: (recipient: Address) => boolean | undefined;
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

/** Checks `rows` against the treasurer rules; see the module comment. */
export function precheckPayouts(rows: readonly PrecheckRow[], figures: PrecheckFigures, words: PrecheckWords): Precheck {
  const rowProblems: string[][] = rows.map(() => []);
  const problems: string[] = [];
  const notes: string[] = [];
  const groups = totalsByRecipient(rows);
  const total = groups.reduce((sum, group) => sum + group.total, 0n);

  for (const group of groups) {
    const who = words.account(group.recipient);
    const together = group.lines.length > 1;
    const add = (text: string) => group.indexes.forEach((i) => rowProblems[i].push(text));
    if (together && figures.maxSinglePayment > 0n && group.total > figures.maxSinglePayment) {
      add(
        `${listLines(group.lines)} pay ${who} ${words.amount(group.total)} together: that is ${words.amount(group.total - figures.maxSinglePayment)} over the maximum single payment of ${words.amount(figures.maxSinglePayment)}. Rows to one recipient count as one payment.`,
      );
    }
    if (figures.paidBefore(group.recipient) === false && figures.maxFirstPayment > 0n) {
      if (group.total > figures.maxFirstPayment) {
        add(
          `First payment to ${who}: the treasury has never paid them, so at most ${words.amount(figures.maxFirstPayment)}; ${together ? 'these rows pay' : 'this pays'} ${words.amount(group.total)}, ${words.amount(group.total - figures.maxFirstPayment)} too much.`,
        );
      } else {
        notes.push(`First payment to ${who}: capped at ${words.amount(figures.maxFirstPayment)}.`);
      }
    }
  }

  if (figures.dailyCap > 0n) {
    notes.unshift(
      `Today ${words.amount(figures.dailySpent)} of ${words.amount(figures.dailyCap)} daily cap already paid (the treasury counts today and yesterday, UTC).`,
    );
    if (figures.dailySpent + total > figures.dailyCap) {
      problems.push(
        `Daily cap: ${words.amount(figures.dailySpent)} already paid plus ${words.amount(total)} now is ${words.amount(figures.dailySpent + total - figures.dailyCap)} over the daily cap of ${words.amount(figures.dailyCap)}. Pay the rest tomorrow, or ask for a vote.`,
      );
    }
  }

  const ok = problems.length === 0 && rowProblems.every((p) => p.length === 0);
  return { ok, rowProblems, problems, notes };
}
