import { type Hex, type PublicClient, TransactionNotFoundError } from 'viem';
import type { History } from './History.js';

/** What a receipt (or its absence) means for a history entry. */
export function outcomeOfReceipt(receipt: { status: 'success' | 'reverted'; blockNumber: bigint } | null): { outcome: 'confirmed' | 'failed'; blockNumber: bigint; detail?: string } | null {
  if (!receipt) return null;
  return receipt.status === 'success'
    ? { outcome: 'confirmed', blockNumber: receipt.blockNumber }
    : { outcome: 'failed', blockNumber: receipt.blockNumber, detail: 'The transaction was included in a block but reverted: no money moved (the network fee was paid).' };
}

/** Why a payment recorded just before a worker restart never went out. */
export const NEVER_SENT = 'The wallet stopped before this payment reached the network: it was not sent and no money moved.';

export type ReceiptTrackerOptions = {
  history: History;
  client: () => Promise<PublicClient>;
  /** Time between two looks at the pending transactions. */
  intervalMs?: number;
  now?: () => number;
};

/**
 * Follows sent transactions until their receipt: reads each pending entry's receipt and settles it as
 * confirmed or failed. Runs while something is pending, stops by itself, and starts again when a
 * payment is sent or the popup asks ({@link ReceiptTracker.check}).
 */
export class ReceiptTracker {
  #history: History;
  #client: () => Promise<PublicClient>;
  #intervalMs: number;
  #now: () => number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<void> | null = null;

  constructor({ history, client, intervalMs = 2_000, now = Date.now }: ReceiptTrackerOptions) {
    this.#history = history;
    this.#client = client;
    this.#intervalMs = intervalMs;
    this.#now = now;
  }

  /** Looks at every pending transaction now, then keeps looking while some are left. */
  check(): Promise<void> {
    this.#running ??= this.#checkOnce().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /**
   * After the background (re)starts: a pending entry the node has no receipt for and has never heard of
   * was recorded but not broadcast (the worker stopped in between): it is marked failed, no money moved.
   * Every other pending entry is followed to its receipt as usual.
   */
  async reconcile(): Promise<void> {
    try {
      const pending = await this.#history.pending();
      if (pending.length > 0) {
        const client = await this.#client();
        await Promise.all(
          pending.map(async (entry) => {
            const hash = entry.hash as Hex;
            const receipt = await client.getTransactionReceipt({ hash }).catch(() => null);
            if (receipt) return;
            const known = await client.getTransaction({ hash }).then(
              () => true,
              (error: unknown) => (error instanceof TransactionNotFoundError ? false : null),
            );
            if (known === false) await this.#history.settle(hash, { outcome: 'failed', at: this.#now(), detail: NEVER_SENT });
          }),
        );
      }
    } catch {
      // The chain cannot be read right now: the entries stay pending and are followed as usual.
    }
    return this.check();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #checkOnce(): Promise<void> {
    const pending = await this.#history.pending();
    if (pending.length === 0) return;
    try {
      const client = await this.#client();
      await Promise.all(
        pending.map(async (entry) => {
          const receipt = await client.getTransactionReceipt({ hash: entry.hash as Hex }).catch(() => null);
          const result = outcomeOfReceipt(receipt);
          if (result) await this.#history.settle(entry.hash as Hex, { ...result, at: this.#now() });
        }),
      );
    } catch {
      // The chain cannot be read right now: the entries stay pending and are looked at again later.
    }
    if ((await this.#history.pending()).length > 0) {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => void this.check(), this.#intervalMs);
    }
  }
}
