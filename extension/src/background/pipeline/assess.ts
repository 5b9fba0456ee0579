import { checkPhishingList } from '@commonguard/sdk/phishing';
import { type Assessment, assessRequest, type PastPayment, siteImitation, WELL_KNOWN_SITES } from '@commonguard/sdk/risk';
import type { Address } from 'viem';
import { outflowsOf } from './effects.js';
import type { Context, Gathered, Understanding, WalletRequest } from './types.js';

/**
 * Step 3 (pure): every outflow is a payment and every grant an approval, judged by the community's
 * rules against the local history plus the payments still waiting in other windows (so two windows
 * open at once cannot both pass the daily cap).
 */
export function assess(request: WalletRequest, understanding: Understanding, context: Context, pending: readonly PastPayment[]): Assessment {
  const site = request.origin ? (context.originStatus?.status ?? 'unknown') : undefined;
  return assessRequest({
    effects: understanding.effects,
    target: understanding.target,
    parties: context.parties,
    tokens: context.tokens,
    concerns: [...understanding.concerns, ...(context.concerns ?? [])],
    policy: context.policy.snapshot,
    // A call to the community's own contracts (a vote, a delegation, a proposal, a payout: named by the
    // sdk) is the community's business from whichever page it comes: it is never scored as an unknown
    // site's. A site the community blocked stays blocked.
    originStatus: site === 'unknown' && understanding.target?.recognised === 'community' ? undefined : site,
    origin: request.origin ?? undefined,
    // Look-alikes of the sites the community trusts and of the well-known sites of our field.
    siteImitation: siteImitation(request.origin ?? undefined, [...(context.trustedSites ?? []), ...WELL_KNOWN_SITES]),
    // The phishing lists, on the device; the community's word on the site comes first.
    phishingList: checkPhishingList(request.origin ?? undefined, site),
    delegateCalls: understanding.delegateCalls,
    suspiciousTransfers: context.suspiciousTransfers,
    history: [...pending, ...context.history],
    now: context.now,
  });
}

/**
 * The amounts of requests that are open (shown in a window, or being sent) and not yet in the
 * history. Each counts against the daily cap of the others until it is answered. In memory only: a
 * restarted background has no open windows.
 */
export class PendingPayments {
  #open = new Map<string, { account: string; outflows: PastPayment[] }>();

  /** What other open requests of `account` would pay, newest first. */
  of(account: Address, except?: string): PastPayment[] {
    const result: PastPayment[] = [];
    for (const [id, entry] of this.#open) if (id !== except && entry.account === account.toLowerCase()) result.push(...entry.outflows);
    return result.reverse();
  }

  /**
   * Holds `outflows` under a new id (or replaces what `id` held, after a re-check) until {@link release}.
   * Call in the same tick as the assessment that read {@link of}.
   */
  reserve(account: Address, outflows: PastPayment[], id: string = crypto.randomUUID()): string {
    if (outflows.length > 0) this.#open.set(id, { account: account.toLowerCase(), outflows });
    else this.#open.delete(id);
    return id;
  }

  /**
   * Step 3 with the open payments: assesses `request` (when its context could be read) against the
   * history plus what the account's other open requests would pay, and holds what this one pays, when it
   * may be signed, under `reservation` (a new id, or the one a re-check keeps). Both in the same tick, so
   * two requests judged at once each see the other's amount.
   */
  assessAndHold(request: WalletRequest, understanding: Understanding, gathered: Gathered, now: number, reservation?: string): { assessment: Assessment | null; reservation: string } {
    const assessment = gathered.ok ? assess(request, understanding, gathered.context, this.of(request.account, reservation)) : null;
    const signable = assessment !== null && assessment.level !== 'block';
    return { assessment, reservation: this.reserve(request.account, signable ? outflowsOf(understanding, now) : [], reservation) };
  }

  release(id: string): void {
    this.#open.delete(id);
  }
}
