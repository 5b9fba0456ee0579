// The logs a subgraph indexes, in the order graph-node hands them to the handlers: the community
// factory's CommunityCreated events, and every log of each community's five contracts from the block
// the community was created in, with the block and transaction each came from (a mapping reads its
// event's block time and transaction).
import { communityFactoryAbi } from '@commonguard/sdk';
import { decodeEventLog } from 'viem';

/** The manifest's template for each contract a CommunityCreated names. */
const TEMPLATES = { governor: 'CommunityGovernor', token: 'CommunityToken', timelock: 'Timelock', treasury: 'Treasury', policy: 'PaymentPolicy' };

/**
 * @param {import('viem').PublicClient} publicClient
 * @param {import('viem').Address} factory the CommunityFactory (the manifest's one data source)
 * @param {bigint | 'earliest'} [fromBlock] the data source's start block
 * @returns {Promise<{ logs: { dataSource: string, template: boolean, log: import('viem').Log }[], blocks: Map<bigint, any>, transactions: Map<string, any>, communities: Record<string, any>[] }>}
 */
export async function readIndexedLogs(publicClient, factory, fromBlock = 'earliest') {
  const entries = [];
  const communities = [];
  for (const log of await publicClient.getLogs({ address: factory, fromBlock, toBlock: 'latest' })) {
    const { eventName, args } = decodeEventLog({ abi: communityFactoryAbi, data: log.data, topics: log.topics });
    if (eventName !== 'CommunityCreated') continue;
    entries.push({ dataSource: 'CommunityFactory', template: false, createdHere: false, log });
    communities.push({ ...args, blockNumber: log.blockNumber });
  }
  for (const community of communities) {
    for (const [part, template] of Object.entries(TEMPLATES)) {
      // graph-node runs a data source created in a block over that whole block (after the block's
      // other triggers), so the contracts' first events, emitted before CommunityCreated, are indexed.
      const found = await publicClient.getLogs({ address: community[part], fromBlock: community.blockNumber, toBlock: 'latest' });
      for (const log of found) entries.push({ dataSource: template, template: true, createdHere: log.blockNumber === community.blockNumber, log });
    }
  }
  entries.sort((a, b) =>
    a.log.blockNumber !== b.log.blockNumber
      ? Number(a.log.blockNumber - b.log.blockNumber)
      : a.createdHere !== b.createdHere
        ? Number(a.createdHere) - Number(b.createdHere)
        : a.log.logIndex - b.log.logIndex,
  );
  const blocks = new Map();
  const transactions = new Map();
  for (const { log } of entries) {
    if (!blocks.has(log.blockNumber)) blocks.set(log.blockNumber, await publicClient.getBlock({ blockNumber: log.blockNumber }));
    if (!transactions.has(log.transactionHash)) transactions.set(log.transactionHash, await publicClient.getTransaction({ hash: log.transactionHash }));
  }
  return { logs: entries.map(({ dataSource, template, log }) => ({ dataSource, template, log })), blocks, transactions, communities };
}
