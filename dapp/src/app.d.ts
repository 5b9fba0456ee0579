declare global {
  /** Build-time defaults from PUBLIC_RPC_URL, PUBLIC_CHAIN_ID and PUBLIC_SUBGRAPH_URL (see vite.config.ts). */
  const __COMMONGUARD_CONFIG__: { rpcUrl: string; chainId: number; subgraphUrl: string | null };
  namespace App {}
}
export {};
