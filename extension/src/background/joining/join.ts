import { listDomains, listOrigins } from '@commonguard/sdk';
import { type Address, formatUnits, type PublicClient } from 'viem';
import type { CommunityView } from '../../shared/views.js';
import { classifyChainError, describeChainError } from '../chain/chainErrors.js';
import type { CachedPolicy, PolicyCache } from '../policy/PolicyCache.js';
import type { TokenDirectory } from '../tokens/TokenDirectory.js';
import type { Communities, JoinedCommunity } from '../communities/Communities.js';
import type { CommunityHandle } from './joinParams.js';

/** A community as read from the chain: its contracts, checked to belong together, and its name. */
export type CommunityOnChain = { chainId: number; name: string; governor: Address; token: Address; timelock: Address; treasury: Address; policy: Address };

/** Reads a community from its governor (the sdk's `readCommunity`). */
export type CommunityReader = (client: PublicClient, parameters: { governor: Address }) => Promise<CommunityOnChain>;

/**
 * Why a community cannot be joined: `unknownNetwork` (the wallet has no such network), `unreachable`
 * (its node does not answer), `notCommunity` (the address is no community, or its parts do not belong
 * together). The message is for the person.
 */
export class CommunityReadError extends Error {
  override name = 'CommunityReadError';
  readonly kind: 'unknownNetwork' | 'unreachable' | 'notCommunity';
  constructor(kind: CommunityReadError['kind'], message: string, cause?: unknown) {
    super(message, { cause });
    this.kind = kind;
  }
}

export type JoinSources = {
  /** The client of the network `chainId`; throws {@link CommunityReadError} `unknownNetwork` when the wallet has none. */
  client: (chainId: number) => Promise<PublicClient>;
  read: CommunityReader;
  /** Reads the community's policy (the wallet's cache for the network in use). */
  policy: Pick<PolicyCache, 'fresh'>;
  tokens: TokenDirectory;
  communities: Communities;
  networkName: (chainId: number) => string;
  now?: () => number;
};

/** Sites listed in the window at most (the rest are counted). */
const MAX_SITES = 20;

/**
 * Reads the community behind `handle` from its chain, checks it is one (the reader checks that its
 * contracts belong together, and that it lives on the network asked for), reads its policy, and puts its
 * rules in words. Nothing is stored: {@link Communities.join} stores the record once the person agreed.
 */
export async function readCommunityToJoin(sources: JoinSources, { chainId, governor }: CommunityHandle): Promise<{ record: JoinedCommunity; view: CommunityView }> {
  const client = await sources.client(chainId);
  let found: CommunityOnChain;
  try {
    found = await sources.read(client, { governor });
  } catch (error) {
    if (classifyChainError(error).kind === 'unreachable')
      throw new CommunityReadError('unreachable', `The network ${sources.networkName(chainId)} does not answer, so the community cannot be read. Try again later, or check the network's RPC in Settings.`, error);
    throw new CommunityReadError('notCommunity', `${governor} on ${sources.networkName(chainId)} is not a CommonGuard community (${reasonOf(error)}). Check the address or the link.`, error);
  }
  if (found.chainId !== chainId) throw new CommunityReadError('notCommunity', `The network answered as chain ${found.chainId}, not ${chainId}.`);
  let cached: CachedPolicy;
  try {
    cached = await sources.policy.fresh(client, found.policy);
  } catch (error) {
    const cause = error instanceof Error && error.cause ? error.cause : error;
    const unreachable = classifyChainError(cause).kind === 'unreachable';
    throw new CommunityReadError(unreachable ? 'unreachable' : 'notCommunity', `The rules of ${found.name} cannot be read: ${describeChainError(cause, { expected: 'a PaymentPolicy' })}.`, error);
  }
  const record: JoinedCommunity = { ...found, joinedAt: (sources.now ?? Date.now)() };
  const [limits, sites, joined] = await Promise.all([limitsInWords(sources, client, cached), sitesOf(client, found.policy), sources.communities.of(chainId)]);
  const others = joined.filter((community) => community.governor.toLowerCase() !== governor.toLowerCase()).map((community) => community.name);
  const { snapshot } = cached;
  return {
    record,
    view: {
      chainId,
      network: sources.networkName(chainId),
      name: found.name,
      governor: found.governor,
      policy: found.policy,
      policyVersion: snapshot.version.toString(),
      limits,
      ...sites,
      thresholds: `A payment with a risk score of ${snapshot.warnAt} or more needs your acknowledgement; from ${snapshot.blockAt} it cannot be signed.`,
      approvals: snapshot.unlimitedApprovalsAllowed ? 'Unlimited token approvals are allowed, with a warning.' : 'Unlimited token approvals are not allowed.',
      others,
      alreadyJoined: joined.length !== others.length,
    },
  };
}

async function limitsInWords({ tokens }: JoinSources, client: PublicClient, { snapshot }: CachedPolicy): Promise<CommunityView['limits']> {
  return Promise.all(
    snapshot.tokenLimits.map(async (limit) => {
      const info = await tokens.get(client, limit.token).catch(() => ({ symbol: `${limit.token.slice(0, 6)}…`, decimals: 0 }));
      const amount = (value: bigint) => `${Number(formatUnits(value, info.decimals)).toLocaleString('en-US', { maximumFractionDigits: 6 })} ${info.symbol}`;
      const parts = [
        limit.maxSinglePayment > 0n ? `at most ${amount(limit.maxSinglePayment)} in one payment` : null,
        limit.dailyCap > 0n ? `${amount(limit.dailyCap)} in 24 hours` : null,
        limit.maxFirstPayment > 0n ? `${amount(limit.maxFirstPayment)} for a first payment to someone new` : null,
      ].filter((part): part is string => part !== null);
      const sentence = parts.length > 0 ? `${info.symbol}: ${parts.join(', ')}.` : `${info.symbol}: listed, without limits.`;
      return { token: limit.token, symbol: info.symbol, sentence };
    }),
  );
}

async function sitesOf(client: PublicClient, policy: Address): Promise<Pick<CommunityView, 'sites' | 'moreSites'>> {
  const [origins, domains] = await Promise.all([listOrigins(client, { address: policy, limit: MAX_SITES }), listDomains(client, { address: policy, limit: MAX_SITES })]);
  const listed = [
    ...origins.origins.map((entry) => ({ site: entry.origin, status: entry.status, note: entry.note })),
    ...domains.domains.map((entry) => ({ site: `${entry.domain} (and its subdomains)`, status: entry.status, note: entry.note })),
  ].filter((entry): entry is CommunityView['sites'][number] => entry.status === 'trusted' || entry.status === 'blocked');
  const total = origins.total + domains.total;
  return { sites: listed.slice(0, MAX_SITES), moreSites: Math.max(0, total - Math.min(listed.length, MAX_SITES)) };
}

function reasonOf(error: unknown): string {
  const short = (error as { shortMessage?: unknown })?.shortMessage;
  return typeof short === 'string' ? short.replace(/\.$/, '') : describeChainError(error);
}
