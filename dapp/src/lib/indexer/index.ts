import type { Deployment } from '../chain/config.js';
import { ChainIndexer } from './chain.js';
import type { Indexer } from './types.js';
import type { AppClient } from '../chain/chain.js';

/** The subgraph when one is configured (loaded only then); otherwise the chain itself. */
export async function createIndexer(network: { subgraphUrl: string | null }, deployment: Deployment, client: AppClient): Promise<Indexer> {
  if (network.subgraphUrl) {
    const { SubgraphIndexer } = await import('./subgraph.js');
    return new SubgraphIndexer(network.subgraphUrl, client, deployment);
  }
  return new ChainIndexer(client, deployment);
}
