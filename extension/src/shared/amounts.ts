import { formatUnits } from 'viem';

/**
 * An amount as a person reads it: thousands grouped, at most 4 decimals for amounts of 1 or more and 4
 * significant digits below 1, trailing zeros dropped, rounded down (a balance is never shown as more
 * than it is). `0.000000000000000001` stays visible as "< 0.0001".
 */
export function roundAmount(value: bigint, decimals: number): string {
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

/** `roundAmount` with the token's symbol. */
export function showAmount(value: bigint, token: { decimals: number; symbol: string }): string {
  return `${roundAmount(value, token.decimals)} ${token.symbol}`;
}
