import type { Address } from 'viem';

/** How the community regards a merchant address or a site origin (`unknown` = not listed). */
export type MerchantStatus = 'unknown' | 'trusted' | 'blocked';

/** `IPaymentPolicy.MerchantStatus` values, by their on-chain index. */
export const merchantStatuses = ['unknown', 'trusted', 'blocked'] as const satisfies readonly MerchantStatus[];

/** Limits for one token; `token` is the zero address for the chain's native coin. `0n` means "no limit". */
export type TokenLimits = {
  token: Address;
  maxSinglePayment: bigint;
  dailyCap: bigint;
  maxFirstPayment: bigint;
};

/** Everything a wallet needs from the policy, as returned by `PaymentPolicy.snapshot()`. */
export type PolicySnapshot = {
  /** Grows by one with every change; starts at 1. */
  version: bigint;
  /** Score (0–100) at or above which a payment needs an explicit acknowledgement. */
  warnAt: number;
  /** Score (0–100) at or above which a payment cannot be signed. */
  blockAt: number;
  unlimitedApprovalsAllowed: boolean;
  tokenLimits: readonly TokenLimits[];
};

/** One listed merchant address. */
export type MerchantEntry = { merchant: Address; status: MerchantStatus; note: string };

/** One listed site origin (normalised: lower-case `scheme://host[:port]`). */
export type OriginEntry = { origin: string; status: MerchantStatus; note: string };

/** The status of one merchant address or origin, and the community's note about it. */
export type MerchantStatusEntry = { status: MerchantStatus; note: string };

/** One listed domain rule (normalised: lower-case, no trailing dot); it covers the domain and all its subdomains. */
export type DomainEntry = { domain: string; status: MerchantStatus; note: string };

/** Where a site's status comes from: its exact origin, or a domain rule covering its host. */
export type SiteRule = { kind: 'origin'; origin: string } | { kind: 'domain'; domain: string };

/**
 * How the community regards a site, taking its exact origin and every domain rule covering its host
 * into account (a block anywhere wins). `rule` is undefined when nothing is listed.
 */
export type SiteStatusEntry = { status: MerchantStatus; note: string; rule: SiteRule | undefined };

/**
 * What bounds a treasurer's next payouts in one token, read at one moment: the budget, the daily window
 * and the policy's limits. Mirrors `Treasury.budget`, `Treasury.dailyWindow` and `PaymentPolicy.tokenLimits`.
 */
export type TreasurerLimits = {
  budget: { amountPerPeriod: bigint; period: bigint; periodStart: bigint; spent: bigint; remaining: bigint };
  /** Paid in the token from `windowStart` (the previous UTC midnight but one) until now; see the Treasury's NatSpec. */
  dailyWindow: { windowStart: bigint; windowEnd: bigint; spent: bigint };
  limits: TokenLimits;
  /** For each recipient asked about (lower-cased address): whether the treasury ever paid it. */
  paidBefore: Readonly<Record<string, boolean>>;
  /**
   * For each recipient asked about (lower-cased address): what treasurers paid it in the token within the
   * recipient window (the previous and the current UTC day), and whether the first-payment cap still
   * applies to it. Mirrors `Treasury.recipientWindow`.
   */
  recipientWindows: Readonly<Record<string, { paid: bigint; isNew: boolean }>>;
};
