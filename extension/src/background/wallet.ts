import { browser } from '#imports';
import type { Address } from 'viem';
import { ProviderRpcError, RpcErrorCode } from '../shared/rpcErrors.js';
import { UI_CHANNEL, type UiAction, type UiResponse } from '../shared/uiProtocol.js';
import { Approvals } from './approvals/Approvals.js';
import { ChainAccess } from './chain/ChainAccess.js';
import { ChainStatus } from './chain/ChainStatus.js';
import { History } from './history/History.js';
import { historyItem } from './history/storage.js';
import { KeyringInputError, Keyring } from './keyring/Keyring.js';
import { unlockedSessionItem, vaultItem } from './keyring/storage.js';
import { VaultPasswordError } from './keyring/vault.js';
import { disconnectedError, PageConnections } from './pages/PageConnections.js';
import { Permissions } from './permissions/Permissions.js';
import { permissionsItem, selectedAccountItem } from './permissions/storage.js';
import { backtestMethods } from './backtest/methods.js';
import { PolicyCache, PolicyUnavailableError } from './policy/PolicyCache.js';
import { PaymentGuard } from './risk/PaymentGuard.js';
import { AccountAccess } from './rpc/AccountAccess.js';
import { accountMethods } from './rpc/accountMethods.js';
import { forwardRpc, READ_ONLY_METHODS } from './rpc/forward.js';
import { CallBatches } from './rpc/CallBatches.js';
import { callBatchesItem } from './rpc/storage.js';
import { paymentMethods } from './rpc/paymentMethods.js';
import { type MethodTable, ProviderRpc } from './rpc/ProviderRpc.js';
import { defaultSettings } from './settings/defaults.js';
import { fetchRpc, Settings } from './settings/Settings.js';
import { settingsItem } from './settings/storage.js';
import { UiError, uiHandlers } from './ui/UiApi.js';
import { uiAllowed, uiSenderOf } from './ui/uiSender.js';

/**
 * Wiring only: builds each part with its dependencies and connects them to the browser's events.
 * Every behaviour lives in the modules.
 */
export function startWallet(): void {
  const settings = new Settings({ item: settingsItem, defaults: defaultSettings(), rpc: fetchRpc });
  const keyring = new Keyring({ vault: vaultItem, session: unlockedSessionItem, autoLockMs: () => settings.peek().autoLockMinutes * 60_000 });
  const permissions = new Permissions({ item: permissionsItem });
  const approvals = new Approvals({
    windows: {
      open: async (id) => {
        const created = await browser.windows.create({ url: browser.runtime.getURL(`/approval.html?id=${id}`), type: 'popup', width: 420, height: 680, focused: true });
        return created?.id;
      },
      focus: async (windowId) => void (await browser.windows.update(windowId, { focused: true })),
      close: async (windowId) => void (await browser.windows.remove(windowId)),
    },
  });
  browser.windows.onRemoved.addListener((windowId) => approvals.windowClosed(windowId));

  const chain = new ChainAccess({ settings: () => settings.get() });
  const policy = new PolicyCache();
  const history = new History({ item: historyItem });
  const guard = new PaymentGuard({ chain, policy, history });
  // Read on every eth_accounts and account refresh, written only here: kept in memory after the first read.
  let selected: Promise<Address | null> | undefined;
  const selection = {
    get: () =>
      (selected ??= selectedAccountItem.getValue().then(
        (value) => (value as Address | null) ?? null,
        (error: unknown) => {
          selected = undefined; // a failed read is tried again next time
          throw error;
        },
      )),
    set: async (address: Address) => {
      selected = Promise.resolve(address);
      await selectedAccountItem.setValue(address);
    },
  };
  const access = new AccountAccess({
    keyring,
    permissions,
    approvals,
    selectedAccount: selection.get,
    openOnboarding: async () => void (await browser.tabs.create({ url: browser.runtime.getURL('/onboarding.html') })),
  });

  const chainStatus: ChainStatus = new ChainStatus({
    probe: async () => {
      const { rpcUrl, chainId } = await settings.get();
      const remote = Number(await fetchRpc(rpcUrl, 'eth_chainId', []));
      if (remote !== chainId) return { connected: false, reason: `the RPC at ${rpcUrl} is on chain ${remote}, not ${chainId}.` };
      return { connected: true, chainId: `0x${chainId.toString(16)}` };
    },
    // Watch the chain only while some page listens (`pages` exists by the time the first tick runs).
    active: (): boolean => pages.active,
  });
  const forward = async (method: string, params: unknown) => {
    try {
      return await forwardRpc((await settings.get()).rpcUrl, method, params);
    } catch (error) {
      if (error instanceof ProviderRpcError && error.code === RpcErrorCode.disconnected) chainStatus.reportUnreachable();
      throw error;
    }
  };
  const readOnly: MethodTable = Object.fromEntries(
    READ_ONLY_METHODS.map((method) => [method, { access: 'public', handle: async (_context: unknown, params: unknown) => forward(method, params) }]),
  );
  const refused: MethodTable = {
    eth_sign: { access: 'refused', reason: 'eth_sign can sign anything, including transactions, so this wallet refuses it. Use personal_sign.' },
    eth_signTransaction: { access: 'refused', reason: 'Signing without sending is not offered; use eth_sendTransaction.' },
    eth_sendRawTransaction: { access: 'refused', reason: 'This wallet only sends transactions it has checked and signed itself.' },
    eth_signTypedData: { access: 'refused', reason: 'Use eth_signTypedData_v4.' },
    eth_signTypedData_v3: { access: 'refused', reason: 'Use eth_signTypedData_v4.' },
  };
  const rpc = new ProviderRpc({
    methods: {
      ...readOnly,
      ...refused,
      ...accountMethods({ access, permissions, approvals, settings: () => settings.get(), selectedAccount: selection.get }),
      ...paymentMethods({ access, approvals, guard, history, keyring, chain, batches: new CallBatches({ item: callBatchesItem }) }),
      ...backtestMethods({ access, approvals, history }),
    },
  });
  const pages = new PageConnections({
    rpc,
    accountsFor: (origin) => access.visibleAccounts(origin),
    // A recent reading is good enough for a page that just opened; otherwise look now.
    reachability: () => (chainStatus.current ? Promise.resolve(chainStatus.current) : chainStatus.check()),
  });

  // What pages hear about: accounts (lock, unlock, a site granted or revoked, another account picked),
  // the chain (another chain id; the node gone with 4900, then back).
  keyring.on('locked', () => void pages.refreshAccounts());
  keyring.on('unlocked', () => void pages.refreshAccounts());
  permissions.on('changed', (origin) => void pages.refreshAccounts(origin));
  settings.on('changed', (next, previous) => {
    if (next.chainId !== previous.chainId) pages.broadcast('chainChanged', `0x${next.chainId.toString(16)}`);
    void chainStatus.check();
  });
  chainStatus.on('changed', (next) => {
    if (next.connected) pages.broadcast('connect', { chainId: next.chainId });
    else pages.broadcast('disconnect', disconnectedError(next.reason));
  });
  chainStatus.start();
  browser.runtime.onConnect.addListener((port) => pages.accept(port));

  const ui = uiHandlers({ keyring, permissions, approvals, history, policy, chain, settings, selection, onSelectionChange: () => void pages.refreshAccounts() });
  const handlers = new Map(Object.entries(ui)) as Map<UiAction, (input: unknown) => Promise<unknown>>;
  const ours = { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') };
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    const request = message as { channel?: unknown; action?: unknown; input?: unknown } | null;
    if (typeof request !== 'object' || request === null || request.channel !== UI_CHANNEL) return undefined;
    // Only the wallet's own pages may use this channel: never a content script or another extension.
    const from = uiSenderOf(sender, ours);
    if (!from) return Promise.resolve({ ok: false, error: 'Not allowed.' });
    const handler = typeof request.action === 'string' ? handlers.get(request.action as UiAction) : undefined;
    if (!handler) return Promise.resolve({ ok: false, error: 'Unknown action.' });
    const input = request.input ?? null;
    if (typeof input !== 'object' || Array.isArray(input)) return Promise.resolve({ ok: false, error: 'The request is malformed.' });
    if (!uiAllowed(request.action as UiAction, input, from)) return Promise.resolve({ ok: false, error: 'Not allowed.' });
    keyring.touch();
    return handler(input).then(
      (output): UiResponse => ({ ok: true, output }) as UiResponse,
      (error: unknown): UiResponse => ({ ok: false, error: uiMessage(error) }),
    );
  });

  void settings.get();
  void keyring.restore();
}

function uiMessage(error: unknown): string {
  if (error instanceof UiError || error instanceof KeyringInputError || error instanceof VaultPasswordError || error instanceof PolicyUnavailableError) return error.message;
  console.error('CommonGuard: wallet page request failed', error);
  return 'Something went wrong in the wallet. Try again.';
}
