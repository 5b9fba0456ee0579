import { getAddress, zeroAddress, type Address, type Hex } from 'viem';
import { communityGovernorAbi } from '../chain/abis.js';
import type { Deployment } from '../chain/config.js';
import type { AppClient } from '../chain/chain.js';
import * as Q from './queries.js';
import {
  PROPOSAL_STATES,
  proposalTitle,
  type Budget,
  type Delegate,
  type Indexer,
  type MerchantStatus,
  type Payout,
  type PolicyChange,
  type PolicyVersion,
  type ProposalDetail,
  type ProposalPage,
  type ProposalQuery,
  type ProposalSummary,
  type Support,
  type TimelineEvent,
  type TreasuryFlow,
  type Vote,
} from './types.js';

/** The most rows one GraphQL list returns (graph-node's limit). */
const MAX_FIRST = 1000;

export class SubgraphError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SubgraphError';
  }
}

type RawProposal = {
  id: string;
  proposalId: string;
  proposer: string;
  description: string;
  voteStart: string;
  voteEnd: string;
  forVotes: string;
  againstVotes: string;
  abstainVotes: string;
  queued: boolean;
  executed: boolean;
  canceled: boolean;
  eta: string | null;
};

/** Sends one GraphQL query to the subgraph at `url`; what goes wrong is a {@link SubgraphError} in words. */
export async function querySubgraph<T>(url: string, query: string, variables: Record<string, unknown> = {}, fetcher: typeof fetch = (input, init) => fetch(input, init)): Promise<T> {
  let response: Response;
  try {
    response = await fetcher(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new SubgraphError(`The subgraph at ${url} does not answer. Check the address or your connection.`);
  }
  if (!response.ok) throw new SubgraphError(`The subgraph answered with HTTP ${response.status}.`);
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new SubgraphError(`The subgraph refused the query: ${body.errors.map((e) => e.message).join('; ')}`);
  if (!body.data) throw new SubgraphError('The subgraph returned no data.');
  return body.data;
}

/**
 * Reads history from the CommonGuard subgraph. Proposal *state* depends on the clock and the quorum,
 * which an indexer cannot know in advance, so it is read from the governor over RPC for the proposals
 * shown (a handful of batched calls), exactly as the ChainIndexer does.
 */
export class SubgraphIndexer implements Indexer {
  readonly kind = 'subgraph' as const;

  constructor(
    private readonly url: string,
    private readonly client: AppClient,
    private readonly deployment: Deployment,
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  /** The community read: its governor's address in lowercase hex, as the subgraph's ids write it. */
  get #community(): string {
    return this.deployment.contracts.communityGovernor.toLowerCase();
  }

  /** A proposal's entity id: the governor's address, then the proposal id (ids repeat across communities). */
  #proposalKey(id: bigint): string {
    return `${this.#community}-${id}`;
  }

  #query<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    return querySubgraph<T>(this.url, query, variables, this.fetcher);
  }

  #state(id: bigint): Promise<number> {
    return this.client.readContract({ address: this.deployment.contracts.communityGovernor, abi: communityGovernorAbi, functionName: 'state', args: [id] }) as Promise<number>;
  }

  async #summaries(raw: RawProposal[]): Promise<ProposalSummary[]> {
    const states = await Promise.all(raw.map((p) => this.#state(BigInt(p.proposalId))));
    return raw.map((p, i) => toSummary(p, states[i]));
  }

  async listProposals(query: ProposalQuery): Promise<ProposalPage> {
    const states = query.states ?? [];
    const search = query.search?.trim() ?? '';
    if (states.length === 0 && search === '') {
      const data = await this.#query<{ stats: { proposalCount: number } | null; proposals: RawProposal[] }>(Q.PROPOSALS_PAGE, {
        community: this.#community,
        stats: this.#community,
        first: query.first,
        skip: query.skip,
      });
      return { items: await this.#summaries(data.proposals), total: data.stats?.proposalCount ?? data.proposals.length };
    }
    const data = await this.#query<{ proposals: RawProposal[] }>(Q.PROPOSALS_SEARCH, { community: this.#community, search, first: MAX_FIRST });
    let candidates = data.proposals;
    let stateOf: number[] = await Promise.all(candidates.map((p) => this.#state(BigInt(p.proposalId))));
    if (states.length > 0) {
      const keep = candidates.map((_, i) => states.includes(PROPOSAL_STATES[stateOf[i]]));
      candidates = candidates.filter((_, i) => keep[i]);
      stateOf = stateOf.filter((_, i) => keep[i]);
    }
    const items = candidates.slice(query.skip, query.skip + query.first).map((p, i) => toSummary(p, stateOf[query.skip + i]));
    return { items, total: candidates.length };
  }

  async getProposal(id: bigint): Promise<ProposalDetail | null> {
    const data = await this.#query<{ proposal: (RawProposal & Record<string, any>) | null }>(Q.PROPOSAL_DETAIL, { id: this.#proposalKey(id) });
    const p = data.proposal;
    if (!p) return null;
    const [summary] = await this.#summaries([p]);
    const quorum = (await this.client
      .readContract({ address: this.deployment.contracts.communityGovernor, abi: communityGovernorAbi, functionName: 'quorum', args: [summary.voteStart] })
      .catch(() => 0n)) as bigint;
    const timeline: TimelineEvent[] = [{ kind: 'created', timestamp: BigInt(p.createdAt), tx: p.createdTx }];
    if (p.queuedAt) timeline.push({ kind: 'queued', timestamp: BigInt(p.queuedAt), tx: p.queuedTx });
    if (p.executedAt) timeline.push({ kind: 'executed', timestamp: BigInt(p.executedAt), tx: p.executedTx });
    if (p.canceledAt) timeline.push({ kind: 'canceled', timestamp: BigInt(p.canceledAt), tx: p.canceledTx });
    if (p.extendedAt) timeline.push({ kind: 'extended', timestamp: BigInt(p.extendedAt), tx: p.extendedTx });
    return {
      ...summary,
      actions: p.actions.map((a: any) => ({ target: getAddress(a.target), value: BigInt(a.value), calldata: a.calldata as Hex })),
      quorum,
      timeline: timeline.sort((a, b) => Number(a.timestamp - b.timestamp)),
    };
  }

  async getVotes(proposalId: bigint): Promise<Vote[]> {
    const votes: Vote[] = [];
    for (let skip = 0; ; skip += MAX_FIRST) {
      const data = await this.#query<{ votes: any[] }>(Q.PROPOSAL_VOTES, { proposal: this.#proposalKey(proposalId), first: MAX_FIRST, skip });
      for (const v of data.votes) {
        votes.push({
          proposalId,
          voter: getAddress(v.voter.account),
          support: Number(v.support) as Support,
          weight: BigInt(v.weight),
          reason: v.reason,
          timestamp: BigInt(v.timestamp),
          tx: v.transactionHash,
        });
      }
      if (data.votes.length < MAX_FIRST) return votes;
    }
  }

  async getDelegates(first: number): Promise<Delegate[]> {
    const data = await this.#query<{ delegates: any[] }>(Q.TOP_DELEGATES, { community: this.#community, first: Math.min(first, MAX_FIRST) });
    return data.delegates.map((d) => ({ address: getAddress(d.account), votingPower: BigInt(d.votingPower), delegators: d.delegatorCount }));
  }

  async getPayouts(first: number): Promise<Payout[]> {
    const data = await this.#query<{ payouts: any[] }>(Q.PAYOUTS, { community: this.#community, first: Math.min(first, MAX_FIRST) });
    return data.payouts.map((p) => ({
      executor: getAddress(p.executor),
      token: getAddress(p.token),
      recipient: getAddress(p.recipient),
      amount: BigInt(p.amount),
      memo: p.memo,
      byVote: p.byVote,
      timestamp: BigInt(p.timestamp),
      blockNumber: BigInt(p.blockNumber),
      logIndex: logIndexOfEventId(p.id),
      tx: p.transactionHash,
    }));
  }

  async getBudgets(): Promise<Budget[]> {
    const [data, block] = await Promise.all([this.#query<{ budgets: any[] }>(Q.BUDGETS, { community: this.#community }), this.client.getBlock()]);
    const now = block.timestamp;
    // In the order the budgets were last set: by block, then by log index.
    const setAt = (b: any) => {
      const change = b.changes?.[0];
      if (!change) return [0n, 0] as const;
      return [BigInt(change.blockNumber), logIndexOfEventId(change.id)] as const;
    };
    const ordered = [...data.budgets].sort((x, y) => {
      const [[bx, ix], [by, iy]] = [setAt(x), setAt(y)];
      return bx === by ? ix - iy : bx < by ? -1 : 1;
    });
    return ordered.map((b) => {
      const amountPerPeriod = BigInt(b.amountPerPeriod);
      const period = BigInt(b.period);
      let periodStart = BigInt(b.periodStart);
      let spent = BigInt(b.spentInPeriod);
      // The same rollover rule as Treasury._currentPeriod: a finished period starts afresh.
      if (period > 0n && now >= periodStart + period) {
        periodStart += ((now - periodStart) / period) * period;
        spent = 0n;
      }
      return { treasurer: getAddress(b.treasurer), token: getAddress(b.token), amountPerPeriod, period, periodStart, spent, remaining: amountPerPeriod - spent };
    });
  }

  async getPolicyVersions(): Promise<PolicyVersion[]> {
    const rows: any[] = [];
    for (let skip = 0; ; skip += MAX_FIRST) {
      const data = await this.#query<{ policyVersions: any[] }>(Q.POLICY_VERSIONS, { community: this.#community, first: MAX_FIRST, skip });
      rows.push(...data.policyVersions);
      if (data.policyVersions.length < MAX_FIRST) break;
    }
    const versions = new Map<number, PolicyVersion>();
    // Oldest first within a version, so changes read in the order they happened.
    // (One transaction can make several changes of one version: its log index orders them.)
    for (const row of [...rows].sort((a, b) => Number(a.version) - Number(b.version) || Number(a.timestamp) - Number(b.timestamp) || logIndexOfEventId(a.id) - logIndexOfEventId(b.id))) {
      const version = Number(row.version);
      let entry = versions.get(version);
      if (!entry) {
        entry = { version, changes: [], timestamp: BigInt(row.timestamp), tx: row.transactionHash, proposalId: row.proposal ? BigInt(row.proposal.proposalId) : null };
        versions.set(version, entry);
      }
      entry.changes.push(toChange(row));
    }
    return [...versions.values()].sort((a, b) => b.version - a.version);
  }

  async getTreasuryFlows(tokens: Address[]): Promise<TreasuryFlow[]> {
    const list = [...new Set([zeroAddress, ...tokens].map((t) => t.toLowerCase()))];
    const data = await this.#query<{ deposits: any[]; payouts: any[] }>(Q.TREASURY_FLOWS, { community: this.#community, tokens: list, first: MAX_FIRST });
    // In chain order (block, then log index), as the ChainIndexer reads them: deposits and payouts
    // of one second must not swap.
    const rows = [...data.deposits.map((d) => ({ row: d, sign: 1n })), ...data.payouts.map((p) => ({ row: p, sign: -1n }))];
    rows.sort((a, b) => Number(BigInt(a.row.blockNumber) - BigInt(b.row.blockNumber)) || logIndexOfEventId(a.row.id) - logIndexOfEventId(b.row.id));
    return rows.map(({ row, sign }): TreasuryFlow => ({ token: getAddress(row.token), delta: sign * BigInt(row.amount), timestamp: BigInt(row.timestamp), tx: row.transactionHash }));
  }
}

function toSummary(p: RawProposal, state: number): ProposalSummary {
  return {
    id: BigInt(p.proposalId),
    proposer: getAddress(p.proposer),
    title: proposalTitle(p.description),
    description: p.description,
    state: PROPOSAL_STATES[state],
    voteStart: BigInt(p.voteStart),
    voteEnd: BigInt(p.voteEnd),
    forVotes: BigInt(p.forVotes),
    againstVotes: BigInt(p.againstVotes),
    abstainVotes: BigInt(p.abstainVotes),
    eta: p.eta && p.eta !== '0' ? BigInt(p.eta) : null,
  };
}

function toChange(row: any): PolicyChange {
  switch (row.change) {
    case 'Thresholds':
      return { kind: 'thresholds', warnAt: Number(row.warnAt), blockAt: Number(row.blockAt) };
    case 'TokenLimits':
      return { kind: 'tokenLimits', token: getAddress(row.token), maxSinglePayment: BigInt(row.maxSinglePayment), dailyCap: BigInt(row.dailyCap), maxFirstPayment: BigInt(row.maxFirstPayment) };
    case 'TokenLimitsRemoved':
      return { kind: 'tokenLimitsRemoved', token: getAddress(row.token) };
    case 'UnlimitedApprovals':
      return { kind: 'unlimitedApprovals', allowed: Boolean(row.unlimitedApprovalsAllowed) };
    case 'MerchantStatus':
      return { kind: 'merchant', merchant: getAddress(row.merchant), status: row.status as MerchantStatus, note: row.note ?? '' };
    case 'DomainStatus':
      return { kind: 'domain', domain: row.domain, status: row.status as MerchantStatus, note: row.note ?? '' };
    default:
      return { kind: 'origin', origin: row.origin, status: row.status as MerchantStatus, note: row.note ?? '' };
  }
}

/**
 * The log index inside an event entity's id: the subgraph writes ids as the transaction hash followed by
 * the log index as a 4-byte little-endian integer (graph-ts `Bytes.concatI32`).
 */
export function logIndexOfEventId(id: string): number {
  const tail = id.slice(-8);
  let index = 0;
  for (let i = 3; i >= 0; --i) index = index * 256 + Number.parseInt(tail.slice(i * 2, i * 2 + 2), 16);
  return index;
}
