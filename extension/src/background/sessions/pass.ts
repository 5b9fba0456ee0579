import type { Address } from 'viem';
import type { Context, Judgement, SessionDecision, SessionGate, WalletRequest } from '../pipeline/types.js';
import { judgedMiss, MISS_WORDS, type PaymentSession, renewalWords, renewedTerms, type SessionMiss, type SessionPayment } from './rules.js';
import type { Sessions } from './Sessions.js';

/** What a gate reads of the chain besides the judgement: its time, and a watch on its new blocks. */
export type SessionChain = {
  /** The latest block's time (an authorisation's validity is judged by it). */
  chainNow?: (() => Promise<number>) | undefined;
  /** Keeps the chain's new blocks watched while a site pays inside its session, so the next payment reuses this block's reads. */
  watchBlocks?: (() => void) | undefined;
};

/**
 * The pipeline's session gate for one chain: a judged request from a site with an active session is
 * signed without a window only when it is one payment that fits the session (see `admit`) and its
 * verdict is allow under the policy version the session was granted under. Otherwise the window opens,
 * saying why the session did not cover it. A request from a site without a session is untouched.
 */
export function sessionGate(sessions: Sessions, chainId: number, { chainNow, watchBlocks }: SessionChain = {}): SessionGate {
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
    watchBlocks?.();
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
      if (miss === 'policyChanged' && judgement.gathered.ok) return renewal(sessions, hold.held.session, judgement.gathered.context);
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

/**
 * A payment that fits a session granted under older rules: the session is checked again as a new grant
 * under the rules it was judged by. Refused: the session ends now (the popup says why) and the payment
 * goes to the window as any other. Allowed: the window says that approving the payment keeps the session
 * under the new rules, and once it is signed the session is renewed, so later payments go without one.
 */
async function renewal(sessions: Sessions, session: PaymentSession, context: Context): Promise<SessionDecision> {
  const policyVersion = context.policy.snapshot.version.toString();
  const token = context.tokens[session.token.toLowerCase()];
  const terms = renewedTerms(session, {
    limits: context.policy.snapshot.tokenLimits.find((limit) => limit.token.toLowerCase() === session.token.toLowerCase()),
    token: token ?? { symbol: '', decimals: 0 },
    siteStatus: context.originStatus?.status ?? 'unknown',
    payeeStatus: session.payee ? (context.parties[session.payee.toLowerCase()]?.status ?? 'unknown') : null,
    policyVersion,
  });
  if (terms.kind === 'refused') {
    const reason = `The community changed its rules, and they no longer allow this session. ${terms.reason}`;
    await sessions.end(session.id, reason);
    return { silent: false, note: `This site’s payment session has ended: ${reason}` };
  }
  const { amountPerPeriod } = terms;
  return {
    silent: false,
    note: renewalWords(session, terms, token ?? { symbol: '', decimals: 0 }),
    done: async (signed) => (signed ? sessions.renew(session.id, { policyVersion, amountPerPeriod }) : undefined),
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
    if (!isAuthorisation(request)) return null;
    validBefore = request.decoded.definition.message.validBefore as bigint;
  }
  return { origin: request.origin, account: request.account, chainId, token: only.token as Address, to: only.to, amount: only.amount, ...(validBefore !== undefined ? { validBefore } : {}) };
}
