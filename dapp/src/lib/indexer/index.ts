import type { AppConfig } from '../chain/config.js';
import { ChainIndexer } from './chain.js';
import type { Indexer } from './types.js';
import type { AppClient } from '../chain/chain.js';

/** The subgraph when one is configured (loaded only then); otherwise the chain itself. */
export async function createIndexer(config: AppConfig, client: AppClient): Promise<Indexer> {
  if (!config.deployment) throw new Error('No deployment configured.');
  if (config.subgraphUrl) {
    const { SubgraphIndexer } = await import('./subgraph.js');
    return new SubgraphIndexer(config.subgraphUrl, client, config.deployment);
  }
  return new ChainIndexer(client, config.deployment);
}
