import { type Address, getAddress, isAddress } from 'viem';
import type { Networks } from './networks.js';

/** A community as its URL names it: `/<chainId>/<governor>/…`. */
export type CommunityRoute = { chainId: number; governor: Address };

/** The pages every community has, as they were before the community was part of the URL. */
const COMMUNITY_PAGES = ['/proposals', '/delegates', '/treasury', '/policy'];

/** `/<chainId>/<governor>` followed by `sub` (`''`, `/proposals`, `/proposals/7`). */
export function communityPath(chainId: number, governor: Address, sub = ''): string {
  return `/${chainId}/${governor}${sub}`;
}

/**
 * Reads the route parameters; undefined unless both look right (a chain id in digits, a 20-byte hex
 * address). The route matchers let only such values reach a community's pages, so this is their one rule.
 */
export function parseCommunityRoute(params: { chainId?: string; governor?: string }): CommunityRoute | undefined {
  const { chainId, governor } = params;
  if (!chainId || !isChainIdParam(chainId) || !governor || !isAddressParam(governor)) return undefined;
  return { chainId: Number(chainId), governor: getAddress(governor) };
}

export function isChainIdParam(value: string): boolean {
  return /^[1-9]\d{0,15}$/.test(value) && Number.isSafeInteger(Number(value));
}

export function isAddressParam(value: string): boolean {
  return /^0x[0-9a-fA-F]{40}$/.test(value) && isAddress(value, { strict: false });
}

/**
 * Where a link from before communities were in the URL now leads (`/proposals/7` → the default
 * network's default community's `/proposals/7`), or undefined when the path is not such a link or no
 * default community is known.
 */
export function legacyRedirect(pathname: string, networks: Networks): string | undefined {
  const sub = pathname.replace(/\/+$/, '');
  if (!COMMUNITY_PAGES.some((page) => sub === page || sub.startsWith(`${page}/`))) return undefined;
  const network = networks.list.find((n) => n.chainId === networks.defaultChainId);
  const community = network?.defaultCommunity;
  if (!network || !community) return undefined;
  return communityPath(network.chainId, community.contracts.communityGovernor, sub);
}
