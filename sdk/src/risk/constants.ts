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
  operatorApproval: 30,
  itemsLeaving: 25,
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
