import type { MerchantEntry } from '@commonguard/sdk';
import { erc20Abi, getAddress, zeroAddress, type Address } from 'viem';
import type { Deployment } from './config.js';
import { formatAmount, shortAddress } from '../format.js';
import { readListings } from './policy.js';
import type { AppClient } from './chain.js';

export type TokenInfo = { address: Address; symbol: string; decimals: number };

export const NATIVE: TokenInfo = { address: zeroAddress, symbol: 'ETH', decimals: 18 };

/**
 * What the app knows about tokens and addresses, so amounts and accounts read as "1,000 cgUSD" and
 * "the treasury" rather than raw numbers and hex.
 */
export class Directory {
  readonly tokens = new Map<string, TokenInfo>();
  readonly names = new Map<string, string>();
  /** The governance token's address, for amounts of votes. */
  governanceToken?: string;

  constructor(tokens: TokenInfo[] = [], names: Record<string, string> = {}) {
    this.addToken(NATIVE);
    for (const token of tokens) this.addToken(token);
    for (const [address, name] of Object.entries(names)) this.names.set(address.toLowerCase(), name);
  }

  addToken(token: TokenInfo) {
    this.tokens.set(token.address.toLowerCase(), token);
  }

  token(address: string): TokenInfo | undefined {
    return this.tokens.get(address.toLowerCase());
  }

  /** "1,000 cgUSD", or raw units with the token's address when the token is unknown. */
  amount(value: bigint, token: string): string {
    const info = this.token(token);
    if (!info) return `${value.toString()} units of token ${shortAddress(token)}`;
    return `${formatAmount(value, info.decimals)} ${info.symbol}`;
  }

  /** {@link shortName}: a name, or a shortened address. */
  name(address: string): string {
    return shortName(this, address);
  }

  tokenName(address: string): string {
    return this.token(address)?.symbol ?? `token ${shortAddress(address)}`;
  }

  /** "the treasury", "Corner Coffee (0x7099…79C8)" or the full checksummed address. */
  account(address: string): string {
    const name = this.names.get(address.toLowerCase());
    const checksummed = safeChecksum(address);
    if (!name) return checksummed;
    return name.startsWith('the ') ? name : `${name} (${shortAddress(checksummed)})`;
  }
}

/**
 * The same, made short for lists on a narrow screen: "Corner Coffee", "the treasury" or "0x7099…79C8"
 * (the full address goes in a tooltip or the details).
 */
export function shortName(dir: Directory, address: string): string {
  return dir.names.get(address.toLowerCase()) ?? shortAddress(safeChecksum(address));
}

function safeChecksum(address: string): string {
  try {
    return getAddress(address);
  } catch {
    return address;
  }
}

/** The directory for a deployment: the native coin, the demo stablecoin and the governance token, and the contracts' names. */
export async function loadDirectory(client: AppClient, deployment: Deployment): Promise<Directory> {
  const c = deployment.contracts;
  const erc20s = [c.demoStablecoin, c.communityToken].filter((a): a is Address => !!a);
  // Trusted merchants read better by the community's note ("Corner Coffee") than by address; a blocked
  // merchant's note is a reason, not a name. Tokens and listings are read at the same time.
  const [tokens, { merchants }] = await Promise.all([
    Promise.all(erc20s.map((address) => readToken(client, address))),
    readListings(client, c.paymentPolicy).catch(() => ({ merchants: [] as MerchantEntry[] })),
  ]);
  const dir = new Directory(tokens, defaultNames(deployment));
  dir.governanceToken = c.communityToken;
  for (const m of merchants) {
    if (m.status === 'trusted' && m.note && !dir.names.has(m.merchant.toLowerCase())) dir.names.set(m.merchant.toLowerCase(), m.note);
  }
  return dir;
}

export function defaultNames(deployment: Deployment): Record<string, string> {
  const c = deployment.contracts;
  return {
    [c.treasury]: 'the treasury',
    [c.paymentPolicy]: 'the payment policy',
    [c.communityGovernor]: 'the governor',
    [c.timelock]: 'the timelock',
    [c.communityToken]: 'the governance token',
    ...(c.demoStablecoin ? { [c.demoStablecoin]: 'the cgUSD token' } : {}),
  };
}

export async function readToken(client: AppClient, address: Address): Promise<TokenInfo> {
  if (address === zeroAddress) return NATIVE;
  const [symbol, decimals] = await Promise.all([
    client.readContract({ address, abi: erc20Abi, functionName: 'symbol' }),
    client.readContract({ address, abi: erc20Abi, functionName: 'decimals' }),
  ]);
  return { address: getAddress(address), symbol, decimals };
}
