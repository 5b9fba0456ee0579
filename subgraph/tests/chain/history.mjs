// The logs a subgraph indexes: every log of each data source's contract, in chain order, with the
// block and transaction each came from (a mapping reads its event's block time and transaction).

/**
 * @param {import('viem').PublicClient} publicClient
 * @param {Record<string, import('viem').Address>} addresses data source name → contract address
 * @param {bigint | 'earliest'} [fromBlock]
 */
export async function readIndexedLogs(publicClient, addresses, fromBlock = 'earliest') {
  const logs = [];
  for (const [dataSource, address] of Object.entries(addresses)) {
    const found = await publicClient.getLogs({ address, fromBlock, toBlock: 'latest' });
    for (const log of found) logs.push({ dataSource, log });
  }
  logs.sort((a, b) => (a.log.blockNumber === b.log.blockNumber ? a.log.logIndex - b.log.logIndex : Number(a.log.blockNumber - b.log.blockNumber)));
  const blocks = new Map();
  const transactions = new Map();
  for (const { log } of logs) {
    if (!blocks.has(log.blockNumber)) blocks.set(log.blockNumber, await publicClient.getBlock({ blockNumber: log.blockNumber }));
    if (!transactions.has(log.transactionHash)) transactions.set(log.transactionHash, await publicClient.getTransaction({ hash: log.transactionHash }));
  }
  return { logs, blocks, transactions };
}
