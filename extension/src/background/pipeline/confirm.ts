import { ProviderRpcError, RpcErrorCode, rpcError } from '../../shared/rpcErrors.js';
import type { Approvals } from '../approvals/Approvals.js';
import type { RiskReason } from '@commonguard/sdk/risk';
import type { Judgement } from './types.js';
import { buildView } from './view.js';

/** How often a changed verdict is shown again before the wallet gives up on the request. */
export const MAX_RE_CONFIRMATIONS = 3;

export type ConfirmOutcome =
  | { go: true; judgement: Judgement }
  | { go: false; judgement: Judgement; outcome: 'rejected' | 'blocked' | 'failed'; detail?: string | undefined; error: ProviderRpcError };

export type ConfirmParameters = {
  approvals: Approvals;
  judgement: Judgement;
  signal?: AbortSignal | undefined;
  /**
   * Judges the request again just before signing, against the latest policy and history, and simulated
   * again if the chain moved since `agreed` was judged.
   */
  recheck: (agreed: Judgement) => Promise<Judgement>;
  /** A sentence shown above the request (why a payment session did not cover it). */
  note?: string | null | undefined;
};

/**
 * Step 5: shows the window and turns its answer into "go" or the reason not to. A warning needs the
 * explicit acknowledgement; a block and an unverifiable request that moves money cannot be signed,
 * whatever the window answers. After an approval the request is judged again; if the verdict got worse
 * in any way (a policy change, another payment), the new verdict is shown instead of signing.
 */
export async function confirm({ approvals, judgement, signal, recheck, note: first = null }: ConfirmParameters): Promise<ConfirmOutcome> {
  let current = judgement;
  let note: string | null = first;
  for (let round = 0; round <= MAX_RE_CONFIRMATIONS; round++) {
    let decision: Awaited<ReturnType<Approvals['request']>>;
    try {
      // Signatures have their own window kind, so a site's signature waits behind its open payment window (one window per site) instead of being refused.
      const kind = current.request.kind === 'transaction' ? 'payment' : 'signature';
      decision = await approvals.request(current.request.origin, { kind, view: buildView(current, note) }, { signal });
    } catch (error) {
      if (error instanceof ProviderRpcError && error.code === 4001) return refusal(current, error);
      throw error;
    }
    const verdict = verdictOf(current);
    if (!decision.approved || verdict.kind !== 'signable') return refusal(current);
    if (verdict.needsAcknowledgement && decision.acknowledged !== true)
      return { go: false, judgement: current, outcome: 'rejected', detail: 'warning not acknowledged', error: rpcError.userRejected('The request needs an explicit acknowledgement of the warning.') };
    const next = await recheck(current);
    if (consentCovers(current, next)) return { go: true, judgement: next };
    note = !sameOutcome(current, next)
      ? 'What this transaction would do changed while this window was open (the chain moved on): check it again.'
      : `The verdict changed while this window was open${next.assessment && current.assessment && next.assessment.policyVersion !== current.assessment.policyVersion ? ` (the community’s policy is now version ${next.assessment.policyVersion})` : ''}: check it again.`;
    current = next;
  }
  return { go: false, judgement: current, outcome: 'rejected', detail: 'the verdict kept changing', error: rpcError.userRejected('The verdict kept changing while the window was open; nothing was signed.') };
}

type Verdict = { kind: 'signable'; needsAcknowledgement: boolean } | { kind: 'blocked' } | { kind: 'unverified'; reason: string };

/** What the wallet may do with a judgement, whatever the window says. */
export function verdictOf({ assessment, gathered, understanding }: Judgement): Verdict {
  if (!assessment) {
    if (!understanding.movesMoney) return { kind: 'signable', needsAcknowledgement: true };
    return { kind: 'unverified', reason: gathered.ok ? 'missing information' : gathered.missing.reasons.join(' ') };
  }
  if (assessment.level === 'block') return { kind: 'blocked' };
  return { kind: 'signable', needsAcknowledgement: assessment.level === 'warn' };
}

const LEVEL_RANK = { allow: 0, warn: 1, block: 2 } as const;

/**
 * Whether what the person agreed to covers the verdict the wallet would now sign: no higher level, no
 * higher score, and no reason they were not shown. A milder verdict (the previous payment to this
 * recipient confirmed meanwhile, a looser policy) needs no second window; anything worse shows again.
 */
export function consentCovers(agreed: Judgement, next: Judgement): boolean {
  if (!sameOutcome(agreed, next)) return false;
  if (agreed.assessment === null || next.assessment === null) return agreed.assessment === next.assessment && verdictOf(agreed).kind === verdictOf(next).kind;
  const shown = new Set(agreed.assessment.reasons.map(reasonKey));
  return (
    LEVEL_RANK[next.assessment.level] <= LEVEL_RANK[agreed.assessment.level] &&
    next.assessment.score <= agreed.assessment.score &&
    next.assessment.reasons.filter(raisesRisk).every((reason) => shown.has(reasonKey(reason)))
  );
}

/**
 * Whether a re-simulation shows what the window showed: the same effects and the same failure (or none).
 * Anything else, even a smaller amount, is shown again: the person agreed to what they saw.
 */
function sameOutcome(agreed: Judgement, next: Judgement): boolean {
  const key = ({ understanding }: Judgement) => JSON.stringify({ effects: understanding.effects.effects, failure: understanding.failure }, (_, value) => (typeof value === 'bigint' ? value.toString() : value));
  return key(agreed) === key(next);
}

/** A reason as the person saw it: its rule, and whether it was a hard rule (its points are in the score). */
const reasonKey = (reason: RiskReason) => `${reason.rule}:${reason.hard === true ? 'hard' : 'soft'}`;

/**
 * The page's error for a blocked request: 4001 and a message a shop can show as it is (sentences, no
 * ids); the rule's id and the policy version are in `data`, for the page's developer.
 */
function blockedError(message: string, rule: string, policyVersion: bigint): ProviderRpcError {
  return new ProviderRpcError(RpcErrorCode.userRejected, message, { reason: 'blockedByCommunity', rule, policyVersion: policyVersion.toString() });
}

/** Reasons that make a request riskier; a new one of those was never agreed to (credits only lower the score). */
const raisesRisk = (reason: RiskReason) => reason.hard === true || reason.atLeast !== undefined || (reason.points ?? 0) > 0;

function refusal(judgement: Judgement, error?: ProviderRpcError): ConfirmOutcome {
  const verdict = verdictOf(judgement);
  if (verdict.kind === 'unverified') {
    return { go: false, judgement, outcome: 'failed', detail: `cannot verify: ${verdict.reason}`, error: rpcError.userRejected(`Not signed: the wallet cannot verify this request. ${verdict.reason}`) };
  }
  if (verdict.kind === 'blocked' && judgement.assessment) {
    const { assessment } = judgement;
    const rule = assessment.reasons.find((reason) => reason.hard) ?? assessment.reasons[0];
    if (!rule?.hard) {
      const detail = `Blocked: the risk score ${assessment.score} reaches the community's block level (policy version ${assessment.policyVersion}).`;
      const message = `Your community's rules do not allow this payment: its risk score ${assessment.score} reaches their block level (policy version ${assessment.policyVersion}).`;
      return { go: false, judgement, outcome: 'blocked', detail, error: blockedError(message, 'score', assessment.policyVersion) };
    }
    // The history is read by the person: the rule in words.
    const detail = `Blocked by a rule your community voted for (policy version ${assessment.policyVersion}): ${rule.message}`;
    return { go: false, judgement, outcome: 'blocked', detail, error: blockedError(`Your community's rules do not allow this payment. ${rule.message}`, rule.rule, assessment.policyVersion) };
  }
  return { go: false, judgement, outcome: 'rejected', error: error ?? rpcError.userRejected() };
}
