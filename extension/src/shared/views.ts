/**
 * What the background shows the wallet's own pages. Plain JSON: amounts are already formatted,
 * bigints are strings, and nothing secret is in here.
 */
import type { MerchantStatus, RiskLevel, RiskRule } from '@commonguard/sdk/risk';

/** `decidedBy`: the community (or communities) whose rule this is, when communities guard the network. */
export type ReasonView = { rule: RiskRule; message: string; points?: number; hard?: boolean; policyVersion?: string; decidedBy?: string[] };

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
  /** `by`: the communities whose rule it is (a community's own site, trusted by its policy). */
  originStatus: { status: MerchantStatus; note: string; by?: string[] | undefined } | null;
  /**
   * Whose rules judged this: the communities guarding the request's network ("Corner Coop (policy
   * version 3)"), none (the wallet's own checks and budgets), and that sentence in words.
   */
  guard?: { communities: string[]; sentence: string } | null;
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
  /** Transactions only: the most the network fee can be (what is signed), or why it cannot be estimated. */
  fee?: FeeView | null;
  details: DetailsView;
  /** Set when the verdict changed while the window was open and is shown again. */
  changedNote: string | null;
  /** A treasurer's batch payout: every row, in the order the treasury pays them. */
  payouts?: PayoutView[] | null;
};

/** One row of a batch payout: who is paid (named by the community's note when it has one), how much, and its memo. */
export type PayoutView = { to: string; name: string; amount: string; memo: string };

/** "0.0021 ETH": the gas limit times the highest price per gas the transaction allows. */
export type FeeView = { maxFee: string | null; note: string | null };

/**
 * What the community says about a site, for the connect window. `unchecked`: the wallet could not read
 * the policy, which is not the same as "not reviewed" (`unknown`).
 */
export type SiteStatusView = {
  status: MerchantStatus | 'unchecked';
  note: string;
  /**
   * What the wallet's own checks say about the site (a look-alike of a well-known site, the phishing lists), in
   * words; `closeOnly` when it is on a phishing blocklist: then, as for a site the community blocked, the window
   * offers only Close.
   */
  warning?: { message: string; closeOnly: boolean } | undefined;
};

export type ConnectView = { origin: string; accounts: string[]; selected: string; site?: SiteStatusView };

/** EIP-747 `wallet_watchAsset`: a site suggests a token to list. Symbol and decimals are read from the chain. */
export type WatchAssetView = {
  origin: string | null;
  address: string;
  symbol: string;
  decimals: number;
  /** The symbol the site gave, when it differs from the token's own. */
  claimedSymbol: string | null;
  /** Whether the community's policy sets limits for this token. */
  listed: boolean;
};
export type UnlockView = { origin: string | null; reason: string };

/** The consent window of `commonguard_backtestPolicy`: the proposed rules and exactly what the site would receive. */
export type BacktestView = {
  origin: string;
  account: string;
  /** The proposed rules, in words, amounts in tokens. */
  rules: string[];
  /** Every address the proposed rules name, with its proposed status (the totals can tell the site about them). */
  addresses: Array<{ address: string; status: MerchantStatus; note: string }>;
  /** Every site the proposed rules name, with its proposed status. */
  sites: Array<{ origin: string; status: MerchantStatus }>;
  /** Why the wallet will not share these totals (they would single out a payment); `null`: they may be shared. */
  refusal: string | null;
  payments: number;
  warned: number;
  blocked: number;
  /** Per token, formatted: what the warned and the blocked payments add up to. */
  amounts: Array<{ symbol: string; warned: string; blocked: string }>;
};

/** A network as windows and the popup show it: what identifies it to a person. */
export type NetworkView = {
  chainId: number;
  /** As EIP-1193 writes it (0x hex). */
  chainIdHex: string;
  name: string;
  /** The host of its RPC only: the path may hold an API key. */
  rpcHost: string;
  currencySymbol: string;
  explorerHost: string | null;
};

/** A saved network as Settings lists and edits it (the popup is the person's own page: it sees the whole RPC URL). */
export type NetworkEntryView = NetworkView & { rpcUrl: string; currencyName: string; blockExplorerUrl: string | null; preset: boolean; guard: NetworkGuardView | null };

/** Settings' network list and which one is in use. */
export type NetworksView = { activeChainId: number; networks: NetworkEntryView[] };

/** What Settings' network form sends (text as typed; the background checks it). */
export type NetworkFormInput = { chainId: string; name: string; rpcUrl: string; currencyName: string; currencySymbol: string; blockExplorerUrl: string };

/** Whose rules guard payments on a network; `null` in a view: no community rules apply there. */
export type NetworkGuardView = { community: string; detail: string };

/** The window of `wallet_addEthereumChain` (`add`: add it and switch to it) and `wallet_switchEthereumChain` (`switch`). */
export type NetworkRequestView = { origin: string; action: 'add' | 'switch'; network: NetworkView; from: NetworkView; guard: NetworkGuardView | null };

/** The window of `wallet_grantPermissions`: which site may take how much of which token, how often, until when, inside which community rules. */
export type SessionGrantView = {
  origin: string;
  account: string;
  site: { status: MerchantStatus; note: string };
  token: { symbol: string; address: string; listed: boolean };
  /** Who the session pays; `null`: the first payment fixes it. */
  payee: { address: string; note: string } | null;
  /** Granted per period, formatted ("2 cgUSD"), and the period in words ("a day"). */
  amount: string;
  period: string;
  /** Unix ms. */
  until: number;
  /** The community's limits for the token, and the site's request against them, in sentences. */
  community: string;
  request: string;
  /** The site asked for more than the community allows: the session is capped. */
  capped: boolean;
  justification: string | null;
  policyVersion: string;
};

/** One active payment session, as the popup lists it. */
export type SessionSummaryView = {
  id: string;
  origin: string;
  symbol: string;
  /** Formatted amounts: spent and left in the current period, the budget per period. */
  spent: string;
  left: string;
  perPeriod: string;
  period: string;
  payments: number;
  /** Unix ms, or `null` before the first payment. */
  lastPaymentAt: number | null;
  lastPayment: string | null;
  /** Unix ms. */
  until: number;
  payee: string | null;
  /** Why the community's new rules ended the session (it covers nothing more); `null` while it is active. */
  ended: string | null;
};

/** A community's rules in plain words, and what joining it means: the join window and Settings show it. */
export type CommunityView = {
  chainId: number;
  /** The network's name as the wallet knows it. */
  network: string;
  name: string;
  governor: string;
  policy: string;
  policyVersion: string;
  /** One sentence per token: its limits. */
  limits: Array<{ token: string; symbol: string; sentence: string }>;
  /** Sites (origins and whole domains) the community trusts or blocks. */
  sites: Array<{ site: string; status: 'trusted' | 'blocked'; note: string }>;
  /** More sites are listed than shown. */
  moreSites: number;
  /** The levels in words ("warns from a risk score of 40, blocks from 80"), and the approvals rule. */
  thresholds: string;
  approvals: string;
  /** The other communities already guarding this network (the stricter rule wins). */
  others: string[];
  alreadyJoined: boolean;
};

/** `wallet_joinCommunity`'s window: who asks, and the community. */
export type JoinCommunityView = { origin: string; community: CommunityView };

export type ApprovalView =
  | { kind: 'unlock'; view: UnlockView }
  | { kind: 'session'; view: SessionGrantView }
  | { kind: 'joinCommunity'; view: JoinCommunityView }
  | { kind: 'connect'; view: ConnectView }
  | { kind: 'payment'; view: PaymentView }
  /** Typed data and messages: the same view as a payment, a window kind of its own. */
  | { kind: 'signature'; view: PaymentView }
  | { kind: 'watchAsset'; view: WatchAssetView }
  | { kind: 'backtest'; view: BacktestView }
  | { kind: 'network'; view: NetworkRequestView };

export type ApprovalKind = ApprovalView['kind'];

export type PendingApproval = { id: string; origin: string | null; createdAt: number } & ApprovalView;

/** The answer a confirmation window gives. */
export type ApprovalDecision = { approved: boolean; acknowledged?: boolean; accounts?: string[] };

/** `suspicious`: a transfer the wallet did not make that looks like an address-poisoning primer (never a payment). */
export type HistoryOutcomeView = 'pending' | 'confirmed' | 'failed' | 'rejected' | 'blocked' | 'signed' | 'unchecked' | 'suspicious';

export type HistoryView = {
  id: string;
  at: number;
  origin: string | null;
  title: string;
  to: string | null;
  /** The name the community recorded for the recipient, if any. */
  merchant: string | null;
  level: RiskLevel | 'unverified';
  score: number | null;
  outcome: HistoryOutcomeView;
  /** "Confirmed", "Rejected by you", "Blocked by the community"… */
  outcomeLabel: string;
  hash?: string;
  /** A link to the transaction on the block explorer, when one is configured. */
  explorerUrl?: string;
  detail?: string;
  /** For a suspicious transfer: what it is and what not to do, in words. */
  warning?: string;
  /** A payment session's payments, grouped: how many, their total, and each one. */
  session?: { count: number; total: string; payments: HistoryView[] };
};

export type WalletState = {
  status: 'new' | 'locked' | 'unlocked';
  accounts: string[];
  selected: string | null;
  settings: { rpcUrl: string; chainId: number; paymentPolicy: string | null; autoLockMinutes: number };
  policy: { version: string | null; readAt: number | null; error: string | null; address: string | null };
  /** Every community the shopper joined; `guards`: it guards the active network. */
  communities: Array<{ chainId: number; governor: string; name: string; policy: string; joinedAt: number; guards: boolean }>;
  sites: Array<{ origin: string; accounts: string[]; grantedAt: number }>;
  history: HistoryView[];
  /** The block explorer's base address (for links), or `null`. */
  explorerUrl: string | null;
  /** Whether the wallet has a recovery phrase to show again (not only imported keys). */
  hasPhrase: boolean;
  /** True only if the browser gave the wallet no storage closed to web pages' scripts (see SECURITY.md). */
  storageReadableByPages: boolean;
};

/** A sentence that says what happened and what to do, and the technical details for who asks. */
export type PlainError = { message: string; details: string; openSettings: boolean };

export type BalanceView = {
  symbol: string;
  /** Rounded for reading ("1,234.5678"). */
  amount: string;
  /** Every digit, for who asks. */
  exact: string;
  token: string;
  /** Whether the community's policy sets limits for this token (if not, its address is shown). */
  listed: boolean;
};

export type BalancesView = { balances: BalanceView[]; error: string | null; problem?: PlainError | null };

export type LimitOverview = { token: string; symbol: string; spentToday: string; dailyCap: string | null; usedPercent: number | null; sentences: string[] };
export type BudgetOverview = { token: string; symbol: string; period: 'weekly' | 'monthly'; amount: string; spent: string; usedPercent: number; sentence: string };
export type ChartBar = { label: string; amount: string; fraction: number };
export type SpendingChart = { token: string; symbol: string; weeks: ChartBar[]; merchants: ChartBar[] };

/** The popup's overview: the community's limits in words, the shopper's budgets, a chart from local history. */
export type OverviewView = { limits: LimitOverview[]; budgets: BudgetOverview[]; charts: SpendingChart[]; policyVersion: string | null };
