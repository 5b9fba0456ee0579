import Papa from 'papaparse';
import { type Checked, checkAmount } from './validation.js';

/** One pasted line's fields (trimmed), with its 1-based line number in the pasted text. */
export type CsvLine = { line: number; fields: string[] };

/** Commas in an amount only as thousands separators: "1,000.50". */
const GROUPED = /^\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * The strict reading of pasted rows that every list in the app shares (treasury payouts, founding
 * members): a real CSV parser, so a field holding commas must be in double quotes. Blank lines, lines
 * starting with # and a header line (a first field matching `header`) are skipped; every other line
 * keeps its line number, so a problem can name it. Each caller checks its own number of fields.
 */
export function readCsvLines(text: string, { header }: { header: RegExp }): CsvLine[] {
  // People type a space after the comma; a quoted field must start right at its comma for CSV.
  const normalised = text.replace(/\r\n?/g, '\n').replace(/(^|,)[ \t]+(?=")/gm, '$1');
  const lines: CsvLine[] = [];
  let start = 0;
  Papa.parse<string[]>(normalised, {
    delimiter: ',',
    newline: '\n',
    skipEmptyLines: false,
    step: (result) => {
      const line = countLines(normalised, start);
      start = result.meta.cursor;
      const fields = result.data.map((field) => field.trim());
      // Comments are skipped here rather than by the parser, which would shift the line numbers.
      if (fields.every((field) => field === '') || fields[0]?.startsWith('#')) return;
      if (lines.length === 0 && header.test(fields[0] ?? '')) return;
      lines.push({ line, fields });
    },
  });
  return lines;
}

function countLines(text: string, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** An amount in a CSV field: commas only as thousands separators ("1,00" is refused, not read as 100). */
export function checkCsvAmount(text: string, token: { decimals: number; symbol: string }): Checked<bigint> {
  if (text.includes(',') && !GROUPED.test(text)) {
    return { ok: false, error: `"${text}" is not a clear amount: write it as 1000.50 or 1,000.50 (commas only between groups of three digits).` };
  }
  return checkAmount(text, token.decimals, { symbol: token.symbol });
}
