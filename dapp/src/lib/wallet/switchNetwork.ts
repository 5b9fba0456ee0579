import { numberToHex } from 'viem';
import type { Network } from '../chain/networks.js';

/** The part of an EIP-1193 provider this needs. */
export type RequestProvider = { request(args: { method: string; params?: unknown }): Promise<unknown> };

/** Why the wallet did not switch, for a person. */
export class SwitchNetworkError extends Error {
  override name = 'SwitchNetworkError';
  constructor(
    readonly reason: 'rejected' | 'unsupported' | 'failed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const codeOf = (error: unknown): number | undefined => {
  const e = error as { code?: unknown; data?: { originalError?: { code?: unknown } }; cause?: unknown } | null;
  if (typeof e?.code === 'number') return e.code;
  if (typeof e?.data?.originalError?.code === 'number') return e.data.originalError.code; // MetaMask Mobile wraps it
  return e?.cause ? codeOf(e.cause) : undefined;
};

/** What EIP-3085 asks for a network: the config file's name, RPC and explorer. */
export function addEthereumChainParameter(network: Network) {
  return {
    chainId: numberToHex(network.chainId),
    chainName: network.name,
    rpcUrls: [network.rpcUrl],
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    ...(network.explorerUrl ? { blockExplorerUrls: [network.explorerUrl] } : {}),
  };
}

/**
 * Asks the wallet to switch to `network` (EIP-3326). A wallet that does not know the network answers
 * 4902: it is then asked to add it (EIP-3085) with the config's parameters, and to switch again (adding
 * does not switch in every wallet). Each refusal becomes a {@link SwitchNetworkError} in plain words.
 */
export async function switchNetwork(provider: RequestProvider, network: Network): Promise<void> {
  const chainId = numberToHex(network.chainId);
  const switchTo = () => provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId }] });
  try {
    await switchTo();
    return;
  } catch (error) {
    if (codeOf(error) !== 4902) throw explain(error, network);
  }
  try {
    await provider.request({ method: 'wallet_addEthereumChain', params: [addEthereumChainParameter(network)] });
    await switchTo();
  } catch (error) {
    throw explain(error, network);
  }
}

function explain(error: unknown, network: Network): SwitchNetworkError {
  const code = codeOf(error);
  if (code === 4001) return new SwitchNetworkError('rejected', `You declined the switch to ${network.name} in your wallet.`, { cause: error });
  if (code === 4200 || code === -32601) {
    return new SwitchNetworkError(
      'unsupported',
      `Your wallet cannot switch networks for a site. Switch it by hand to ${network.name}: chain id ${network.chainId}, RPC ${network.rpcUrl}.`,
      { cause: error },
    );
  }
  return new SwitchNetworkError(
    'failed',
    `Your wallet could not switch to ${network.name}. Switch it by hand to the network with chain id ${network.chainId}.`,
    { cause: error },
  );
}
