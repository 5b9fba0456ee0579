import { type Address, formatUnits } from 'viem';
import { NATIVE_TOKEN, type PayAction } from '../decode/types.js';
import { median, robustZ } from './stats.js';
import type { Assessment, AssessPaymentInput, PastPayment, RiskLevel, RiskReason, RiskTokenLimits } from './types.js';

/**
 * Points each signal adds to the score. Chosen so that one weak signal alone stays below the demo
 * policy's warnAt (40) and two together, or one strong one, reach it.
 */
export const SIGNAL_POINTS = {
  firstPayment: 30,
  approvalToAccount: 30,
  recipientIsToken: 40,
  lookAlikeAddress: 50,
  paymentBurst: 20,
  unusualAmount: 25,
  unknownContractCall: 20,
  unlimitedApproval: 25,
  unknownSite: 15,
  trustedMerchant: -30,
  trustedSite: -15,
} as const;

/** "Many payments in a short time": this many payments (including this one) within the window. */
export const BURST_COUNT = 5;
export const BURST_WINDOW_MS = 10 * 60 * 1000;
/** The daily cap is a rolling 24 hours, so it cannot be dodged by paying just after midnight. */
export const DAY_MS = 24 * 60 * 60 * 1000;
/** The amount model needs at least this many past payments in the token before it speaks. */
export const MIN_HISTORY_FOR_AMOUNTS = 5;
/** The amount model learns from this many most recent payments per token: habits change over time. */
export const AMOUNT_MODEL_WINDOW = 50;
/**
 * Smallest spread the amount model assumes, in log10 units (0.1 ≈ ±25 %): a shopper who always paid
 * exactly the same is not alarmed by a slightly different price, but is by ten times as much.
 */
export const MIN_LOG_SPREAD = 0.1;
/** Modified z-score above which an amount is unusual (Iglewicz and Hoaglin suggest 3.5). */
export const UNUSUAL_Z = 3.5;
/** Hex characters compared at each end for look-alike addresses (what people check by eye). */
export const LOOK_ALIKE_CHARS = 4;

/**
 * Assesses one pay action against the community's policy and the shopper's own history.
 * Pure: no I/O, no clock (the caller passes `now`), same input → same answer.
 *
 * Hard community rules (maximum single payment, daily cap, first-payment cap, blocked merchant or
 * site, forbidden unlimited approval) block on their own. Other signals add or remove points; the
 * policy's `warnAt`/`blockAt` thresholds turn the score into a level.
 *
 * @example
 * import { assessPayment } from '@commonguard/sdk/risk'
 * const { level, reasons } = assessPayment({ action, policy, merchantStatus: 'trusted', recipient, token, history, now: Date.now() })
 */
export function assessPayment(input: AssessPaymentInput): Assessment {
  const { action, policy, history, now } = input;
  const version = policy.version;
  const reasons: RiskReason[] = [];
  const hard = (rule: RiskReason['rule'], message: string) => reasons.push({ rule, message, hard: true, policyVersion: version });
  const signal = (rule: keyof typeof SIGNAL_POINTS, message: string, community = false) =>
    reasons.push(community ? { rule, message, points: SIGNAL_POINTS[rule], policyVersion: version } : { rule, message, points: SIGNAL_POINTS[rule] });

  const facts = paymentFacts(action);
  const token = facts.token;
  const amountText = (amount: bigint) => `${formatUnits(amount, input.token.decimals)} ${input.token.symbol}`;
  const limits = findLimits(policy.tokenLimits, token);
  const who = facts.counterparty;

  // Community status of the counterparty and of the site.
  if (input.merchantStatus === 'blocked')
    hard('blockedMerchant', `The community has blocked ${short(who)}${input.merchantNote ? ` (“${input.merchantNote}”)` : ''}; payments to it are not allowed.`);
  if (input.originStatus === 'blocked')
    hard('blockedOrigin', `The community has blocked the site ${input.origin ?? ''}; it cannot ask for payments.`.replace('site  ', 'site '));

  // One pass over the history gathers everything the rules need.
  let pastToRecipient = false;
  const pastInToken: PastPayment[] = [];
  let spentToday = 0n;
  let recentCount = 0;
  for (const payment of history) {
    const age = now - payment.timestamp;
    if (age >= 0 && age < BURST_WINDOW_MS) recentCount++;
    if (who !== undefined && !pastToRecipient && sameAddress(payment.to, who)) pastToRecipient = true;
    if (!sameAddress(payment.token, token)) continue;
    if (pastInToken.length < AMOUNT_MODEL_WINDOW) pastInToken.push(payment);
    if (age >= 0 && age < DAY_MS) spentToday += payment.amount;
  }

  if (facts.kind === 'payment') {
    const amount = facts.amount;
    if (limits && limits.maxSinglePayment > 0n && amount > limits.maxSinglePayment)
      hard('maxSinglePayment', `${amountText(amount)} is more than the community's maximum single payment of ${amountText(limits.maxSinglePayment)}.`);
    if (limits && limits.dailyCap > 0n && spentToday + amount > limits.dailyCap)
      hard('dailyCap', `With this payment you would spend ${amountText(spentToday + amount)} in 24 hours, over the community's daily cap of ${amountText(limits.dailyCap)}.`);
    if (!pastToRecipient && who !== undefined) {
      if (limits && limits.maxFirstPayment > 0n && amount > limits.maxFirstPayment)
        hard('firstPaymentCap', `A first payment to a new recipient may be at most ${amountText(limits.maxFirstPayment)}; this one is ${amountText(amount)}.`);
      signal('firstPayment', `You have never paid ${short(who)} from this wallet.`);
    }
    if (input.recipient.isToken && amount > 0n)
      signal('recipientIsToken', `${short(who)} is a token contract: tokens sent to it are usually lost.`);
    if (recentCount + 1 >= BURST_COUNT)
      signal('paymentBurst', `This would be payment number ${recentCount + 1} in the last ${BURST_WINDOW_MS / 60000} minutes.`);
    const unusual = unusualAmount(amount, pastInToken);
    if (unusual !== undefined)
      signal('unusualAmount', `${amountText(amount)} is far above what you usually pay in ${input.token.symbol} (typically about ${amountText(unusual)}).`);
  } else if (facts.kind === 'approval') {
    const amount = facts.amount;
    if (action.kind === 'tokenApproval' && action.unlimited) {
      if (!policy.unlimitedApprovalsAllowed)
        hard('unlimitedApproval', `This would let ${short(who)} take all your ${input.token.symbol}, without limit; the community does not allow unlimited approvals.`);
      else signal('unlimitedApproval', `This would let ${short(who)} take all your ${input.token.symbol}, without limit.`);
    } else if (limits && limits.maxSinglePayment > 0n && amount > limits.maxSinglePayment) {
      hard('maxSinglePayment', `This approval lets ${short(who)} take ${amountText(amount)} at once, more than the community's maximum single payment of ${amountText(limits.maxSinglePayment)}.`);
    }
    if (!input.recipient.isContract)
      signal('approvalToAccount', `${short(who)} is a plain account, not a contract: approvals are normally given to contracts.`);
  } else {
    signal('unknownContractCall', `This is a contract call the wallet cannot read${who ? ` (to ${short(who)})` : ''}.`);
  }

  if (who !== undefined && !pastToRecipient) {
    const twin = lookAlike(who, history);
    if (twin) signal('lookAlikeAddress', `${who} looks like ${twin}, which you paid before, but it is a different address.`);
  }

  if (input.merchantStatus === 'trusted')
    signal('trustedMerchant', `The community trusts ${input.merchantNote ? `${input.merchantNote} (${short(who)})` : short(who)}.`, true);
  if (input.originStatus === 'trusted') signal('trustedSite', `The community trusts the site ${input.origin ?? ''}.`.replace('site .', 'site.'), true);
  if (input.originStatus === 'unknown') signal('unknownSite', `The community has not reviewed the site ${input.origin ?? ''}.`.replace('site .', 'site.'));

  const anyHard = reasons.some((reason) => reason.hard);
  const points = reasons.reduce((sum, reason) => sum + (reason.points ?? 0), 0);
  const score = anyHard ? 100 : Math.max(0, Math.min(100, points));
  const level: RiskLevel = anyHard || score >= policy.blockAt ? 'block' : score >= policy.warnAt ? 'warn' : 'allow';
  // Hard rules first, then the signals that weigh most; the sort is stable for equal weights.
  reasons.sort((a, b) => weight(b) - weight(a));
  return { score, level, reasons, policyVersion: version };
}

type PaymentFacts =
  | { kind: 'payment'; token: Address; amount: bigint; counterparty: Address }
  | { kind: 'approval'; token: Address; amount: bigint; counterparty: Address }
  | { kind: 'opaque'; token: Address; amount: bigint; counterparty: Address | undefined };

function paymentFacts(action: PayAction): PaymentFacts {
  switch (action.kind) {
    case 'nativeTransfer':
      return { kind: 'payment', token: NATIVE_TOKEN, amount: action.amount, counterparty: action.to };
    case 'tokenTransfer':
      return { kind: 'payment', token: action.token, amount: action.amount, counterparty: action.to };
    case 'tokenApproval':
      return { kind: 'approval', token: action.token, amount: action.amount, counterparty: action.spender };
    case 'contractCall':
      // Value sent into a contract we cannot read is still money leaving: the native limits apply to it.
      return action.value > 0n && action.to !== undefined
        ? { kind: 'payment', token: NATIVE_TOKEN, amount: action.value, counterparty: action.to }
        : { kind: 'opaque', token: NATIVE_TOKEN, amount: action.value, counterparty: action.to };
  }
}

function weight(reason: RiskReason): number {
  return reason.hard ? 1000 : (reason.points ?? 0);
}

function findLimits(all: readonly RiskTokenLimits[], token: Address): RiskTokenLimits | undefined {
  for (const limits of all) if (sameAddress(limits.token, token)) return limits;
  return undefined;
}

/**
 * Returns the typical amount when `amount` is unusually large for this token, judged on log-amounts
 * (payments span orders of magnitude), else `undefined`. Smaller-than-usual payments are not a risk.
 */
function unusualAmount(amount: bigint, past: readonly PastPayment[]): bigint | undefined {
  if (past.length < MIN_HISTORY_FOR_AMOUNTS || amount === 0n) return undefined;
  const logs = new Float64Array(past.length);
  for (let i = 0; i < past.length; i++) logs[i] = log10((past[i] as PastPayment).amount);
  if (robustZ(log10(amount), logs, MIN_LOG_SPREAD) <= UNUSUAL_Z) return undefined;
  // The "typical" amount shown to the shopper: the past payment closest to the median (on the log scale).
  const middle = median(logs);
  let typical = (past[0] as PastPayment).amount;
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < past.length; i++) {
    const distance = Math.abs((logs[i] as number) - middle);
    if (distance < best) {
      best = distance;
      typical = (past[i] as PastPayment).amount;
    }
  }
  return typical;
}

function log10(value: bigint): number {
  // A uint256 is below 1.2e77, well inside a double's range; the rounding does not matter on a log scale.
  return value <= 0n ? 0 : Math.log10(Number(value));
}

function lookAlike(address: Address, history: readonly PastPayment[]): Address | undefined {
  for (const payment of history) {
    const other = payment.to;
    if (other.length !== address.length || sameAddress(other, address)) continue;
    let alike = true;
    for (let i = 0; alike && i < LOOK_ALIKE_CHARS; i++) {
      const head = 2 + i;
      const tail = address.length - 1 - i;
      alike =
        (address.charCodeAt(head) | 32) === (other.charCodeAt(head) | 32) &&
        (address.charCodeAt(tail) | 32) === (other.charCodeAt(tail) | 32);
    }
    if (alike) return other;
  }
  return undefined;
}

/** Case-insensitive comparison of two hex addresses, without allocating (this runs per past payment). */
function sameAddress(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = a.length - 1; i >= 0; i--) {
    // Setting bit 5 lower-cases A–F and leaves digits and 'x' unchanged.
    if ((a.charCodeAt(i) | 32) !== (b.charCodeAt(i) | 32)) return false;
  }
  return true;
}

function short(address: Address | undefined): string {
  return address === undefined ? 'a new contract' : `${address.slice(0, 6)}…${address.slice(-4)}`;
}

export type AssessPaymentParameters = AssessPaymentInput;
export type AssessPaymentReturnType = Assessment;
/** It does not throw: every input gets a verdict (an unknown token simply has no limits). */
export type AssessPaymentErrorType = never;
