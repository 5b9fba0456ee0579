import type { PublicClient } from 'viem';
import { type CachedPolicy, type PolicyCache, PolicyUnavailableError } from '../policy/PolicyCache.js';
import type { Communities, JoinedCommunity } from './Communities.js';
import { type GuardRules, mergeRules } from './rules.js';

export type GuardOptions = { communities: Communities; policy: PolicyCache; now?: () => number };

/**
 * Which rules guard a network: those of the communities the shopper joined there, each community's
 * policy read through the one {@link PolicyCache} and merged by `mergeRules` (the stricter rule wins).
 */
export class Guard {
  #communities: Communities;
  #policy: PolicyCache;
  #now: () => number;

  constructor({ communities, policy, now = Date.now }: GuardOptions) {
    this.#communities = communities;
    this.#policy = policy;
    this.#now = now;
  }

  /** The joined communities that guard `chainId` (no chain read). */
  communitiesOf(chainId: number): Promise<JoinedCommunity[]> {
    return this.#communities.of(chainId);
  }

  /** The names of the communities whose rules guard `chainId`; empty when none does (the own model decides there). */
  async guardOf(chainId: number): Promise<string[]> {
    return (await this.#communities.of(chainId)).map((community) => community.name);
  }

  /**
   * The same in the words a network window shows ({ community, detail }, the shape of the networks'
   * `GuardOf`); `null`: no community's rules apply there (the wallet's own model and budgets decide).
   */
  async guardView(chainId: number): Promise<{ community: string; detail: string } | null> {
    const names = await this.guardOf(chainId);
    if (names.length === 0) return null;
    const community = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
    return { community, detail: names.length === 1 ? 'Its rules check every payment on this network.' : 'Their rules check every payment on this network; where they differ, the stricter one counts.' };
  }

  /**
   * The rules for a request on `chainId`, each community's policy up to date. A policy that cannot be
   * read fails the whole read ({@link PolicyUnavailableError}, naming the community): a request is never
   * judged by fewer rules than the shopper chose.
   */
  async rules(client: PublicClient, chainId: number, joined?: JoinedCommunity[]): Promise<GuardRules> {
    const communities = joined ?? (await this.#communities.of(chainId));
    const read = await Promise.all(
      communities.map(async (community) => {
        try {
          return { community, cached: await this.#policy.fresh(client, community.policy) };
        } catch (error) {
          if (!(error instanceof PolicyUnavailableError)) throw error;
          throw new PolicyUnavailableError(`${community.name}: ${error.message}`, error.stale, error.cause);
        }
      }),
    );
    return mergeRules(read, this.#now());
  }

  /** The rules as last read (for pages shown while the chain does not answer); `null` if a policy was never read. */
  async lastRules(chainId: number): Promise<{ rules: GuardRules | null; error: string | null }> {
    const communities = await this.#communities.of(chainId);
    const read: { community: JoinedCommunity; cached: CachedPolicy }[] = [];
    let error: string | null = null;
    for (const community of communities) {
      const status = this.#policy.status(community.policy);
      if (status.lastError) error ??= `${community.name}: ${status.lastError}`;
      if (status.cached) read.push({ community, cached: status.cached });
    }
    return { rules: read.length === communities.length ? mergeRules(read, this.#now()) : null, error };
  }
}
