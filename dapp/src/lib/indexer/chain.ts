import { erc20Abi, getAbiItem, zeroAddress, type Abi, type AbiEvent, type Address, type Hex } from 'viem';
import { communityGovernorAbi, communityTokenAbi, paymentPolicyAbi, treasuryAbi } from '../chain/abis.js';
import type { Deployment } from '../chain/config.js';
import type { AppClient } from '../chain/chain.js';
import { BlockTimes, LogCache, type DecodedLog } from './logCache.js';
import {
  PROPOSAL_STATES,
  matchesSearch,
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

const MERCHANT_STATUSES: MerchantStatus[] = ['Unknown', 'Trusted', 'Blocked'];

function events(abi: Abi, names: string[]): AbiEvent[] {
  return names.map((name) => getAbiItem({ abi, name }) as AbiEvent);
}

type Created = {
  id: bigint;
  proposer: Address;
  targets: Address[];
  values: bigint[];
  calldatas: Hex[];
  voteStart: bigint;
  voteEnd: bigint;
  description: string;
  log: DecodedLog;
};

/**
 * Reads governance, treasury and policy history straight from the chain: the governor's own storage
 * (`proposalCount` / `proposalDetailsAt`), event logs (fetched once, then only new blocks) and views.
 * Used when no subgraph is configured, so a local chain needs no graph-node.
 */
export class ChainIndexer implements Indexer {
  readonly kind = 'chain' as const;
  readonly #client: AppClient;
  readonly #d: Deployment['contracts'];
  // Separate caches, so listing proposals reads only their creation logs, not every vote.
  readonly #createdLogs: LogCache;
  readonly #lifecycleLogs: LogCache;
  readonly #voteLogs: LogCache;
  readonly #tokenLogs: LogCache;
  readonly #treasuryLogs: LogCache;
  readonly #policyLogs: LogCache;
  readonly #times: BlockTimes;
  readonly #fromBlock: bigint;
  readonly #transferLogs = new Map<Address, LogCache[]>();

  readonly #maxBlockRange: bigint | undefined;

  constructor(client: AppClient, deployment: Deployment, options: { maxBlockRange?: bigint } = {}) {
    this.#client = client;
    this.#d = deployment.contracts;
    this.#fromBlock = BigInt(deployment.deploymentBlock);
    this.#times = new BlockTimes(client);
    this.#maxBlockRange = options.maxBlockRange;
    const governor = this.#d.communityGovernor;
    this.#createdLogs = this.#cache(governor, events(communityGovernorAbi, ['ProposalCreated']));
    this.#lifecycleLogs = this.#cache(governor, events(communityGovernorAbi, ['ProposalQueued', 'ProposalExecuted', 'ProposalCanceled', 'ProposalExtended']));
    this.#voteLogs = this.#cache(governor, events(communityGovernorAbi, ['VoteCast', 'VoteCastWithParams']));
    this.#tokenLogs = this.#cache(this.#d.communityToken, events(communityTokenAbi, ['DelegateChanged', 'DelegateVotesChanged']));
    this.#treasuryLogs = this.#cache(this.#d.treasury, events(treasuryAbi, ['PaidOut', 'Deposited', 'BudgetSet', 'BudgetRevoked']));
    this.#policyLogs = this.#cache(
      this.#d.paymentPolicy,
      events(paymentPolicyAbi, ['ThresholdsChanged', 'TokenLimitsChanged', 'TokenLimitsRemoved', 'UnlimitedApprovalsChanged', 'MerchantStatusChanged', 'OriginStatusChanged', 'DomainStatusChanged']),
    );
  }

  #cache(address: Address, abiEvents: AbiEvent[], args?: Record<string, unknown>): LogCache {
    return new LogCache(this.#client, address, abiEvents, this.#fromBlock, args, this.#maxBlockRange);
  }

  #read<T>(functionName: string, args: readonly unknown[] = [], address: Address = this.#d.communityGovernor, abi: Abi = communityGovernorAbi): Promise<T> {
    return this.#client.readContract({ address, abi, functionName, args }) as Promise<T>;
  }

  async #created(): Promise<Map<bigint, Created>> {
    const logs = await this.#createdLogs.all();
    const map = new Map<bigint, Created>();
    for (const log of logs) {
      if (log.eventName !== 'ProposalCreated') continue;
      const a = log.args;
      map.set(a.proposalId, {
        id: a.proposalId,
        proposer: a.proposer,
        targets: a.targets,
        values: a.values,
        calldatas: a.calldatas,
        voteStart: a.voteStart,
        voteEnd: a.voteEnd,
        description: a.description,
        log,
      });
    }
    return map;
  }

  /** Proposal ids, newest first, paged through the governor's own enumeration. */
  async #ids(start: number, end: number): Promise<bigint[]> {
    const count = Number(await this.#read<bigint>('proposalCount'));
    const indices: number[] = [];
    for (let i = count - 1 - start; i >= Math.max(0, count - end); i--) indices.push(i);
    const details = await Promise.all(indices.map((i) => this.#read<readonly [bigint, ...unknown[]]>('proposalDetailsAt', [BigInt(i)])));
    return details.map((d) => d[0]);
  }

  async #count(): Promise<number> {
    return Number(await this.#read<bigint>('proposalCount'));
  }

  async #summary(id: bigint, created: Created | undefined): Promise<ProposalSummary> {
    const [state, votes, deadline, snapshot, eta] = await Promise.all([
      this.#read<number>('state', [id]),
      this.#read<readonly [bigint, bigint, bigint]>('proposalVotes', [id]),
      this.#read<bigint>('proposalDeadline', [id]),
      this.#read<bigint>('proposalSnapshot', [id]),
      this.#read<bigint>('proposalEta', [id]),
    ]);
    const description = created?.description ?? '';
    return {
      id,
      proposer: created?.proposer ?? zeroAddress,
      title: proposalTitle(description),
      description,
      state: PROPOSAL_STATES[state],
      voteStart: snapshot,
      voteEnd: deadline,
      againstVotes: votes[0],
      forVotes: votes[1],
      abstainVotes: votes[2],
      eta: eta === 0n ? null : eta,
    };
  }

  async listProposals(query: ProposalQuery): Promise<ProposalPage> {
    const states = query.states ?? [];
    const search = query.search?.trim() ?? '';
    const createdPromise = this.#created();
    if (states.length === 0 && search === '') {
      // The common case: read only the page's proposals.
      const [total, ids, created] = await Promise.all([this.#count(), this.#ids(query.skip, query.skip + query.first), createdPromise]);
      const items = await Promise.all(ids.map((id) => this.#summary(id, created.get(id))));
      return { items, total };
    }
    // Filtering needs every proposal's text and state: the ids and texts come from the cached creation
    // logs (same order as the governor's enumeration), the states from one batched call each.
    const created = await createdPromise;
    let ids = [...created.keys()].reverse();
    if (search !== '') {
      ids = ids.filter((id) => {
        const c = created.get(id);
        const description = c?.description ?? '';
        return matchesSearch({ title: proposalTitle(description), description, proposer: c?.proposer ?? '' }, search);
      });
    }
    if (states.length > 0) {
      const stateOf = await Promise.all(ids.map((id) => this.#read<number>('state', [id])));
      ids = ids.filter((_, i) => states.includes(PROPOSAL_STATES[stateOf[i]]));
    }
    const pageIds = ids.slice(query.skip, query.skip + query.first);
    const items = await Promise.all(pageIds.map((id) => this.#summary(id, created.get(id))));
    return { items, total: ids.length };
  }

  async getProposal(id: bigint): Promise<ProposalDetail | null> {
    const created = (await this.#created()).get(id);
    if (!created) return null;
    const summary = await this.#summary(id, created);
    const logs = [created.log, ...(await this.#lifecycleLogs.all())];
    const kinds: Record<string, TimelineEvent['kind']> = {
      ProposalCreated: 'created',
      ProposalQueued: 'queued',
      ProposalExecuted: 'executed',
      ProposalCanceled: 'canceled',
      ProposalExtended: 'extended',
    };
    const timeline = await Promise.all(
      logs
        .filter((log) => kinds[log.eventName] && log.args.proposalId === id)
        .map(async (log) => ({ kind: kinds[log.eventName], timestamp: await this.#times.get(log.blockNumber), tx: log.transactionHash })),
    );
    const quorum = await this.#read<bigint>('quorum', [summary.voteStart]).catch(() => 0n);
    return {
      ...summary,
      actions: created.targets.map((target, i) => ({ target, value: created.values[i], calldata: created.calldatas[i] })),
      quorum,
      timeline,
    };
  }

  async getVotes(proposalId: bigint): Promise<Vote[]> {
    const logs = (await this.#voteLogs.all()).filter(
      (log) => (log.eventName === 'VoteCast' || log.eventName === 'VoteCastWithParams') && log.args.proposalId === proposalId,
    );
    return Promise.all(
      logs.map(async (log) => ({
        proposalId,
        voter: log.args.voter,
        support: Number(log.args.support) as Support,
        weight: log.args.weight,
        reason: log.args.reason,
        timestamp: await this.#times.get(log.blockNumber),
        tx: log.transactionHash,
      })),
    );
  }

  async getDelegates(first: number): Promise<Delegate[]> {
    const logs = await this.#tokenLogs.all();
    const power = new Map<Address, bigint>();
    const delegateOf = new Map<Address, Address>();
    for (const log of logs) {
      if (log.eventName === 'DelegateVotesChanged') power.set(log.args.delegate, log.args.newVotes);
      else if (log.eventName === 'DelegateChanged') delegateOf.set(log.args.delegator, log.args.toDelegate);
    }
    const delegators = new Map<Address, number>();
    for (const to of delegateOf.values()) if (to !== zeroAddress) delegators.set(to, (delegators.get(to) ?? 0) + 1);
    return [...power.entries()]
      .filter(([, votes]) => votes > 0n)
      .map(([address, votingPower]) => ({ address, votingPower, delegators: delegators.get(address) ?? 0 }))
      .sort((a, b) => (b.votingPower > a.votingPower ? 1 : b.votingPower < a.votingPower ? -1 : 0))
      .slice(0, first);
  }

  async getPayouts(first: number): Promise<Payout[]> {
    const logs = (await this.#treasuryLogs.all()).filter((log) => log.eventName === 'PaidOut').slice(-first).reverse();
    return Promise.all(
      logs.map(async (log) => ({
        executor: log.args.executor,
        token: log.args.token,
        recipient: log.args.recipient,
        amount: log.args.amount,
        memo: log.args.memo,
        byVote: log.args.byVote,
        timestamp: await this.#times.get(log.blockNumber),
        blockNumber: log.blockNumber,
        logIndex: log.logIndex,
        tx: log.transactionHash,
      })),
    );
  }

  async getBudgets(): Promise<Budget[]> {
    const pairs = new Map<string, { treasurer: Address; token: Address }>();
    for (const log of await this.#treasuryLogs.all()) {
      if (log.eventName !== 'BudgetSet' && log.eventName !== 'BudgetRevoked') continue;
      const key = `${log.args.treasurer}:${log.args.token}`;
      // Deleted first, so the list is in the order the budgets were last set (as the subgraph's).
      pairs.delete(key);
      if (log.eventName === 'BudgetSet' && log.args.amountPerPeriod > 0n) pairs.set(key, { treasurer: log.args.treasurer, token: log.args.token });
    }
    const budgets = await Promise.all(
      [...pairs.values()].map(async ({ treasurer, token }) => {
        const view = await this.#read<{ amountPerPeriod: bigint; period: bigint; periodStart: bigint; spent: bigint; remaining: bigint }>(
          'budget',
          [treasurer, token],
          this.#d.treasury,
          treasuryAbi,
        );
        return { treasurer, token, ...view };
      }),
    );
    return budgets.filter((b) => b.amountPerPeriod > 0n);
  }

  async getPolicyVersions(): Promise<PolicyVersion[]> {
    const [policyLogs, governorLogs] = await Promise.all([this.#policyLogs.all(), this.#lifecycleLogs.all()]);
    // A change made by a proposal's execution shares the execution's transaction.
    const executedIn = new Map<Hex, bigint>();
    for (const log of governorLogs) if (log.eventName === 'ProposalExecuted') executedIn.set(log.transactionHash, log.args.proposalId);
    const versions = new Map<number, PolicyVersion>();
    for (const log of policyLogs) {
      const version = Number(log.args.version);
      let entry = versions.get(version);
      if (!entry) {
        entry = { version, changes: [], timestamp: await this.#times.get(log.blockNumber), tx: log.transactionHash, proposalId: executedIn.get(log.transactionHash) ?? null };
        versions.set(version, entry);
      }
      entry.changes.push(policyChange(log));
    }
    return [...versions.values()].sort((a, b) => b.version - a.version);
  }

  async getTreasuryFlows(tokens: Address[]): Promise<TreasuryFlow[]> {
    const treasury = this.#d.treasury;
    // Each flow with the log it came from, to put them in chain order (block, then log index).
    const flows: { flow: TreasuryFlow; block: bigint; index: number }[] = [];
    const add = async (log: { blockNumber: bigint; logIndex: number; transactionHash: Hex }, token: Address, delta: bigint) =>
      flows.push({ flow: { token, delta, timestamp: await this.#times.get(log.blockNumber), tx: log.transactionHash }, block: log.blockNumber, index: log.logIndex });
    // The native coin: Deposited (also emitted for plain transfers) and PaidOut.
    for (const log of await this.#treasuryLogs.all()) {
      if (log.args.token !== zeroAddress) continue;
      if (log.eventName === 'Deposited') await add(log, zeroAddress, log.args.amount);
      if (log.eventName === 'PaidOut') await add(log, zeroAddress, 0n - (log.args.amount as bigint));
    }
    // ERC-20s: every Transfer in or out, so direct transfers that skipped `deposit` count too.
    for (const token of tokens.filter((t) => t !== zeroAddress)) {
      let caches = this.#transferLogs.get(token);
      if (!caches) {
        const transfer = getAbiItem({ abi: erc20Abi, name: 'Transfer' }) as AbiEvent;
        caches = [this.#cache(token, [transfer], { to: treasury }), this.#cache(token, [transfer], { from: treasury })];
        this.#transferLogs.set(token, caches);
      }
      const [incoming, outgoing] = await Promise.all(caches.map((c) => c.all()));
      for (const log of incoming) await add(log, token, log.args.value);
      for (const log of outgoing) await add(log, token, 0n - (log.args.value as bigint));
    }
    // Chain order, so movements of one second (two deposits, a batch) keep the order they happened in.
    return flows.sort((a, b) => (a.block === b.block ? a.index - b.index : a.block < b.block ? -1 : 1)).map(({ flow }) => flow);
  }
}

function policyChange(log: DecodedLog): PolicyChange {
  const a = log.args;
  switch (log.eventName) {
    case 'ThresholdsChanged':
      return { kind: 'thresholds', warnAt: Number(a.warnAt), blockAt: Number(a.blockAt) };
    case 'TokenLimitsChanged':
      return { kind: 'tokenLimits', token: a.token, maxSinglePayment: a.maxSinglePayment, dailyCap: a.dailyCap, maxFirstPayment: a.maxFirstPayment };
    case 'TokenLimitsRemoved':
      return { kind: 'tokenLimitsRemoved', token: a.token };
    case 'UnlimitedApprovalsChanged':
      return { kind: 'unlimitedApprovals', allowed: a.allowed };
    case 'MerchantStatusChanged':
      return { kind: 'merchant', merchant: a.merchant, status: MERCHANT_STATUSES[Number(a.status)], note: a.note };
    case 'DomainStatusChanged':
      return { kind: 'domain', domain: a.domain, status: MERCHANT_STATUSES[Number(a.status)], note: a.note };
    default:
      return { kind: 'origin', origin: a.origin, status: MERCHANT_STATUSES[Number(a.status)], note: a.note };
  }
}
