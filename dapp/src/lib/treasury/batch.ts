import type { Address } from 'viem';
import type { Directory, TokenInfo } from '../chain/tokens.js';
import { checkAddress, checkAmount, checkNote } from '../validation.js';

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
  maxBatchSize: number;
};

/**
 * Reads "recipient, amount, memo" lines (a header line and blank lines are skipped; the memo may
 * contain commas). Each row carries its own problems with its line number.
 */
export function parsePayoutCsv(text: string, token: TokenInfo): PayoutRow[] {
  const rows: PayoutRow[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    // Only the first two commas separate fields: the memo keeps its own commas.
    const [recipientPart = '', amountPart = '', ...memoParts] = line.split(',');
    const recipientText = recipientPart.trim();
    const amountText = amountPart.trim();
    if (rows.length === 0 && /^recipient$/i.test(recipientText)) return; // header
    const memo = memoParts.join(',').trim().replace(/^"(.*)"$/, '$1');
    const problems: string[] = [];
    const recipient = checkAddress(recipientText);
    if (!recipient.ok) problems.push(recipient.error);
    const amount = checkAmount(amountText, token.decimals, { symbol: token.symbol });
    if (!amount.ok) problems.push(amount.error);
    const note = checkNote(memo);
    if (!note.ok) problems.push(note.error.replace('note', 'memo'));
    rows.push({
      line: index + 1,
      recipientText,
      amountText,
      memo,
      recipient: recipient.ok ? recipient.value : null,
      amount: amount.ok ? amount.value : null,
      problems,
    });
  });
  return rows;
}

/**
 * Checks rows against the budget and the policy, in order: a row that would take the running total
 * over the budget says by how much. Returns the rows with their problems added (a new array).
 */
export function checkPayouts(rows: PayoutRow[], rules: PayoutRules, dir: Directory): { rows: PayoutRow[]; total: bigint; ok: boolean; problems: string[] } {
  let running = 0n;
  const token = rules.token.address;
  const checked = rows.map((row) => {
    const problems = [...row.problems];
    if (row.recipient && rules.blocked.has(row.recipient.toLowerCase())) {
      problems.push(`Recipient blocked: the community has blocked ${dir.account(row.recipient)}.`);
    }
    if (row.amount !== null) {
      if (rules.maxSinglePayment > 0n && row.amount > rules.maxSinglePayment) {
        problems.push(`Above the limit: ${dir.amount(row.amount, token)} is more than the maximum single payment of ${dir.amount(rules.maxSinglePayment, token)}.`);
      }
      running += row.amount;
      if (running > rules.remaining) {
        const over = running - rules.remaining;
        problems.push(`Over budget: ${dir.amount(over > row.amount ? row.amount : over, token)} over (${dir.amount(rules.remaining, token)} left in this period).`);
      }
    }
    return { ...row, problems };
  });
  const problems: string[] = [];
  if (rows.length === 0) problems.push('Add at least one payment.');
  if (rows.length > rules.maxBatchSize) problems.push(`A batch can hold at most ${rules.maxBatchSize} payments; this one has ${rows.length}.`);
  if (running > rules.balance) problems.push(`Not enough in the treasury: it holds ${dir.amount(rules.balance, token)} but the payments total ${dir.amount(running, token)}.`);
  const ok = problems.length === 0 && checked.every((row) => row.problems.length === 0);
  return { rows: checked, total: running, ok, problems };
}
