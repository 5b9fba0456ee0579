import type { Address } from 'viem';
import type { PayAction } from '../decode/types.js';
import type { RequestEffects } from '../effects/types.js';
import type { MerchantStatus, PolicySnapshot, TokenLimits } from '../types/policy.js';
import type { SafeDelegateCall } from '../decode/safeTx.js';
import type { SiteImitation } from '../site/lookAlike.js';
import type { PhishingListMatch } from '../site/phishingList.js';
import type { PastPayment } from './pastPayment.js';
import type { SuspiciousTransfer } from './poisoning.js';
import type { ShopperProfile } from './profile.js';

export type { MerchantStatus };

/** The per-token limits of the policy; a zero field means "no limit". */
export type RiskTokenLimits = TokenLimits;

/** The on-chain policy snapshot, as `readPolicy` returns it. */
export type RiskPolicy = PolicySnapshot;

export type { PastPayment } from './pastPayment.js';

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

/** What the wallet knows about an address a request names (a recipient, a spender, an operator, the called contract). */
export type PartyFacts = {
  /** The community's status for the address. */
  status: MerchantStatus;
  /** The community's note about it (e.g. the merchant's name). */
  note?: string | undefined;
  /** It has contract code. */
  isContract: boolean;
  /** It is itself a token contract (answers `decimals()`/`totalSupply()`). */
  isToken: boolean;
  /**
   * A contract created recently (the wallet's own window, e.g. within the last 7 days, from the block of
   * its creation or its first transaction). `undefined` when not known: then it is not taken as fresh.
   * A value-moving call to a fresh contract that the simulation shows draining assets is a danger.
   */
  fresh?: boolean | undefined;
};

/**
 * The contract a transaction calls, and how well the wallet can name the call:
 * `community` (the deployment's own governor, token, timelock, treasury or policy), `standard` (a
 * token standard's own function: ERC-20 transfer/approve, setApprovalForAll), `unknown` (anything else).
 */
export type CallTarget = { address: Address; recognised: 'community' | 'standard' | 'unknown' };

/**
 * Something the understanding step found that needs the person's attention whatever the score: each
 * becomes a reason that makes the verdict at least a warning (a blind signature, a Sign-In message for
 * another site, effects the wallet cannot tell).
 */
export type RequestConcern = { rule: ConcernRule; message: string };

/**
 * `unreadableToken`: a token whose amounts cannot be read (no decimals, or outside 0–36); `copycatToken`: a
 * token the community does not list that uses the symbol of one it lists, or of the native coin;
 * `gasLimitFarAboveUse`: the page's gas limit is far above what the simulation used (a contract may behave
 * differently with more gas).
 */
export type ConcernRule = 'cannotTell' | 'blindSignature' | 'signInMismatch' | 'personalBudget' | 'unreadableToken' | 'copycatToken' | 'gasLimitFarAboveUse';

/**
 * Everything {@link assessRequest} judges: the request's effects and the context gathered for them.
 * Every outflow is a payment to its counterparty and every grant an approval, judged by the same rules.
 */
export type AssessRequestInput = {
  effects: RequestEffects;
  /** The called contract, for transactions that call one; `undefined` for transfers and signatures. */
  target?: CallTarget | undefined;
  /** Facts about every address the effects name and about the target, keyed by lower-case address. */
  parties: Readonly<Record<string, PartyFacts>>;
  /** Symbol and decimals of every token the effects name, keyed by lower-case address (address(0): the native coin). */
  tokens: Readonly<Record<string, TokenInfo>>;
  concerns?: readonly RequestConcern[] | undefined;
  policy: RiskPolicy;
  /** Status of the site that asked; `undefined` when the wallet itself started the request. */
  originStatus?: MerchantStatus | undefined;
  origin?: string | undefined;
  /** The site the origin imitates, when it does ({@link siteImitation}): a danger unless the community trusts the site. */
  siteImitation?: SiteImitation | undefined;
  /** What the phishing lists on the device say about the site ({@link checkPhishingList}); the community's word comes first. */
  phishingList?: PhishingListMatch | undefined;
  /**
   * Delegatecalls a Safe transaction makes (a decoded SafeTx's `delegateCalls`): one to anything but a Safe
   * library or a contract the community trusts runs foreign code as the Safe, and blocks.
   */
  delegateCalls?: readonly SafeDelegateCall[] | undefined;
  /**
   * Transfers to or from the shopper that the wallet did not make and that look like address-poisoning
   * primers ({@link classifyTransfer}): paying or empowering an address that is, or resembles, one's
   * counterparty is a danger.
   */
  suspiciousTransfers?: readonly SuspiciousTransfer[] | undefined;
  /**
   * Past payments of this wallet, newest first. Read only when no `profile` is given (then a profile is
   * built from it on every call, which costs time in proportion to its length).
   */
  history?: readonly PastPayment[] | undefined;
  /**
   * The shopper's model, built once from the history and updated with each new payment
   * ({@link ShopperProfile}), so a caller that keeps one between reviews pays the same with 10 or 10,000
   * past payments. When given, `history` is not read. Never mutated here.
   */
  profile?: ShopperProfile | undefined;
  /** Unix milliseconds. */
  now: number;
};

/**
 * What kind of signal a reason is (see the sdk README, "How a verdict is built"):
 * `hard`: a community rule or blocked party, blocks on its own; `danger`: makes it at least a warning and
 * nothing offsets it; `mild`: warns only together (or when strong), never blocks on its own;
 * `credit`: the community vouches, lowers only the familiarity signals; `concern`: from the understanding
 * step, makes it at least a warning.
 */
export type SignalClass = 'hard' | 'danger' | 'mild' | 'credit' | 'concern';

export type RiskRule =
  | ConcernRule
  | 'operatorApproval'
  | 'itemsLeaving'
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
  | 'poisonedAddress'
  | 'paymentBurst'
  | 'unusualAmount'
  | 'unknownContractCall'
  | 'freshContractDrain'
  | 'freshSpender'
  | 'lookAlikeSite'
  | 'giveawayOrder'
  | 'safeDelegateCall'
  | 'phishingSite'
  | 'freshContractSwap'
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
  /** Makes the verdict at least a warning, whatever the score (danger signals and {@link RequestConcern}s). */
  atLeast?: 'warn';
  /** Which class of signal this is. */
  class: SignalClass;
};

export type RiskLevel = 'allow' | 'warn' | 'block';

export type Assessment = {
  /** 0–100; 100 whenever a hard rule applies. */
  score: number;
  level: RiskLevel;
  reasons: RiskReason[];
  policyVersion: bigint;
};
