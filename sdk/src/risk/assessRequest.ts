import { type Address, formatUnits } from 'viem';
import { NATIVE_TOKEN } from '../decode/types.js';
import type { Effect } from '../effects/types.js';
import {
  AMOUNT_MODEL_WINDOW,
  BURST_COUNT,
  BURST_WINDOW_MS,
  DAY_MS,
  LOOK_ALIKE_CHARS,
  MIN_HISTORY_FOR_AMOUNTS,
  MIN_LOG_SPREAD,
  SIGNAL_POINTS,
  UNUSUAL_Z,
} from './constants.js';
import { median, robustZ } from './stats.js';
import type { Assessment, AssessRequestInput, PartyFacts, PastPayment, RiskLevel, RiskReason, RiskTokenLimits, TokenInfo } from './types.js';

const UNKNOWN_PARTY: PartyFacts = { status: 'unknown', isContract: false, isToken: false };

/**
 * Assesses what one request does (its effects) against the community's policy and the shopper's own
 * history. Pure: no I/O, no clock (the caller passes `now`), same input → same answer.
 *
 * Every asset leaving the signer is a payment to its counterparty and every allowance an approval,
 * however the request looked: a plain transfer, a router call, a batch or a signature all meet the same
 * rules. Hard community rules (maximum single payment per recipient, daily cap, first-payment cap,
 * blocked merchant or site, forbidden unlimited approval) block on their own. Other signals add or remove
 * points; the policy's `warnAt`/`blockAt` turn the score into a level. Concerns from the understanding
 * step (a blind signature, effects the wallet cannot tell) make it at least a warning.
 *
 * @example
 * import { assessRequest } from '@commonguard/sdk/risk'
 * const { level, reasons } = assessRequest({ effects, parties, tokens, policy, history, now: Date.now() })
 */
export function assessRequest(input: AssessRequestInput): Assessment {
  const { policy, history, now } = input;
  const version = policy.version;
  const reasons: RiskReason[] = [];
  const hard = (rule: RiskReason['rule'], message: string) => reasons.push({ rule, message, hard: true, policyVersion: version });
  const signal = (rule: keyof typeof SIGNAL_POINTS, message: string, community = false) =>
    reasons.push(community ? { rule, message, points: SIGNAL_POINTS[rule], policyVersion: version } : { rule, message, points: SIGNAL_POINTS[rule] });
  const party = (address: Address | null): PartyFacts => (address === null ? UNKNOWN_PARTY : (input.parties[address.toLowerCase()] ?? UNKNOWN_PARTY));
  const tokenOf = (token: Address): TokenInfo => input.tokens[token.toLowerCase()] ?? (sameAddress(token, NATIVE_TOKEN) ? { symbol: 'ETH', decimals: 18 } : { symbol: `${token.slice(0, 6)}…`, decimals: 0 });
  const amountText = (amount: bigint, token: Address) => `${formatUnits(amount, tokenOf(token).decimals)} ${tokenOf(token).symbol}`;
  const named = (address: Address | null) => {
    const note = address ? party(address).note : undefined;
    return note ? `${note} (${short(address)})` : short(address);
  };

  // Each counterparty the request pays or empowers, once; blocked ones block the whole request.
  const counterparties = new Map<string, Address>();
  for (const effect of input.effects.effects) {
    const who = counterpartyOf(effect);
    if (who) counterparties.set(who.toLowerCase(), who);
  }
  if (input.target) counterparties.set(input.target.address.toLowerCase(), input.target.address);
  for (const who of counterparties.values()) {
    const facts = party(who);
    if (facts.status === 'blocked')
      hard('blockedMerchant', `The community has blocked ${short(who)}${facts.note ? ` (“${facts.note}”)` : ''}; payments to it are not allowed.`);
  }
  if (input.originStatus === 'blocked')
    hard('blockedOrigin', `The community has blocked the site ${input.origin ?? ''}; it cannot ask for payments.`.replace('site  ', 'site '));

  // Payments: what leaves, summed per token and per (token, recipient), so splitting one payment into
  // several transfers (a batch, a router, a multicall) meets the same limits as one transfer.
  const outPerToken = new Map<string, { token: Address; amount: bigint }>();
  const outPerRecipient = new Map<string, { token: Address; to: Address | null; amount: bigint }>();
  for (const effect of input.effects.effects) {
    if (effect.kind !== 'assetOut' || effect.amount === 0n) continue;
    const tokenKey = effect.token.toLowerCase();
    const perToken = outPerToken.get(tokenKey) ?? { token: effect.token, amount: 0n };
    perToken.amount += effect.amount;
    outPerToken.set(tokenKey, perToken);
    const key = `${tokenKey}:${effect.to?.toLowerCase() ?? 'anyone'}`;
    const perRecipient = outPerRecipient.get(key) ?? { token: effect.token, to: effect.to, amount: 0n };
    perRecipient.amount += effect.amount;
    outPerRecipient.set(key, perRecipient);
  }

  // One pass over the history gathers what the rules need.
  const paidBefore = new Set<string>();
  const spentToday = new Map<string, bigint>();
  const pastPerToken = new Map<string, PastPayment[]>();
  let recentCount = 0;
  for (const payment of history) {
    const age = now - payment.timestamp;
    if (age >= 0 && age < BURST_WINDOW_MS) recentCount++;
    paidBefore.add(payment.to.toLowerCase());
    const tokenKey = payment.token.toLowerCase();
    if (!outPerToken.has(tokenKey)) continue;
    const past = pastPerToken.get(tokenKey) ?? [];
    if (past.length < AMOUNT_MODEL_WINDOW) past.push(payment);
    pastPerToken.set(tokenKey, past);
    if (age >= 0 && age < DAY_MS) spentToday.set(tokenKey, (spentToday.get(tokenKey) ?? 0n) + payment.amount);
  }

  const toWhom = (to: Address | null) => (to === null ? 'whoever fills this order' : named(to));
  for (const { token, to, amount } of outPerRecipient.values()) {
    const limits = findLimits(policy.tokenLimits, token);
    if (limits && limits.maxSinglePayment > 0n && amount > limits.maxSinglePayment)
      hard('maxSinglePayment', `${amountText(amount, token)} to ${toWhom(to)} is more than the community's maximum single payment of ${amountText(limits.maxSinglePayment, token)}.`);
  }
  for (const [tokenKey, { token, amount }] of outPerToken) {
    const limits = findLimits(policy.tokenLimits, token);
    const today = spentToday.get(tokenKey) ?? 0n;
    if (limits && limits.dailyCap > 0n && today + amount > limits.dailyCap)
      hard('dailyCap', `With this payment you would spend ${amountText(today + amount, token)} in 24 hours, over the community's daily cap of ${amountText(limits.dailyCap, token)}.`);
  }
  const newRecipients = new Set<string>();
  for (const { token, to, amount } of outPerRecipient.values()) {
    const limits = findLimits(policy.tokenLimits, token);
    const isNew = to === null || !paidBefore.has(to.toLowerCase());
    if (isNew) {
      if (limits && limits.maxFirstPayment > 0n && amount > limits.maxFirstPayment)
        hard('firstPaymentCap', `A first payment to a new recipient may be at most ${amountText(limits.maxFirstPayment, token)}; this one is ${amountText(amount, token)} to ${toWhom(to)}.`);
      const key = to?.toLowerCase() ?? 'anyone';
      if (!newRecipients.has(key)) {
        newRecipients.add(key);
        signal('firstPayment', to === null ? 'Whoever fills this order receives your assets; you cannot know them in advance.' : `You have never paid ${short(to)} from this wallet.`);
      }
    }
    if (to !== null && party(to).isToken)
      signal('recipientIsToken', `${short(to)} is a token contract: tokens sent to it are usually lost.`);
    const typical = unusualAmount(amount, pastPerToken.get(token.toLowerCase()) ?? []);
    if (typical !== undefined)
      signal('unusualAmount', `${amountText(amount, token)} is far above what you usually pay in ${tokenOf(token).symbol} (typically about ${amountText(typical, token)}).`);
  }
  if (outPerRecipient.size > 0 && recentCount + 1 >= BURST_COUNT)
    signal('paymentBurst', `This would be payment number ${recentCount + 1} in the last ${BURST_WINDOW_MS / 60000} minutes.`);

  // Approvals of every kind.
  for (const effect of input.effects.effects) {
    if (effect.kind === 'allowance') {
      const symbol = tokenOf(effect.token).symbol;
      const limits = findLimits(policy.tokenLimits, effect.token);
      if (effect.unlimited) {
        if (!policy.unlimitedApprovalsAllowed)
          hard('unlimitedApproval', `This would let ${named(effect.spender)} take all your ${symbol}, without limit; the community does not allow unlimited approvals.`);
        else signal('unlimitedApproval', `This would let ${named(effect.spender)} take all your ${symbol}, without limit.`);
      } else if (limits && limits.maxSinglePayment > 0n && effect.amount > limits.maxSinglePayment) {
        hard('maxSinglePayment', `This approval lets ${named(effect.spender)} take ${amountText(effect.amount, effect.token)} at once, more than the community's maximum single payment of ${amountText(limits.maxSinglePayment, effect.token)}.`);
      }
      if (!party(effect.spender).isContract)
        signal('approvalToAccount', `${short(effect.spender)} is a plain account, not a contract: approvals are normally given to contracts.`);
    } else if (effect.kind === 'operator' && effect.approved) {
      signal('operatorApproval', `This would let ${named(effect.operator)} move every item you hold in the collection ${short(effect.token)}.`);
      if (!party(effect.operator).isContract)
        signal('approvalToAccount', `${short(effect.operator)} is a plain account, not a contract: approvals are normally given to contracts.`);
    } else if (effect.kind === 'itemOut') {
      signal('itemsLeaving', `${effect.tokenId === undefined ? 'Items' : `Item #${effect.tokenId}`} of the collection ${short(effect.token)} would leave your wallet${effect.to ? ` to ${named(effect.to)}` : ''}.`);
    }
  }

  if (input.target?.recognised === 'unknown')
    signal('unknownContractCall', `The wallet cannot name this contract call (to ${short(input.target.address)}); it is judged by what its simulation does.`);
  for (const concern of input.concerns ?? []) reasons.push({ rule: concern.rule, message: concern.message, atLeast: 'warn' });

  for (const key of newRecipients) {
    if (key === 'anyone') continue;
    const twin = lookAlike(key, history);
    if (twin) signal('lookAlikeAddress', `${counterparties.get(key) ?? key} looks like ${twin}, which you paid before, but it is a different address.`);
  }

  // Credits: the community vouches for everyone this request pays or empowers.
  const vouched = [...counterparties.values()];
  if (vouched.length > 0 && vouched.every((who) => party(who).status === 'trusted'))
    signal('trustedMerchant', `The community trusts ${vouched.map((who) => named(who)).join(', ')}.`, true);
  if (input.originStatus === 'trusted') signal('trustedSite', `The community trusts the site ${input.origin ?? ''}.`.replace('site .', 'site.'), true);
  if (input.originStatus === 'unknown') signal('unknownSite', `The community has not reviewed the site ${input.origin ?? ''}.`.replace('site .', 'site.'));

  const anyHard = reasons.some((reason) => reason.hard);
  const points = reasons.reduce((sum, reason) => sum + (reason.points ?? 0), 0);
  const score = anyHard ? 100 : Math.max(0, Math.min(100, points));
  let level: RiskLevel = anyHard || score >= policy.blockAt ? 'block' : score >= policy.warnAt ? 'warn' : 'allow';
  if (level === 'allow' && reasons.some((reason) => reason.atLeast === 'warn')) level = 'warn';
  // Hard rules first, then concerns, then the signals that weigh most; the sort is stable for equal weights.
  reasons.sort((a, b) => weight(b) - weight(a));
  return { score, level, reasons, policyVersion: version };
}

function counterpartyOf(effect: Effect): Address | null {
  switch (effect.kind) {
    case 'assetOut':
    case 'itemOut':
      return effect.to;
    case 'allowance':
      return effect.spender;
    case 'operator':
      return effect.approved ? effect.operator : null;
    case 'assetIn':
      return null;
  }
}

function weight(reason: RiskReason): number {
  return reason.hard ? 1000 : reason.atLeast ? 500 : (reason.points ?? 0);
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

function lookAlike(address: string, history: readonly PastPayment[]): Address | undefined {
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

function short(address: Address | string | null | undefined): string {
  return address === undefined || address === null ? 'a new contract' : `${address.slice(0, 6)}…${address.slice(-4)}`;
}

export type AssessRequestParameters = AssessRequestInput;
export type AssessRequestReturnType = Assessment;
/** It does not throw: every input gets a verdict (an unknown token simply has no limits). */
export type AssessRequestErrorType = never;
