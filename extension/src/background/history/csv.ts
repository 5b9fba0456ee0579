import Papa from 'papaparse';
import { formatTokenAmount } from '../../shared/amounts.js';
import { stripInvisible } from '../../shared/tokenText.js';
import { LEVEL_LABEL } from '../../ui/format.js';
import type { HistoryEntry } from './History.js';
import { OUTCOME_LABEL, outcomeOf } from './outcome.js';

/**
 * The columns a person keeping their books reads, in their words: no internal kinds, risk scores or
 * policy versions (the popup explains those where they matter). The token's address stays: it tells a
 * listed token from a copy with the same symbol.
 */
export const CSV_COLUMNS = ['date', 'what', 'amount', 'token', 'token address', 'to', 'merchant', 'site', 'result', 'safety check', 'transaction', 'details'] as const;

const WHAT: Record<HistoryEntry['kind'], string> = { nativeTransfer: 'Payment', tokenTransfer: 'Payment', tokenApproval: 'Spending approval', contractCall: 'Contract call' };

/** The history as CSV for the shopper's own bookkeeping (oldest first, ISO dates, amounts in whole tokens). */
export function historyCsv(entries: readonly HistoryEntry[], merchantName: (address: string | null) => string | null): string {
  const rows = [...entries].reverse().map((entry) => [
    new Date(entry.at).toISOString(),
    entry.session ? 'Payment in a payment session' : WHAT[entry.kind],
    formatTokenAmount(BigInt(entry.amount), entry.decimals),
    stripInvisible(entry.symbol),
    entry.token,
    entry.to ?? '',
    merchantName(entry.to) ?? '',
    entry.origin ?? '',
    OUTCOME_LABEL[outcomeOf(entry)],
    LEVEL_LABEL[entry.level] ?? entry.level,
    entry.hash ?? '',
    entry.detail ?? '',
  ]);
  // Cells a spreadsheet would run as a formula are quoted with a leading apostrophe (CSV injection).
  const safe = rows.map((row) => row.map((cell) => (/^[=+\-@\t\r]/.test(cell) && !/^-?\d/.test(cell) ? `'${cell}` : cell)));
  return Papa.unparse({ fields: [...CSV_COLUMNS], data: safe }, { newline: '\r\n' });
}
