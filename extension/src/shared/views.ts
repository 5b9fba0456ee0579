/**
 * What the background shows the wallet's own pages. Plain JSON: amounts are already formatted,
 * bigints are strings, and nothing secret is in here.
 */
import type { MerchantStatus, RiskLevel, RiskRule } from '@commonguard/sdk/risk';

export type ReasonView = { rule: RiskRule; message: string; points?: number; hard?: boolean; policyVersion?: string };

export type VerdictView = { score: number; level: RiskLevel; reasons: ReasonView[]; policyVersion: string };

export type BalanceChangeView = { token: string; symbol: string; change: string; negative: boolean };

/** One thing the request does to the signer, in words: "−12 cgUSD to Corner Coffee (0x14dC…9955)". */
export type EffectView = { text: string; negative: boolean };

/** One field of a typed-data message: its name, type, value (atomic) or children (struct, array). */
export type TreeNodeView = { name: string; type: string; value?: string; children?: TreeNodeView[] };

/** The readable detail of a signature, shown in full (scrollable), never cut. */
export type DetailsView =
  | { kind: 'none' }
  | { kind: 'typedData'; primaryType: string; domain: TreeNodeView[]; message: TreeNodeView[] }
  | { kind: 'text'; text: string; signIn: boolean }
  | { kind: 'blind'; hex: string; reason: string };

/**
 * What every confirm window shows, for a transaction, a batch call, a payment link, typed data or a
 * message: one pipeline, one view.
 */
export type PaymentView = {
  origin: string | null;
  account: string;
  request: 'transaction' | 'typedData' | 'message';
  /** "Pay 0.01 ETH", "Allow spending of 50 cgUSD", "Contract call", "Sign a message". */
  title: string;
  /** One plain sentence: what the wallet found and what the person can do. */
  summary: string;
  /** What the confirm button says: Pay, Allow, Sign, Vote, Delegate… */
  button: string;
  kind: 'nativeTransfer' | 'tokenTransfer' | 'tokenApproval' | 'contractCall' | 'signature';
  /** The main party: who is paid or empowered, or the contract called. `null` address: a new contract. */
  counterparty: {
    address: string | null;
    status: MerchantStatus;
    /** `false` when the community's status could not be read: shown as "could not check", never as "not reviewed". */
    statusKnown: boolean;
    note: string;
    isContract: boolean;
    isToken: boolean;
    role: 'recipient' | 'spender' | 'contract' | 'operator';
  } | null;
  amount: { value: string; symbol: string; token: string } | null;
  originStatus: { status: MerchantStatus; note: string } | null;
  /** Everything the request does, from the simulation or the decoding (see `basis`). */
  effects: EffectView[];
  basis: 'simulation' | 'decoding' | 'unknown';
  /** Why the basis is weaker than a simulation, in plain words. */
  basisNote: string | null;
  balanceChanges: BalanceChangeView[] | null;
  /** The simulation says it would fail. */
  simulationNote: string | null;
  verdict: VerdictView | null;
  /** The community's thresholds, for the gauge's explanation. */
  thresholds: { warnAt: number; blockAt: number } | null;
  /** Set when the wallet could not verify the request: it will not sign it if it moves money. */
  cannotVerify: { reason: string; stalePolicy: { version: string; ageSeconds: number } | null; signable: boolean } | null;
  policy: { address: string; version: string; readAt: number } | null;
  details: DetailsView;
  /** Set when the verdict changed while the window was open and is shown again. */
  changedNote: string | null;
};

export type ConnectView = { origin: string; accounts: string[]; selected: string };
export type UnlockView = { origin: string | null; reason: string };

export type ApprovalView =
  | { kind: 'unlock'; view: UnlockView }
  | { kind: 'connect'; view: ConnectView }
  | { kind: 'payment'; view: PaymentView };


export type ApprovalKind = ApprovalView['kind'];

export type PendingApproval = { id: string; origin: string | null; createdAt: number } & ApprovalView;

/** The answer a confirmation window gives. */
export type ApprovalDecision = { approved: boolean; acknowledged?: boolean; accounts?: string[] };

export type HistoryView = {
  id: string;
  at: number;
  origin: string | null;
  title: string;
  to: string | null;
  level: RiskLevel | 'unverified';
  score: number | null;
  outcome: string;
  hash?: string;
  detail?: string;
};

export type WalletState = {
  status: 'new' | 'locked' | 'unlocked';
  accounts: string[];
  selected: string | null;
  settings: { rpcUrl: string; chainId: number; paymentPolicy: string | null; autoLockMinutes: number };
  policy: { version: string | null; readAt: number | null; error: string | null; address: string | null };
  sites: Array<{ origin: string; accounts: string[]; grantedAt: number }>;
  history: HistoryView[];
};

export type BalancesView = { balances: Array<{ symbol: string; amount: string; token: string }>; error: string | null };
