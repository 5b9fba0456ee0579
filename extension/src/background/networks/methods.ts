import { rpcError } from '../../shared/rpcErrors.js';
import type { NetworkView } from '../../shared/views.js';
import type { Approvals } from '../approvals/Approvals.js';
import type { AccountAccess } from '../rpc/AccountAccess.js';
import type { MethodTable } from '../rpc/ProviderRpc.js';
import type { GuardOf } from './guard.js';
import { hexChainId, hostOf, type Network } from './network.js';
import type { Networks } from './Networks.js';
import { ADD_CHAIN_METHOD, parseAddChain, parseSwitchChain, SWITCH_CHAIN_METHOD } from './params.js';

export type NetworkMethodsOptions = {
  access: AccountAccess;
  approvals: Approvals;
  networks: Networks;
  guardOf: GuardOf;
};

/** A network as windows show it. */
export function networkView(network: Network): NetworkView {
  return {
    chainId: network.chainId,
    chainIdHex: hexChainId(network.chainId),
    name: network.name,
    rpcHost: hostOf(network.rpcUrl),
    currencySymbol: network.nativeCurrency.symbol,
    explorerHost: network.blockExplorerUrl ? hostOf(network.blockExplorerUrl) : null,
  };
}

/**
 * `wallet_addEthereumChain` (EIP-3085) and `wallet_switchEthereumChain` (EIP-3326), for sites the
 * person connected. Neither changes anything without a window that names the site, the network, its
 * RPC host and whose rules guard it there; approving switches, and every connected page then hears
 * `chainChanged`. A proposed network is checked before the window opens: its RPC must answer, with the
 * chain id the site claims. An unknown chain in a switch gets 4902, so the site can offer to add it.
 */
export function networkMethods({ access, approvals, networks, guardOf }: NetworkMethodsOptions): MethodTable {
  const ask = async (origin: string, signal: AbortSignal | undefined, action: 'add' | 'switch', network: Network): Promise<void> => {
    const from = await networks.active();
    const decision = await approvals.request(
      origin,
      { kind: 'network', view: { origin, action, network: networkView(network), from: networkView(from), guard: await guardOf(network).catch(() => null) } },
      { signal },
    );
    if (!decision.approved) throw rpcError.userRejected();
  };

  const switchTo = async (origin: string, signal: AbortSignal | undefined, network: Network): Promise<null> => {
    if ((await networks.active()).chainId === network.chainId) return null;
    await ask(origin, signal, 'switch', network);
    await networks.switchTo(network.chainId);
    return null;
  };

  return {
    [ADD_CHAIN_METHOD]: {
      access: 'connected',
      handle: async ({ origin, signal }, params) => {
        const proposed = parseAddChain(params);
        await access.ensureUnlocked(origin, 'add a network', signal);
        const chainId = Number(proposed.chainId);
        // A network the wallet has already: the request means "use it" (its saved RPC, not the site's).
        const known = await networks.find(chainId);
        if (known) return switchTo(origin, signal, known);
        const checked = await networks.check(proposed);
        if (!checked.ok) throw rpcError.invalidParams(Object.values(checked.errors).join(' '));
        await ask(origin, signal, 'add', checked.network);
        const added = await networks.add(proposed);
        if (!added.ok && !(await networks.find(chainId))) throw rpcError.invalidParams(Object.values(added.errors).join(' '));
        await networks.switchTo(chainId);
        return null;
      },
    },
    [SWITCH_CHAIN_METHOD]: {
      // Any site may learn that the chain it asks for is the one in use (as eth_chainId tells it); only a
      // connected site may ask for another, so no other site can probe which networks the wallet knows.
      access: 'public',
      handle: async ({ origin, signal }, params) => {
        const { chainId } = parseSwitchChain(params);
        if ((await networks.active()).chainId === Number(chainId)) return null;
        await access.requireConnected(origin);
        await access.ensureUnlocked(origin, 'switch the network', signal);
        const known = await networks.find(Number(chainId));
        if (!known) throw rpcError.unrecognizedChain(chainId);
        return switchTo(origin, signal, known);
      },
    },
  };
}
