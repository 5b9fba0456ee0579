/**
 * What the background shows the wallet's own pages. Plain JSON: amounts are already formatted,
 * bigints are strings, and nothing secret is in here.
 */
import type { MerchantStatus, RiskLevel, RiskRule } from '@commonguard/sdk/risk';

export type ReasonView = { rule: RiskRule; message: string; points?: number; hard?: boolean; policyVersion?: string };

export type VerdictView = { score: number; level: RiskLevel; reasons: ReasonView[]; policyVersion: string };

export type BalanceChangeView = { token: string; symbol: string; change: string; negative: boolean };

export type PaymentView = {
  origin: string | null;
  account: string;
  /** "Pay 0.01 ETH", "Allow spending of 50 cgUSD", "Contract call". */
  title: string;
  kind: 'nativeTransfer' | 'tokenTransfer' | 'tokenApproval' | 'contractCall';
  counterparty: { address: string | null; status: MerchantStatus; note: string; isContract: boolean; isToken: boolean; role: 'recipient' | 'spender' | 'contract' };
  amount: { value: string; symbol: string; token: string };
  originStatus: { status: MerchantStatus; note: string } | null;
  balanceChanges: BalanceChangeView[] | null;
  simulationNote: string | null;
  verdict: VerdictView | null;
  /** Set when the wallet could not verify the payment: it will not sign it. */
  cannotVerify: { reason: string; stalePolicy: { version: string; ageSeconds: number } | null } | null;
  policy: { address: string; version: string; readAt: number } | null;
};

export type ConnectView = { origin: string; accounts: string[]; selected: string };
export type SignatureView = { origin: string; account: string; kind: 'message' | 'typedData'; text: string };
export type UnlockView = { origin: string | null; reason: string };

/** The consent window of `commonguard_backtestPolicy`: the proposed rules and exactly what the site would receive. */
export type BacktestView = {
  origin: string;
  account: string;
  /** The proposed rules, in words. */
  rules: string[];
  payments: number;
  warned: number;
  blocked: number;
  /** Per token, formatted: what the warned and the blocked payments add up to. */
  amounts: Array<{ symbol: string; warned: string; blocked: string }>;
};

export type ApprovalView =
  | { kind: 'unlock'; view: UnlockView }
  | { kind: 'connect'; view: ConnectView }
  | { kind: 'payment'; view: PaymentView }
  | { kind: 'signature'; view: SignatureView }
  | { kind: 'backtest'; view: BacktestView };

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
