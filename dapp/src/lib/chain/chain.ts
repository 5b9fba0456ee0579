import { createPublicClient, defineChain, http, type Chain, type PublicClient } from 'viem';
import type { AppConfig } from './config.js';

const KNOWN_NAMES: Record<number, string> = { 31337: 'Local test network (Anvil)', 1: 'Ethereum', 11155111: 'Sepolia' };

/** The community's chain as viem and wagmi need it. */
export function appChain(config: Pick<AppConfig, 'chainId' | 'rpcUrl'>): Chain {
  return defineChain({
    id: config.chainId,
    name: KNOWN_NAMES[config.chainId] ?? `Chain ${config.chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [config.rpcUrl] } },
  });
}

/** One HTTP client for all reads; calls made in the same tick travel in one JSON-RPC batch. */
export function appPublicClient(chain: Chain, rpcUrl: string): PublicClient {
  return createPublicClient({ chain, transport: http(rpcUrl, { batch: { batchSize: 500 }, retryCount: 1 }) }) as PublicClient;
}
