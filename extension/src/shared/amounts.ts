import { formatUnits } from 'viem';
import { isReadableDecimals, stripInvisible } from './tokenText.js';

/**
 * `formatUnits`, for decimals the wallet can read (0–36). Anything else (a hostile token's 100,000, an entry
 * written before the wallet checked) is never formatted: formatting it takes seconds, and the result means
 * nothing. The amount is then given in the token's smallest units.
 */
export function formatTokenAmount(value: bigint, decimals: number): string {
  return isReadableDecimals(decimals) ? formatUnits(value, decimals) : `${value} smallest units`;
}

/**
 * An amount as a person reads it: thousands grouped, at most 4 decimals for amounts of 1 or more and 4
 * significant digits below 1, trailing zeros dropped, rounded down (a balance is never shown as more
 * than it is). `0.000000000000000001` stays visible as "< 0.0001".
 */
export function roundAmount(value: bigint, decimals: number): string {
  if (!isReadableDecimals(decimals)) return formatTokenAmount(value, decimals);
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const [whole = '0', fraction = ''] = formatUnits(magnitude, decimals).split('.');
  let kept: string;
  if (whole !== '0') kept = fraction.slice(0, 4);
  else {
    const firstDigit = fraction.search(/[1-9]/);
    kept = firstDigit === -1 ? '' : fraction.slice(0, Math.max(4, firstDigit + 4));
    if (firstDigit >= 8) return `${negative ? '−' : ''}< 0.00000001`;
  }
  kept = kept.replace(/0+$/, '');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '−' : ''}${grouped}${kept ? `.${kept}` : ''}`;
}

/** `roundAmount` with the token's symbol (without invisible characters, whatever was stored). */
export function showAmount(value: bigint, token: { decimals: number; symbol: string }): string {
  return `${roundAmount(value, token.decimals)} ${stripInvisible(token.symbol)}`;
}
