import type { Hex, PublicClient } from 'viem';
import { rpcError } from '../../shared/rpcErrors.js';
import type { Approvals } from '../approvals/Approvals.js';
import type { ChainAccess } from '../chain/ChainAccess.js';
import type { History } from '../history/History.js';
import type { Keyring } from '../keyring/Keyring.js';
import type { Guard } from '../communities/Guard.js';
import { describeChainError } from '../policy/PolicyCache.js';
import { TrustedSites } from '../policy/TrustedSites.js';
import { prepareSigning } from '../transactions/send.js';
import { TokenDirectory } from '../tokens/TokenDirectory.js';
import { PendingPayments } from './assess.js';
import { type CommunityDeployment, communityAt, deploymentOf, readCommunityFacts } from './community.js';
import { confirm } from './confirm.js';
import { execute, RecordedFailure } from './execute.js';
import { beginGather, type BudgetCheck, gather, type GatherSources, type SuspiciousTransferSource } from './gather.js';
import { record } from './record.js';
import type { Judgement, RequestOutcome, SessionDecision, SessionGate, WalletRequest } from './types.js';
import { decodedEffectsOf, understand } from './understand.js';

export type PipelineOptions = {
  chain: ChainAccess;
  /** The rules of the communities the shopper joined on the request's network. */
  guard: Guard;
  history: History;
  approvals: Approvals;
  keyring: Keyring;
  /** The shopper's own budget: a payment over it warns. */
  budget?: BudgetCheck | undefined;
  /** The wallet's one token directory (the popup reads the same one); a fresh one if not given. */
  tokens?: TokenDirectory | undefined;
  /** The stored address-poisoning primers of an account (read from storage, never from logs); none if not given. */
  suspicious?: SuspiciousTransferSource | undefined;
  now?: () => number;
};

/** A judgement the person already saw, judged again just before signing, and the reservation it holds. */
export type JudgeAgain = { previous: Judgement; reservation: string };

/**
 * The one path every request that moves money or signs takes: understand → gather context → assess →
 * confirm → execute (sign / send) → record. Each step is its own module; this class only runs them
 * in order and keeps what spans them (the open payments that count against the daily cap).
 */
export class Pipeline {
  #options: PipelineOptions;
  #tokens: TokenDirectory;
  #pending = new PendingPayments();
  #trustedSites = new TrustedSites();
  #now: () => number;

  constructor(options: PipelineOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#tokens = options.tokens ?? new TokenDirectory();
  }

  /**
   * Steps 1–3 only: what the window would show. `again`: the re-check just before signing, which keeps
   * the fees the window showed, simulates again only when the block or the nonce moved, and updates the
   * request's own reservation instead of adding one. `prepare`: a session gate's reads, started with the
   * judgement's own.
   */
  async judge(request: WalletRequest, again?: JudgeAgain, prepare?: SessionGate['prepare']): Promise<{ judgement: Judgement; reservation: string }> {
    const { client, sources, community } = await this.#sources(request);
    const decoded = decodedEffectsOf(request);
    const early = beginGather(sources, request, decoded?.effects);
    prepare?.(request);
    // Bad fee fields from the page (-32602) end the request here, before any window.
    const signing = request.kind === 'transaction' ? await prepareSigning(client, request.account, request.call, again?.previous.fee) : undefined;
    const understanding = await understand({ client, community }, request, { signing, decoded, previous: again?.previous });
    const facts = community && understanding.community ? readCommunityFacts(client, community, understanding.community, request.account) : undefined;
    const gathered = await gather(sources, early, understanding, facts);
    const { assessment, reservation } = this.#pending.assessAndHold(request, understanding, gathered, this.#now(), again?.reservation);
    const judgement: Judgement = { request, understanding, gathered, assessment, ...(signing ? { fee: signing.fee, base: signing.base } : {}) };
    return { judgement, reservation };
  }

  /**
   * Runs the whole pipeline; resolves with the transaction hash or signature, or rejects with the page's
   * error. `session`: the site's payment session, which may let a judged request be signed without a
   * window (only when the verdict is allow and it fits); anything else goes to the window as usual.
   */
  async run(request: WalletRequest, signal?: AbortSignal, session?: SessionGate): Promise<Hex> {
    const { history, approvals, keyring } = this.#options;
    const { judgement, reservation } = await this.judge(request, undefined, session?.prepare);
    let decision: SessionDecision = { silent: false, note: null };
    let wasSigned = false;
    try {
      if (session) decision = await session(judgement);
      let signed: Judgement;
      if (decision.silent) signed = judgement;
      else {
        const note = decision.note;
        const confirmed = await confirm({ approvals, judgement, signal, note, recheck: async (previous) => (await this.judge(request, { previous, reservation })).judgement });
        if (!confirmed.go) {
          await record(history, confirmed.judgement, { kind: 'stopped', outcome: confirmed.outcome, detail: confirmed.detail }, this.#now());
          throw confirmed.error;
        }
        signed = confirmed.judgement;
      }
      const inSession = decision.silent ? decision.session : undefined;
      const note = (outcome: RequestOutcome) => record(history, signed, outcome.kind === 'sending' ? { ...outcome, session: inSession } : outcome, this.#now());
      const { settings } = await this.#options.chain.current();
      try {
        const result = await execute({ keyring, settings, record: note }, signed);
        wasSigned = true;
        if (request.kind !== 'transaction') await note({ kind: 'signed', session: inSession });
        return result;
      } catch (error) {
        if (error instanceof RecordedFailure) {
          wasSigned = true; // it was signed and may still be mined
          throw error.pageError;
        }
        const reason = describeChainError(error);
        await note({ kind: 'failed', reason });
        throw request.kind === 'transaction' ? rpcError.internal(`The payment was approved but sending failed: ${reason}.`) : error;
      }
    } finally {
      this.#pending.release(reservation);
      await decision.done?.(wasSigned);
    }
  }

  /** The request's network and the communities that guard it; `community`: the one whose contract a transaction calls. */
  async #sources(request: WalletRequest): Promise<{ client: PublicClient; sources: GatherSources; community: CommunityDeployment | null }> {
    const { client, settings } = await this.#options.chain.current();
    const { guard } = this.#options;
    const joined = await guard.communitiesOf(settings.chainId);
    const community = request.kind === 'transaction' ? communityAt(joined.map(deploymentOf), request.call.to) : null;
    const rules = () => guard.rules(client, settings.chainId, joined);
    return { client, community, sources: { client, communities: joined, rules, history: this.#options.history, tokens: this.#tokens, now: this.#now, budget: this.#options.budget, suspicious: this.#options.suspicious, trustedSites: (policies) => this.#trustedSites.ofAll(client, settings.chainId, policies) } };
  }
}
