import type { PublicClient } from 'viem';
import type { AppConfig } from '../chain/config.js';
import { ChainIndexer } from './chain.js';
import type { Indexer } from './types.js';

/** The subgraph when one is configured (loaded only then); otherwise the chain itself. */
export async function createIndexer(config: AppConfig, client: PublicClient): Promise<Indexer> {
  if (!config.deployment) throw new Error('No deployment configured.');
  if (config.subgraphUrl) {
    const { SubgraphIndexer } = await import('./subgraph.js');
    return new SubgraphIndexer(config.subgraphUrl, client, config.deployment);
  }
  return new ChainIndexer(client, config.deployment);
}
