// biome-ignore lint/performance/noBarrelFile: entry point of the `@commonguard/sdk/risk` subpath
export { type Burst, judgeAmount, judgePace, type UnusualAmount } from './amountModel.js';
export {
  type AssessPaymentErrorType,
  type AssessPaymentParameters,
  type AssessPaymentReturnType,
  assessPayment,
} from './assessPayment.js';
export {
  type AssessRequestErrorType,
  type AssessRequestParameters,
  type AssessRequestReturnType,
  assessRequest,
  scoreOf,
} from './assessRequest.js';
export {
  AMOUNT_MODEL_WINDOW,
  BURST_COUNT,
  BURST_VALUE_COUNT,
  BURST_VALUE_FACTOR,
  BURST_VALUE_WINDOW_MS,
  BURST_WINDOW_MS,
  DAY_MS,
  LOOK_ALIKE_CHARS,
  MIN_HISTORY_FOR_AMOUNTS,
  MIN_LOG_SPREAD,
  MIN_RECIPIENT_HISTORY,
  PHISHING_FUZZY_POINTS,
  PRIMED_OVER_MAX,
  RECIPIENT_AMOUNT_WINDOW,
  RECIPIENT_OVER_MAX,
  SIGNAL_POINTS,
  STRONG_OVER_HIGH,
  STRONG_BURST_POINTS,
  STRONG_OVER_MAX,
  STRONG_OVER_MEDIAN,
  STRONG_OVER_RECIPIENT_MAX,
  STRONG_UNUSUAL_AMOUNT_POINTS,
  UNUSUAL_OVER_HIGH,
  UNUSUAL_OVER_MEDIAN,
  UNUSUAL_Z,
} from './constants.js';
export {
  type AmountSummary,
  type RecipientFamiliarity,
  ShopperProfile,
  type SiteFamiliarity,
} from './profile.js';
export {
  classifyTransfer,
  type PrimerKind,
  type SeenToken,
  type SeenTransfer,
  type SuspiciousTransfer,
  suspiciousTransferWarning,
} from './poisoning.js';
export { median, robustZ } from './stats.js';
export { type SiteSignal, type SiteSignalsParameters, siteSignals } from './siteSignals.js';
export { type ImitationKind, type SiteImitation, siteImitation, WELL_KNOWN_SITES } from '../site/lookAlike.js';
export type {
  Assessment,
  AssessPaymentInput,
  AssessRequestInput,
  CallTarget,
  ConcernRule,
  PartyFacts,
  RequestConcern,
  MerchantStatus,
  PastPayment,
  RiskLevel,
  RiskPolicy,
  RiskReason,
  RiskRule,
  RiskTokenLimits,
  SignalClass,
  TokenInfo,
} from './types.js';
