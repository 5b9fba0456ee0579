import { type Address, erc20Abi, formatUnits, getAddress, isAddress } from 'viem';
import { suspiciousTransferWarning } from '@commonguard/sdk/risk';
import { roundAmount, showAmount } from '../../shared/amounts.js';
import { plainProblem } from '../../shared/plainWords.js';
import type { UiAction, UiProtocol } from '../../shared/uiProtocol.js';
import type { BalanceView, HistoryView, WalletState } from '../../shared/views.js';
import type { Approvals } from '../approvals/Approvals.js';
import { parseBudget } from '../budget/budget.js';
import type { Budgets } from '../budget/Budgets.js';
import type { ChainAccess } from '../chain/ChainAccess.js';
import { historyCsv } from '../history/csv.js';
import { OUTCOME_LABEL, outcomeOf } from '../history/outcome.js';
import type { History, HistoryEntry } from '../history/History.js';
import type { ReceiptTracker } from '../history/receipts.js';
import type { SeenPrimer, SuspiciousTransfers } from '../history/SuspiciousTransfers.js';
import { Keyring } from '../keyring/Keyring.js';
import type { MerchantNames } from '../policy/MerchantNames.js';
import type { Communities } from '../communities/Communities.js';
import type { Guard } from '../communities/Guard.js';
import { CommunityReadError, type JoinSources, readCommunityToJoin } from '../joining/join.js';
import { parsePastedCommunity } from '../joining/joinParams.js';
import { NO_POLICY } from '../communities/rules.js';
import { type CachedPolicy, describeChainError } from '../policy/PolicyCache.js';
import type { Permissions } from '../permissions/Permissions.js';
import { explorerTxUrl, type Preferences } from '../preferences/Preferences.js';
import type { NetworkUiAction, NetworkUiTasks } from '../networks/uiTasks.js';
import type { Settings } from '../settings/Settings.js';
import { NATIVE_TOKEN, type TokenDirectory } from '../tokens/TokenDirectory.js';
import type { WatchedTokens } from '../tokens/WatchedTokens.js';
import { groupedHistoryViews } from '../sessions/historyGroups.js';
import type { sessionUiHandlers } from '../sessions/ui.js';
import { buildOverview } from './overview.js';

export type UiHandlers = { [A in UiAction]: (input: UiProtocol[A]['input']) => Promise<UiProtocol[A]['output']> };

export type UiApiOptions = {
  keyring: Keyring;
  permissions: Permissions;
  approvals: Approvals;
  history: History;
  /** Address-poisoning primers found among the transfers the wallet did not make: shown in the history, marked. */
  suspicious?: SuspiciousTransfers | undefined;
  /** The rules of the active network's communities. */
  guard: Guard;
  communities: Communities;
  /** How Settings reads a community to join. */
  join: JoinSources;
  chain: ChainAccess;
  /** The settings as in use: their RPC URL and chain id are the network in use's. */
  settings: Pick<Settings, 'get' | 'save'>;
  /** Settings' network list and the network picker. */
  networkTasks: NetworkUiTasks;
  selection: { get(): Promise<Address | null>; set(address: Address): Promise<void> };
  /** Called after the user picks another account (pages get `accountsChanged`). */
  onSelectionChange: () => void;
  budgets: Budgets;
  receipts: ReceiptTracker;
  merchantNames: MerchantNames;
  tokens: TokenDirectory;
  watchedTokens: WatchedTokens;
  preferences: Preferences;
  /** The block explorer of the network in use, when the network list has one: its history links go there. */
  networkExplorer?: (() => Promise<string | null>) | undefined;
  /** Forgets everything the wallet kept about its use (after the vault was removed). */
  forgetWallet: () => Promise<void>;
  /** Whether the wallet's storage is readable by content scripts (no closed storage could be used). */
  storageReadableByPages: () => Promise<boolean>;
  /** The popup's payment-session tasks (see `sessions/ui.ts`). */
  sessions: ReturnType<typeof sessionUiHandlers>;
  now?: () => number;
};

/** An error whose message the wallet pages show as it is. */
export class UiError extends Error {
  override name = 'UiError';
}

/**
 * The tasks the wallet's own pages can ask of the background, one handler each. Pages get views
 * (formatted, no secrets); the only secret that ever reaches a page is a brand-new phrase, shown
 * once during onboarding before it is stored.
 */
export function uiHandlers(options: UiApiOptions): UiHandlers {
  const { keyring, permissions, approvals, history, guard, communities, join, chain, settings, selection, onSelectionChange } = options;
  const { budgets, receipts, merchantNames, tokens, watchedTokens, preferences, forgetWallet, storageReadableByPages, suspicious, networkExplorer, now = Date.now } = options;

  /**
   * The rules of the active network's communities (merged: the stricter wins) and the merchant names,
   * freshly read when the chain answers, else the last good read; `null` where no community guards it.
   */
  const currentPolicy = async (): Promise<CachedPolicy | null> => {
    const { chainId } = await settings.get();
    try {
      const { client } = await chain.current();
      const rules = await guard.rules(client, chainId);
      const first = rules.communities[0];
      if (!first) return null;
      await merchantNames.refresh(client, first.policy, first.version);
      return rules.policy;
    } catch {
      return (await guard.lastRules(chainId)).rules?.policy ?? null;
    }
  };

  /** A community read for joining, its failure in the person's words. */
  const readToJoin = async (chainId: number, governor: Address) => {
    try {
      return await readCommunityToJoin(join, { chainId, governor });
    } catch (error) {
      if (error instanceof CommunityReadError) throw new UiError(error.message);
      throw error;
    }
  };
  const handleOf = (input: { chainId?: unknown; governor?: unknown } | null) => {
    const chainId = input?.chainId;
    const governor = input?.governor;
    if (typeof chainId !== 'number' || !Number.isSafeInteger(chainId) || typeof governor !== 'string' || !isAddress(governor)) throw new UiError('Choose a community.');
    return { chainId, governor: getAddress(governor) };
  };

  /** Symbols and decimals of every token the overview or the budgets name (read once each). */
  const learnTokens = async (addresses: Address[]) => {
    try {
      const { client } = await chain.current();
      await Promise.all(addresses.map((token) => tokens.get(client, token).catch(() => null)));
    } catch {}
  };

  const state = async (): Promise<WalletState> => {
    if (!keyring.isUnlocked) await keyring.restore();
    const current = await settings.get();
    if (!keyring.isUnlocked) return lockedState(current.chainId, (await keyring.hasVault()) ? 'locked' : 'new', await storageReadableByPages());
    // What the page shows is the chain's as it is now (a local chain may have been wiped a moment ago).
    await history.refresh();
    const guarding = await guard.lastRules(current.chainId);
    const cached = guarding.rules && guarding.rules.communities.length > 0 ? guarding.rules.policy : null;
    const lastError = guarding.error;
    const accounts = keyring.accounts();
    const selected = await selection.get();
    const { explorerUrl } = await preferences.get();
    // A transaction is looked at on its own network's explorer; Settings' explorer serves a network without one.
    const linkExplorer = (await networkExplorer?.().catch(() => null)) ?? explorerUrl;
    if (keyring.isUnlocked) void receipts.check();
    // The history is about to be shown: read the transfers the wallet did not make since the last look.
    const shown = accounts.find((account) => account === selected) ?? accounts[0];
    // A slow node does not hold the popup: past the wait it shows what is stored, and the read finishes for next time.
    if (suspicious && shown) await readTransfers(suspicious, shown);
    const primers = suspicious && shown ? (await suspicious.of(shown)).map(toSuspiciousView) : [];
    return {
      status: keyring.isUnlocked ? 'unlocked' : (await keyring.hasVault()) ? 'locked' : 'new',
      accounts,
      selected: accounts.find((account) => account === selected) ?? accounts[0] ?? null,
      settings: { ...current },
      policy: {
        version: cached?.snapshot.version.toString() ?? null,
        readAt: cached?.readAt ?? null,
        error: lastError,
        address: cached && cached.address !== NO_POLICY ? cached.address : null,
      },
      communities: (await communities.list()).map(({ chainId, governor, name, policy, joinedAt }) => ({ chainId, governor, name, policy, joinedAt, guards: chainId === current.chainId })),
      sites: (await permissions.list()).map(({ origin, accounts: granted, grantedAt }) => ({ origin, accounts: granted, grantedAt })),
      // A payment session's payments are one entry (with each payment inside it).
      // Primers are entries of their own, in time order with the payments; they are never payments.
      history: [...groupedHistoryViews(await history.list(), (entry) => toHistoryView(entry, merchantNames.nameOf(entry.to), linkExplorer)), ...primers].sort((a, b) => b.at - a.at).slice(0, 20),
      explorerUrl,
      hasPhrase: keyring.hasPhrase,
      storageReadableByPages: await storageReadableByPages(),
    };
  };

  /** The tasks that read or change what the wallet keeps: only once it is unlocked (see {@link LOCKED_REFUSES}). */
  const unlocked = async () => {
    if (!keyring.isUnlocked && !(await keyring.restore())) throw new UiError('The wallet is locked. Unlock it first.');
  };

  const handlers: UiHandlers = {
    ...options.networkTasks,
    getState: () => state(),
    getBalances: async () => {
      const account = (await selection.get()) ?? keyring.accounts()[0];
      if (!account || !keyring.isUnlocked) return { balances: [], error: null, problem: null };
      try {
        const { client } = await chain.current();
        const cached = await currentPolicy();
        const listed = new Set((cached?.snapshot.tokenLimits ?? []).map((limit) => limit.token.toLowerCase()));
        // The policy's tokens, the tokens the shopper paid with, and those they chose to watch.
        const candidates = new Map<string, Address>();
        for (const limit of cached?.snapshot.tokenLimits ?? []) candidates.set(limit.token.toLowerCase(), limit.token);
        for (const entry of await history.list()) if (entry.kind !== 'contractCall') candidates.set(entry.token.toLowerCase(), entry.token);
        for (const token of await watchedTokens.list()) candidates.set(token.address.toLowerCase(), token.address);
        // The tokens it received: read from the logs with the poisoning primers (one read for both).
        if (suspicious) {
          await readTransfers(suspicious, account);
          for (const token of await suspicious.receivedOf(account)) candidates.set(token.toLowerCase(), token);
        }
        candidates.delete(NATIVE_TOKEN);
        const native = await client.getBalance({ address: account });
        const rest = await Promise.all(
          [...candidates.values()].map(async (token): Promise<BalanceView | null> => {
            try {
              const [info, balance] = await Promise.all([
                tokens.get(client, token),
                client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [account] }),
              ]);
              return { symbol: info.symbol, amount: roundAmount(balance, info.decimals), exact: formatUnits(balance, info.decimals), token, listed: listed.has(token.toLowerCase()) };
            } catch {
              return null; // not a token (any more): nothing to show
            }
          }),
        );
        const coin = await tokens.get(client, NATIVE_TOKEN);
        const ethView: BalanceView = { symbol: coin.symbol, amount: roundAmount(native, coin.decimals), exact: formatUnits(native, coin.decimals), token: NATIVE_TOKEN, listed: true };
        return { balances: [ethView, ...rest.filter((view): view is BalanceView => view !== null)], error: null, problem: null };
      } catch (error) {
        const problem = plainProblem('read your balances', describeChainError(error));
        return { balances: [], error: problem.message, problem };
      }
    },
    getOverview: async () => {
      const cached = await currentPolicy();
      await history.refresh();
      const [payments, progress] = await Promise.all([history.spending(), budgets.progress()]);
      await learnTokens([...(cached?.snapshot.tokenLimits ?? []).map((limit) => limit.token), ...progress.map(({ budget }) => budget.token), ...payments.map((p) => p.token)]);
      return buildOverview({
        policy: cached?.snapshot ?? null,
        payments,
        budgets: progress,
        tokenInfo: (token) => tokens.known(token),
        merchantName: (address) => merchantNames.nameOf(address),
        now: now(),
      });
    },
    setBudget: async (input) => {
      const cached = await currentPolicy();
      const token = typeof input?.token === 'string' && isAddress(input.token) ? getAddress(input.token) : null;
      if (!token) throw new UiError('Choose a token for the budget.');
      await learnTokens([token]);
      await budgets.set(parseBudget(input, { policy: cached?.snapshot ?? null, tokenInfo: tokens.known(token) }));
      return null;
    },
    removeBudget: async ({ token }) => {
      if (typeof token !== 'string' || !isAddress(token)) throw new UiError('Choose the budget to remove.');
      await budgets.remove(getAddress(token));
      return null;
    },
    exportHistory: async () => {
      await currentPolicy();
      const csv = historyCsv(await history.list(), (address) => merchantNames.nameOf(address));
      return { csv, filename: `commonguard-history-${new Date(now()).toISOString().slice(0, 10)}.csv` };
    },
    savePreferences: async ({ explorerUrl }) => ({ explorerUrl: await preferences.setExplorerUrl(explorerUrl) }),
    hasWallet: async () => ({ exists: await keyring.hasVault(), unlocked: keyring.isUnlocked }),
    importKey: async ({ privateKey }) => {
      const address = await keyring.importKey(privateKey);
      // The shopper imported it to use it: it becomes the account the popup shows (and sites are told).
      await selection.set(address);
      onSelectionChange();
      return { address };
    },
    revealPhrase: async ({ password }) => ({ phrase: await keyring.revealPhrase(password) }),
    changePassword: async ({ current, next }) => {
      await keyring.changePassword(current, next);
      return null;
    },
    removeWallet: async ({ password }) => {
      await keyring.remove(password);
      await forgetWallet();
      return null;
    },
    newPhrase: async () => {
      if (await keyring.hasVault()) throw new UiError('A wallet already exists on this device.');
      return { phrase: Keyring.newPhrase() };
    },
    createWallet: async (input) => {
      if (await keyring.hasVault()) throw new UiError('A wallet already exists on this device.');
      const accounts = await keyring.create(input);
      if (accounts[0]) await selection.set(accounts[0]);
      approvals.settleAll('unlock', { approved: true });
      return { accounts };
    },
    unlock: async ({ password }) => {
      const accounts = await keyring.unlock(password);
      approvals.settleAll('unlock', { approved: true });
      return { accounts };
    },
    lock: async () => {
      await keyring.lock();
      return null;
    },
    addAccount: async () => ({ address: await keyring.addAccount() }),
    selectAccount: async ({ address }) => {
      if (typeof address !== 'string' || !isAddress(address) || !keyring.accounts().includes(getAddress(address)))
        throw new UiError('This wallet has no such account.');
      await selection.set(getAddress(address));
      onSelectionChange();
      return null;
    },
    revokeSite: async ({ origin }) => {
      await permissions.revoke(origin);
      return null;
    },
    getSessions: () => options.sessions.getSessions(),
    revokeSession: (input) => options.sessions.revokeSession(input),
    saveSettings: async (input) => {
      const result = await settings.save(input);
      return result.ok ? { saved: true } : { saved: false, errors: result.errors as Record<string, string> };
    },
    refreshPolicy: async () => {
      const { client, settings: current } = await chain.current();
      await guard.rules(client, current.chainId);
      return null;
    },
    previewCommunity: async ({ text }) => {
      const pasted = parsePastedCommunity(text, (await settings.get()).chainId);
      if ('error' in pasted) throw new UiError(pasted.error);
      return (await readToJoin(pasted.chainId, pasted.governor)).view;
    },
    joinCommunity: async (input) => {
      const { chainId, governor } = handleOf(input);
      // Read again: what is stored comes from the chain, not from the page that showed it.
      await communities.join((await readToJoin(chainId, governor)).record);
      return null;
    },
    leaveCommunity: async (input) => {
      const { chainId, governor } = handleOf(input);
      if (!(await communities.leave(chainId, governor))) throw new UiError('The wallet is not in this community.');
      return null;
    },
    getApproval: async ({ id }) => approvals.get(id),
    resolveApproval: async ({ id, decision }) => {
      const delivered = approvals.resolve(id, {
        approved: decision?.approved === true,
        acknowledged: decision?.acknowledged === true,
        ...(Array.isArray(decision?.accounts) ? { accounts: decision.accounts.filter((a): a is string => typeof a === 'string') } : {}),
      });
      return { delivered };
    },
  };
  for (const action of LOCKED_REFUSES) {
    const handle = handlers[action] as (input: unknown) => Promise<unknown>;
    (handlers as Record<UiAction, (input: unknown) => Promise<unknown>>)[action] = async (input) => {
      await unlocked();
      return handle(input);
    };
  }
  return handlers;
}

/**
 * What a locked wallet refuses to its own pages: everything that reads or changes what it keeps (the
 * history and its CSV, budgets, connected sites, network and explorer settings, accounts). Hiding them
 * in the popup is not enough: any wallet page can ask the background directly. Still open while
 * locked: the state a locked popup shows, unlocking, onboarding's own tasks (which need the password
 * or no wallet), and the confirmation windows (their requests waited for the unlock).
 */
export const LOCKED_REFUSES: readonly UiAction[] = [
  'getOverview',
  'setBudget',
  'removeBudget',
  'exportHistory',
  'savePreferences',
  'addAccount',
  'selectAccount',
  'revokeSite',
  'getSessions',
  'revokeSession',
  'saveSettings',
  'refreshPolicy',
  'previewCommunity',
  'joinCommunity',
  'leaveCommunity',
  'importKey',
  ...(['getNetworks', 'addNetwork', 'editNetwork', 'removeNetwork', 'switchNetwork'] satisfies NetworkUiAction[]),
];

/**
 * A locked (or new) wallet's state: only what is safe to show without the password, the wallet's
 * name (the popup's) and the network. No accounts, history, sites, RPC address or policy address.
 */
export function lockedState(chainId: number, status: 'locked' | 'new', storageReadableByPages: boolean): WalletState {
  return {
    status,
    accounts: [],
    selected: null,
    settings: { rpcUrl: '', chainId, paymentPolicy: null, autoLockMinutes: 0 },
    policy: { version: null, readAt: null, error: null, address: null },
    communities: [],
    sites: [],
    history: [],
    explorerUrl: null,
    hasPhrase: false,
    storageReadableByPages,
  };
}

/** How long the popup waits for the transfers the wallet did not make to be read before it shows what is stored. */
const PRIMER_READ_WAIT_MS = 5_000;

/** Reads the account's new `Transfer` logs, waiting at most {@link PRIMER_READ_WAIT_MS}: past it the popup shows what is stored. */
function readTransfers(suspicious: SuspiciousTransfers, account: Address): Promise<unknown> {
  return Promise.race([suspicious.refresh(account), new Promise((resolve) => setTimeout(resolve, PRIMER_READ_WAIT_MS))]);
}
export { outcomeOf };

/** A transfer the wallet did not make that looks like an address-poisoning primer, as the popup's history shows it. */
export function toSuspiciousView(primer: SeenPrimer): HistoryView {
  return {
    id: `suspicious:${primer.hash}:${primer.logIndex}`,
    at: primer.at,
    origin: null,
    title: 'A transfer you did not make',
    // Never the full address: it is the one the shopper must not copy.
    to: null,
    merchant: null,
    level: 'unverified',
    score: null,
    outcome: 'suspicious',
    outcomeLabel: OUTCOME_LABEL.suspicious,
    warning: suspiciousTransferWarning(primer),
  };
}

export function toHistoryView(entry: HistoryEntry, merchant: string | null, explorerUrl: string | null): HistoryView {
  const amount = showAmount(BigInt(entry.amount), entry);
  const title = entry.kind === 'tokenApproval' ? `Allow ${amount}` : entry.kind === 'contractCall' ? `Contract call ${amount}` : `Pay ${amount}`;
  const outcome = outcomeOf(entry);
  const link = explorerTxUrl(explorerUrl, entry.hash);
  return {
    id: entry.id,
    at: entry.at,
    origin: entry.origin,
    title,
    to: entry.to,
    merchant,
    level: entry.level,
    score: entry.score,
    outcome,
    outcomeLabel: OUTCOME_LABEL[outcome],
    ...(entry.hash ? { hash: entry.hash } : {}),
    ...(link ? { explorerUrl: link } : {}),
    ...(entry.detail ? { detail: entry.detail } : {}),
  };
}
