import type { Address } from 'viem';
import type { PayAction } from '../decode/types.js';
import type { MerchantStatus, PolicySnapshot, TokenLimits } from '../types/policy.js';

export type { MerchantStatus };

/** The per-token limits of the policy; a zero field means "no limit". */
export type RiskTokenLimits = TokenLimits;

/** The on-chain policy snapshot, as `readPolicy` returns it. */
export type RiskPolicy = PolicySnapshot;

/** One payment this wallet made before, from its local history. */
export type PastPayment = {
  token: Address;
  to: Address;
  amount: bigint;
  /** Unix milliseconds. */
  timestamp: number;
};

/** How amounts of a token are shown in reasons. */
export type TokenInfo = { symbol: string; decimals: number };

export type AssessPaymentInput = {
  action: PayAction;
  policy: RiskPolicy;
  /** Status of the recipient (payments) or spender (approvals) in the policy. */
  merchantStatus: MerchantStatus;
  /** The community's note about the recipient / spender (e.g. its name), for reasons. */
  merchantNote?: string | undefined;
  /** Status of the site that asked for the payment; `undefined` when the wallet itself started it. */
  originStatus?: MerchantStatus | undefined;
  /** The site origin, for reasons. */
  origin?: string | undefined;
  recipient: {
    /** The recipient / spender has contract code. */
    isContract: boolean;
    /** The recipient / spender is itself a token contract (answers `decimals()`/`totalSupply()`). */
    isToken: boolean;
  };
  token: TokenInfo;
  /** Past payments of this wallet, newest first (the amount model reads the most recent ones). */
  history: readonly PastPayment[];
  /** Unix milliseconds. */
  now: number;
};

export type RiskRule =
  | 'maxSinglePayment'
  | 'dailyCap'
  | 'firstPaymentCap'
  | 'blockedMerchant'
  | 'blockedOrigin'
  | 'unlimitedApproval'
  | 'firstPayment'
  | 'approvalToAccount'
  | 'recipientIsToken'
  | 'lookAlikeAddress'
  | 'paymentBurst'
  | 'unusualAmount'
  | 'unknownContractCall'
  | 'unknownSite'
  | 'trustedMerchant'
  | 'trustedSite';

export type RiskReason = {
  rule: RiskRule;
  /** One sentence in plain words. */
  message: string;
  /** Points this signal adds (negative: lowers the score). Absent for hard rules. */
  points?: number;
  /** A community rule that blocks on its own, whatever the score. */
  hard?: true;
  /** The policy version that set the rule, for community rules. */
  policyVersion?: bigint;
};

export type RiskLevel = 'allow' | 'warn' | 'block';

export type Assessment = {
  /** 0–100; 100 whenever a hard rule applies. */
  score: number;
  level: RiskLevel;
  reasons: RiskReason[];
  policyVersion: bigint;
};
