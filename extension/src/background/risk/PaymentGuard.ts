import type { PayAction } from '@commonguard/sdk/decode';
import { type Assessment, assessPayment, type MerchantStatus } from '@commonguard/sdk/risk';
import { type Address, formatUnits, type Hex } from 'viem';
import type { PaymentView } from '../../shared/views.js';
import type { ChainAccess } from '../chain/ChainAccess.js';
import type { History } from '../history/History.js';
import { type CachedPolicy, describeChainError, type PolicyCache, PolicyUnavailableError } from '../policy/PolicyCache.js';
import {
  type AccountFacts,
  formatAmount,
  readAccountFacts,
  readMerchantStatus,
  readOriginStatus,
  type Simulation,
  simulate,
  type StatusRead,
  type TokenInfo,
  TokenInfoCache,
} from './context.js';

export type PaymentRequest = {
  action: PayAction;
  /** The site that asked; `null` when the user started it in the wallet. */
  origin: string | null;
  account: Address;
  /** The call as it will be sent (for the simulation). Absent for signatures (permits). */
  call?: { to: Address | undefined; value: bigint; data: Hex } | undefined;
};

/** The outcome of reviewing a pay request: what the confirm window shows and what the wallet may do. */
export type PaymentReview = {
  view: PaymentView;
  /** `null` when the wallet could not verify the payment: it must not be signed. */
  assessment: Assessment | null;
  token: TokenInfo;
  counterparty: Address | null;
  tokenAddress: Address;
  amount: bigint;
};

export type PaymentGuardOptions = {
  chain: ChainAccess;
  policy: PolicyCache;
  history: History;
  /** The shopper's own budget (see `budget/`): a payment over it gets a warning. */
  budget?: BudgetWarning;
  now?: () => number;
};

/** Whether a payment would go over the shopper's personal budget, and the sentence that says so. */
export type BudgetWarning = (token: Address, amount: bigint, tokenInfo: TokenInfo) => Promise<{ over: boolean; message: string } | null>;

/**
 * The pay-request pipeline between decoding and confirmation: gathers the context (policy snapshot,
 * merchant and site status, recipient facts, simulated balance changes, local history) in one batched
 * round trip, runs the pure risk assessment, and builds the confirm window's view. Fails safe: any
 * missing fact needed for the community rules makes the review "cannot verify".
 */
export class PaymentGuard {
  #chain: ChainAccess;
  #policy: PolicyCache;
  #history: History;
  #tokens = new TokenInfoCache();
  #budget: BudgetWarning | undefined;
  #now: () => number;

  constructor({ chain, policy, history, budget, now = Date.now }: PaymentGuardOptions) {
    this.#chain = chain;
    this.#policy = policy;
    this.#history = history;
    this.#budget = budget;
    this.#now = now;
  }

  async review(request: PaymentRequest): Promise<PaymentReview> {
    const { action, origin, account } = request;
    const { client, settings } = await this.#chain.current();
    const policyAddress = settings.paymentPolicy;
    const { counterparty, token, amount, role } = describeAction(action);
    const now = this.#now();

    const none: StatusRead = { status: 'unknown', note: '' };
    const gathered = await Promise.allSettled([
      this.#policy.fresh(client, policyAddress),
      counterparty && policyAddress ? readMerchantStatus(client, policyAddress, counterparty) : Promise.resolve(none),
      origin && policyAddress ? readOriginStatus(client, policyAddress, origin) : Promise.resolve(null),
      counterparty ? readAccountFacts(client, counterparty) : Promise.resolve({ isContract: false, isToken: false, nonce: 0 } as AccountFacts),
      this.#tokens.get(client, token),
      request.call ? simulate(client, { from: account, ...request.call }) : Promise.resolve(null),
      this.#history.paymentsOf(account),
    ]);
    const [policyResult, merchantResult, originResult, factsResult, tokenResult, simulationResult, historyResult] = gathered;

    const tokenInfo: TokenInfo = tokenResult.status === 'fulfilled' ? tokenResult.value : { symbol: `${token.slice(0, 6)}…`, decimals: 0 };
    const facts = factsResult.status === 'fulfilled' ? factsResult.value : null;
    const merchant = merchantResult.status === 'fulfilled' ? merchantResult.value : null;
    const site = originResult.status === 'fulfilled' ? originResult.value : null;
    const simulation: Simulation | null =
      simulationResult.status === 'fulfilled' ? simulationResult.value : { ok: false, error: describeChainError(simulationResult.reason) };

    const view: PaymentView = {
      origin,
      account,
      title: titleOf(action, amount, tokenInfo),
      kind: action.kind,
      counterparty: {
        address: counterparty,
        status: merchant?.status ?? 'unknown',
        note: merchant?.note ?? '',
        isContract: facts?.isContract ?? false,
        isToken: facts?.isToken ?? false,
        role,
      },
      amount: { value: formatUnits(amount, tokenInfo.decimals), symbol: tokenInfo.symbol, token },
      originStatus: site,
      balanceChanges: null,
      simulationNote: null,
      verdict: null,
      cannotVerify: null,
      policy: null,
    };
    if (simulation?.ok) {
      view.balanceChanges = await Promise.all(
        simulation.changes.map(async ({ token: changed, delta }) => {
          const info = await this.#tokens.get(client, changed).catch(() => ({ symbol: `${changed.slice(0, 6)}…`, decimals: 0 }));
          const magnitude = delta < 0n ? -delta : delta;
          return { token: changed, symbol: info.symbol, change: `${delta < 0n ? '−' : '+'}${formatAmount(magnitude, info)}`, negative: delta < 0n };
        }),
      );
    } else if (simulation) view.simulationNote = `The simulation says this would fail: ${simulation.error}`;

    // Fail safe: without the policy, the statuses, the recipient facts or the history, do not guess.
    const missing = [
      policyResult.status === 'rejected' ? reasonOf(policyResult.reason) : null,
      merchantResult.status === 'rejected' ? `Cannot read the merchant's status: ${describeChainError(merchantResult.reason)}` : null,
      originResult.status === 'rejected' ? `Cannot read the site's status: ${describeChainError(originResult.reason)}` : null,
      factsResult.status === 'rejected' ? `Cannot read the recipient's account: ${describeChainError(factsResult.reason)}` : null,
      tokenResult.status === 'rejected' ? `Cannot read the token: ${describeChainError(tokenResult.reason)}` : null,
      historyResult.status === 'rejected' ? 'Cannot read the local payment history.' : null,
    ].filter((reason): reason is string => reason !== null);

    if (missing.length > 0 || policyResult.status !== 'fulfilled' || historyResult.status !== 'fulfilled') {
      const stale = policyResult.status === 'rejected' && policyResult.reason instanceof PolicyUnavailableError ? policyResult.reason.stale : this.#policy.status().cached;
      view.cannotVerify = {
        reason: [...new Set(missing)].join(' '),
        stalePolicy: stale ? { version: stale.snapshot.version.toString(), ageSeconds: Math.round((now - stale.readAt) / 1000) } : null,
      };
      return { view, assessment: null, token: tokenInfo, counterparty, tokenAddress: token, amount };
    }

    const policy: CachedPolicy = policyResult.value;
    view.policy = { address: policy.address, version: policy.snapshot.version.toString(), readAt: policy.readAt };
    const assessment = assessPayment({
      action,
      policy: policy.snapshot,
      merchantStatus: merchant?.status ?? 'unknown',
      merchantNote: merchant?.note || undefined,
      originStatus: origin ? ((site?.status ?? 'unknown') as MerchantStatus) : undefined,
      origin: origin ?? undefined,
      recipient: { isContract: facts?.isContract ?? false, isToken: facts?.isToken ?? false },
      token: tokenInfo,
      history: historyResult.value,
      now,
    });
    applyBudget(assessment, action.kind === 'tokenApproval' ? null : await this.#budget?.(token, amount, tokenInfo).catch(() => null));
    view.verdict = {
      score: assessment.score,
      level: assessment.level,
      policyVersion: assessment.policyVersion.toString(),
      reasons: assessment.reasons.map((reason) => ({
        rule: reason.rule,
        message: reason.message,
        ...(reason.points !== undefined ? { points: reason.points } : {}),
        ...(reason.hard ? { hard: true } : {}),
        ...(reason.policyVersion !== undefined ? { policyVersion: reason.policyVersion.toString() } : {}),
      })),
    };
    return { view, assessment, token: tokenInfo, counterparty, tokenAddress: token, amount };
  }
}

/** A payment over the personal budget warns (never blocks, never lowers a community verdict). */
function applyBudget(assessment: Assessment, check: { over: boolean; message: string } | null | undefined): void {
  if (!check?.over) return;
  assessment.reasons.push({ rule: 'personalBudget', message: check.message, atLeast: 'warn', class: 'concern' });
  if (assessment.level === 'allow') assessment.level = 'warn';
}

function reasonOf(error: unknown): string {
  return error instanceof PolicyUnavailableError ? error.message : `Cannot read the community policy: ${describeChainError(error)}`;
}

export function describeAction(action: PayAction): { counterparty: Address | null; token: Address; amount: bigint; role: 'recipient' | 'spender' | 'contract' } {
  switch (action.kind) {
    case 'nativeTransfer':
      return { counterparty: action.to, token: action.token, amount: action.amount, role: 'recipient' };
    case 'tokenTransfer':
      return { counterparty: action.to, token: action.token, amount: action.amount, role: 'recipient' };
    case 'tokenApproval':
      return { counterparty: action.spender, token: action.token, amount: action.amount, role: 'spender' };
    case 'contractCall':
      return { counterparty: action.to ?? null, token: '0x0000000000000000000000000000000000000000', amount: action.value, role: 'contract' };
  }
}

function titleOf(action: PayAction, amount: bigint, token: TokenInfo): string {
  switch (action.kind) {
    case 'nativeTransfer':
    case 'tokenTransfer':
      return `Pay ${formatAmount(amount, token)}`;
    case 'tokenApproval':
      return action.unlimited ? `Allow unlimited spending of ${token.symbol}` : `Allow spending of ${formatAmount(amount, token)}`;
    case 'contractCall':
      return amount > 0n ? `Contract call sending ${formatAmount(amount, token)}` : 'Contract call';
  }
}
