import type { Address } from 'viem';
import type { Judgement, SessionGate, WalletRequest } from '../pipeline/types.js';
import { judgedMiss, MISS_WORDS, type SessionMiss, type SessionPayment } from './rules.js';
import type { Sessions } from './Sessions.js';

/**
 * The pipeline's session gate for one chain: a judged request from a site with an active session is
 * signed without a window only when it is one payment that fits the session (see `admit`) and its
 * verdict is allow under the policy version the session was granted under. Otherwise the window opens,
 * saying why the session did not cover it. A request from a site without a session is untouched.
 */
export function sessionGate(sessions: Sessions, chainId: number, chainNow?: () => Promise<number>): SessionGate {
  // The chain's time, read once per authorisation, started with the judgement's reads (one round trip).
  const chainTimes = new WeakMap<WalletRequest, Promise<number>>();
  const chainTimeOf = (request: WalletRequest): Promise<number> | undefined => {
    if (!chainNow || !isAuthorisation(request)) return undefined;
    let read = chainTimes.get(request);
    if (!read) {
      read = chainNow();
      read.catch(() => {}); // awaited by the gate, which fails the request with it
      chainTimes.set(request, read);
    }
    return read;
  };
  const gate: SessionGate = async (judgement) => {
    const { request } = judgement;
    if (request.origin === null) return { silent: false, note: null };
    const found = await sessions.find(request.origin, request.account, chainId);
    if (!found) return { silent: false, note: null };
    const paid = paymentOf(judgement, chainId);
    if (!paid) return outside('notOnePayment');
    // How long an authorisation stays usable is the token's business, by the chain's clock.
    const chainTime = paid.validBefore !== undefined ? chainTimeOf(request) : undefined;
    const payment = chainTime ? { ...paid, chainNow: await chainTime } : paid;
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
  gate.prepare = (request) => void chainTimeOf(request);
  return gate;
}

/** A transfer authorisation (EIP-3009): the one request a session reads the chain's time for. */
function isAuthorisation(request: WalletRequest): request is Extract<WalletRequest, { kind: 'typedData' }> {
  return request.kind === 'typedData' && (request.decoded.standard === 'eip3009Transfer' || request.decoded.standard === 'eip3009Receive');
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
    if (!isAuthorisation(request)) return null;
    validBefore = request.decoded.definition.message.validBefore as bigint;
  }
  return { origin: request.origin, account: request.account, chainId, token: only.token as Address, to: only.to, amount: only.amount, ...(validBefore !== undefined ? { validBefore } : {}) };
}
