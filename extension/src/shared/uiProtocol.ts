/**
 * The wallet pages ↔ background boundary (popup, confirmation window, onboarding). One typed map:
 * each entry is a user task, with its input and its answer.
 */
import type { ApprovalDecision, BalancesView, CommunityView, NetworkFormInput, NetworksView, OverviewView, PendingApproval, SessionSummaryView, WalletState } from './views.js';

export type UiProtocol = {
  getState: { input: null; output: WalletState };
  getBalances: { input: null; output: BalancesView };
  newPhrase: { input: null; output: { phrase: string } };
  createWallet: { input: { password: string; mnemonic?: string; privateKey?: string }; output: { accounts: string[] } };
  unlock: { input: { password: string }; output: { accounts: string[] } };
  lock: { input: null; output: null };
  addAccount: { input: null; output: { address: string } };
  selectAccount: { input: { address: string }; output: null };
  revokeSite: { input: { origin: string }; output: null };
  /** Active payment sessions, and ending one at once. */
  getSessions: { input: null; output: SessionSummaryView[] };
  revokeSession: { input: { id: string }; output: null };
  saveSettings: { input: { rpcUrl: string; chainId: number | string; autoLockMinutes: number | string }; output: { saved: true } | { saved: false; errors: Record<string, string> } };
  refreshPolicy: { input: null; output: null };
  /** Settings: what was pasted (a link to a community's page or its governor's address), read from the chain and put in words. */
  previewCommunity: { input: { text: string }; output: CommunityView };
  joinCommunity: { input: { chainId: number; governor: string }; output: null };
  leaveCommunity: { input: { chainId: number; governor: string }; output: null };
  getOverview: { input: null; output: OverviewView };
  setBudget: { input: { token: string; period: 'weekly' | 'monthly'; amount: string }; output: null };
  removeBudget: { input: { token: string }; output: null };
  exportHistory: { input: null; output: { csv: string; filename: string } };
  savePreferences: { input: { explorerUrl: string }; output: { explorerUrl: string | null } };
  /** Onboarding: whether a wallet exists already (to offer opening or removing it instead). */
  hasWallet: { input: null; output: { exists: boolean; unlocked: boolean } };
  importKey: { input: { privateKey: string }; output: { address: string } };
  revealPhrase: { input: { password: string }; output: { phrase: string } };
  changePassword: { input: { current: string; next: string }; output: null };
  removeWallet: { input: { password: string }; output: null };
  /** Settings' network list; `switchNetwork` is the popup's network picker. */
  getNetworks: { input: null; output: NetworksView };
  addNetwork: { input: NetworkFormInput; output: { saved: true } | { saved: false; errors: Record<string, string> } };
  editNetwork: { input: NetworkFormInput & { editing: number }; output: { saved: true } | { saved: false; errors: Record<string, string> } };
  removeNetwork: { input: { chainId: number }; output: null };
  switchNetwork: { input: { chainId: number }; output: null };
  getApproval: { input: { id: string }; output: PendingApproval | null };
  /** `delivered: false`: the request was no longer waiting (the wallet restarted, or the site went away). */
  resolveApproval: { input: { id: string; decision: ApprovalDecision }; output: { delivered: boolean } };
};

export type UiAction = keyof UiProtocol;
export type UiRequest<A extends UiAction = UiAction> = { channel: 'commonguard-ui'; action: A; input: UiProtocol[A]['input'] };
export type UiResponse<A extends UiAction = UiAction> = { ok: true; output: UiProtocol[A]['output'] } | { ok: false; error: string };

export const UI_CHANNEL = 'commonguard-ui';
