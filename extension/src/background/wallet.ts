import { browser } from '#imports';
import type { Address } from 'viem';
import { SecretInputError } from '../shared/secretInput.js';
import type { SiteStatusView } from '../shared/views.js';
import { ProviderRpcError, RpcErrorCode } from '../shared/rpcErrors.js';
import { UI_CHANNEL, type UiAction, type UiResponse } from '../shared/uiProtocol.js';
import { Approvals } from './approvals/Approvals.js';
import { ChainAccess, clientFor } from './chain/ChainAccess.js';
import { ChainStatus } from './chain/ChainStatus.js';
import { BudgetInputError } from './budget/budget.js';
import { Budgets } from './budget/Budgets.js';
import { budgetItem } from './budget/storage.js';
import { History } from './history/History.js';
import { chainInstanceReader, transactionKnower } from './chain/chainInstance.js';
import { ReceiptTracker } from './history/receipts.js';
import { historyItem, historyRecentItem, suspiciousTransfersItem } from './history/storage.js';
import { SuspiciousTransfers } from './history/SuspiciousTransfers.js';
import { budgetNotice, blockedNotice, type Notice, policyNotice } from './notify/Notifier.js';
import { describePolicyChanges } from './policy/changes.js';
import { MerchantNames } from './policy/MerchantNames.js';
import { Preferences, PreferencesInputError } from './preferences/Preferences.js';
import { preferencesItem } from './preferences/storage.js';
import { assetMethods } from './rpc/assetMethods.js';
import type { GuardOf } from './networks/guard.js';
import { networkMethods } from './networks/methods.js';
import { migrateToNetworks } from './networks/migrate.js';
import { hexChainId } from './networks/network.js';
import { NetworkInputError, Networks } from './networks/Networks.js';
import { networksItem } from './networks/storage.js';
import { networkUiTasks } from './networks/uiTasks.js';
import { watchedTokensItem } from './tokens/storage.js';
import { seenTokenReader } from './tokens/tokenConcerns.js';
import { TokenDirectory } from './tokens/TokenDirectory.js';
import { WatchedTokens, WatchedTokensFullError } from './tokens/WatchedTokens.js';
import { KeyringInputError, Keyring } from './keyring/Keyring.js';
import { unlockedSessionItem, vaultItem } from './keyring/storage.js';
import { VaultFormatError, VaultPasswordError } from './keyring/vault.js';
import { disconnectedError, PageConnections } from './pages/PageConnections.js';
import { nodeNames } from './pages/redact.js';
import { Permissions } from './permissions/Permissions.js';
import { permissionsItem, selectedAccountItem } from './permissions/storage.js';
import { backtestMethods } from './backtest/methods.js';
import { PolicyCache, PolicyUnavailableError } from './policy/PolicyCache.js';
import { Communities } from './communities/Communities.js';
import { Guard } from './communities/Guard.js';
import { CommunityReadError, type JoinSources } from './joining/join.js';
import { communityMethods } from './joining/methods.js';
import { moveSettingsPolicy } from './communities/migration.js';
import { readCommunity } from './joining/reader.js';
import { mergeStatus } from './communities/rules.js';
import { communitiesItem } from './communities/storage.js';
import { Pipeline } from './pipeline/Pipeline.js';
import { readOriginStatus } from './risk/context.js';
import { siteWarningOf } from './risk/siteWarning.js';
import { AccountAccess } from './rpc/AccountAccess.js';
import { accountMethods } from './rpc/accountMethods.js';
import { forwardRpc, READ_ONLY_METHODS } from './rpc/forward.js';
import { CallBatches } from './rpc/CallBatches.js';
import { callBatchesItem } from './rpc/storage.js';
import { paymentMethods } from './rpc/paymentMethods.js';
import { sessionMethods } from './sessions/methods.js';
import { sessionGate } from './sessions/pass.js';
import { Sessions } from './sessions/Sessions.js';
import { sessionsItem } from './sessions/storage.js';
import { sessionUiHandlers } from './sessions/ui.js';
import { type MethodTable, ProviderRpc } from './rpc/ProviderRpc.js';
import { presetCommunity } from './communities/preset.js';
import { defaultSettings } from './settings/defaults.js';
import { fetchRpc, Settings } from './settings/Settings.js';
import { settingsItem } from './settings/storage.js';
import { openWalletArea } from './store/walletArea.js';
import { UiError, uiHandlers } from './ui/UiApi.js';
import { UI_ACCESS, uiAllowed, uiSenderOf } from './ui/uiSender.js';

/**
 * Wiring only: builds each part with its dependencies and connects them to the browser's events.
 * Every behaviour lives in the modules.
 */
export function startWallet(): void {
  // First of all: the vault, history, permissions and settings go where only the wallet can read them
  // (moved there from an earlier version's storage); every read and write waits for that choice.
  const storage = openWalletArea({ storage: browser.storage });
  // Then two moves from an earlier version, each in one write and finished at the next start if a stop cut
  // it short. First the settings' one policy becomes the first joined community (see migration.ts): its
  // record names the chain id the old settings had, read before anything else. Then the single network
  // becomes the network list (it reads the same settings' RPC URL and chain id, which the first move keeps).
  const area = storage.then(async ({ area: opened }) => {
    const community = await moveSettingsPolicy(opened, presetCommunity());
    if (community) console.info(`CommonGuard: the community policy of the settings is now the joined community "${community.name}".`);
    const moved = await migrateToNetworks(opened);
    if (moved.length > 0) console.info(`CommonGuard: ${moved.join(', ')} now belong to the network in use.`);
    return opened;
  });
  area.catch(() => {}); // each read reports the failure itself
  void storage.then(
    (opened) => {
      if (opened.moved.length > 0) console.info(`CommonGuard: moved ${opened.moved.join(', ')} to storage that web pages cannot read.`);
      if (opened.area.kind === 'indexedDB') void navigator.storage?.persist?.().catch(() => false);
      if (opened.readableByContentScripts) console.warn('CommonGuard: this browser lets content scripts read the wallet storage (see SECURITY.md).');
    },
    (error: unknown) => console.error('CommonGuard: the wallet storage cannot be opened', error),
  );
  const settings = new Settings({ item: settingsItem(area), defaults: defaultSettings(), rpc: fetchRpc });
  const networks = new Networks({ item: networksItem(area), rpc: fetchRpc });
  const activeChainId = async () => (await networks.active()).chainId;
  // The settings as every part uses them: the RPC URL and chain id are the network in use's.
  const settingsInUse = async () => {
    const [saved, network] = await Promise.all([settings.get(), networks.active()]);
    return { ...saved, rpcUrl: network.rpcUrl, chainId: network.chainId, nativeCurrency: network.nativeCurrency };
  };
  const watchedTokensStored = watchedTokensItem(area, activeChainId);
  const budgetsStored = budgetItem(area, activeChainId);
  const keyring = new Keyring({ vault: vaultItem(area), session: unlockedSessionItem, autoLockMs: () => settings.peek().autoLockMinutes * 60_000 });
  const permissions = new Permissions({ item: permissionsItem(area) });
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

  const chain = new ChainAccess({ settings: settingsInUse });
  const policy = new PolicyCache();
  const communities = new Communities({ item: communitiesItem(area) });
  // The rules that guard a request: those of the communities joined on its network (the stricter wins).
  const guard = new Guard({ communities, policy });
  // Whose rules guard a network, for the network windows and Settings: the communities joined there.
  const guardOf: GuardOf = ({ chainId }) => guard.guardView(chainId);
  // Per chain instance: a wiped local chain (same id, new genesis) starts with a clean history and budget.
  const chainInstance = chainInstanceReader(chain);
  const history = new History({ item: historyItem(area), recent: historyRecentItem(area), chain: chainInstance, knows: transactionKnower(chain) });
  const budgets = new Budgets({ item: budgetsStored, payments: () => history.spending() });
  const tokens = new TokenDirectory();
  // Address-poisoning primers: transfers to or from the shopper that the wallet did not send.
  const suspicious = new SuspiciousTransfers({
    item: suspiciousTransfersItem(area),
    chain: chainInstance,
    client: async () => (await chain.current()).client,
    sent: async () => new Set((await history.list()).flatMap((entry) => (entry.hash ? [entry.hash.toLowerCase()] : []))),
    // The copycat rule against the tokens the guarding communities list (as last read, else read now).
    token: seenTokenReader(tokens, async (client) => {
      const { chainId } = (await chain.current()).settings;
      const rules = (await guard.lastRules(chainId)).rules ?? (await guard.rules(client, chainId).catch(() => null));
      return rules?.policy.snapshot.tokenLimits ?? [];
    }),
  });
  const watchedTokens = new WatchedTokens({ item: watchedTokensStored });
  const merchantNames = new MerchantNames();
  const preferences = new Preferences({ item: preferencesItem(area) });
  const receipts = new ReceiptTracker({ history, client: async () => (await chain.current()).client });
  // Payment sessions (ERC-7715) live in the closed storage, so they survive the background restarting.
  const sessions = new Sessions({ item: sessionsItem(area) });
  const chainNow = async () => Number((await (await chain.current()).client.getBlock({ blockTag: 'latest' })).timestamp);
  // A community is read on its own network: the one in use, or any other the wallet has saved.
  const join: JoinSources = {
    client: async (chainId) => {
      const current = await chain.current();
      if (current.settings.chainId === chainId) return current.client;
      const network = await networks.find(chainId);
      if (!network) throw new CommunityReadError('unknownNetwork', `The wallet is not set up for chain ${chainId}. Add that network first (in Settings, or the site can ask to add it), then join again.`);
      return clientFor(network);
    },
    read: readCommunity,
    // The wallet's cache holds the policies of the network in use; another network's are read apart (the
    // same address may hold other rules there).
    policy: { fresh: async (client, address) => ((await activeChainId()) === client.chain?.id ? policy : new PolicyCache()).fresh(client, address) },
    tokens,
    communities,
    networkName: (chainId) => {
      if (chainId === 31337) return 'the local chain (31337)';
      const network = networks.peekAll().find((saved) => saved.chainId === chainId);
      return network ? `${network.name} (${chainId})` : `chain ${chainId}`;
    },
  };
  const pipeline = new Pipeline({ chain, guard, history, approvals, keyring, budget: (token, amount, tokenInfo) => budgets.check(token, amount, tokenInfo), tokens, suspicious: (account) => suspicious.of(account) });
  const selectedAccountStored = selectedAccountItem(area);
  // Read on every eth_accounts and account refresh, written only here: kept in memory after the first read.
  let selected: Promise<Address | null> | undefined;
  const selection = {
    get: () =>
      (selected ??= selectedAccountStored.getValue().then(
        (value) => (value as Address | null) ?? null,
        (error: unknown) => {
          selected = undefined; // a failed read is tried again next time
          throw error;
        },
      )),
    set: async (address: Address) => {
      selected = Promise.resolve(address);
      await selectedAccountStored.setValue(address);
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
      const { rpcUrl, chainId } = await networks.active();
      const remote = Number(await fetchRpc(rpcUrl, 'eth_chainId', []));
      if (remote !== chainId) return { connected: false, reason: `its node is on chain ${remote}, not ${chainId}.` };
      return { connected: true, chainId: `0x${chainId.toString(16)}` };
    },
    // Watch the chain only while some page listens (`pages` exists by the time the first tick runs).
    active: (): boolean => pages.active,
  });
  const forward = async (method: string, params: unknown) => {
    try {
      return await forwardRpc((await networks.active()).rpcUrl, method, params);
    } catch (error) {
      if (error instanceof ProviderRpcError && error.code === RpcErrorCode.disconnected) chainStatus.reportUnreachable();
      throw error;
    }
  };
  const readOnly: MethodTable = Object.fromEntries(
    // Only for sites the user connected, within their request budget: the node is the user's (its quota,
    // and maybe a machine on the user's own network that the page could not reach itself).
    READ_ONLY_METHODS.map((method) => [method, { access: 'connected', handle: async (_context: unknown, params: unknown) => forward(method, params) }]),
  );
  const refused: MethodTable = {
    eth_sign: { access: 'refused', reason: 'eth_sign can sign anything, including transactions, so this wallet refuses it. Use personal_sign.' },
    eth_signTransaction: { access: 'refused', reason: 'Signing without sending is not offered; use eth_sendTransaction.' },
    eth_sendRawTransaction: { access: 'refused', reason: 'This wallet only sends transactions it has checked and signed itself.' },
    eth_signTypedData: { access: 'refused', reason: 'Use eth_signTypedData_v4.' },
    eth_signTypedData_v3: { access: 'refused', reason: 'Use eth_signTypedData_v4.' },
  };
  const rpc = new ProviderRpc({
    isConnected: (origin) => permissions.isConnected(origin),
    methods: {
      ...readOnly,
      ...refused,
      ...accountMethods({ access, permissions, approvals, settings: settingsInUse, selectedAccount: selection.get, siteStatus: (origin) => siteStatusOf(origin) }),
      ...assetMethods({ access, approvals, chain, listedTokens: async () => (await guard.lastRules(await activeChainId())).rules?.policy.snapshot.tokenLimits ?? [], tokens, watchedTokens }),
      ...communityMethods({ access, approvals, communities, join }),
      ...paymentMethods({ access, pipeline, chain, batches: new CallBatches({ item: callBatchesItem }), sessionGate: (chainId) => sessionGate(sessions, chainId, { chainNow, watchBlocks: () => chain.keepWatchingBlocks() }) }),
      ...networkMethods({ access, approvals, networks, guardOf }),
      ...sessionMethods({ access, approvals, chain, guard, tokens, sessions }),
      ...backtestMethods({ access, approvals, history, tokenInfo: async (token) => tokens.get((await chain.current()).client, token) }),
    },
  });
  const pages = new PageConnections({
    rpc,
    accountsFor: (origin) => access.visibleAccounts(origin),
    // A recent reading is good enough for a page that just opened; otherwise look now.
    reachability: () => (chainStatus.current ? Promise.resolve(chainStatus.current) : chainStatus.check()),
    // No page sees any of the wallet's nodes named: an RPC URL may hold an API key.
    hidden: () => networks.peekAll().flatMap((network) => nodeNames(network.rpcUrl)),
  });

  // What pages hear about: accounts (lock, unlock, a site granted or revoked, another account picked),
  // the chain (another chain id; the node gone with 4900, then back).
  keyring.on('locked', () => void pages.refreshAccounts());
  keyring.on('unlocked', () => void pages.refreshAccounts());
  permissions.on('changed', (origin) => void pages.refreshAccounts(origin));
  // A site disconnected loses its payment sessions at once.
  permissions.on('changed', (origin) => void permissions.isConnected(origin).then((connected) => (connected ? undefined : sessions.revokeOrigin(origin))).catch(() => {}));
  settings.on('changed', (next, previous) => {
    // Only the person saves settings (in the popup): a new auto-lock time applies from now.
    if (next.autoLockMinutes !== previous.autoLockMinutes) keyring.touch();
    void chainStatus.check();
  });
  // Another network in use (a site's approved request, the popup's picker, Settings): every page hears it (EIP-1193).
  // What guards requests there is that network's joined communities: the policies read for the previous one are dropped.
  networks.on('switched', (next, previous) => {
    policy.forget();
    if (next.chainId !== previous.chainId) pages.broadcast('chainChanged', hexChainId(next.chainId));
    void chainStatus.check();
  });
  chainStatus.on('changed', (next) => {
    if (next.connected) pages.broadcast('connect', { chainId: next.chainId });
    else pages.broadcast('disconnect', disconnectedError(next.reason));
  });
  chainStatus.start();
  browser.runtime.onConnect.addListener((port) => pages.accept(port));
  // The first install opens onboarding by itself (not an update, and not when a wallet exists already).
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install') return;
    void keyring.hasVault().then(async (exists) => {
      if (!exists) await browser.tabs.create({ url: browser.runtime.getURL('/onboarding.html') });
    });
  });

  /** What the network's communities say about a site (a block by any blocks); "could not check" when the chain or a policy cannot be read. */
  const siteStatusOf = async (origin: string): Promise<SiteStatusView> => {
    try {
      const { client, settings: current } = await chain.current();
      const guarding = await communities.of(current.chainId);
      // No community guards this network: only the wallet's own checks of the site.
      if (guarding.length === 0) return { status: 'unchecked', note: '', ...siteWarningOf(origin, undefined) };
      // The same read the payment pipeline makes: the exact origin and the domain rules that cover it.
      const reads = await Promise.all(guarding.map(async (community) => ({ name: community.name, ...(await readOriginStatus(client, community.policy, origin)) })));
      const merged = mergeStatus(reads);
      return { status: merged.status, note: merged.note, ...siteWarningOf(origin, merged.status) };
    } catch {
      return { status: 'unchecked', note: '', ...siteWarningOf(origin, undefined) };
    }
  };

  // The browser's own notifications: a payment blocked, a budget threshold reached, the rules changed.
  const notify = (notice: Notice) =>
    void browser.notifications
      ?.create(notice.id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon-128.png'), title: notice.title, message: notice.message })
      .catch((error: unknown) => console.error('CommonGuard: notification failed', error));
  const alertBudgets = async () => {
    for (const alert of await budgets.takeDueAlerts()) notify(budgetNotice(alert, tokens.known(alert.budget.token)));
  };
  history.on('recorded', (entry) => {
    if (entry.outcome === 'blocked') notify(blockedNotice(entry, merchantNames.nameOf(entry.to)));
    if (entry.outcome === 'pending') {
      void receipts.check();
      void alertBudgets().catch(() => {});
    }
  });
  history.on('settled', (entry) => {
    void alertBudgets().catch(() => {});
    // After each payment the wallet sent (not on every request: a payment never waits on a log scan).
    void suspicious.refresh(entry.account);
  });
  budgets.on('changed', () => void alertBudgets().catch(() => {}));
  policy.on('changed', (next, previous) => {
    void (async () => {
      const { client } = await chain.current();
      await Promise.all(next.snapshot.tokenLimits.map((limit) => tokens.get(client, limit.token).catch(() => null)));
      notify(policyNotice(describePolicyChanges(previous.snapshot, next.snapshot, (token) => tokens.known(token as Address)), next.snapshot.version));
    })().catch(() => {});
  });
  // The rules can change while no payment is made: look at the policy's version every few minutes.
  browser.alarms?.create(POLICY_ALARM, { periodInMinutes: 5 });
  browser.alarms?.onAlarm.addListener((alarm) => {
    if (alarm.name !== POLICY_ALARM) return;
    void chain
      .current()
      .then(({ client, settings: current }) => guard.rules(client, current.chainId))
      .catch(() => {});
    void receipts.check();
  });

  const forgetWallet = async () => {
    await history.clear();
    await suspicious.clear();
    await sessions.clear();
    // Tokens and budgets are kept per network: every network's go.
    for (const network of await networks.list()) {
      await watchedTokensStored.of(network.chainId).setValue(null);
      await budgetsStored.of(network.chainId).setValue(null);
    }
    await communities.clear();
    for (const site of await permissions.list()) await permissions.revoke(site.origin);
    await selectedAccountStored.setValue(null);
    selected = undefined;
  };
  keyring.on('removed', () => void pages.refreshAccounts());

  const ui = uiHandlers({
    keyring,
    permissions,
    approvals,
    history,
    suspicious,
    guard,
    communities,
    join,
    chain,
    // Settings' RPC URL and chain id name the network in use: saving them edits it (or adds it) and switches to it.
    settings: {
      get: settingsInUse,
      save: async (input) => {
        const result = await settings.save(input);
        if (result.ok) await networks.adopt(result.settings.rpcUrl, result.settings.chainId);
        return result;
      },
    },
    networkTasks: networkUiTasks({ networks, guardOf }),
    selection,
    onSelectionChange: () => void pages.refreshAccounts(),
    budgets,
    receipts,
    merchantNames,
    tokens,
    watchedTokens,
    preferences,
    networkExplorer: async () => (await networks.active()).blockExplorerUrl,
    forgetWallet,
    storageReadableByPages: () => storage.then((opened) => opened.readableByContentScripts, () => false),
    sessions: sessionUiHandlers({ sessions, chainId: activeChainId, tokenInfo: async (token) => tokens.describe((await chain.current()).client, token) }),
  });
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
    // The person used the wallet: the auto-lock deadline moves. A confirmation window loading what it
    // shows is not use (a page can open one); answering it is.
    if (PERSON_ACTIONS.has(request.action as UiAction)) keyring.touch();
    return handler(input).then(
      (output): UiResponse => ({ ok: true, output }) as UiResponse,
      (error: unknown): UiResponse => ({ ok: false, error: uiMessage(error) }),
    );
  });

  void settings.get();
  // At start, the primers that landed while the wallet was not running (for the account in use, once unlocked).
  void keyring.restore().then(async () => {
    const account = (await selection.get()) ?? keyring.accounts()[0];
    if (account) await suspicious.refresh(account);
  }).catch(() => {});
  // Transactions recorded before the background last stopped are followed to their receipt; one that never
  // reached the network (the worker stopped between recording and broadcasting) is marked failed.
  void receipts.reconcile();
}

/** Wallet-page tasks that mean the person is using the wallet (everything but a window loading its request). */
const PERSON_ACTIONS: ReadonlySet<UiAction> = new Set(Object.keys(UI_ACCESS).filter((action) => action !== 'getApproval') as UiAction[]);

const POLICY_ALARM = 'commonguard-policy-check';

function uiMessage(error: unknown): string {
  if (
    error instanceof UiError ||
    error instanceof KeyringInputError ||
    error instanceof VaultPasswordError ||
    error instanceof VaultFormatError ||
    error instanceof PolicyUnavailableError ||
    error instanceof SecretInputError ||
    error instanceof BudgetInputError ||
    error instanceof PreferencesInputError ||
    error instanceof WatchedTokensFullError ||
    error instanceof NetworkInputError ||
    error instanceof CommunityReadError
  )
    return error.message;
  console.error('CommonGuard: wallet page request failed', error);
  return 'Something went wrong in the wallet. Try again.';
}
