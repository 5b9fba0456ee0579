import type { Address } from 'viem';
import {
  type MerchantStatus,
  type PolicySnapshot,
  type TokenLimits,
  type TreasuryLedger,
  type TreasuryOutcome,
  type TreasuryPolicy,
  type TreasuryRuleError,
  applyPayByVote,
  applySetBudget,
  applyTreasurerPayout,
  emptyLedger,
  ledgerKey,
} from '@commonguard/sdk';
import type { Directory } from '../chain/tokens.js';
import type { Payout } from '../indexer/types.js';

/** The rules a proposal would leave in place: the policy snapshot and the listed merchants after it. */
export type ProposedRules = {
  snapshot: PolicySnapshot;
  /** Lower-cased address → status and the community's note. Unlisted addresses are "unknown". */
  merchants: ReadonlyMap<string, { status: MerchantStatus; note: string }>;
  /** Site origin → status (only the member's own replay uses these). */
  origins?: ReadonlyMap<string, MerchantStatus>;
};

export type RefusedPayout = { payout: Payout; reasons: string[] };

export type TreasuryBacktest = {
  /** Payouts replayed (oldest to newest). */
  checked: number;
  refused: RefusedPayout[];
  /** What the refused payouts add up to, per token (lower-cased address). */
  refusedTotals: Map<string, bigint>;
};

/** A budget no replayed payout can exceed: the past payouts were within their real budgets. */
const UNLIMITED = { amountPerPeriod: 2n ** 128n - 1n, period: 2n ** 64n - 1n };

/**
 * Payouts in the order the chain made them: by block, then by position in the block (a batch's rows, or
 * several payouts in one block, share a timestamp).
 */
export function chainOrder(payouts: readonly Payout[]): Payout[] {
  return [...payouts].sort((a, b) => (a.blockNumber !== b.blockNumber ? (a.blockNumber < b.blockNumber ? -1 : 1) : a.logIndex - b.logIndex));
}

/**
 * The calls that made the payouts: a payout by vote is one `pay`; a treasurer's payouts in one
 * transaction are one `payoutBatch` (a single `payout` is a batch of one row: the treasury checks both
 * alike). A contract that calls `payout` twice in one transaction meets the same rules as the batch.
 */
function calls(ordered: readonly Payout[]): Payout[][] {
  const groups: Payout[][] = [];
  for (const payout of ordered) {
    const last = groups[groups.length - 1];
    const previous = last?.[last.length - 1];
    if (previous && !payout.byVote && !previous.byVote && previous.tx === payout.tx && previous.token.toLowerCase() === payout.token.toLowerCase()) last.push(payout);
    else groups.push([payout]);
  }
  return groups;
}

/**
 * Replays past treasury payouts against proposed rules, oldest first, exactly as the treasury
 * (`Treasury.sol`, mirrored by the sdk's treasury rules) would have checked them: payouts by vote only
 * for a blocked recipient and the maximum single payment; a treasurer's payouts also for the maximum
 * single payment and the first-payment cap over each recipient's window, and the daily cap of that
 * treasurer (UTC days). Budgets are not replayed: the payouts were within them. A refused call does
 * not happen, so it counts towards nothing later. Recipients paid before the oldest payout replayed
 * count as new. Pure.
 */
export function backtestPayouts(payouts: readonly Payout[], rules: ProposedRules, dir: Directory): TreasuryBacktest {
  const limits = new Map<string, TokenLimits>(rules.snapshot.tokenLimits.map((l) => [l.token.toLowerCase(), l]));
  const policy: TreasuryPolicy = {
    limits: (token) => limits.get(token.toLowerCase()),
    isBlocked: (recipient) => rules.merchants.get(recipient.toLowerCase())?.status === 'blocked',
  };
  const ordered = chainOrder(payouts);
  let ledger: TreasuryLedger = emptyLedger;
  const refused: RefusedPayout[] = [];
  const refusedTotals = new Map<string, bigint>();

  for (const group of calls(ordered)) {
    const first = group[0] as Payout;
    let outcome: TreasuryOutcome;
    if (first.byVote) {
      outcome = applyPayByVote(ledger, policy, first);
    } else {
      if (!ledger.budgets.has(ledgerKey(first.executor, first.token))) {
        const granted = applySetBudget(ledger, { treasurer: first.executor, token: first.token, ...UNLIMITED, timestamp: first.timestamp });
        if (granted.ok) ledger = granted.ledger;
      }
      outcome = applyTreasurerPayout(ledger, policy, { treasurer: first.executor, token: first.token, rows: group, batch: true, timestamp: first.timestamp });
    }
    if (outcome.ok) {
      ledger = outcome.ledger;
      continue;
    }
    const reason = explain(outcome.error, rules, dir);
    for (const payout of group) {
      const own = outcome.error.errorName === 'PaymentPolicyDailyCapExceeded' || sameAddress(errorRecipient(outcome.error), payout.recipient);
      refused.push({ payout, reasons: [own || group.length === 1 ? reason : `it was paid together with a payout that would have been refused (${reason})`] });
      const token = payout.token.toLowerCase();
      refusedTotals.set(token, (refusedTotals.get(token) ?? 0n) + payout.amount);
    }
  }
  return { checked: ordered.length, refused: refused.reverse(), refusedTotals };
}

function sameAddress(a: Address | undefined, b: Address): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase();
}

function errorRecipient(error: TreasuryRuleError): Address | undefined {
  switch (error.errorName) {
    case 'PaymentPolicyRecipientBlocked':
      return error.args[0];
    case 'PaymentPolicyAmountAboveMax':
    case 'PaymentPolicyFirstPaymentAboveMax':
      return error.args[1];
    default:
      return undefined;
  }
}

/** The refusal in words, for a member deciding a vote. */
function explain(error: TreasuryRuleError, rules: ProposedRules, dir: Directory): string {
  switch (error.errorName) {
    case 'PaymentPolicyRecipientBlocked': {
      const note = rules.merchants.get(error.args[0].toLowerCase())?.note;
      return `the recipient would be blocked${note ? `: “${note}”` : ''}`;
    }
    case 'PaymentPolicyAmountAboveMax': {
      const [token, , amount, max] = error.args;
      return `${dir.amount(amount, token)} to this recipient within two days (UTC) is above the maximum single payment of ${dir.amount(max, token)}`;
    }
    case 'PaymentPolicyFirstPaymentAboveMax': {
      const [token, , amount, max] = error.args;
      return `a first payment to this recipient may be at most ${dir.amount(max, token)}, and this makes ${dir.amount(amount, token)}`;
    }
    case 'PaymentPolicyDailyCapExceeded': {
      const [token, spent, amount, cap] = error.args;
      return `this treasurer would have paid ${dir.amount(spent + amount, token)} within two days (UTC), above the daily cap of ${dir.amount(cap, token)}`;
    }
    default:
      return `the treasury would have refused it (${error.errorName})`;
  }
}

/** A merchant change a proposal makes (decoded from its `setMerchantStatus` actions). */
export type MerchantChange = { merchant: Address; status: MerchantStatus; note: string };

/** The listing after the proposal: today's listed merchants with the proposal's changes applied in order. */
export function listingAfter(current: readonly { merchant: Address; status: MerchantStatus; note: string }[], changes: readonly MerchantChange[]): Map<string, { status: MerchantStatus; note: string }> {
  const listing = new Map(current.map((m) => [m.merchant.toLowerCase(), { status: m.status, note: m.note }]));
  for (const change of changes) {
    if (change.status === 'unknown') listing.delete(change.merchant.toLowerCase());
    else listing.set(change.merchant.toLowerCase(), { status: change.status, note: change.note });
  }
  return listing;
}
