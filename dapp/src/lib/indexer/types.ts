import type { Address, Hex } from 'viem';

/** The governor's proposal states, in the order of OpenZeppelin's `IGovernor.ProposalState`. */
export const PROPOSAL_STATES = [
  'Pending',
  'Active',
  'Canceled',
  'Defeated',
  'Succeeded',
  'Queued',
  'Expired',
  'Executed',
] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export type ProposalAction = { target: Address; value: bigint; calldata: Hex };

export type ProposalSummary = {
  id: bigint;
  proposer: Address;
  /** The description's first line, without markdown heading marks. */
  title: string;
  description: string;
  state: ProposalState;
  /** Timepoints on the governor's clock (seconds: the token uses a timestamp clock). */
  voteStart: bigint;
  voteEnd: bigint;
  forVotes: bigint;
  againstVotes: bigint;
  abstainVotes: bigint;
  /** When a queued proposal can be executed (seconds), or null if not queued. */
  eta: bigint | null;
};

export type TimelineEvent = {
  kind: 'created' | 'queued' | 'executed' | 'canceled' | 'extended';
  timestamp: bigint;
  tx: Hex;
};

export type ProposalDetail = ProposalSummary & {
  actions: ProposalAction[];
  quorum: bigint;
  timeline: TimelineEvent[];
};

export type Support = 0 | 1 | 2;

export type Vote = {
  proposalId: bigint;
  voter: Address;
  /** 0 against, 1 for, 2 abstain (GovernorCountingSimple). */
  support: Support;
  weight: bigint;
  reason: string;
  timestamp: bigint;
  tx: Hex;
};

export type Delegate = { address: Address; votingPower: bigint; delegators: number };

export type Payout = {
  executor: Address;
  token: Address;
  recipient: Address;
  amount: bigint;
  memo: string;
  byVote: boolean;
  timestamp: bigint;
  /** Where the PaidOut event sits on chain: payouts in one block (or one batch) are ordered by these. */
  blockNumber: bigint;
  logIndex: number;
  tx: Hex;
};

export type Budget = {
  treasurer: Address;
  token: Address;
  amountPerPeriod: bigint;
  period: bigint;
  periodStart: bigint;
  spent: bigint;
  remaining: bigint;
};

export type MerchantStatus = 'Unknown' | 'Trusted' | 'Blocked';

export type PolicyChange =
  | { kind: 'thresholds'; warnAt: number; blockAt: number }
  | { kind: 'tokenLimits'; token: Address; maxSinglePayment: bigint; dailyCap: bigint; maxFirstPayment: bigint }
  | { kind: 'tokenLimitsRemoved'; token: Address }
  | { kind: 'unlimitedApprovals'; allowed: boolean }
  | { kind: 'merchant'; merchant: Address; status: MerchantStatus; note: string }
  | { kind: 'origin'; origin: string; status: MerchantStatus; note: string }
  | { kind: 'domain'; domain: string; status: MerchantStatus; note: string };

export type PolicyVersion = {
  version: number;
  changes: PolicyChange[];
  timestamp: bigint;
  tx: Hex;
  /** The proposal whose execution made this change, or null (e.g. the deployment). */
  proposalId: bigint | null;
};

/** A movement of funds into (+) or out of (−) the treasury. */
export type TreasuryFlow = { token: Address; delta: bigint; timestamp: bigint; tx: Hex };

export type ProposalQuery = {
  /** Only proposals in one of these states; empty or missing means all. */
  states?: ProposalState[];
  /** Case-insensitive text in the title, description or proposer address. */
  search?: string;
  first: number;
  skip: number;
};

export type ProposalPage = { items: ProposalSummary[]; total: number };

/**
 * Everything the dApp reads about the past. Two implementations with identical return types:
 * {@link ChainIndexer} (reads the chain) and {@link SubgraphIndexer} (GraphQL).
 */
export interface Indexer {
  readonly kind: 'chain' | 'subgraph';
  listProposals(query: ProposalQuery): Promise<ProposalPage>;
  getProposal(id: bigint): Promise<ProposalDetail | null>;
  getVotes(proposalId: bigint): Promise<Vote[]>;
  getDelegates(first: number): Promise<Delegate[]>;
  getPayouts(first: number): Promise<Payout[]>;
  /** Active budgets, in the order they were last set. */
  getBudgets(): Promise<Budget[]>;
  getPolicyVersions(): Promise<PolicyVersion[]>;
  getTreasuryFlows(tokens: Address[]): Promise<TreasuryFlow[]>;
}

export function proposalTitle(description: string): string {
  const first = description.split('\n').find((line) => line.trim() !== '') ?? '';
  const title = first.replace(/^#+\s*/, '').trim();
  return title.length > 0 ? title.slice(0, 140) : 'Untitled proposal';
}

export function matchesSearch(p: { title: string; description: string; proposer: string }, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (needle === '') return true;
  return (
    p.title.toLowerCase().includes(needle) ||
    p.description.toLowerCase().includes(needle) ||
    p.proposer.toLowerCase().includes(needle)
  );
}
