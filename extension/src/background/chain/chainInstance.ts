import { type Hex, TransactionNotFoundError } from 'viem';
import type { ChainInstance } from '../history/History.js';
import type { ChainAccess } from './ChainAccess.js';

/** How long a genesis read is kept: a local chain wiped and started again is noticed within this time. */
export const GENESIS_TTL_MS = 5_000;

/**
 * The chain instance the wallet uses now (chain id and genesis hash), read from its node at most once
 * per {@link GENESIS_TTL_MS} and per RPC address; `null` while the node does not answer. `fresh`: read it
 * now whatever was read before (a wallet page that opens shows the chain as it is, not as it was a few
 * seconds ago), and keep that read for the next ones.
 */
export function chainInstanceReader(chain: ChainAccess, now: () => number = Date.now): (options?: { fresh?: boolean }) => Promise<ChainInstance | null> {
  // A failed read is kept as long as a good one: with the node down, the history does not wait on it each time.
  let last: { key: string; at: number; read: Promise<ChainInstance | null> } | null = null;
  return async (options) => {
    const { client, settings } = await chain.current();
    const key = `${settings.chainId}|${settings.rpcUrl}`;
    if (options?.fresh || !last || last.key !== key || now() - last.at >= GENESIS_TTL_MS) {
      const read = client.getBlock({ blockNumber: 0n }).then(
        (block) => ({ chainId: settings.chainId, genesis: block.hash as Hex }),
        () => null,
      );
      last = { key, at: now(), read };
    }
    return last.read;
  };
}

/** Whether the current chain has transaction `hash` (throws when its node does not answer). */
export function transactionKnower(chain: ChainAccess): (hash: Hex) => Promise<boolean> {
  return async (hash) => {
    const { client } = await chain.current();
    return client.getTransaction({ hash }).then(
      () => true,
      (error: unknown) => {
        if (error instanceof TransactionNotFoundError) return false;
        throw error;
      },
    );
  };
}
