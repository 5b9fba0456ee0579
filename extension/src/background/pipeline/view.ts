import type { Effect } from '@commonguard/sdk/effects';
import type { PartyFacts, TokenInfo } from '@commonguard/sdk/risk';
import { type Address, formatUnits, getAddress } from 'viem';
import type { BalanceChangeView, DetailsView, EffectView, PaymentView } from '../../shared/views.js';
import { describeCommunityCall } from './community.js';
import { partyOf } from './effects.js';
import type { Judgement, RequestDetails } from './types.js';

const NATIVE = '0x0000000000000000000000000000000000000000';

/**
 * The confirm window's view of a judgement (pure). Amounts are formatted with the tokens' own
 * symbols and decimals, parties named by the community's notes, and the verdict put in one
 * sentence that says what the wallet found and what the person can do.
 */
export function buildView(judgement: Judgement, changedNote: string | null = null): PaymentView {
  const { request, understanding, gathered, assessment } = judgement;
  const tokens = gathered.ok ? gathered.context.tokens : gathered.missing.tokens;
  const parties = gathered.ok ? gathered.context.parties : gathered.missing.parties;
  const tokenOf = (token: Address): TokenInfo => tokens[token.toLowerCase()] ?? (token.toLowerCase() === NATIVE ? { symbol: 'ETH', decimals: 18 } : { symbol: `${token.slice(0, 6)}…`, decimals: 0 });
  const amountOf = (amount: bigint, token: Address) => `${formatUnits(amount, tokenOf(token).decimals)} ${tokenOf(token).symbol}`;
  const nameOf = (address: Address | null) => {
    if (address === null) return 'a new contract';
    const note = parties[address.toLowerCase()]?.note;
    return note ? `${note} (${short(address)})` : short(address);
  };
  const effects = understanding.effects.effects;

  const main = mainParty(judgement);
  const facts: PartyFacts | undefined = main.address ? parties[main.address.toLowerCase()] : undefined;
  const headline = headlineAmount(judgement);
  const amount = headline ? { value: formatUnits(headline.amount, tokenOf(headline.token).decimals), symbol: tokenOf(headline.token).symbol, token: headline.token } : null;

  const community = understanding.community;
  const communityFacts = gathered.ok ? gathered.context.community : gathered.missing.community;
  const title = community
    ? describeCommunityCall(community, communityFacts, { amountOf: (value, token) => money(value, tokenOf(token)), nameOf: (address) => nameOf(address), account: request.account })
    : titleOf(judgement, amount, tokenOf, nameOf);
  const level = assessment?.level ?? null;
  const button = understanding.action;
  const cannotVerify = gathered.ok
    ? null
    : { reason: gathered.missing.reasons.join(' '), stalePolicy: gathered.missing.stalePolicy, signable: !understanding.movesMoney };
  const firstHard = assessment?.reasons.find((reason) => reason.hard);
  const summary = cannotVerify
    ? cannotVerify.signable
      ? `The wallet could not check the site against the community’s rules (${cannotVerify.reason.replace(/\.$/, '')}). This message moves no money; sign it only if you trust the site.`
      : 'The wallet could not check this against the community’s rules, so it will not sign it. Check your connection or the wallet settings, then try again.'
    : level === 'block'
      ? `${firstHard?.message ?? `The risk score ${assessment?.score} reaches the community’s block level.`} This cannot be signed: close the window.`
      : level === 'warn'
        ? `The wallet found something to check before you go ahead. Read the warnings; to continue anyway, tick the box and press ${button}.`
        : `Nothing unusual was found. Press ${button} to go ahead, or Reject.`;

  return {
    origin: request.origin,
    account: request.account,
    request: request.kind,
    title,
    summary,
    button,
    kind: request.kind === 'transaction' ? request.action.kind : 'signature',
    counterparty: main.address === undefined
      ? null
      : {
          address: main.address === null ? null : getAddress(main.address),
          status: facts?.status ?? 'unknown',
          statusKnown: gathered.ok,
          note: facts?.note ?? '',
          isContract: facts?.isContract ?? false,
          isToken: facts?.isToken ?? false,
          role: main.role,
        },
    amount,
    originStatus: gathered.ok ? gathered.context.originStatus : gathered.missing.originStatus,
    guard: gathered.ok && gathered.context.guard ? guardView(gathered.context.guard.communities) : null,
    effects: effects.map((effect) => effectView(effect, amountOf, nameOf)),
    basis: understanding.effects.basis,
    basisNote: understanding.effects.note ?? null,
    balanceChanges: request.kind === 'transaction' && understanding.effects.basis === 'simulation' ? balanceChanges(effects, tokenOf) : null,
    simulationNote: understanding.failure ?? notSimulatedNote(request, understanding.effects.basis, facts),
    verdict: assessment
      ? {
          score: assessment.score,
          level: assessment.level,
          policyVersion: assessment.policyVersion.toString(),
          reasons: assessment.reasons.map((reason) => ({
            rule: reason.rule,
            message: versionsNamed(judgement, reason.message, decidedByOf(judgement, reason.rule).decidedBy),
            ...(reason.points !== undefined ? { points: reason.points } : {}),
            ...(reason.hard ? { hard: true } : {}),
            ...(reason.policyVersion !== undefined ? { policyVersion: reason.policyVersion.toString() } : {}),
            ...decidedByOf(judgement, reason.rule),
          })),
        }
      : null,
    thresholds: gathered.ok ? { warnAt: gathered.context.policy.snapshot.warnAt, blockAt: gathered.context.policy.snapshot.blockAt } : null,
    cannotVerify,
    policy: gathered.ok ? { address: gathered.context.policy.address, version: gathered.context.policy.snapshot.version.toString(), readAt: gathered.context.policy.readAt } : null,
    details: detailsView(understanding.details),
    changedNote,
    fee: judgement.fee?.view ?? null,
    payouts:
      community?.kind === 'treasurerBatch'
        ? community.payouts.map((payout) => ({ to: getAddress(payout.to), name: nameOf(payout.to), amount: money(payout.amount, tokenOf(community.token)), memo: payout.memo }))
        : null,
  };
}

/** Whose rules judged the request, in words. */
function guardView(communities: ReadonlyArray<{ name: string; version: bigint }>): { communities: string[]; sentence: string } {
  const named = communities.map(({ name, version }) => `${name} (policy version ${version})`);
  if (communities.length === 0)
    return { communities: [], sentence: 'No community rules apply on this network: the wallet judges this by its own checks and your personal budgets.' };
  if (communities.length === 1) return { communities: named, sentence: `Judged by the rules of ${communities[0]!.name}.` };
  const names = communities.map(({ name }) => name);
  return { communities: named, sentence: `Judged by the rules of ${names.slice(0, -1).join(', ')} and ${names.at(-1)}: where their rules differ, the stricter one counts.` };
}

/**
 * With several communities the rules' version is theirs together, which no community has: a reason's
 * "(policy version N)" then names the communities whose rule it is, each with its own version.
 */
function versionsNamed({ gathered }: Judgement, message: string, decidedBy: string[] | undefined): string {
  const communities = gathered.ok ? (gathered.context.guard?.communities ?? []) : [];
  if (communities.length < 2) return message;
  const named = communities.filter(({ name }) => decidedBy?.includes(name)).map(({ name, version }) => `${name}, policy version ${version}`);
  return message.replace(/ \(policy version \d+\)/, named.length > 0 ? ` (${named.join('; ')})` : '');
}

/** Limit fields of the policy, by the rule that applies them. */
const LIMIT_OF_RULE: Partial<Record<string, 'maxSinglePayment' | 'dailyCap' | 'maxFirstPayment'>> = { maxSinglePayment: 'maxSinglePayment', dailyCap: 'dailyCap', firstPaymentCap: 'maxFirstPayment' };

/**
 * The community whose rule a reason applies, when communities guard the network: the one whose limit
 * won for the tokens the request moves, whose thresholds or approvals rule it is, or who blocked the site.
 */
function decidedByOf({ understanding, gathered }: Judgement, rule: string): { decidedBy?: string[] } {
  const guard = gathered.ok ? gathered.context.guard : undefined;
  if (!guard || guard.communities.length === 0) return {};
  const { decidedBy } = guard;
  const names = new Set<string>();
  const field = LIMIT_OF_RULE[rule];
  if (field)
    for (const effect of understanding.effects.effects)
      if (effect.kind === 'assetOut' || effect.kind === 'allowance') for (const name of decidedBy.tokens[effect.token.toLowerCase()]?.[field] ?? []) names.add(name);
  if (rule === 'unlimitedApproval') for (const name of decidedBy.unlimitedApprovalsAllowed) names.add(name);
  if (rule === 'blockedOrigin' || rule === 'trustedSite') for (const name of (gathered.ok ? gathered.context.originStatus?.by : undefined) ?? []) names.add(name);
  return names.size > 0 ? { decidedBy: [...names] } : {};
}

function mainParty({ request, understanding }: Judgement): { address: Address | null | undefined; role: 'recipient' | 'spender' | 'contract' | 'operator' } {
  const target = understanding.target;
  if (request.kind === 'transaction' && request.action.kind === 'contractCall' && request.action.to === undefined) return { address: null, role: 'contract' };
  if (target && target.recognised !== 'standard') return { address: target.address, role: 'contract' };
  for (const effect of understanding.effects.effects) {
    if (effect.kind === 'assetIn') continue;
    const role = effect.kind === 'allowance' ? 'spender' : effect.kind === 'operator' ? 'operator' : 'recipient';
    return { address: partyOf(effect), role };
  }
  if (target) return { address: target.address, role: 'contract' };
  // Nothing leaves (a payment of 0): the window still names where the transaction goes.
  if (request.kind === 'transaction' && request.call.to) return { address: request.call.to, role: request.action.kind === 'nativeTransfer' ? 'recipient' : 'contract' };
  return { address: undefined, role: 'recipient' };
}

/**
 * Says so when a transaction goes to a contract that the wallet could not simulate: what the contract's code
 * will do is then unknown, even when nothing seems to leave (a payment of 0 to a contract runs its code).
 */
function notSimulatedNote(request: Judgement['request'], basis: string, facts: PartyFacts | undefined): string | null {
  if (request.kind !== 'transaction' || basis === 'simulation') return null;
  const toContract = (request.action.kind === 'contractCall' && request.action.to !== undefined) || facts?.isContract === true;
  return toContract ? 'The wallet could not simulate this call to a contract, so it cannot say what the contract will do.' : null;
}

function titleOf(
  { understanding }: Judgement,
  amount: PaymentView['amount'],
  tokenOf: (token: Address) => TokenInfo,
  nameOf: (address: Address | null) => string,
): string {
  const effects = understanding.effects.effects;
  const allowance = effects.find((effect) => effect.kind === 'allowance');
  const operator = effects.find((effect) => effect.kind === 'operator' && effect.approved);
  switch (understanding.action) {
    case 'Pay':
      return amount ? `Pay ${amount.value} ${amount.symbol}` : 'Pay';
    case 'Allow':
      if (allowance?.kind === 'allowance')
        return allowance.unlimited ? `Allow unlimited spending of ${tokenOf(allowance.token).symbol}` : `Allow spending of ${formatUnits(allowance.amount, tokenOf(allowance.token).decimals)} ${tokenOf(allowance.token).symbol}`;
      if (operator?.kind === 'operator') return `Allow ${nameOf(operator.operator)} to move your items of ${short(operator.token)}`;
      return understanding.label;
    case 'Send':
      return amount && amount.value !== '0' ? `Contract call sending ${amount.value} ${amount.symbol}` : 'Contract call';
    case 'Deploy':
      return 'Deploy a contract';
    default:
      return understanding.label;
  }
}

/** The amount the title names: what an approval allows, else everything leaving in the first token that leaves. */
export function headlineAmount({ request, understanding }: Judgement): { token: Address; amount: bigint } | null {
  const effects = understanding.effects.effects;
  const allowance = effects.find((effect) => effect.kind === 'allowance');
  if (allowance?.kind === 'allowance' && understanding.action === 'Allow') return { token: allowance.token, amount: allowance.amount };
  const firstOut = effects.find((effect) => effect.kind === 'assetOut');
  if (firstOut?.kind === 'assetOut') return { token: firstOut.token, amount: sumOut(effects, firstOut.token) };
  return request.kind === 'transaction' ? { token: NATIVE, amount: 0n } : null;
}

function sumOut(effects: readonly Effect[], token: Address): bigint {
  let total = 0n;
  for (const effect of effects) if (effect.kind === 'assetOut' && effect.token.toLowerCase() === token.toLowerCase()) total += effect.amount;
  return total;
}

function effectView(effect: Effect, amountOf: (amount: bigint, token: Address) => string, nameOf: (address: Address | null) => string): EffectView {
  switch (effect.kind) {
    case 'assetOut':
      return { text: `−${amountOf(effect.amount, effect.token)} to ${effect.to === null ? 'whoever fills the order' : nameOf(effect.to)}`, negative: true };
    case 'assetIn':
      return effect.standard === 'erc721' || effect.standard === 'erc1155'
        ? { text: `+${effect.amount} × item #${effect.tokenId} of ${short(effect.token)}`, negative: false }
        : { text: `+${amountOf(effect.amount, effect.token)}${effect.from ? ` from ${nameOf(effect.from)}` : ''}`, negative: false };
    case 'itemOut':
      return { text: `−${effect.amount} × ${effect.tokenId === undefined ? 'any item' : `item #${effect.tokenId}`} of ${short(effect.token)} to ${nameOf(effect.to)}`, negative: true };
    case 'allowance': {
      const symbol = amountOf(0n, effect.token).replace(/^0 /, '');
      const how = effect.via === 'permit2' || effect.via === 'permit2Transfer' ? ' (via Permit2)' : '';
      return { text: `${nameOf(effect.spender)} may take ${effect.unlimited ? `all your ${symbol}, without limit` : `up to ${amountOf(effect.amount, effect.token)}`}${how}`, negative: true };
    }
    case 'operator':
      return effect.approved
        ? { text: `${nameOf(effect.operator)} may move ${effect.tokenId !== undefined ? `item #${effect.tokenId}` : 'every item'} you hold of ${short(effect.token)}`, negative: true }
        : { text: `${nameOf(effect.operator)} may no longer move your items of ${short(effect.token)}`, negative: false };
  }
}

function balanceChanges(effects: readonly Effect[], tokenOf: (token: Address) => TokenInfo): BalanceChangeView[] {
  const deltas = new Map<string, { token: Address; delta: bigint }>();
  for (const effect of effects) {
    if (effect.kind !== 'assetOut' && !(effect.kind === 'assetIn' && (effect.standard === 'native' || effect.standard === 'erc20'))) continue;
    const key = effect.token.toLowerCase();
    const entry = deltas.get(key) ?? { token: effect.token, delta: 0n };
    entry.delta += effect.kind === 'assetOut' ? -effect.amount : effect.amount;
    deltas.set(key, entry);
  }
  return [...deltas.values()]
    .filter(({ delta }) => delta !== 0n)
    .map(({ token, delta }) => {
      const info = tokenOf(token);
      const magnitude = delta < 0n ? -delta : delta;
      return { token, symbol: info.symbol, change: `${delta < 0n ? '−' : '+'}${formatUnits(magnitude, info.decimals)} ${info.symbol}`, negative: delta < 0n };
    });
}

function detailsView(details: RequestDetails): DetailsView {
  // The sdk's trees are plain JSON already (values as text); the window shows them whole.
  return details;
}

/** Money in a sentence: "42.50 cgUSD" (two decimals for tokens that have cents), "0.001 ETH". */
function money(amount: bigint, info: TokenInfo): string {
  const text = formatUnits(amount, info.decimals);
  if (info.decimals < 2 || info.decimals > 8) return `${text} ${info.symbol}`;
  const [whole, fraction = ''] = text.split('.');
  return `${whole}.${fraction.padEnd(2, '0')} ${info.symbol}`;
}

function short(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}
