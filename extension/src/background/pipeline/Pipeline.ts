import { effectsFromDecoding } from '@commonguard/sdk/effects';
import type { Address, Hex, PublicClient } from 'viem';
import { rpcError } from '../../shared/rpcErrors.js';
import type { Approvals } from '../approvals/Approvals.js';
import type { ChainAccess } from '../chain/ChainAccess.js';
import type { History } from '../history/History.js';
import type { Keyring } from '../keyring/Keyring.js';
import { describeChainError, type PolicyCache } from '../policy/PolicyCache.js';
import { TokenInfoCache } from '../risk/context.js';
import { decodeCommunityCall } from '@commonguard/sdk/decode';
import { assess, outflowsOf, PendingPayments } from './assess.js';
import { quoteFees } from '../transactions/send.js';
import { type CommunityDeployment, communityDeploymentFor, readCommunityFacts } from './community.js';
import { confirm } from './confirm.js';
import { execute } from './execute.js';
import { beginGather, type BudgetCheck, gather, type GatherSources, partyOf } from './gather.js';
import { record } from './record.js';
import { simulateTransaction } from './simulate.js';
import type { Judgement, Understanding, WalletRequest } from './types.js';
import { understandMessage, understandTransaction, understandTypedData } from './understand.js';

/** The addresses and tokens a request's own fields name: read while the simulation runs. */
function likelyNames(request: WalletRequest): { parties: Address[]; tokens: Address[] } {
  if (request.kind !== 'transaction') return { parties: [], tokens: [] };
  const { effects } = effectsFromDecoding({ action: request.action, account: request.account });
  const parties: Address[] = [];
  const tokens: Address[] = [];
  for (const effect of effects) {
    const who = partyOf(effect);
    if (who) parties.push(who);
    tokens.push(effect.token);
  }
  if (request.call.to && request.action.kind !== 'nativeTransfer') parties.push(request.call.to);
  return { parties, tokens };
}

export type PipelineOptions = {
  chain: ChainAccess;
  policy: PolicyCache;
  history: History;
  approvals: Approvals;
  keyring: Keyring;
  /** The shopper's own budget: a payment over it warns. */
  budget?: BudgetCheck | undefined;
  now?: () => number;
};

/**
 * The one path every request that moves money or signs takes: understand → gather context → assess →
 * confirm → execute (sign / send) → record. Each step is its own module; this class only runs them
 * in order and keeps what spans them (the open payments that count against the daily cap).
 */
export class Pipeline {
  #options: PipelineOptions;
  #tokens = new TokenInfoCache();
  #pending = new PendingPayments();
  #now: () => number;

  constructor(options: PipelineOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Steps 1–3 only: what the window would show. Used by {@link run} and by tests and the bench. */
  async judge(request: WalletRequest): Promise<{ judgement: Judgement; reservation: string }> {
    const { client, sources, community } = await this.#sources();
    const early = beginGather(sources, request, likelyNames(request));
    // The fee quote shares the round trip; bad fee fields from the page (-32602) end the request before any window.
    const fee = request.kind === 'transaction' ? quoteFees({ client, account: request.account, call: request.call }) : undefined;
    fee?.catch(() => {});
    const understanding = await this.#understand(client, request, community);
    const facts = community && understanding.community ? readCommunityFacts(client, community, understanding.community, request.account) : undefined;
    const gathered = await gather(sources, early, understanding, facts);
    return this.#assessAndReserve(request, understanding, gathered, await fee);
  }

  /** Runs the whole pipeline; resolves with the transaction hash or signature, or rejects with the page's error. */
  async run(request: WalletRequest, signal?: AbortSignal): Promise<Hex> {
    const { judgement, reservation } = await this.judge(request);
    try {
      const confirmed = await confirm({
        approvals: this.#options.approvals,
        judgement,
        signal,
        recheck: async () => {
          const { sources } = await this.#sources();
          const previous = judgement.gathered.ok ? judgement.gathered.context.community : judgement.gathered.missing.community;
          const gathered = await gather(sources, beginGather(sources, request), judgement.understanding, Promise.resolve(previous));
          return { request, understanding: judgement.understanding, gathered, fee: judgement.fee, assessment: gathered.ok ? assess(request, judgement.understanding, gathered.context, this.#pending.of(request.account, reservation)) : null };
        },
      });
      if (!confirmed.go) {
        await record(this.#options.history, confirmed.judgement, { outcome: confirmed.outcome, detail: confirmed.detail }, this.#now());
        throw confirmed.error;
      }
      const { client, settings } = await this.#options.chain.current();
      let result: Hex;
      try {
        result = await execute({ keyring: this.#options.keyring, client, settings }, confirmed.judgement);
      } catch (error) {
        const reason = describeChainError(error);
        await record(this.#options.history, confirmed.judgement, { outcome: 'failed', detail: reason }, this.#now());
        throw request.kind === 'transaction' ? rpcError.internal(`The payment was approved but sending failed: ${reason}.`) : error;
      }
      await record(this.#options.history, confirmed.judgement, request.kind === 'transaction' ? { outcome: 'sent', hash: result } : { outcome: 'signed' }, this.#now());
      return result;
    } finally {
      this.#pending.release(reservation);
    }
  }

  async #sources(): Promise<{ client: PublicClient; sources: GatherSources; community: CommunityDeployment | null }> {
    const { client, settings } = await this.#options.chain.current();
    return { client, community: communityDeploymentFor(settings.chainId, settings.paymentPolicy), sources: { client, policyAddress: settings.paymentPolicy, policy: this.#options.policy, history: this.#options.history, tokens: this.#tokens, now: this.#now, budget: this.#options.budget } };
  }

  async #understand(client: PublicClient, request: WalletRequest, community: CommunityDeployment | null): Promise<Understanding> {
    switch (request.kind) {
      case 'transaction': {
        const deployment = request.call.to === undefined;
        const [simulation, nonce] = await Promise.all([
          simulateTransaction(client, request.account, request.call),
          deployment ? client.getTransactionCount({ address: request.account }).catch(() => undefined) : Promise.resolve(undefined),
        ]);
        const contracts = community?.contracts;
        const call = contracts && request.call.to ? decodeCommunityCall(contracts, { to: request.call.to, data: request.call.data, value: request.call.value }) : undefined;
        return understandTransaction({
          action: request.action,
          account: request.account,
          simulation,
          nonce,
          communityContracts: contracts ? new Set(Object.values(contracts).map((address) => address.toLowerCase())) : undefined,
          community: call,
        });
      }
      case 'typedData':
        return understandTypedData(request);
      case 'message':
        return understandMessage(request);
    }
  }

  /** Assesses and reserves in the same tick, so two requests judged at once each see the other's amount. */
  #assessAndReserve(request: WalletRequest, understanding: Understanding, gathered: Judgement['gathered'], fee: Judgement['fee']): { judgement: Judgement; reservation: string } {
    const assessment = gathered.ok ? assess(request, understanding, gathered.context, this.#pending.of(request.account)) : null;
    const signable = assessment !== null && assessment.level !== 'block';
    const reservation = this.#pending.reserve(request.account, signable ? outflowsOf(understanding, this.#now()) : []);
    return { judgement: { request, understanding, gathered, assessment, ...(fee ? { fee } : {}) }, reservation };
  }
}
