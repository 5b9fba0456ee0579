import { type Address, parseUnits } from 'viem';
import { checkCsvAmount, readCsvLines } from '../csv.js';
import { checkAddress } from '../validation.js';

/** Votes are tokens of the community's own token, which has 18 decimals like every ERC20Votes token here. */
export const VOTE_DECIMALS = 18;

/** One founding member as typed or pasted: the text, what it reads as, and what is wrong with it. */
export type MemberRow = {
  /** 1-based line (in the pasted list, or the row number when typed). */
  line: number;
  addressText: string;
  votesText: string;
  address: Address | null;
  /** In the token's base units (votes × 10^18). */
  votes: bigint | null;
  problems: string[];
};

/** Founding members, checked together: `ok` when every row reads and no address is listed twice. */
export type MembersCheck = { rows: MemberRow[]; total: bigint; ok: boolean };

/** One member from the two boxes of a typed row. */
export function memberRow(addressText: string, votesText: string, line: number): MemberRow {
  return readRow([addressText.trim(), votesText.trim()], line, `Row ${line}`);
}

/**
 * Reads pasted "address, votes" lines with the app's strict CSV reading (the treasury batch's): a
 * number of votes written with a thousands separator must be in double quotes, and a line with more
 * than two fields is refused with its number instead of guessed at. A header line starting with
 * "address" or "member", blank lines and # comments are skipped.
 */
export function parseMembersCsv(text: string): MemberRow[] {
  return readCsvLines(text, { header: /^(address|member)$/i }).map(({ line, fields }) => readRow(fields, line, `Line ${line}`));
}

function readRow(fields: string[], line: number, where: string): MemberRow {
  const [addressText = '', votesText = ''] = fields;
  const problems: string[] = [];
  if (fields.length > 2) {
    problems.push(
      `${where} has ${fields.length} fields, not 2 (address, votes). Put a number with a thousands separator in double quotes: "1,000".`,
    );
    return { line, addressText, votesText, address: null, votes: null, problems };
  }
  const address = checkAddress(addressText);
  if (!address.ok) problems.push(`${where}: ${address.error}`);
  const votes = checkCsvAmount(votesText, { decimals: VOTE_DECIMALS, symbol: 'Votes' });
  if (!votes.ok) problems.push(`${where}: ${votes.error.replace('Enter an amount.', 'Enter a number of votes.')}`);
  return { line, addressText, votesText, address: address.ok ? address.value : null, votes: votes.ok ? votes.value : null, problems };
}

/** Marks an address listed twice (its votes would silently add up) and totals the votes. */
export function checkMembers(rows: MemberRow[]): MembersCheck {
  const firstLine = new Map<string, number>();
  let total = 0n;
  const checked = rows.map((row) => {
    const problems = [...row.problems];
    if (row.address) {
      const key = row.address.toLowerCase();
      const earlier = firstLine.get(key);
      if (earlier !== undefined) problems.push(`${row.address} is already listed (line ${earlier}): give each member one line.`);
      else firstLine.set(key, row.line);
    }
    if (row.votes !== null && problems.length === 0) total += row.votes;
    return { ...row, problems };
  });
  return { rows: checked, total, ok: checked.every((row) => row.problems.length === 0) };
}

/** A member's share of all votes: "62.5%" (one decimal at most), "<0.1%" for a sliver. */
export function sharePercent(votes: bigint, total: bigint): string {
  if (total === 0n) return '0%';
  const tenths = (votes * 1000n + total / 2n) / total;
  if (tenths === 0n && votes > 0n) return '<0.1%';
  const whole = tenths / 10n;
  const fraction = tenths % 10n;
  return fraction === 0n ? `${whole}%` : `${whole}.${fraction}%`;
}

/** "100" votes → base units; used by the presets and tests. */
export function votesToUnits(votes: string): bigint {
  return parseUnits(votes, VOTE_DECIMALS);
}
