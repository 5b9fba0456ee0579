import type { Browser } from '#imports';
import type { UiAction } from '../../shared/uiProtocol.js';

/** The wallet's own pages that may talk to the background. */
export type UiPage = 'popup' | 'approval' | 'onboarding';

/** Who sent a wallet-page message: which of our pages, and for the confirmation window, the approval it shows. */
export type UiSender = { page: UiPage; approvalId: string | null };

const PAGES: Record<string, UiPage> = { '/popup.html': 'popup', '/approval.html': 'approval', '/onboarding.html': 'onboarding' };

/**
 * Identifies the sender of a wallet-page message from what the browser says about it (never from the
 * message): it must be this extension (`sender.id`), and one of its own pages, by URL and, where the
 * browser reports it, origin. A content script of ours runs in a web page, so its URL and origin are the
 * page's and it is refused here; so is another extension, and any extension page not listed above.
 */
export function uiSenderOf(sender: Browser.runtime.MessageSender | undefined, ours: { id: string; baseUrl: string }): UiSender | null {
  if (!sender || sender.id !== ours.id || typeof sender.url !== 'string') return null;
  // Compared as text: URL parsers disagree on the origin of non-web schemes (chrome-extension:, moz-extension:).
  if (!sender.url.startsWith(ours.baseUrl)) return null;
  const origin = (sender as { origin?: string }).origin;
  if (origin !== undefined && `${origin}/` !== ours.baseUrl) return null;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return null;
  }
  const page = Object.hasOwn(PAGES, url.pathname) ? PAGES[url.pathname] : undefined;
  if (!page) return null;
  return { page, approvalId: page === 'approval' ? url.searchParams.get('id') : null };
}

/**
 * Which pages may ask for each task: the policy sits next to the task list, as for provider methods.
 * The tasks that hand out a secret are `newPhrase` (the onboarding page alone) and `revealPhrase`
 * (the popup alone, and only with the password).
 */
export const UI_ACCESS: { readonly [A in UiAction]: readonly UiPage[] } = {
  getState: ['popup'],
  getBalances: ['popup'],
  newPhrase: ['onboarding'],
  createWallet: ['onboarding'],
  unlock: ['popup', 'approval'],
  lock: ['popup'],
  addAccount: ['popup'],
  selectAccount: ['popup'],
  revokeSite: ['popup'],
  getSessions: ['popup'],
  revokeSession: ['popup'],
  saveSettings: ['popup'],
  refreshPolicy: ['popup'],
  previewCommunity: ['popup'],
  joinCommunity: ['popup'],
  leaveCommunity: ['popup'],
  getOverview: ['popup'],
  setBudget: ['popup'],
  removeBudget: ['popup'],
  exportHistory: ['popup'],
  savePreferences: ['popup'],
  hasWallet: ['onboarding'],
  importKey: ['popup'],
  // The phrase again, behind the password: the popup alone (never a confirmation window a site opened).
  revealPhrase: ['popup'],
  changePassword: ['popup'],
  removeWallet: ['popup', 'onboarding'],
  getNetworks: ['popup'],
  addNetwork: ['popup'],
  editNetwork: ['popup'],
  removeNetwork: ['popup'],
  switchNetwork: ['popup'],
  getApproval: ['approval'],
  resolveApproval: ['approval'],
};

/** Whether `sender` may run `action` with `input`: its page is allowed, and a confirmation window only reads and answers its own approval. */
export function uiAllowed(action: UiAction, input: unknown, sender: UiSender): boolean {
  if (!UI_ACCESS[action].includes(sender.page)) return false;
  if (action === 'getApproval' || action === 'resolveApproval') {
    const id = (input as { id?: unknown } | null)?.id;
    return typeof id === 'string' && id === sender.approvalId;
  }
  return true;
}
