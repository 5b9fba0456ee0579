import { type Address, erc20Abi, formatUnits, getAddress, isAddress } from 'viem';
import type { UiAction, UiProtocol } from '../../shared/uiProtocol.js';
import type { HistoryView, WalletState } from '../../shared/views.js';
import type { Approvals } from '../approvals/Approvals.js';
import type { ChainAccess } from '../chain/ChainAccess.js';
import type { History, HistoryEntry } from '../history/History.js';
import { Keyring } from '../keyring/Keyring.js';
import { describeChainError, type PolicyCache } from '../policy/PolicyCache.js';
import type { Permissions } from '../permissions/Permissions.js';
import type { Settings } from '../settings/Settings.js';

export type UiHandlers = { [A in UiAction]: (input: UiProtocol[A]['input']) => Promise<UiProtocol[A]['output']> };

export type UiApiOptions = {
  keyring: Keyring;
  permissions: Permissions;
  approvals: Approvals;
  history: History;
  policy: PolicyCache;
  chain: ChainAccess;
  settings: Settings;
  selection: { get(): Promise<Address | null>; set(address: Address): Promise<void> };
  /** Called after the user picks another account (pages get `accountsChanged`). */
  onSelectionChange: () => void;
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
  const { keyring, permissions, approvals, history, policy, chain, settings, selection, onSelectionChange } = options;

  const state = async (): Promise<WalletState> => {
    if (!keyring.isUnlocked) await keyring.restore();
    const current = await settings.get();
    const { cached, lastError } = policy.status();
    const accounts = keyring.accounts();
    const selected = await selection.get();
    return {
      status: keyring.isUnlocked ? 'unlocked' : (await keyring.hasVault()) ? 'locked' : 'new',
      accounts,
      selected: accounts.find((account) => account === selected) ?? accounts[0] ?? null,
      settings: { ...current },
      policy: {
        version: cached?.snapshot.version.toString() ?? null,
        readAt: cached?.readAt ?? null,
        error: lastError,
        address: current.paymentPolicy,
      },
      sites: (await permissions.list()).map(({ origin, accounts: granted, grantedAt }) => ({ origin, accounts: granted, grantedAt })),
      history: (await history.list()).slice(0, 20).map(toHistoryView),
    };
  };

  return {
    getState: () => state(),
    getBalances: async () => {
      const account = (await selection.get()) ?? keyring.accounts()[0];
      if (!account || !keyring.isUnlocked) return { balances: [], error: null };
      try {
        const { client, settings: current } = await chain.current();
        const cached = await policy.fresh(client, current.paymentPolicy).catch(() => policy.status().cached);
        const tokens = (cached?.snapshot.tokenLimits ?? []).map((limit) => limit.token).filter((token) => !/^0x0{40}$/.test(token));
        const [native, ...rest] = await Promise.all([
          client.getBalance({ address: account }),
          ...tokens.map(async (token) => {
            const [symbol, decimals, balance] = await Promise.all([
              client.readContract({ address: token, abi: erc20Abi, functionName: 'symbol' }),
              client.readContract({ address: token, abi: erc20Abi, functionName: 'decimals' }),
              client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [account] }),
            ]);
            return { symbol, amount: formatUnits(balance, decimals), token };
          }),
        ]);
        return { balances: [{ symbol: 'ETH', amount: formatUnits(native as bigint, 18), token: '0x0000000000000000000000000000000000000000' }, ...(rest as never[])], error: null };
      } catch (error) {
        return { balances: [], error: `Cannot read balances: ${describeChainError(error)}.` };
      }
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
    saveSettings: async (input) => {
      const result = await settings.save(input);
      return result.ok ? { saved: true } : { saved: false, errors: result.errors as Record<string, string> };
    },
    refreshPolicy: async () => {
      const { client, settings: current } = await chain.current();
      await policy.fresh(client, current.paymentPolicy);
      return null;
    },
    getApproval: async ({ id }) => approvals.get(id),
    resolveApproval: async ({ id, decision }) => {
      approvals.resolve(id, {
        approved: decision?.approved === true,
        acknowledged: decision?.acknowledged === true,
        ...(Array.isArray(decision?.accounts) ? { accounts: decision.accounts.filter((a): a is string => typeof a === 'string') } : {}),
      });
      return null;
    },
  };
}

function toHistoryView(entry: HistoryEntry): HistoryView {
  const amount = `${formatUnits(BigInt(entry.amount), entry.decimals)} ${entry.symbol}`;
  const title = entry.kind === 'tokenApproval' ? `Allow ${amount}` : entry.kind === 'contractCall' ? `Contract call ${amount}` : `Pay ${amount}`;
  return {
    id: entry.id,
    at: entry.at,
    origin: entry.origin,
    title,
    to: entry.to,
    level: entry.level,
    score: entry.score,
    outcome: entry.outcome,
    ...(entry.hash ? { hash: entry.hash } : {}),
    ...(entry.detail ? { detail: entry.detail } : {}),
  };
}
