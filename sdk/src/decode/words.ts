import type { Address } from 'viem';

/**
 * Plain-word pieces for decoder summaries. A pure decoder knows no token symbols or decimals, so amounts are
 * whole base units and tokens are addresses; the wallet's window re-titles them with symbols.
 */

/** `0x1234…abcd`. */
export function shortAddress(address: Address | string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/** A base-unit amount with thousands separators: `1,000,000`. */
export function amountText(amount: bigint): string {
  return amount.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Unix seconds past this (year 10000) are "never" for a person. */
const FAR_FUTURE = 253_402_300_800n;

/** `3 Jan 2027, 14:05 UTC`, or `undefined` for a time so far ahead that it means "never". */
export function dateText(unixSeconds: bigint): string | undefined {
  if (unixSeconds >= FAR_FUTURE) return undefined;
  const date = new Date(Number(unixSeconds) * 1000);
  const time = `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')} UTC`;
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${time}`;
}

/** ` until 3 Jan 2027, 14:05 UTC`, or ` with no end date`. */
export function untilText(unixSeconds: bigint | undefined): string {
  if (unixSeconds === undefined) return ' with no end date';
  const text = dateText(unixSeconds);
  return text === undefined ? ' with no end date' : ` until ${text}`;
}

/** `token 0x1234…abcd`. */
export function tokenText(token: Address): string {
  return `token ${shortAddress(token)}`;
}
