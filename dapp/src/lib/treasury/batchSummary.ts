import type { Address } from 'viem';

/** A payout row as the page shows it: its problems are every check's (budget, policy and treasurer rules). */
export type ShownPayoutRow = { recipient: Address | null; amount: bigint | null; problems: readonly string[] };

/**
 * What the batch's summary line and its Pay button say. Derived from the same rows the list shows,
 * so the counts can never disagree with the ✓ and ✕ beside them.
 */
export type BatchSummary = {
  /** Rows on screen. */
  payments: number;
  /** Rows with a ✕ (any check refused them). */
  refused: number;
  /** Rows with a ✓. */
  accepted: number;
  /** What the accepted rows pay together. */
  total: bigint;
  /** Distinct recipients among the rows whose address could be read: two rows to one shop are one recipient. */
  recipients: number;
};

export function summariseBatch(rows: readonly ShownPayoutRow[]): BatchSummary {
  const accepted = rows.filter((row) => row.problems.length === 0);
  const recipients = new Set(rows.flatMap((row) => (row.recipient ? [row.recipient.toLowerCase()] : [])));
  return {
    payments: rows.length,
    refused: rows.length - accepted.length,
    accepted: accepted.length,
    total: accepted.reduce((sum, row) => sum + (row.amount ?? 0n), 0n),
    recipients: recipients.size,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "Pay", "Pay 3 recipients", "Pay 1 recipient (2 payments)": who gets paid, and in how many payments when that differs. */
export function payButtonLabel(summary: BatchSummary): string {
  if (summary.payments <= 1) return 'Pay';
  const who = plural(Math.max(1, summary.recipients), 'recipient');
  return summary.payments === summary.recipients ? `Pay ${who}` : `Pay ${who} (${plural(summary.payments, 'payment')})`;
}

/**
 * The summary line under the rows, in words: what would be paid, or how many rows are refused. It
 * says nothing about sending: nothing has been tried yet when it is shown.
 */
export function batchSummaryText(summary: BatchSummary, amount: (value: bigint) => string): string {
  const payments = plural(summary.payments, 'payment');
  if (summary.refused === 0) {
    return `Total ${amount(summary.total)}: ${payments} to ${plural(summary.recipients, 'recipient')}.`;
  }
  const passing = summary.accepted === 0 ? 'none can be paid as it stands' : `${summary.accepted} can be paid (${amount(summary.total)})`;
  return `${summary.refused} of ${payments} refused (marked ✕); ${passing}.`;
}
