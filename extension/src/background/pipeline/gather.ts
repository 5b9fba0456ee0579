import type { Effect } from '@commonguard/sdk/effects';
import type { MerchantStatus, PartyFacts, PastPayment, RequestConcern, SuspiciousTransfer, TokenInfo } from '@commonguard/sdk/risk';
import type { Address, PublicClient } from 'viem';
import type { History } from '../history/History.js';
import type { GuardRules, RulesSource } from '../communities/rules.js';
import { mergeStatus } from '../communities/rules.js';
import { describeChainError, PolicyUnavailableError } from '../policy/PolicyCache.js';
import type { PolicyVersion } from '../policy/TrustedSites.js';
import { statusOf } from '../communities/status.js';
import { type AccountFacts, readAccountFacts, readMerchantStatus, readOriginStatus, type StatusRead } from '../risk/context.js';
import { listedSymbolsOf, readListedSymbols, tokenConcerns } from '../tokens/tokenConcerns.js';
import { type DirectoryToken, NATIVE_TOKEN, nativeCoinOf, type TokenDirectory } from '../tokens/TokenDirectory.js';
import { partyOf } from './effects.js';
import type { CommunityFacts, Gathered, Understanding, WalletRequest } from './types.js';

export type GatherSources = {
  client: PublicClient;
  /** The communities whose rules guard the request's network (none: the wallet's own model decides). */
  communities: readonly RulesSource[];
  /** Reads their rules, merged (`communities/rules.ts`). */
  rules: () => Promise<GuardRules>;
  history: History;
  tokens: TokenDirectory;
  now: () => number;
  /** The shopper's own budget (see `budget/`): whether paying `amount` of `token` would go over it. */
  budget?: BudgetCheck | undefined;
  /** The hosts the given policies trust, together (for the look-alike check), each read once per policy version. */
  trustedSites?: ((policies: readonly PolicyVersion[]) => Promise<string[]>) | undefined;
  /** The address-poisoning primers stored for an account (`history/SuspiciousTransfers.ts`). */
  suspicious?: SuspiciousTransferSource | undefined;
};

/** The stored address-poisoning primers of an account: a storage read, so a payment never waits on a log scan. */
export type SuspiciousTransferSource = (account: Address) => Promise<readonly SuspiciousTransfer[]>;

/** Whether a payment would go over the shopper's personal budget, and the sentence that says so. */
export type BudgetCheck = (token: Address, amount: bigint, tokenInfo: TokenInfo) => Promise<{ over: boolean; message: string } | null>;

/** The reads that do not depend on the request's effects, started before the simulation so both share a round trip. */
export type EarlyReads = {
  rules: Promise<GuardRules>;
  origin: Promise<StatusRead | null>;
  history: Promise<PastPayment[]>;
  /** Reads already started for addresses and tokens the request names, keyed by lower-case address. */
  parties: Map<string, PartyRead>;
  tokens: Map<string, Promise<Settled<DirectoryToken>>>;
  /** The symbols of the tokens the community lists (and the native coin's), to spot copies of them. */
  listedSymbols: Promise<Map<string, Address>>;
  /** The hosts the guarding communities trust, together (none guards: empty). */
  trustedSites: Promise<string[]>;
  /** The account's stored address-poisoning primers (none when they cannot be read: a best effort). */
  suspicious: Promise<readonly SuspiciousTransfer[]>;
};

type PartyRead = Promise<{ status: Settled<StatusRead>; facts: Settled<AccountFacts> }>;

/**
 * Step 2, first half: starts the policy, site-status and history reads, and the reads for the
 * addresses and tokens the calldata names (`decoded`: the effects the understand step read from it,
 * plus the called contract): the simulation usually names the same ones, so a plain payment needs one
 * round trip to the node (nothing is awaited here).
 */
export function beginGather(sources: GatherSources, request: WalletRequest, decoded: readonly Effect[] = []): EarlyReads {
  const { client, communities, history, trustedSites } = sources;
  const fresh = sources.rules();
  const origin = request.origin;
  const early: EarlyReads = {
    rules: fresh,
    origin: origin && communities.length > 0 ? statusOf(communities, (policy) => readOriginStatus(client, policy, origin)) : Promise.resolve(null),
    history: history.paymentsOf(request.account),
    parties: new Map(),
    tokens: new Map(),
    // Read once per token and kept by the directory: after the first request this costs nothing.
    listedSymbols: fresh.then(
      ({ policy }) => readListedSymbols(client, sources.tokens, policy.snapshot.tokenLimits),
      () => listedSymbolsOf([], nativeCoinOf(client).symbol),
    ),
    // The union of the guarding communities' trusted sites (none guards: none), once their rules are read.
    trustedSites: trustedSites && origin ? fresh.then(({ communities: guarding }) => trustedSites(guarding)) : Promise.resolve([]),
    suspicious: (sources.suspicious?.(request.account) ?? Promise.resolve([])).catch(() => []),
  };
  // Awaited later; until then a rejection must not count as unhandled.
  for (const promise of [early.rules, early.origin, early.history, early.trustedSites]) promise.catch(() => {});
  const parties = decoded.map(partyOf).filter((who): who is Address => who !== null);
  if (request.kind === 'transaction' && request.call.to && request.action.kind !== 'nativeTransfer') parties.push(request.call.to);
  for (const address of parties) early.parties.set(address.toLowerCase(), readParty(sources, address));
  for (const { token } of decoded) early.tokens.set(token.toLowerCase(), settle(sources.tokens.describe(client, token)));
  return early;
}

function readParty({ client, communities }: GatherSources, address: Address): PartyRead {
  return Promise.all([settle(statusOf(communities, (policy) => readMerchantStatus(client, policy, address))), settle(readAccountFacts(client, address))]).then(
    ([status, facts]) => ({ status, facts }),
  );
}

/** What the guarding communities say about a site or an address, merged (a block by any blocks); `unknown` without a community. */
/**
 * Step 2: everything the rules need that lives outside the request: the policy snapshot, the
 * community's status for the site and for every address the effects name (and the called
 * contract), whether each has code or is a token, the tokens' symbols and decimals, and the local
 * history. Any read that fails makes the context "missing", with the reasons in plain words and the
 * last policy read for the window.
 */
export async function gather(sources: GatherSources, early: EarlyReads, understanding: Understanding, community?: Promise<CommunityFacts | undefined>): Promise<Gathered> {
  const { client } = sources;
  const addresses = new Map<string, Address>();
  for (const effect of understanding.effects.effects) {
    // Who sends the signer something needs no checking: only who is paid or empowered.
    const who = effect.kind === 'assetIn' ? null : partyOf(effect);
    if (who) addresses.set(who.toLowerCase(), who);
  }
  if (understanding.target) addresses.set(understanding.target.address.toLowerCase(), understanding.target.address);
  for (const named of understanding.named ?? []) addresses.set(named.toLowerCase(), named);
  const tokenAddresses = new Map<string, Address>();
  for (const effect of understanding.effects.effects) if ('token' in effect) tokenAddresses.set(effect.token.toLowerCase(), effect.token);
  const call = understanding.community;
  if (call && 'token' in call) tokenAddresses.set(call.token.toLowerCase(), call.token);

  const [rulesRead, originRead, historyRead, partyReads, tokenReads, communityFacts, listedSymbols, trustedRead, suspiciousTransfers] = await Promise.all([
    settle(early.rules),
    settle(early.origin),
    settle(early.history),
    Promise.all([...addresses.values()].map(async (address) => ({ address, ...(await (early.parties.get(address.toLowerCase()) ?? readParty(sources, address))) }))),
    Promise.all([...tokenAddresses.values()].map(async (token) => ({ token, info: await (early.tokens.get(token.toLowerCase()) ?? settle(sources.tokens.describe(client, token))) }))),
    // Only names and context for the window: a failed read leaves them out, it never fails the request.
    (community ?? Promise.resolve(undefined)).catch(() => undefined),
    early.listedSymbols,
    settle(early.trustedSites),
    early.suspicious,
  ]);

  const reasons: string[] = [];
  const parties: Record<string, PartyFacts> = {};
  for (const { address, status, facts } of partyReads) {
    if (!status.ok) reasons.push(`Cannot read the community’s status of ${short(address)}: ${describeChainError(status.error)}.`);
    if (!facts.ok) reasons.push(`Cannot read the account ${short(address)}: ${describeChainError(facts.error)}.`);
    parties[address.toLowerCase()] = {
      status: (status.ok ? status.value.status : 'unknown') as MerchantStatus,
      ...(status.ok && status.value.note ? { note: status.value.note } : {}),
      isContract: facts.ok ? facts.value.isContract : false,
      isToken: facts.ok ? facts.value.isToken : false,
      ...(facts.ok && facts.value.fresh !== undefined ? { fresh: facts.value.fresh } : {}),
    };
  }
  // The network's own coin as the network list names it (a window on Polygon says POL, not ETH).
  const coin = nativeCoinOf(client);
  const read: Record<string, DirectoryToken> = { [NATIVE_TOKEN]: coin };
  for (const { token, info } of tokenReads) {
    if (info.ok) read[token.toLowerCase()] = info.value;
    else reasons.push(`Cannot read the token ${short(token)}: ${describeChainError(info.error)}.`);
  }
  // Copies of listed tokens are shown with their address, and they and unreadable tokens are concerns.
  const { tokens, concerns: tokenWarnings } = tokenConcerns(understanding.effects.effects, read, listedSymbols, coin.symbol);
  if (!originRead.ok) reasons.push(`Cannot read the site’s status: ${describeChainError(originRead.error)}.`);
  if (!historyRead.ok) reasons.push('Cannot read the local payment history.');
  // Without the communities' trusted sites a page imitating one of them would go unnoticed: missing, not empty.
  if (!trustedRead.ok && rulesRead.ok) reasons.push(`Cannot read the sites the community trusts: ${describeChainError(trustedRead.error)}.`);
  const originStatus = originRead.ok ? originRead.value : null;

  if (!rulesRead.ok) {
    const error = rulesRead.error;
    reasons.unshift(error instanceof PolicyUnavailableError ? error.message : `Cannot read the community policy: ${describeChainError(error)}`);
  }
  if (!rulesRead.ok || !historyRead.ok || reasons.length > 0) {
    const stale = !rulesRead.ok && rulesRead.error instanceof PolicyUnavailableError ? rulesRead.error.stale : null;
    return {
      ok: false,
      missing: {
        reasons: [...new Set(reasons)],
        stalePolicy: stale ? { version: stale.snapshot.version.toString(), ageSeconds: Math.round((sources.now() - stale.readAt) / 1000) } : null,
        tokens,
        parties,
        originStatus,
        community: communityFacts,
      },
    };
  }
  const concerns = [...tokenWarnings, ...(await budgetConcerns(sources.budget, understanding, tokens))];
  const { policy, communities, decidedBy } = rulesRead.value;
  const trustedSites = trustedRead.ok ? trustedRead.value : [];
  return { ok: true, context: { policy, guard: { communities, decidedBy }, parties, tokens, originStatus, history: historyRead.value, now: sources.now(), community: communityFacts, concerns, trustedSites, suspiciousTransfers } };
}

/**
 * A payment over the shopper's own budget is a concern: at least a warning, which the shopper can
 * acknowledge. It never lowers the community's verdict; a budget that cannot be read says nothing.
 */
async function budgetConcerns(budget: BudgetCheck | undefined, understanding: Understanding, tokens: Record<string, TokenInfo>): Promise<RequestConcern[]> {
  if (!budget) return [];
  const perToken = new Map<string, { token: Address; amount: bigint }>();
  for (const effect of understanding.effects.effects) {
    if (effect.kind !== 'assetOut' || effect.amount === 0n) continue;
    const entry = perToken.get(effect.token.toLowerCase()) ?? { token: effect.token, amount: 0n };
    entry.amount += effect.amount;
    perToken.set(effect.token.toLowerCase(), entry);
  }
  const checks = await Promise.all(
    [...perToken.values()].map(({ token, amount }) => {
      const info = tokens[token.toLowerCase()];
      return info ? budget(token, amount, info).catch(() => null) : Promise.resolve(null);
    }),
  );
  return checks.filter((check) => check?.over === true).map((check) => ({ rule: 'personalBudget' as const, message: (check as { message: string }).message }));
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

function short(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}
