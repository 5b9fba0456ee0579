import type { CommunityCall, DecodedMessage, DecodedTypedData, PayAction, SafeDelegateCall, TypedDataNode } from '@commonguard/sdk/decode';
import type { EffectsFromSimulationReturnType, RequestEffects } from '@commonguard/sdk/effects';
import type { Assessment, CallTarget, PartyFacts, PastPayment, RequestConcern, RiskPolicy, SuspiciousTransfer, TokenInfo } from '@commonguard/sdk/risk';
import type { Address, Hex } from 'viem';
import type { GuardingCommunity, RuleDeciders } from '../communities/rules.js';
import type { CachedPolicy } from '../policy/PolicyCache.js';
import type { FeeFields } from '../transactions/fees.js';
import type { FeeQuote, Signing, SigningBase } from '../transactions/send.js';

export type { Signing };

/**
 * A transaction as the wallet will send it. `to` is `undefined` for a contract deployment. `fees`: the
 * page's gas and fee fields, already checked (see `transactions/fees.ts`).
 */
export type Call = { to: Address | undefined; value: bigint; data: Hex; fees?: FeeFields | undefined };

/** Where a transaction came from: the page's method, or a payment link the person clicked. */
export type TransactionSource = 'sendTransaction' | 'batchCall' | 'paymentLink';

/**
 * Every request that moves money or signs, in the one shape the pipeline takes. `origin` is the
 * asking site (from the browser, never the page), `null` when the wallet itself started it.
 */
export type WalletRequest =
  | { kind: 'transaction'; origin: string | null; account: Address; source: TransactionSource; action: PayAction; call: Call }
  | { kind: 'typedData'; origin: string | null; account: Address; decoded: DecodedTypedData }
  /** `raw`: the page sent hex bytes, signed as bytes. */
  | { kind: 'message'; origin: string | null; account: Address; message: string | Hex; raw: boolean; decoded: DecodedMessage };

/** What the button does, in one word the person recognises. */
export type ActionWord = 'Pay' | 'Send' | 'Allow' | 'Sign' | 'Sign in' | 'Deploy' | 'Vote' | 'Delegate' | 'Propose' | 'Queue' | 'Execute' | 'Cancel';

/** The readable detail a signature window shows in full. */
export type RequestDetails =
  | { kind: 'none' }
  | { kind: 'typedData'; primaryType: string; domain: TypedDataNode[]; message: TypedDataNode[] }
  | { kind: 'text'; text: string; signIn: boolean }
  | { kind: 'blind'; hex: Hex; reason: string };

/** What the node said when the wallet tried to simulate a transaction. */
export type SimulationOutcome =
  /**
   * `asSigned`: run with the sender, nonce, gas limit and fees it will be signed with, the next block's
   * base fee and validation on, so a contract saw what it will see when mined. `gasUsed`: what it used.
   */
  | { kind: 'ran'; result: EffectsFromSimulationReturnType; asSigned?: boolean | undefined; gasUsed?: bigint | undefined }
  /** The node has no eth_simulateV1, answered it in a shape that is not a simulation, or could not be reached. */
  | { kind: 'unavailable'; reason: string }
  /** A deployment: nodes cannot simulate it; the wallet asked whether it would succeed (eth_estimateGas). */
  | { kind: 'deployment'; succeeds: true }
  | { kind: 'deployment'; succeeds: false; error: string };

/** What the wallet read on-chain to describe a community call. */
export type CommunityFacts = {
  /** The proposal's title (first line of its description), for votes, queue, execute and cancel. */
  proposalTitle?: string | undefined;
  /** The signer's voting power for this vote (at the proposal's snapshot) or now (delegation), in whole votes. */
  votes?: string | undefined;
  /** What is left of the treasurer's budget this period before this payout, in the token's base units. */
  budgetLeft?: bigint | undefined;
};

/** Step 1's answer: what the request does (its effects) and how it is named. */
export type Understanding = {
  /** What the confirm button says. */
  action: ActionWord;
  effects: RequestEffects;
  target?: CallTarget | undefined;
  concerns: RequestConcern[];
  /** The simulation ran and says the transaction would fail, in plain words. */
  failure: string | null;
  /** Whether the request can move money or grant rights: then it is never signed unchecked. */
  movesMoney: boolean;
  details: RequestDetails;
  /** A one-line name of the request, before context (token symbols, names) is known. */
  label: string;
  /** A call to the community's own governor, token or treasury, named by the sdk. */
  community?: CommunityCall | undefined;
  /** Addresses the window names that the effects do not (a payout's recipient, a delegatee). */
  named?: Address[] | undefined;
  /** A Safe transaction's delegatecalls, each with the Safe library it reaches (if any). */
  delegateCalls?: SafeDelegateCall[] | undefined;
};

/** Step 2's answer: everything the assessment and the window need that lives outside the request. */
export type Context = {
  /** The rules the request is judged by: the guarding communities' policies merged, or the own model's. */
  policy: CachedPolicy;
  /** Whose rules those are (none: the wallet's own model), and which community's value won each rule. */
  guard?: { communities: GuardingCommunity[]; decidedBy: RuleDeciders } | undefined;
  parties: Record<string, PartyFacts>;
  tokens: Record<string, TokenInfo>;
  originStatus: OriginStatus | null;
  history: PastPayment[];
  /** Read at (unix ms). */
  now: number;
  community?: CommunityFacts | undefined;
  /** Concerns from the shopper's own settings (a payment over the personal budget). */
  concerns?: RequestConcern[] | undefined;
  /** The hosts the community trusts, for the look-alike check. */
  trustedSites?: readonly string[] | undefined;
  /** Transfers the wallet did not make that look like address-poisoning primers, as stored for the account. */
  suspiciousTransfers?: readonly SuspiciousTransfer[] | undefined;
};

/** Step 2 could not read what the rules need: the request must not be signed if it moves money. */
export type MissingContext = {
  reasons: string[];
  stalePolicy: { version: string; ageSeconds: number } | null;
  /** What could be read anyway, for the window (names, symbols). */
  tokens: Record<string, TokenInfo>;
  parties: Record<string, PartyFacts>;
  originStatus: OriginStatus | null;
  community?: CommunityFacts | undefined;
};

/** The site's status; `by`: the communities whose rule decided it (a community's own dApp, trusted by its policy). */
export type OriginStatus = { status: PartyFacts['status']; note: string; by?: string[] | undefined };

export type Gathered = { ok: true; context: Context } | { ok: false; missing: MissingContext };

/** Steps 1–3 together: what the window shows and what the wallet may do. */
export type Judgement = {
  request: WalletRequest;
  understanding: Understanding;
  gathered: Gathered;
  /** `null` when the context could not be read. */
  assessment: Assessment | null;
  /** Transactions: the fees they will be signed with and what the window says about them. */
  fee?: FeeQuote | undefined;
  /** Transactions: the block it was simulated on and the nonce it will be signed with. */
  base?: SigningBase | null | undefined;
};

export type { RiskPolicy };

/** What became of a judged request, as the pipeline learns it. */
export type RequestOutcome =
  /** The confirm step stopped it: the person declined (`rejected`), the rules blocked it, or it could not be verified (`failed`). */
  | { kind: 'stopped'; outcome: 'rejected' | 'blocked' | 'failed'; detail?: string | undefined }
  /** Approved and signed, about to be broadcast: from now on it may be mined. `session`: as for `signed`. */
  | { kind: 'sending'; hash: Hex; session?: string | undefined }
  /** The node refused the broadcast of `hash`: it will never be mined from it. */
  | { kind: 'broadcastRefused'; hash: Hex; reason: string }
  /** Approved typed data or a message, signed. `session`: signed inside that payment session, without a window. */
  | { kind: 'signed'; session?: string | undefined }
  /** Approved, but signing or sending failed before anything left the wallet. */
  | { kind: 'failed'; reason: string };

/**
 * Whether a judged request may be signed without a window inside the site's payment session (see
 * `sessions/`), or why not (`note`, shown above the request in the window). `done` tells the session
 * whether the request was signed (it counts then) or not (its hold is let go).
 */
export type SessionDecision =
  | { silent: true; session: string; done: (signed: boolean) => Promise<void> }
  /** `done`, when given: what the session does once the window's answer is known (see `sessions/pass.ts`, renewal). */
  | { silent: false; note: string | null; done?: ((signed: boolean) => Promise<void>) | undefined };
export type SessionGate = ((judgement: Judgement) => Promise<SessionDecision>) & {
  /**
   * Called as the request's judgement starts its reads: starts what the decision will read from the
   * chain, so it goes to the node in the same round trip as the judgement's own reads.
   */
  prepare?: (request: WalletRequest) => void;
};
