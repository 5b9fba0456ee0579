import type { Address } from 'viem';
import type { Directory, TokenInfo } from '../chain/tokens.js';
import { checkCsvAmount, readCsvLines } from '../csv.js';
import { checkAddress, checkNote } from '../validation.js';

export type PayoutRow = {
  /** 1-based line in the pasted text. */
  line: number;
  recipientText: string;
  amountText: string;
  memo: string;
  recipient: Address | null;
  amount: bigint | null;
  problems: string[];
};

/** What a payout must satisfy before it is sent: the treasurer's budget and the community's policy. */
export type PayoutRules = {
  token: TokenInfo;
  /** Unspent budget of the current period. */
  remaining: bigint;
  /** The policy's max single payment for this token; 0 = no limit. */
  maxSinglePayment: bigint;
  /** The treasury's balance of this token. */
  balance: bigint;
  /** Recipients the community has blocked (lower-cased). */
  blocked: Set<string>;
  /** The community's note about each blocked recipient (lower-cased address → note), shown as the reason. */
  notes?: ReadonlyMap<string, string>;
  maxBatchSize: number;
};

/** The result of checking a batch: `total` counts only the rows that pass; `refused` the others. */
export type PayoutCheck = { rows: PayoutRow[]; total: bigint; refused: number; ok: boolean; problems: string[] };

/**
 * Reads "recipient, amount, memo" rows with the app's strict CSV reading ({@link readCsvLines}): a
 * field holding commas (an amount written "1,000.50", a memo "Hall rent, March") must be in double
 * quotes. A row with more than three fields is refused with its line number instead of guessed at:
 * `0x…,1,000.50,memo` could be 1 or 1,000.50. A header line, blank lines and lines starting with # are
 * skipped.
 */
export function parsePayoutCsv(text: string, token: TokenInfo): PayoutRow[] {
  return readCsvLines(text, { header: /^recipient$/i }).map(({ line, fields }) => parseRow(fields, line, token));
}

function parseRow(fields: string[], line: number, token: TokenInfo): PayoutRow {
  const [recipientText = '', amountText = '', memo = ''] = fields;
  const problems: string[] = [];
  if (fields.length > 3) {
    problems.push(
      `Line ${line} has ${fields.length} fields, not 3 (recipient, amount, memo). Put an amount with a thousands separator, or a memo with commas, in double quotes: "1,000.50", "Hall rent, March".`,
    );
    return { line, recipientText, amountText, memo: fields.slice(2).join(','), recipient: null, amount: null, problems };
  }
  const recipient = checkAddress(recipientText);
  if (!recipient.ok) problems.push(recipient.error);
  const amount = checkCsvAmount(amountText, token);
  if (!amount.ok) problems.push(amount.error);
  const note = checkNote(memo);
  if (!note.ok) problems.push(note.error.replace('note', 'memo'));
  return { line, recipientText, amountText, memo, recipient: recipient.ok ? recipient.value : null, amount: amount.ok ? amount.value : null, problems };
}

/**
 * Checks rows against the budget and the policy, in order: a row that would take the running total
 * over the budget says by how much. Rows refused for their own reasons (a typo, a blocked recipient,
 * above the limit) do not count towards the budget or the total. Returns new rows with their problems.
 */
export function checkPayouts(rows: PayoutRow[], rules: PayoutRules, dir: Directory): PayoutCheck {
  let running = 0n;
  const token = rules.token.address;
  const checked = rows.map((row) => {
    const problems = [...row.problems];
    if (row.recipient && rules.blocked.has(row.recipient.toLowerCase())) {
      const note = rules.notes?.get(row.recipient.toLowerCase());
      problems.push(`Recipient blocked: the community has blocked ${dir.account(row.recipient)}${note ? `: “${note}”` : ''}.`);
    }
    if (row.amount !== null && rules.maxSinglePayment > 0n && row.amount > rules.maxSinglePayment) {
      problems.push(`Above the limit: ${dir.amount(row.amount, token)} is more than the maximum single payment of ${dir.amount(rules.maxSinglePayment, token)}.`);
    }
    if (row.amount !== null && problems.length === 0) {
      if (running + row.amount > rules.remaining) {
        const over = running + row.amount - rules.remaining;
        problems.push(`Over budget: ${dir.amount(over > row.amount ? row.amount : over, token)} over (${dir.amount(rules.remaining, token)} left in this period).`);
      } else {
        running += row.amount;
      }
    }
    return { ...row, problems };
  });
  const refused = checked.filter((row) => row.problems.length > 0).length;
  const problems: string[] = [];
  if (rows.length === 0) problems.push('Add at least one payment.');
  if (rows.length > rules.maxBatchSize) problems.push(`A batch can hold at most ${rules.maxBatchSize} payments; this one has ${rows.length}.`);
  if (running > rules.balance) problems.push(`Not enough in the treasury: it holds ${dir.amount(rules.balance, token)} but the payments total ${dir.amount(running, token)}.`);
  const ok = problems.length === 0 && refused === 0;
  return { rows: checked, total: running, refused, ok, problems };
}

/** The one-payment form as a row: its fields go in as typed, so a memo may hold commas and quotes. */
export function singlePayoutRow(recipient: string, amount: string, memo: string, token: TokenInfo): PayoutRow {
  return parseRow([recipient.trim(), amount.trim(), memo.trim()], 1, token);
}
