import type { Address } from 'viem';

// Its own module so that `profile.ts` and `types.ts` both import it and not each other.

/**
 * One payment this wallet made before, from its local history: money that left (or is leaving) the
 * wallet. Approvals, signatures, rejected, blocked and failed requests are not payments: leave them out.
 */
export type PastPayment = {
  token: Address;
  to: Address;
  amount: bigint;
  /** Unix milliseconds: when it was sent. */
  timestamp: number;
  /** The site that asked for it (as the browser named it); `null` or absent when the wallet itself started it. */
  origin?: string | null | undefined;
  /**
   * `confirmed`: mined and succeeded; `pending`: sent, no receipt yet. Only confirmed, non-zero payments
   * make a recipient or a site familiar; pending ones still count toward the daily cap and the pace of
   * spending. Absent: taken as confirmed (histories that record only payments that went out).
   */
  status?: 'confirmed' | 'pending' | undefined;
  /** The history entry's id, so that a pending payment can be settled later in a `ShopperProfile`. */
  id?: string | undefined;
};
