import { type Address, getAddress, isAddress } from 'viem';
import { rpcError } from '../../shared/rpcErrors.js';

/** Which community: its network and its governor (the natural handle of a community). */
export type CommunityHandle = { chainId: number; governor: Address };

const SHAPE = 'wallet_joinCommunity expects [{ chainId: "0x7a69", governor: "0x…" }] (the chain id in hexadecimal, the governor\'s address).';

/** A chain id as EIP-3085 writes it: `0x` and hexadecimal digits without leading zeros, within JavaScript's safe integers. */
export function parseHexChainId(value: unknown): number | null {
  if (typeof value !== 'string' || !/^0x[1-9a-fA-F][0-9a-fA-F]*$/.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * The parameters of `wallet_joinCommunity`, checked strictly: one object with exactly `chainId` and
 * `governor`. Anything else is -32602 with what was wrong, in words.
 */
export function parseJoinParams(params: unknown): CommunityHandle {
  if (!Array.isArray(params) || params.length !== 1) throw rpcError.invalidParams(SHAPE);
  const request: unknown = params[0];
  if (typeof request !== 'object' || request === null || Array.isArray(request)) throw rpcError.invalidParams(SHAPE);
  const extra = Object.keys(request).filter((key) => key !== 'chainId' && key !== 'governor');
  if (extra.length > 0) throw rpcError.invalidParams(`wallet_joinCommunity does not take "${extra[0]!.slice(0, 32)}": only chainId and governor.`);
  const { chainId, governor } = request as { chainId?: unknown; governor?: unknown };
  const id = parseHexChainId(chainId);
  if (id === null) throw rpcError.invalidParams('"chainId" must be the chain id in hexadecimal, such as "0x7a69" for 31337 (no leading zeros).');
  if (typeof governor !== 'string' || !isAddress(governor, { strict: true }))
    throw rpcError.invalidParams('"governor" must be the address of the community\'s governor: 0x and 40 hexadecimal characters (with a correct checksum if mixed case).');
  return { chainId: id, governor: getAddress(governor) };
}

/**
 * What the shopper pasted in Settings: a link to the community's dApp (`…/<chainId>/<governor>/…`, its
 * path or its `#` part), or the governor's address alone (then on the wallet's active network).
 * Returns a sentence saying what to paste when it is neither.
 */
export function parsePastedCommunity(text: unknown, activeChainId: number): CommunityHandle | { error: string } {
  const pasted = typeof text === 'string' ? text.trim() : '';
  const hint = 'Paste a link to the community\'s page (it contains the network number and the governor\'s address) or the governor\'s address.';
  if (pasted === '') return { error: hint };
  if (isAddress(pasted, { strict: false }) && pasted.startsWith('0x')) {
    if (!isAddress(pasted, { strict: true })) return { error: 'This address has a wrong checksum: copy it again.' };
    return { chainId: activeChainId, governor: getAddress(pasted) };
  }
  let url: URL;
  try {
    url = new URL(pasted);
  } catch {
    return { error: hint };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { error: hint };
  const segments = [...url.pathname.split('/'), ...url.hash.replace(/^#/, '').split('/')].map((segment) => decodeURIComponent(segment)).filter(Boolean);
  for (let i = 0; i + 1 < segments.length; i++) {
    const [first, second] = [segments[i]!, segments[i + 1]!];
    if (!/^[1-9]\d{0,15}$/.test(first) || !isAddress(second, { strict: false })) continue;
    const chainId = Number(first);
    if (!Number.isSafeInteger(chainId)) continue;
    if (!isAddress(second, { strict: true })) return { error: 'The governor\'s address in this link has a wrong checksum: copy the link again.' };
    return { chainId, governor: getAddress(second) };
  }
  return { error: 'This link does not name a community: it should contain the network number and the governor\'s address, like …/31337/0x9fE4…a6e0/.' };
}
