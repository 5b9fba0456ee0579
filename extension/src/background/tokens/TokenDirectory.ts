import type { TokenInfo } from '@commonguard/sdk/risk';
import { type Address, erc20Abi, type PublicClient } from 'viem';

export const NATIVE_TOKEN: Address = '0x0000000000000000000000000000000000000000';
const NATIVE: TokenInfo = { symbol: 'ETH', decimals: 18 };

/**
 * Symbols and decimals of tokens, read from the chain once per token and kept (they do not change).
 * `known` answers synchronously for tokens already read, with a short address as a stand-in otherwise.
 */
export class TokenDirectory {
  #known = new Map<string, TokenInfo>();

  async get(client: PublicClient, token: Address): Promise<TokenInfo> {
    if (/^0x0{40}$/.test(token)) return NATIVE;
    const key = token.toLowerCase();
    const cached = this.#known.get(key);
    if (cached) return cached;
    const [symbol, decimals] = await Promise.all([
      client.readContract({ address: token, abi: erc20Abi, functionName: 'symbol' }),
      client.readContract({ address: token, abi: erc20Abi, functionName: 'decimals' }),
    ]);
    if (typeof symbol !== 'string' || !Number.isInteger(decimals) || decimals > 36) throw new Error('not an ERC-20 token');
    // A token's own symbol is page-controlled text: keep it short and printable.
    const info = { symbol: symbol.replace(/[^\p{L}\p{N}._$-]/gu, '').slice(0, 12) || '???', decimals };
    this.#known.set(key, info);
    return info;
  }

  known(token: Address, fallback?: TokenInfo): TokenInfo {
    if (/^0x0{40}$/.test(token)) return NATIVE;
    return this.#known.get(token.toLowerCase()) ?? fallback ?? { symbol: `${token.slice(0, 6)}…`, decimals: 18 };
  }

  remember(token: Address, info: TokenInfo): void {
    if (!/^0x0{40}$/.test(token)) this.#known.set(token.toLowerCase(), info);
  }
}
