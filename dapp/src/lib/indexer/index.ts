import type { PublicClient } from 'viem';
import type { AppConfig } from '../chain/config.js';
import { ChainIndexer } from './chain.js';
import { SubgraphIndexer } from './subgraph.js';
import type { Indexer } from './types.js';

/** The subgraph when one is configured; otherwise the chain itself. */
export function createIndexer(config: AppConfig, client: PublicClient): Indexer {
  if (!config.deployment) throw new Error('No deployment configured.');
  if (config.subgraphUrl) return new SubgraphIndexer(config.subgraphUrl, client, config.deployment);
  return new ChainIndexer(client, config.deployment);
}
