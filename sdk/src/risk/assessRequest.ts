import { type Address, formatUnits } from 'viem';
import { NATIVE_TOKEN } from '../decode/types.js';
import type { Effect } from '../effects/types.js';
import { judgeAmount, judgePace } from './amountModel.js';
import { isDust } from './dust.js';
import { poisonedAddressText, primerOf } from './poisoning.js';
import { BURST_VALUE_WINDOW_MS, BURST_WINDOW_MS, DAY_MS, SIGNAL_POINTS, STRONG_BURST_POINTS, STRONG_UNUSUAL_AMOUNT_POINTS } from './constants.js';
import { ShopperProfile } from './profile.js';
import { siteSignals } from './siteSignals.js';
import type { Assessment, AssessRequestInput, PartyFacts, RiskLevel, RiskReason, RiskRule, RiskTokenLimits, SignalClass, TokenInfo } from './types.js';

const UNKNOWN_PARTY: PartyFacts = { status: 'unknown', isContract: false, isToken: false };

/** Which class each scored signal belongs to (hard rules and concerns carry no points). */
const CLASS_OF: Record<keyof typeof SIGNAL_POINTS, SignalClass> = {
  lookAlikeAddress: 'danger',
  poisonedAddress: 'danger',
  approvalToAccount: 'danger',
  recipientIsToken: 'danger',
  freshContractDrain: 'danger',
  freshSpender: 'danger',
  lookAlikeSite: 'danger',
  giveawayOrder: 'danger',
  safeDelegateCall: 'danger',
  phishingSite: 'danger',
  unlimitedApproval: 'danger',
  firstPayment: 'mild',
  unknownSite: 'mild',
  unusualAmount: 'mild',
  paymentBurst: 'mild',
  operatorApproval: 'mild',
  itemsLeaving: 'mild',
  unknownContractCall: 'mild',
  freshContractSwap: 'mild',
  trustedMerchant: 'credit',
  trustedSite: 'credit',
};

/** The mild signals that say "you do not know them": the only ones a credit (the community vouching) lowers. */
const FAMILIARITY_SIGNALS: ReadonlySet<RiskRule> = new Set(['firstPayment', 'unknownSite']);

/**
 * Assesses what one request does (its effects) against the community's policy and the shopper's own
 * model. Pure: no I/O, no clock (the caller passes `now`), same input → same answer.
 *
 * Every asset leaving the signer is judged, however the request looked: a plain transfer, a router call,
 * a batch or a signature all meet the same rules. Outflows that nothing comes back for are payments to
 * their recipient; outflows into a contract that sends assets back (a swap) are an exchange, judged by
 * the limits on what leaves but not as a first payment. Four classes of signal (see the sdk README):
 * hard community rules block; danger signals make it at least a warning and nothing offsets them; mild
 * signals warn together (or when strong) but never block on their own; credits lower only the
 * familiarity signals. Concerns from the understanding step make it at least a warning.
 *
 * @example
 * import { assessRequest, ShopperProfile } from '@commonguard/sdk/risk'
 * const profile = ShopperProfile.fromHistory(history) // once; then profile.add(payment) per payment
 * const { level, reasons } = assessRequest({ effects, parties, tokens, policy, profile, now: Date.now() })
 */
export function assessRequest(input: AssessRequestInput): Assessment {
  const { policy, now } = input;
  const profile = input.profile ?? ShopperProfile.fromHistory(input.history ?? []);
  const version = policy.version;
  const reasons: RiskReason[] = [];
  const hard = (rule: RiskRule, message: string) => reasons.push({ rule, message, hard: true, policyVersion: version, class: 'hard' });
  const signal = (rule: keyof typeof SIGNAL_POINTS, message: string, points: number = SIGNAL_POINTS[rule]) => {
    const kind = CLASS_OF[rule];
    const reason: RiskReason = { rule, message, points, class: kind };
    if (kind === 'danger') reason.atLeast = 'warn';
    if (kind === 'credit') reason.policyVersion = version;
    reasons.push(reason);
  };
  const party = (address: Address | null): PartyFacts => (address === null ? UNKNOWN_PARTY : (input.parties[address.toLowerCase()] ?? UNKNOWN_PARTY));
  const tokenOf = (token: Address): TokenInfo => input.tokens[token.toLowerCase()] ?? (sameAddress(token, NATIVE_TOKEN) ? { symbol: 'ETH', decimals: 18 } : { symbol: `${token.slice(0, 6)}…`, decimals: 0 });
  const amountText = (amount: bigint, token: Address) => `${formatUnits(amount, tokenOf(token).decimals)} ${tokenOf(token).symbol}`;
  const named = (address: Address | null) => {
    const note = address ? party(address).note : undefined;
    return note ? `${note} (${short(address)})` : short(address);
  };
  const effects = input.effects.effects;

  // Each counterparty the request pays or empowers, once; blocked ones block the whole request.
  const counterparties = new Map<string, Address>();
  for (const effect of effects) {
    const who = counterpartyOf(effect);
    if (who) counterparties.set(who.toLowerCase(), who);
  }
  if (input.target) counterparties.set(input.target.address.toLowerCase(), input.target.address);
  for (const who of counterparties.values()) {
    const facts = party(who);
    if (facts.status === 'blocked')
      hard('blockedMerchant', `The community has blocked ${short(who)}${facts.note ? ` (“${facts.note}”)` : ''}; payments to it are not allowed (policy version ${version}).`);
  }
  if (input.originStatus === 'blocked')
    hard('blockedOrigin', `The community has blocked the site ${input.origin ?? '(unnamed)'}; it cannot ask for payments (policy version ${version}).`);

  // What leaves, summed per token and per (token, recipient), so splitting one payment into several
  // transfers (a batch, a router, a multicall) meets the same limits as one transfer.
  const outPerToken = new Map<string, { token: Address; amount: bigint }>();
  const outPerRecipient = new Map<string, { token: Address; to: Address | null; amount: bigint }>();
  for (const effect of effects) {
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
  // Something comes back (a swap, an order's consideration): outflows to contracts or to whoever fills
  // the order are an exchange, not a payment. Not into a fresh contract: a drainer can send back a
  // worthless token to look like a swap, so there what leaves is still judged as a payment.
  const returnsAssets = effects.some((effect) => effect.kind === 'assetIn' && effect.amount > 0n);
  const isExchange = (to: Address | null) => returnsAssets && (to === null || (party(to).isContract && party(to).fresh !== true));

  const recent = profile.recent();
  const spentToday = new Map<string, bigint>();
  for (const payment of recent) {
    const age = now - payment.timestamp;
    if (age < 0 || age >= DAY_MS) continue;
    const tokenKey = payment.token.toLowerCase();
    spentToday.set(tokenKey, (spentToday.get(tokenKey) ?? 0n) + payment.amount);
  }

  // Hard community limits on everything that leaves.
  const toWhom = (to: Address | null) => (to === null ? 'whoever fills this order' : named(to));
  for (const { token, to, amount } of outPerRecipient.values()) {
    const limits = findLimits(policy.tokenLimits, token);
    if (limits && limits.maxSinglePayment > 0n && amount > limits.maxSinglePayment)
      hard('maxSinglePayment', `${amountText(amount, token)} to ${toWhom(to)} is more than the community's maximum single payment of ${amountText(limits.maxSinglePayment, token)} (policy version ${version}).`);
  }
  for (const [tokenKey, { token, amount }] of outPerToken) {
    const limits = findLimits(policy.tokenLimits, token);
    const today = spentToday.get(tokenKey) ?? 0n;
    if (limits && limits.dailyCap > 0n && today + amount > limits.dailyCap)
      hard('dailyCap', `With this payment you would spend ${amountText(today + amount, token)} in 24 hours, over the community's daily cap of ${amountText(limits.dailyCap, token)} (policy version ${version}).`);
  }

  // Payments: familiarity of the recipient, its amount, look-alikes.
  // Counterparties checked for look-alikes: every one not paid more often than the familiar address it
  // resembles (a dust payment to a look-alike does not make it safe).
  const lookAlikeCandidates = new Set<string>();
  const paymentOutflows: Array<{ token: string; amount: bigint }> = [];
  let paysStranger = false;
  for (const { token, to, amount } of outPerRecipient.values()) {
    const known = to === null ? undefined : profile.recipient(to);
    if (to !== null) lookAlikeCandidates.add(to.toLowerCase());
    if (isExchange(to)) continue;
    paymentOutflows.push({ token, amount });
    const limits = findLimits(policy.tokenLimits, token);
    if (!known) {
      paysStranger = true;
      if (limits && limits.maxFirstPayment > 0n && amount > limits.maxFirstPayment)
        hard('firstPaymentCap', `A first payment to a new recipient may be at most ${amountText(limits.maxFirstPayment, token)}; this one is ${amountText(amount, token)} to ${toWhom(to)} (policy version ${version}).`);
      // The full address when it resembles one paid before: its short form would be the familiar one's.
      const who = to !== null && profile.lookAlikeOf(to) ? to : short(to);
      signal('firstPayment', to === null ? 'Whoever fills this order receives your assets; you cannot know them in advance.' : `You have never paid ${who} from this wallet.`);
    }
    if (to !== null && party(to).isToken) signal('recipientIsToken', `${short(to)} is a token contract: tokens sent to it are usually lost.`);
    const unusual = judgeAmount(amount, to === null ? undefined : profile.recipientAmounts(to, token), profile.shopperAmounts(token));
    if (unusual) {
      const points = unusual.strong ? STRONG_UNUSUAL_AMOUNT_POINTS : SIGNAL_POINTS.unusualAmount;
      const what = amountText(amount, token);
      const reference = amountText(unusual.reference, token);
      if (unusual.basis === 'shopper')
        signal('unusualAmount', `${what} is far above what you usually pay in ${tokenOf(token).symbol} (typically about ${reference}).`, points);
      else if (unusual.basis === 'recipient')
        signal('unusualAmount', `${what} is far above what you usually pay ${named(to)} (typically about ${reference}).`, points);
      else signal('unusualAmount', `You paid ${named(to)} at most ${reference} before, and ${what} is many times that.`, points);
    }
  }
  const pace = paymentOutflows.length > 0 ? judgePace(now, recent, paymentOutflows, (token) => profile.shopperAmounts(token)) : undefined;
  const pacePoints = paysStranger ? STRONG_BURST_POINTS : SIGNAL_POINTS.paymentBurst;
  if (pace?.by === 'count')
    signal('paymentBurst', `This would be payment number ${pace.count} in the last ${BURST_WINDOW_MS / 60_000} minutes${paysStranger ? ', and it goes to someone you have never paid' : ''}.`, pacePoints);
  else if (pace?.by === 'value')
    signal('paymentBurst', `This would be payment number ${pace.count} in the last ${BURST_VALUE_WINDOW_MS / 60_000} minutes, far more than you usually spend in that time.`, pacePoints);

  // Approvals of every kind.
  for (const effect of effects) {
    if (effect.kind === 'allowance') {
      lookAlikeCandidates.add(effect.spender.toLowerCase());
      const symbol = tokenOf(effect.token).symbol;
      const limits = findLimits(policy.tokenLimits, effect.token);
      const how = effect.via === 'erc20' ? 'approval' : 'signed permission';
      if (effect.unlimited) {
        if (!policy.unlimitedApprovalsAllowed)
          hard('unlimitedApproval', `This would let ${named(effect.spender)} take all your ${symbol}, without limit; the community does not allow unlimited approvals (policy version ${version}).`);
        else signal('unlimitedApproval', `This would let ${named(effect.spender)} take all your ${symbol}, without limit.`);
      } else if (limits && limits.maxSinglePayment > 0n && effect.amount > limits.maxSinglePayment) {
        hard('maxSinglePayment', `This ${how} lets ${named(effect.spender)} take ${amountText(effect.amount, effect.token)} at once, more than the community's maximum single payment of ${amountText(limits.maxSinglePayment, effect.token)} (policy version ${version}).`);
      }
      if (!party(effect.spender).isContract)
        signal('approvalToAccount', `This ${how} goes to ${short(effect.spender)}, a plain account and not a contract: approvals are normally given to contracts.`);
      else if (party(effect.spender).fresh === true) signal('freshSpender', freshSpenderText(how, named(effect.spender)));
    } else if (effect.kind === 'operator' && effect.approved) {
      lookAlikeCandidates.add(effect.operator.toLowerCase());
      signal('operatorApproval', `This would let ${named(effect.operator)} move every item you hold in the collection ${short(effect.token)}.`);
      if (!party(effect.operator).isContract)
        signal('approvalToAccount', `This approval goes to ${short(effect.operator)}, a plain account and not a contract: approvals are normally given to contracts.`);
      else if (party(effect.operator).fresh === true) signal('freshSpender', freshSpenderText('approval', named(effect.operator)));
    } else if (effect.kind === 'itemOut' && !returnsAssets) {
      signal('itemsLeaving', `${effect.tokenId === undefined ? 'Items' : `Item #${effect.tokenId}`} of the collection ${short(effect.token)} would leave your wallet${effect.to ? ` to ${named(effect.to)}` : ''}, with nothing coming back.`);
    }
  }

  // A signed order whose assets anyone may take, with nothing (or only dust) coming back: the free-listing
  // phishing signature, and the order whose proceeds go to someone else.
  if (effects.some((effect) => (effect.kind === 'assetOut' || effect.kind === 'itemOut') && effect.to === null && effect.amount > 0n)) {
    const back = effects.filter((effect) => effect.kind === 'assetIn' && effect.amount > 0n);
    if (back.length === 0) signal('giveawayOrder', 'Whoever fills this order can take your assets, and nothing comes back to you.');
    // An item (ERC-721/1155) that comes back is never dust: the wallet cannot price it.
    else if (back.every((effect) => effect.kind === 'assetIn' && (effect.standard === 'native' || effect.standard === 'erc20') && isDust(effect.amount, tokenOf(effect.token).decimals)))
      signal('giveawayOrder', `Whoever fills this order can take your assets, and only next to nothing comes back to you (${back.map((effect) => (effect.kind === 'assetIn' ? amountText(effect.amount, effect.token) : '')).join(', ')}).`);
  }

  // Calls: a fresh contract the simulation shows taking assets and giving nothing back.
  const target = input.target;
  if (target?.recognised === 'unknown') {
    const leaves = effects.some((effect) => (effect.kind === 'assetOut' || effect.kind === 'itemOut') && effect.amount > 0n);
    if (leaves && party(target.address).fresh === true) {
      if (!returnsAssets) signal('freshContractDrain', `${short(target.address)} is a contract created only recently, and calling it sends your assets away with nothing coming back.`);
      // What a new contract sends back may be a token it made itself, worth nothing: a swap in looks only.
      else signal('freshContractSwap', `${short(target.address)} is a contract created only recently: the wallet cannot tell what the assets it sends back are worth.`);
    }
    signal('unknownContractCall', `The wallet cannot name this contract call (to ${short(target.address)}); it is judged by what its simulation does.`);
  }
  for (const concern of input.concerns ?? []) reasons.push({ rule: concern.rule, message: concern.message, atLeast: 'warn', class: 'concern' });

  for (const key of lookAlikeCandidates) {
    const twin = profile.lookAlikeOf(key);
    const resemblesPaid = twin !== undefined && (profile.recipient(key)?.count ?? 0) <= (profile.recipient(twin)?.count ?? 0);
    if (resemblesPaid) signal('lookAlikeAddress', `${counterparties.get(key) ?? key} looks like ${twin}, which you paid before, but it is a different address.`);
    // Address poisoning: the address, or one like it, came from a transfer the shopper did not make.
    const address = (counterparties.get(key) ?? key) as Address;
    const primer = input.suspiciousTransfers?.length ? primerOf(address, input.suspiciousTransfers, profile) : undefined;
    if (primer) signal('poisonedAddress', poisonedAddressText(address, primer, resemblesPaid ? twin : undefined));
  }

  // Delegatecalls of a Safe transaction: foreign code running as the Safe, unless it is Safe's own library
  // or a contract the community trusts.
  for (const call of input.delegateCalls ?? []) {
    if (call.library !== undefined || party(call.to).status === 'trusted') continue;
    signal('safeDelegateCall', `This Safe transaction runs the code of ${named(call.to)} as the Safe itself (a delegatecall), and it is not one of Safe's own libraries: that code could move everything the Safe holds.`);
  }

  // The site: an imitation of a trusted or well-known one, or a site the phishing lists name.
  for (const found of siteSignals(input)) signal(found.rule, found.message, found.points);

  // The site: unknown to the community and to the shopper.
  if (input.originStatus === 'unknown' && !profile.site(input.origin))
    signal('unknownSite', `The community has not reviewed the site ${input.origin ?? '(unnamed)'}, and you have not paid on it before.`);

  // Credits: the community vouches for everyone this request pays or empowers, or for the site.
  const vouched = [...counterparties.values()];
  if (vouched.length > 0 && vouched.every((who) => party(who).status === 'trusted'))
    signal('trustedMerchant', `The community trusts ${vouched.map((who) => named(who)).join(', ')} (policy version ${version}).`);
  if (input.originStatus === 'trusted') signal('trustedSite', `The community trusts the site ${input.origin ?? '(unnamed)'} (policy version ${version}).`);

  const score = scoreOf(reasons, policy.blockAt);
  const anyHard = reasons.some((reason) => reason.hard);
  let level: RiskLevel = anyHard || score >= policy.blockAt ? 'block' : score >= policy.warnAt ? 'warn' : 'allow';
  if (level === 'allow' && reasons.some((reason) => reason.atLeast === 'warn')) level = 'warn';
  // Hard rules first, then concerns, then the signals that weigh most; the sort is stable for equal weights.
  reasons.sort((a, b) => weight(b) - weight(a));
  return { score, level, reasons, policyVersion: version };
}

/**
 * The score, as the sdk README describes it: 100 with any hard rule; otherwise
 * `danger + max(0, familiarity − credits) + other mild`, capped at 100, and when there is no danger
 * signal also capped just below `blockAt`, so mild signals alone never block.
 */
export function scoreOf(reasons: readonly RiskReason[], blockAt: number): number {
  if (reasons.some((reason) => reason.hard)) return 100;
  let danger = 0;
  let familiarity = 0;
  let otherMild = 0;
  let credits = 0;
  for (const reason of reasons) {
    const points = reason.points ?? 0;
    if (reason.class === 'danger') danger += points;
    else if (reason.class === 'credit') credits -= points;
    else if (reason.class === 'mild') {
      if (FAMILIARITY_SIGNALS.has(reason.rule)) familiarity += points;
      else otherMild += points;
    }
  }
  const mild = Math.max(0, familiarity - credits) + otherMild;
  if (danger > 0) return Math.min(100, danger + mild);
  return Math.max(0, Math.min(100, mild, blockAt - 1));
}

/** A spender that did not exist a week ago: drainers deploy a new contract for each campaign, routers live for years. */
function freshSpenderText(how: string, spender: string): string {
  return `This ${how} goes to ${spender}, a contract created only recently: the contracts of well-known apps have been around far longer.`;
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
  return reason.hard ? 1000 : reason.class === 'concern' ? 500 : reason.class === 'danger' ? 200 + (reason.points ?? 0) : (reason.points ?? 0);
}

function findLimits(all: readonly RiskTokenLimits[], token: Address): RiskTokenLimits | undefined {
  for (const limits of all) if (sameAddress(limits.token, token)) return limits;
  return undefined;
}

/** Case-insensitive comparison of two hex addresses, without allocating. */
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
