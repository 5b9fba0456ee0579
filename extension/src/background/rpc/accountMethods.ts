import type { Address } from 'viem';
import { rpcError } from '../../shared/rpcErrors.js';
import type { Approvals } from '../approvals/Approvals.js';
import type { Permissions } from '../permissions/Permissions.js';
import type { SiteStatusView } from '../../shared/views.js';
import type { WalletSettings } from '../settings/Settings.js';
import type { AccountAccess } from './AccountAccess.js';
import { type MethodTable, positional, type RequestContext } from './ProviderRpc.js';

export type AccountMethodsOptions = {
  access: AccountAccess;
  permissions: Permissions;
  approvals: Approvals;
  settings: () => Promise<WalletSettings>;
  selectedAccount: () => Promise<Address | null>;
  /** What the community says about a site, for the connect window (never throws: `unchecked` then). */
  siteStatus?: (origin: string) => Promise<SiteStatusView>;
};

/** Connecting, accounts and chain: eth_requestAccounts, eth_accounts, eth_chainId, net_version (switching networks: `networks/methods.ts`). */
export function accountMethods({ access, permissions, approvals, settings, selectedAccount, siteStatus }: AccountMethodsOptions): MethodTable {
  const requestAccounts = async ({ origin, signal }: RequestContext): Promise<Address[]> => {
    const visible = await access.visibleAccounts(origin);
    if (visible.length > 0) return visible;
    await access.ensureUnlocked(origin, 'connect to this site', signal);
    const already = await access.visibleAccounts(origin);
    if (already.length > 0) return already;
    const accounts = access.keyringAccounts();
    const selected = (await selectedAccount()) ?? accounts[0];
    const site = siteStatus ? await siteStatus(origin) : undefined;
    const decision = await approvals.request(origin, { kind: 'connect', view: { origin, accounts, selected: selected ?? '', ...(site ? { site } : {}) } }, { signal });
    if (!decision.approved) throw rpcError.userRejected();
    // The window offers only Close for a site the community blocked; an approval that says otherwise is not believed.
    if (site?.status === 'blocked') throw rpcError.userRejected('The community blocked this site, so the wallet does not connect to it.');
    if (site?.warning?.closeOnly) throw rpcError.userRejected('This site is on a phishing list, so the wallet does not connect to it.');
    const chosen = accounts.filter((account) => (decision.accounts ?? [selected]).some((wanted) => wanted?.toLowerCase() === account.toLowerCase()));
    if (chosen.length === 0) throw rpcError.userRejected('No account was chosen.');
    await permissions.grant(origin, chosen);
    return chosen;
  };

  return {
    eth_requestAccounts: { access: 'public', handle: (context) => requestAccounts(context) },
    eth_accounts: { access: 'public', cost: 0, handle: ({ origin }) => access.visibleAccounts(origin) },
    eth_chainId: { access: 'public', cost: 0, handle: async () => `0x${(await settings()).chainId.toString(16)}` },
    net_version: { access: 'public', cost: 0, handle: async () => String((await settings()).chainId) },
    wallet_requestPermissions: {
      access: 'public',
      handle: async (context, params) => {
        const [request] = positional(params, 'wallet_requestPermissions', 1);
        if (typeof request !== 'object' || request === null || !('eth_accounts' in request))
          throw rpcError.invalidParams('Only the "eth_accounts" permission can be requested.');
        await requestAccounts(context);
        return [{ parentCapability: 'eth_accounts', invoker: context.origin }];
      },
    },
    wallet_getPermissions: {
      access: 'public',
      cost: 0,
      handle: async ({ origin }) => ((await access.visibleAccounts(origin)).length > 0 ? [{ parentCapability: 'eth_accounts', invoker: origin }] : []),
    },
    wallet_revokePermissions: {
      access: 'public',
      handle: async ({ origin }) => {
        await permissions.revoke(origin);
        return null;
      },
    },
  };
}
