/**
 * Payment sessions (ERC-7715 spending permissions), pure rules: no I/O, no clock (callers pass `now`).
 *
 * A session lets one site take up to `amountPerPeriod` of one token per period, until `expiry`, paid to
 * one payee (fixed by the grant, or by the first payment when the site named none). It never widens
 * what the community allows: the grant is capped at the community's daily cap for the token, and each
 * payment inside it is still judged by the pipeline; only a payment whose verdict is *allow* and that
 * fits the session is signed without a window. Everything else opens the normal window.
 */
import type { RiskLevel, RiskTokenLimits as TokenLimits } from '@commonguard/sdk/risk';
import type { Address } from 'viem';
import { showAmount } from '../../shared/amounts.js';

/** One active session, as the wallet keeps it (amounts in the token's base units). */
export type PaymentSession = {
  id: string;
  origin: string;
  /** The account the site was given, which the session pays from. */
  account: Address;
  chainId: number;
  /** The token paid; the zero address for the chain's native coin. */
  token: Address;
  /** Who the session pays; `null` until the first payment fixes it. */
  payee: Address | null;
  amountPerPeriod: bigint;
  /** What the site asked for per period (more than `amountPerPeriod` when the community's cap cut it). */
  askedPerPeriod: bigint;
  periodSeconds: number;
  /** Unix seconds. */
  expiry: number;
  /** Unix ms: when the session began (periods count from here). */
  createdAt: number;
  /** The community's policy version the grant was made under: a change sends payments back to the window. */
  policyVersion: string;
  /** Unix ms: the start of the period `spent` belongs to. */
  periodStart: number;
  spent: bigint;
  payments: number;
  lastPayment: { at: number; amount: bigint } | null;
  /**
   * Set when the community's new rules refused the session (see {@link renewedTerms}): it covers nothing
   * more, and the popup shows why until the shopper dismisses it.
   */
  ended?: { at: number; reason: string } | undefined;
};

/** What a site asks for, already read and checked (see `grantRequest.ts`). */
export type SessionRequest = {
  chainId: number;
  token: Address;
  payee: Address | null;
  amountPerPeriod: bigint;
  periodSeconds: number;
  expiry: number;
  justification?: string | undefined;
};

/** A payment a session may cover: one amount of one token to one recipient, from a site on a chain. */
export type SessionPayment = {
  origin: string;
  account: Address;
  chainId: number;
  token: Address;
  to: Address;
  amount: bigint;
  /** Signed authorisations (EIP-3009): unix seconds after which it can no longer be used. */
  validBefore?: bigint | undefined;
  /**
   * The chain's time (its latest block, unix seconds), which the token compares `validBefore` with: a
   * local chain whose clock was moved ahead is measured by its own clock. The wallet's clock when absent.
   */
  chainNow?: number | undefined;
};

/** How long a signed authorisation inside a session may stay usable: a few minutes, as x402 asks for. */
export const MAX_AUTHORIZATION_SECONDS = 10 * 60;
/** Shortest and longest period a site may ask for. */
export const MIN_PERIOD_SECONDS = 60;
export const MAX_PERIOD_SECONDS = 31 * 24 * 60 * 60;
/** A session lasts at most this long; a site asks again after. */
export const MAX_SESSION_SECONDS = 30 * 24 * 60 * 60;

/**
 * Why a payment goes to the window instead of being signed inside a session. Each has one sentence
 * ({@link MISS_WORDS}) that the window shows above the request.
 */
export type SessionMiss =
  | 'expired'
  | 'otherAccount'
  | 'otherChain'
  | 'otherToken'
  | 'otherPayee'
  | 'overBudget'
  | 'overSingle'
  | 'validTooLong'
  | 'notOnePayment'
  | 'policyChanged'
  | 'notAllowed';

export const MISS_WORDS: Record<SessionMiss, string> = {
  expired: 'The payment session with this site has ended.',
  otherAccount: 'This payment is from another account than the one the session is for.',
  otherChain: 'This payment is on another network than the session.',
  otherToken: 'This payment is in another token than the session allows.',
  otherPayee: 'This payment goes to someone else than the session’s payee.',
  overBudget: 'This payment is more than what is left of the session’s budget for this period.',
  overSingle: 'This payment is more than the community allows in one payment.',
  validTooLong: 'This authorisation stays usable for longer than a few minutes, so it is not signed inside the session.',
  notOnePayment: 'This request does more than one payment, so it is not signed inside the session.',
  policyChanged: 'The community changed its rules since you allowed the session.',
  notAllowed: 'The wallet found something to check in this payment.',
};

export type Admission = { fits: true; session: PaymentSession } | { fits: false; miss: SessionMiss };

/** The session with its period rolled over to the one `now` falls in (spent back to zero at each period's end). */
export function currentPeriod(session: PaymentSession, now: number): PaymentSession {
  const length = session.periodSeconds * 1000;
  if (now < session.periodStart + length) return session;
  const elapsed = Math.floor((now - session.createdAt) / length);
  return { ...session, periodStart: session.createdAt + elapsed * length, spent: 0n };
}

/** Whether the session has ended at `now` (unix ms). */
export function isExpired(session: PaymentSession, now: number): boolean {
  return now >= session.expiry * 1000;
}

/** What is left of the session's budget in the current period. */
export function remaining(session: PaymentSession, now: number): bigint {
  const current = currentPeriod(session, now);
  const left = current.amountPerPeriod - current.spent;
  return left > 0n ? left : 0n;
}

/**
 * Whether `payment` fits `session` at `now`, before any judgement: the same account, chain, token and
 * payee, inside the budget left this period, an authorisation usable only for a few minutes. `limits`:
 * the community's current limits for the token (a single payment above its maximum never fits).
 */
export function admit(session: PaymentSession, payment: SessionPayment, limits: TokenLimits | undefined, now: number): Admission {
  if (isExpired(session, now)) return { fits: false, miss: 'expired' };
  if (!same(payment.account, session.account)) return { fits: false, miss: 'otherAccount' };
  if (payment.chainId !== session.chainId) return { fits: false, miss: 'otherChain' };
  if (!same(payment.token, session.token)) return { fits: false, miss: 'otherToken' };
  if (session.payee !== null && !same(payment.to, session.payee)) return { fits: false, miss: 'otherPayee' };
  const chainNow = payment.chainNow ?? Math.floor(now / 1000);
  if (payment.validBefore !== undefined && payment.validBefore > BigInt(chainNow + MAX_AUTHORIZATION_SECONDS)) return { fits: false, miss: 'validTooLong' };
  if (limits && limits.maxSinglePayment > 0n && payment.amount > limits.maxSinglePayment) return { fits: false, miss: 'overSingle' };
  const current = currentPeriod(session, now);
  if (payment.amount > current.amountPerPeriod - current.spent) return { fits: false, miss: 'overBudget' };
  return { fits: true, session: current };
}

/**
 * Whether a judged payment that fits may be signed without a window: only when the verdict is *allow*
 * and it was judged under the policy version the session was granted under.
 */
export function judgedMiss(session: PaymentSession, verdict: { level: RiskLevel | 'unverified'; policyVersion: string | null }): SessionMiss | null {
  if (verdict.policyVersion !== null && verdict.policyVersion !== session.policyVersion) return 'policyChanged';
  if (verdict.level !== 'allow') return 'notAllowed';
  return null;
}

/** The session after `payment` was signed inside it: spent, counted, and its payee fixed by the first payment. */
export function afterPayment(session: PaymentSession, payment: Pick<SessionPayment, 'to' | 'amount'>, now: number): PaymentSession {
  const current = currentPeriod(session, now);
  return { ...current, payee: current.payee ?? payment.to, spent: current.spent + payment.amount, payments: current.payments + 1, lastPayment: { at: now, amount: payment.amount } };
}

/** How a grant sits inside the community's rules: refused, or granted (maybe capped), with the window's sentences. */
export type GrantTerms =
  | { kind: 'refused'; reason: string }
  | { kind: 'granted'; amountPerPeriod: bigint; capped: boolean; community: string; site: string };

/**
 * Decides a session request against the community: a site or payee the community blocked is refused;
 * an amount per period above the community's daily cap for the token is **capped** at that cap (the
 * window says so), since every payment inside the session still counts against the same daily cap
 * with the shopper's other payments. `token`: its symbol and decimals, for the sentences.
 */
export function grantTerms(input: {
  request: SessionRequest;
  limits: TokenLimits | undefined;
  token: { symbol: string; decimals: number };
  siteStatus: 'trusted' | 'blocked' | 'unknown';
  payeeStatus: 'trusted' | 'blocked' | 'unknown' | null;
  policyVersion: string;
}): GrantTerms {
  const { request, limits, token, policyVersion } = input;
  if (input.siteStatus === 'blocked') return { kind: 'refused', reason: `The community has blocked this site (policy version ${policyVersion}); it cannot ask for a payment session.` };
  if (input.payeeStatus === 'blocked') return { kind: 'refused', reason: `The community has blocked the payee this site names (policy version ${policyVersion}).` };
  const every = periodWords(request.periodSeconds);
  const asked = `${showAmount(request.amountPerPeriod, token)} ${every}`;
  if (!limits || limits.dailyCap === 0n) {
    return { kind: 'granted', amountPerPeriod: request.amountPerPeriod, capped: false, community: `The community sets no daily cap for ${token.symbol}.`, site: `This site asks for at most ${asked}.` };
  }
  const cap = `The community allows at most ${showAmount(limits.dailyCap, token)} a day${limits.maxSinglePayment > 0n ? `, ${showAmount(limits.maxSinglePayment, token)} at once` : ''}.`;
  if (request.amountPerPeriod <= limits.dailyCap) return { kind: 'granted', amountPerPeriod: request.amountPerPeriod, capped: false, community: cap, site: `This site asks for at most ${asked}.` };
  return {
    kind: 'granted',
    amountPerPeriod: limits.dailyCap,
    capped: true,
    community: cap,
    site: `This site asks for ${asked}, more than the community allows: the session is capped at ${showAmount(limits.dailyCap, token)} ${every}.`,
  };
}

/**
 * A session granted under an earlier version of the community's rules, checked again as a new grant of
 * what the site asked for under the rules now (`rules`: as for {@link grantTerms}): refused when the
 * site or the payee is now blocked; else its budget per period is what the site asked for, capped at
 * the new daily cap.
 */
export function renewedTerms(session: PaymentSession, rules: Omit<Parameters<typeof grantTerms>[0], 'request'>): GrantTerms {
  const { chainId, token, payee, askedPerPeriod, periodSeconds, expiry } = session;
  return grantTerms({ ...rules, request: { chainId, token, payee, amountPerPeriod: askedPerPeriod, periodSeconds, expiry } });
}

/** The window's sentence for a payment that keeps a session under the community's new rules when approved. */
export function renewalWords(session: PaymentSession, terms: Extract<GrantTerms, { kind: 'granted' }>, token: { symbol: string; decimals: number }): string {
  const lower = terms.amountPerPeriod < session.amountPerPeriod ? `, at most ${showAmount(terms.amountPerPeriod, token)} ${periodWords(session.periodSeconds)} (the new daily cap)` : '';
  return `${MISS_WORDS.policyChanged} Approving this payment also keeps the session under the new rules${lower}.`;
}

/** A period in words: "a day", "every 2 hours", "a week". */
export function periodWords(seconds: number): string {
  const units: Array<[number, string]> = [
    [7 * 86_400, 'week'],
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, name] of units) {
    if (seconds % size !== 0) continue;
    const count = seconds / size;
    return count === 1 ? `${name === 'hour' ? 'an' : 'a'} ${name}` : `every ${count} ${name}s`;
  }
  return `every ${seconds} seconds`;
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
