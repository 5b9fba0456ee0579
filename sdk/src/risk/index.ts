// biome-ignore lint/performance/noBarrelFile: entry point of the `@commonguard/sdk/risk` subpath
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
} from './assessRequest.js';
export {
  AMOUNT_MODEL_WINDOW,
  BURST_COUNT,
  BURST_WINDOW_MS,
  DAY_MS,
  LOOK_ALIKE_CHARS,
  MIN_HISTORY_FOR_AMOUNTS,
  MIN_LOG_SPREAD,
  SIGNAL_POINTS,
  UNUSUAL_Z,
} from './constants.js';
export { median, robustZ } from './stats.js';
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
  TokenInfo,
} from './types.js';
