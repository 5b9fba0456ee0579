import type { MerchantStatus, TokenLimits } from '@commonguard/sdk';
import type { RiskPolicy } from '@commonguard/sdk/risk';
import type { Address } from 'viem';
import type { CachedPolicy } from '../policy/PolicyCache.js';

/**
 * How the rules of the communities that guard one network become the one set of rules a request is
 * judged by (pure). The assess step applies them exactly as it applies one community's policy: this
 * module only chooses the values, it applies none of them.
 *
 * - No community: the wallet's own model and the shopper's budgets decide, with the thresholds the
 *   signals are weighed for ({@link OWN_MODEL_POLICY}) and no limits, and the window says so.
 * - One community: its policy, unchanged.
 * - Two or more: for each rule the stricter value wins: the lowest warn and block levels, the lowest
 *   limit of each kind per token (a community that sets none for a token, or 0, sets no limit), unlimited
 *   approvals only if every community allows them. A merchant or a site blocked by any is blocked; one
 *   trusted by a community and blocked by none counts as trusted. `decidedBy` names, per rule, the
 *   community (or communities, on a tie) whose value won, for the window.
 */

/** A community as the rules name it: its name, and where its policy lives. */
export type RulesSource = { name: string; governor: Address; policy: Address };

export type GuardingCommunity = RulesSource & { version: bigint };

/** Which community's value won, per rule: names (several on a tie). Per token, keyed by lower-case address. */
export type RuleDeciders = {
  warnAt: string[];
  blockAt: string[];
  unlimitedApprovalsAllowed: string[];
  tokens: Record<string, { maxSinglePayment: string[]; dailyCap: string[]; maxFirstPayment: string[] }>;
};

export type GuardRules = {
  /** The communities whose rules apply, oldest joined first; empty when none guards the network. */
  communities: GuardingCommunity[];
  /** The rules as one policy: what the assess step judges with. */
  policy: CachedPolicy;
  decidedBy: RuleDeciders;
};

/** Where the own model's "policy" lives: nowhere (no contract). */
export const NO_POLICY: Address = '0x0000000000000000000000000000000000000000';

/** The wallet's own model without a community: the demo policy's thresholds (the signals' points are weighed for them), no limits. */
export const OWN_MODEL_POLICY: RiskPolicy = { version: 0n, warnAt: 40, blockAt: 80, unlimitedApprovalsAllowed: true, tokenLimits: [] };

const LIMIT_FIELDS = ['maxSinglePayment', 'dailyCap', 'maxFirstPayment'] as const;

/** The rules of the communities guarding a network, read at `now` (for the own model's read time). */
export function mergeRules(read: ReadonlyArray<{ community: RulesSource; cached: CachedPolicy }>, now: number): GuardRules {
  const communities = read.map(({ community, cached }) => ({ ...community, version: cached.snapshot.version }));
  if (read.length === 0) return { communities, policy: { address: NO_POLICY, snapshot: OWN_MODEL_POLICY, readAt: now }, decidedBy: { warnAt: [], blockAt: [], unlimitedApprovalsAllowed: [], tokens: {} } };
  const names = (pick: (snapshot: RiskPolicy) => unknown, winner: unknown) => read.filter(({ cached }) => pick(cached.snapshot) === winner).map(({ community }) => community.name);
  const lowest = (values: number[]) => Math.min(...values);
  const warnAt = lowest(read.map(({ cached }) => cached.snapshot.warnAt));
  const blockAt = lowest(read.map(({ cached }) => cached.snapshot.blockAt));
  const unlimitedApprovalsAllowed = read.every(({ cached }) => cached.snapshot.unlimitedApprovalsAllowed);

  const tokens = new Map<string, Address>();
  for (const { cached } of read) for (const limit of cached.snapshot.tokenLimits) if (!tokens.has(limit.token.toLowerCase())) tokens.set(limit.token.toLowerCase(), limit.token);
  const tokenLimits: TokenLimits[] = [];
  const tokenDeciders: RuleDeciders['tokens'] = {};
  for (const [key, token] of tokens) {
    const merged: TokenLimits = { token, maxSinglePayment: 0n, dailyCap: 0n, maxFirstPayment: 0n };
    const deciders = { maxSinglePayment: [] as string[], dailyCap: [] as string[], maxFirstPayment: [] as string[] };
    for (const field of LIMIT_FIELDS) {
      // 0 means "no limit": the strictest is the lowest limit that is set.
      const set = read
        .map(({ community, cached }) => ({ name: community.name, value: cached.snapshot.tokenLimits.find((limit) => limit.token.toLowerCase() === key)?.[field] ?? 0n }))
        .filter(({ value }) => value > 0n);
      if (set.length === 0) continue;
      merged[field] = set.reduce((low, { value }) => (value < low ? value : low), set[0]!.value);
      deciders[field] = set.filter(({ value }) => value === merged[field]).map(({ name }) => name);
    }
    tokenLimits.push(merged);
    tokenDeciders[key] = deciders;
  }

  // One community: its own version. Several: the sum, which grows whenever any of them changes its rules.
  const version = read.reduce((sum, { cached }) => sum + cached.snapshot.version, 0n);
  const policy: CachedPolicy = {
    address: read[0]!.cached.address,
    readAt: Math.min(...read.map(({ cached }) => cached.readAt)),
    snapshot: { version, warnAt, blockAt, unlimitedApprovalsAllowed, tokenLimits },
  };
  return {
    communities,
    policy: read.length === 1 ? read[0]!.cached : policy,
    decidedBy: {
      warnAt: names((snapshot) => snapshot.warnAt, warnAt),
      blockAt: names((snapshot) => snapshot.blockAt, blockAt),
      unlimitedApprovalsAllowed: unlimitedApprovalsAllowed ? [] : names((snapshot) => snapshot.unlimitedApprovalsAllowed, false),
      tokens: tokenDeciders,
    },
  };
}

/** One community's status for a site or an address. */
export type StatusBy = { name: string; status: MerchantStatus; note: string };

/** The status that applies: blocked by any community blocks; trusted by one and blocked by none is trusted. `by`: who decided. */
export function mergeStatus(reads: readonly StatusBy[]): { status: MerchantStatus; note: string; by: string[] } {
  for (const status of ['blocked', 'trusted'] as const) {
    const deciding = reads.filter((read) => read.status === status);
    if (deciding.length > 0) return { status, note: deciding.find((read) => read.note)?.note ?? '', by: deciding.map((read) => read.name) };
  }
  return { status: 'unknown', note: '', by: [] };
}
