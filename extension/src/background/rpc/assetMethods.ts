import { type Address, getAddress, isAddress } from 'viem';
import { rpcError } from '../../shared/rpcErrors.js';
import { sanitiseSymbol } from '../../shared/tokenText.js';
import type { Approvals } from '../approvals/Approvals.js';
import type { ChainAccess } from '../chain/ChainAccess.js';
import type { TokenLimits } from '@commonguard/sdk';
import type { TokenDirectory } from '../tokens/TokenDirectory.js';
import type { WatchedTokens } from '../tokens/WatchedTokens.js';
import type { AccountAccess } from './AccountAccess.js';
import type { MethodTable } from './ProviderRpc.js';

export type AssetMethodsOptions = {
  access: AccountAccess;
  approvals: Approvals;
  chain: ChainAccess;
  /** The tokens the active network's communities set limits for. */
  listedTokens: () => Promise<readonly TokenLimits[]>;
  tokens: TokenDirectory;
  watchedTokens: WatchedTokens;
};

/** The parts of an EIP-747 request the wallet uses, checked. */
export function parseWatchAsset(params: unknown): { address: Address; symbol: string | null; decimals: number | null } {
  const request = (Array.isArray(params) ? params[0] : params) as { type?: unknown; options?: Record<string, unknown> } | null;
  if (typeof request !== 'object' || request === null) throw rpcError.invalidParams('wallet_watchAsset expects { type: "ERC20", options: { address } }.');
  if (request.type !== 'ERC20') throw rpcError.invalidParams('Only ERC20 tokens can be added.');
  const options = request.options;
  if (typeof options !== 'object' || options === null || typeof options.address !== 'string' || !isAddress(options.address))
    throw rpcError.invalidParams('"options.address" must be the token contract address.');
  const symbol = typeof options.symbol === 'string' ? options.symbol.slice(0, 32) : null;
  const decimals = typeof options.decimals === 'number' && Number.isInteger(options.decimals) ? options.decimals : null;
  return { address: getAddress(options.address), symbol, decimals };
}

/**
 * `wallet_watchAsset` (EIP-747): a site suggests a token for the popup. The symbol and decimals shown
 * are read from the token contract (a site's own `symbol` is only shown next to it when it differs),
 * the window says whether the community's policy sets limits for it, and the shopper confirms.
 */
export function assetMethods({ access, approvals, chain, listedTokens, tokens, watchedTokens }: AssetMethodsOptions): MethodTable {
  return {
    wallet_watchAsset: {
      access: 'public',
      handle: async ({ origin, signal }, params) => {
        const asked = parseWatchAsset(params);
        // Only a site the shopper connected may suggest tokens: others cannot open windows with it.
        if ((await access.visibleAccounts(origin)).length === 0) throw rpcError.unauthorized('Connect to this site before it can suggest tokens.');
        if (await watchedTokens.has(asked.address)) return true;
        const { client } = await chain.current();
        let info: { symbol: string; decimals: number };
        try {
          info = await tokens.get(client, asked.address);
        } catch {
          throw rpcError.invalidParams(`There is no ERC-20 token at ${asked.address} on this network.`);
        }
        const listed = (await listedTokens()).some((limit) => limit.token.toLowerCase() === asked.address.toLowerCase());
        // The page's own name for the token is shown only to point out a difference, sanitised as the token's own is.
        const claimed = sanitiseSymbol(asked.symbol);
        const claimedSymbol = claimed !== undefined && claimed !== info.symbol ? claimed : null;
        const decision = await approvals.request(
          origin,
          { kind: 'watchAsset', view: { origin, address: asked.address, symbol: info.symbol, decimals: info.decimals, claimedSymbol, listed } },
          { signal },
        );
        if (!decision.approved) throw rpcError.userRejected();
        await watchedTokens.add({ address: asked.address, symbol: info.symbol, decimals: info.decimals, addedAt: Date.now() });
        return true;
      },
    },
  };
}
