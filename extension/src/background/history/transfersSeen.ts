import type { SeenTransfer } from '@commonguard/sdk/risk';
import { type Address, getAddress, parseAbiItem, type PublicClient } from 'viem';

/** Blocks looked back for transfers to or from the account (a node caps log ranges; older ones are not worth a wait). */
export const TRANSFER_LOOKBACK_BLOCKS = 10_000n;

const TRANSFER = parseAbiItem('event Transfer(address indexed from, address indexed to, uint256 value)');

/**
 * The ERC-20 `Transfer` logs in blocks `fromBlock`…`toBlock` whose sender or recipient is `account`, oldest
 * first: every token moved to or from it, whoever sent the transaction (one for each side, as a node filters
 * indexed topics one position at a time). ERC-721 transfers share the event's name but index the token id,
 * so their logs do not decode as ERC-20 ones and are left out. Throws when the node does not answer.
 */
export async function readTransfersSeen(client: PublicClient, account: Address, fromBlock: bigint, toBlock: bigint): Promise<SeenTransfer[]> {
  const [sent, received] = await Promise.all([
    client.getLogs({ event: TRANSFER, args: { from: account }, fromBlock, toBlock, strict: true }),
    client.getLogs({ event: TRANSFER, args: { to: account }, fromBlock, toBlock, strict: true }),
  ]);
  const seen = new Map<string, SeenTransfer>();
  for (const log of [...sent, ...received]) {
    if (log.transactionHash === null || log.logIndex === null || log.blockNumber === null) continue;
    seen.set(`${log.transactionHash}:${log.logIndex}`, {
      token: getAddress(log.address),
      from: getAddress(log.args.from),
      to: getAddress(log.args.to),
      value: log.args.value,
      hash: log.transactionHash,
      logIndex: log.logIndex,
      blockNumber: log.blockNumber,
    });
  }
  return [...seen.values()].sort((a, b) => (a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1));
}
