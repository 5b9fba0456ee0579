import { createClient, defineChain, http, type Chain, type Client, type PublicClient, type Transport } from 'viem';
import { call, getBalance, getBlock, getBlockNumber, getLogs, readContract } from 'viem/actions';
import type { Network } from './networks.js';

/** A configured network as viem and wagmi need it. */
export function appChain(network: Pick<Network, 'chainId' | 'rpcUrl' | 'name' | 'explorerUrl'>): Chain {
  return defineChain({
    id: network.chainId,
    name: network.name,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [network.rpcUrl] } },
    ...(network.explorerUrl ? { blockExplorers: { default: { name: 'Explorer', url: network.explorerUrl } } } : {}),
  });
}

/** The read actions the dApp uses: a public client cut down to these (any public client fits). */
export type AppClient = Client<Transport, Chain | undefined> &
  Pick<PublicClient, 'call' | 'getBalance' | 'getBlock' | 'getBlockNumber' | 'getLogs' | 'readContract' | 'simulateContract' | 'waitForTransactionReceipt'>;

/**
 * One HTTP client for all reads; calls made in the same tick travel in one JSON-RPC batch.
 * Only the actions the dApp uses are bound: `createPublicClient` binds every public action, and with
 * them signature verification and its elliptic-curve code, about a third of the initial JavaScript.
 */
export function appClient(chain: Chain, rpcUrl: string): AppClient {
  const base = createClient({ chain, transport: http(rpcUrl, { batch: { batchSize: 500 }, retryCount: 1 }) });
  // Callers see viem's own signatures through the AppClient type.
  const bind = (action: (client: typeof base, args: any) => unknown) => (args?: any): any => action(base, args);
  // Simulating a write and waiting for its receipt happen only around a transaction: their module is
  // loaded on first use (both return promises already, so callers see no difference).
  const writeActions = () => import('./writeActions.js');
  return base.extend(() => ({
    call: bind(call),
    getBalance: bind(getBalance),
    getBlock: bind(getBlock),
    getBlockNumber: bind(getBlockNumber),
    getLogs: bind(getLogs),
    readContract: bind(readContract),
    simulateContract: async (args: any) => (await writeActions()).simulateContract(base, args),
    waitForTransactionReceipt: async (args: any) => (await writeActions()).waitForTransactionReceipt(base, args),
  })) as unknown as AppClient;
}
