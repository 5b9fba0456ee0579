import type { Address } from 'viem';
import type { Judgement, SessionGate } from '../pipeline/types.js';
import { judgedMiss, MISS_WORDS, type SessionMiss, type SessionPayment } from './rules.js';
import type { Sessions } from './Sessions.js';

/**
 * The pipeline's session gate for one chain: a judged request from a site with an active session is
 * signed without a window only when it is one payment that fits the session (see `admit`) and its
 * verdict is allow under the policy version the session was granted under. Otherwise the window opens,
 * saying why the session did not cover it. A request from a site without a session is untouched.
 */
export function sessionGate(sessions: Sessions, chainId: number, chainNow?: () => Promise<number>): SessionGate {
  return async (judgement) => {
    const { request } = judgement;
    if (request.origin === null) return { silent: false, note: null };
    const found = await sessions.find(request.origin, request.account, chainId);
    if (!found) return { silent: false, note: null };
    const paid = paymentOf(judgement, chainId);
    if (!paid) return outside('notOnePayment');
    // How long an authorisation stays usable is the token's business, by the chain's clock.
    const payment = paid.validBefore !== undefined && chainNow ? { ...paid, chainNow: await chainNow() } : paid;
    const limits = judgement.gathered.ok ? judgement.gathered.context.policy.snapshot.tokenLimits.find((limit) => limit.token.toLowerCase() === payment.token.toLowerCase()) : undefined;
    const hold = await sessions.hold(payment, limits);
    if (!hold) return { silent: false, note: null };
    if (!hold.held) return outside(hold.miss);
    const { assessment } = judgement;
    const miss = judgedMiss(hold.held.session, { level: assessment?.level ?? 'unverified', policyVersion: assessment?.policyVersion.toString() ?? null });
    if (miss) {
      hold.held.release();
      return outside(miss);
    }
    const { commit, release } = hold.held;
    return { silent: true, session: hold.held.session.id, done: async (signed) => (signed ? commit() : release()) };
  };
}

function outside(miss: SessionMiss) {
  return { silent: false as const, note: `Not covered by this site’s payment session: ${MISS_WORDS[miss]}` };
}

/**
 * The one payment a judged request makes, as a session reads it, or `null` when it does anything else
 * (several payments, an approval, something arriving, a signature that is not a transfer authorisation).
 */
export function paymentOf({ request, understanding }: Judgement, chainId: number): SessionPayment | null {
  if (request.kind === 'message' || request.origin === null) return null;
  const effects = understanding.effects.effects;
  const [only] = effects;
  if (effects.length !== 1 || only?.kind !== 'assetOut' || only.to === null || only.amount === 0n) return null;
  let validBefore: bigint | undefined;
  if (request.kind === 'typedData') {
    const { standard, definition } = request.decoded;
    if (standard !== 'eip3009Transfer' && standard !== 'eip3009Receive') return null;
    validBefore = definition.message.validBefore as bigint;
  }
  return { origin: request.origin, account: request.account, chainId, token: only.token as Address, to: only.to, amount: only.amount, ...(validBefore !== undefined ? { validBefore } : {}) };
}
