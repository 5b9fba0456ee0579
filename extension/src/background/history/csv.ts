import Papa from 'papaparse';
import { formatTokenAmount } from '../../shared/amounts.js';
import { stripInvisible } from '../../shared/tokenText.js';
import type { HistoryEntry } from './History.js';

export const CSV_COLUMNS = ['date', 'outcome', 'kind', 'amount', 'token', 'token address', 'to', 'merchant', 'site', 'verdict', 'score', 'policy version', 'transaction', 'details'] as const;

/** The history as CSV for the shopper's own bookkeeping (oldest first, ISO dates, amounts in whole tokens). */
export function historyCsv(entries: readonly HistoryEntry[], merchantName: (address: string | null) => string | null): string {
  const rows = [...entries].reverse().map((entry) => [
    new Date(entry.at).toISOString(),
    entry.outcome === 'sent' ? 'pending' : entry.outcome,
    entry.kind,
    formatTokenAmount(BigInt(entry.amount), entry.decimals),
    stripInvisible(entry.symbol),
    entry.token,
    entry.to ?? '',
    merchantName(entry.to) ?? '',
    entry.origin ?? '',
    entry.level,
    entry.score === null ? '' : String(entry.score),
    entry.policyVersion ?? '',
    entry.hash ?? '',
    entry.detail ?? '',
  ]);
  // Cells a spreadsheet would run as a formula are quoted with a leading apostrophe (CSV injection).
  const safe = rows.map((row) => row.map((cell) => (/^[=+\-@\t\r]/.test(cell) && !/^-?\d/.test(cell) ? `'${cell}` : cell)));
  return Papa.unparse({ fields: [...CSV_COLUMNS], data: safe }, { newline: '\r\n' });
}
