import { type Address, formatUnits, zeroAddress } from 'viem';

/** How to show an amount of one token. */
export type TokenDisplay = { symbol: string; decimals: number };

/** Symbol and decimals by token address (any letter case). */
export type TokenDisplays = Readonly<Record<Address, TokenDisplay>>;

/** The display of `token` from `tokens`; the zero address (the native coin) defaults to ETH with 18 decimals. */
export function tokenDisplay(token: Address, tokens: TokenDisplays | undefined): TokenDisplay | undefined {
  const wanted = token.toLowerCase();
  for (const [address, display] of Object.entries(tokens ?? {})) {
    if (address.toLowerCase() === wanted) return display;
  }
  return token === zeroAddress ? { symbol: 'ETH', decimals: 18 } : undefined;
}

/** `1,000.5 cgUSD`, or `… base units of 0x…` for a token not in `tokens`. */
export function formatTokenAmount(token: Address, value: bigint, tokens: TokenDisplays | undefined): string {
  const display = tokenDisplay(token, tokens);
  if (!display) return `${value} base units of ${token}`;
  return `${groupThousands(formatUnits(value, display.decimals))} ${display.symbol}`;
}

function groupThousands(decimal: string): string {
  const [whole = '0', fraction] = decimal.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
}
