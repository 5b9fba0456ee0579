/**
 * Points each signal adds to the score, by class (the sdk README, "How a verdict is built", shows how
 * they combine). With the demo policy (warnAt 40, blockAt 80):
 * - a danger signal warns on its own and two of them, or one with a mild signal, may block;
 * - mild signals are weighed so that one weak signal stays below warnAt, a strong one (an amount
 *   fifteen times the usual, a fast run of payments ending with a stranger) or two together reach it, and together they never block;
 * - credits lower only the familiarity signals (first payment, unknown site).
 */
export const SIGNAL_POINTS = {
  // danger
  lookAlikeAddress: 60,
  poisonedAddress: 60,
  approvalToAccount: 50,
  recipientIsToken: 50,
  freshContractDrain: 50,
  freshSpender: 50,
  lookAlikeSite: 60,
  giveawayOrder: 50,
  safeDelegateCall: 100,
  phishingSite: 100,
  unlimitedApproval: 40,
  // mild
  firstPayment: 20,
  unknownSite: 15,
  unusualAmount: 25,
  paymentBurst: 25,
  operatorApproval: 25,
  itemsLeaving: 20,
  unknownContractCall: 10,
  freshContractSwap: 25,
  // credit
  trustedMerchant: -20,
  trustedSite: -15,
} as const;

/** A site the phishing lists' fuzzy list finds close to a site phishers imitate: as strong as a look-alike site. */
export const PHISHING_FUZZY_POINTS = 60;

/** An unusual amount this far from the shopper's habits is a strong mild signal (warns on its own at warnAt 40). */
export const STRONG_UNUSUAL_AMOUNT_POINTS = 40;
/** A fast run of payments whose latest goes to someone never paid: the shape of a drain in small steps. */
export const STRONG_BURST_POINTS = 40;

/** "Many payments in a short time": this many payments (including this one) within the window. */
export const BURST_COUNT = 4;
export const BURST_WINDOW_MS = 10 * 60 * 1000;
/** Pace by value: in this window, at least BURST_VALUE_COUNT payments worth BURST_VALUE_FACTOR × the usual amount. */
export const BURST_VALUE_WINDOW_MS = 60 * 60 * 1000;
export const BURST_VALUE_COUNT = 3;
export const BURST_VALUE_FACTOR = 12;
/** The daily cap is a rolling 24 hours, so it cannot be dodged by paying just after midnight. */
export const DAY_MS = 24 * 60 * 60 * 1000;
/** The shopper-wide amount model needs at least this many confirmed payments in the token before it speaks. */
export const MIN_HISTORY_FOR_AMOUNTS = 5;
/** The per-recipient model uses its robust z-score from this many payments to that recipient on. */
export const MIN_RECIPIENT_HISTORY = 3;
/** The shopper-wide amount model learns from this many most recent payments per token: habits change over time. */
export const AMOUNT_MODEL_WINDOW = 50;
/** The per-recipient amount model learns from this many most recent payments to that recipient, per token. */
export const RECIPIENT_AMOUNT_WINDOW = 20;
/**
 * Smallest spread the amount model assumes, in log10 units (0.1 ≈ ±25 %): a shopper who always paid
 * exactly the same is not alarmed by a slightly different price, but is by ten times as much.
 */
export const MIN_LOG_SPREAD = 0.1;
/** Modified z-score above which an amount is unusual (Iglewicz and Hoaglin suggest 3.5). */
export const UNUSUAL_Z = 3.5;
/**
 * Ratios (amount ÷ reference) of the amount model. Shopper-wide: unusual when at least
 * UNUSUAL_OVER_MEDIAN × the median and UNUSUAL_OVER_HIGH × the 90th percentile of recent payments;
 * strong when STRONG_OVER_MEDIAN × the median, STRONG_OVER_HIGH × the 90th percentile and STRONG_OVER_MAX × the
 * largest recent payment.
 * Per recipient: unusual when above RECIPIENT_OVER_MAX × the most paid to them recently (and robustly
 * far from their median), strong when also STRONG_OVER_MEDIAN × their median or STRONG_OVER_RECIPIENT_MAX ×
 * the most paid to them. A recipient paid only
 * once or twice: unusual (strong) when above PRIMED_OVER_MAX × the most paid to them, the pattern of
 * "pay a little first, then a lot".
 */
export const UNUSUAL_OVER_MEDIAN = 8;
export const UNUSUAL_OVER_HIGH = 2;
export const STRONG_OVER_MEDIAN = 15;
export const STRONG_OVER_HIGH = 3;
export const STRONG_OVER_MAX = 1.5;
export const RECIPIENT_OVER_MAX = 3;
export const STRONG_OVER_RECIPIENT_MAX = 5;
export const PRIMED_OVER_MAX = 10;
/** Hex characters compared at each end for look-alike addresses (what people check by eye). */
export const LOOK_ALIKE_CHARS = 4;
