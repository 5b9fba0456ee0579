import type { UiProtocol } from '../../shared/uiProtocol.js';
import type { NetworkEntryView } from '../../shared/views.js';
import type { GuardOf } from './guard.js';
import { networkView } from './methods.js';
import { type Network, parseChainId } from './network.js';
import { NetworkInputError, type Networks } from './Networks.js';

export type NetworkUiAction = 'getNetworks' | 'addNetwork' | 'editNetwork' | 'removeNetwork' | 'switchNetwork';
export type NetworkUiTasks = { [A in NetworkUiAction]: (input: UiProtocol[A]['input']) => Promise<UiProtocol[A]['output']> };

/** Settings' network list and the popup's network picker: the person's own changes (no window). */
export function networkUiTasks({ networks, guardOf }: { networks: Networks; guardOf: GuardOf }): NetworkUiTasks {
  const entry = async (network: Network): Promise<NetworkEntryView> => ({
    ...networkView(network),
    rpcUrl: network.rpcUrl,
    currencyName: network.nativeCurrency.name,
    blockExplorerUrl: network.blockExplorerUrl,
    preset: network.preset === true,
    guard: await guardOf(network).catch(() => null),
  });
  const chainIdOf = (value: unknown): number => {
    const chainId = parseChainId(value);
    if (chainId === null) throw new NetworkInputError('Choose a network from the list.');
    return chainId;
  };
  return {
    getNetworks: async () => ({ activeChainId: (await networks.active()).chainId, networks: await Promise.all((await networks.list()).map(entry)) }),
    addNetwork: async (input) => {
      const result = await networks.add(input ?? {});
      return result.ok ? { saved: true } : { saved: false, errors: result.errors };
    },
    editNetwork: async (input) => {
      const result = await networks.edit(chainIdOf(input?.editing), input ?? {});
      return result.ok ? { saved: true } : { saved: false, errors: result.errors };
    },
    removeNetwork: async ({ chainId }) => {
      await networks.remove(chainIdOf(chainId));
      return null;
    },
    switchNetwork: async ({ chainId }) => {
      await networks.switchTo(chainIdOf(chainId));
      return null;
    },
  };
}
