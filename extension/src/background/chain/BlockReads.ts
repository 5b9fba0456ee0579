import type { Transport } from 'viem';
import type { HeadWatcher } from './HeadWatcher.js';

export type ReadRequest = { method: string; params?: unknown };

export type BlockReadsOptions = {
  heads: HeadWatcher;
  /** Reads kept at most (a new one past this starts the list afresh). */
  maxEntries?: number | undefined;
  /** A read is never kept longer than this, even if no new block was heard of (a socket can die silently). */
  maxAgeMs?: number | undefined;
  /** Reads asked again as soon as a new block arrives, so the next payment finds them (the latest ones). */
  warmEntries?: number | undefined;
  /** Only this long after the watch was last kept (a payment): on a chain of fast blocks an idle watch asks nothing. */
  warmForMs?: number | undefined;
  now?: (() => number) | undefined;
};

type Entry = { epoch: number; at: number; request: ReadRequest; send: () => Promise<unknown>; answer: Promise<unknown> };

/** Reads whose answer is fixed by the latest block: the state at that block, or the block itself. */
const STATE_READS: Record<string, number> = { eth_call: 1, eth_getCode: 1, eth_getBalance: 1, eth_getTransactionCount: 1, eth_getStorageAt: 2 };

/**
 * The answers the wallet read at the latest block, kept until the next one (see {@link HeadWatcher}): a
 * payment inside a session asks the node nothing it already asked since the last block. Only reads of
 * the latest state are kept, and only while the node pushes its new blocks. Each read keeps the epoch it
 * was asked in, so one asked before a new block was heard of is never used after it. When a new block
 * arrives within `warmForMs` of a payment, the reads of the block before are asked again at once, so the
 * next payment usually finds them ready; an idle watch on a chain of fast blocks asks nothing.
 */
export class BlockReads {
  #heads: HeadWatcher;
  #maxEntries: number;
  #maxAgeMs: number;
  #warmEntries: number;
  #warmForMs: number;
  #now: () => number;
  #entries = new Map<string, Entry>();

  constructor({ heads, maxEntries = 256, maxAgeMs = 15_000, warmEntries = 32, warmForMs = 15_000, now = Date.now }: BlockReadsOptions) {
    this.#heads = heads;
    this.#maxEntries = maxEntries;
    this.#maxAgeMs = maxAgeMs;
    this.#warmEntries = warmEntries;
    this.#warmForMs = warmForMs;
    this.#now = now;
    heads.on('head', () => this.#warm());
  }

  /** The answer to `request`: the one already read at the latest block, or `send()`'s. */
  read<T>(request: ReadRequest, send: () => Promise<T>): Promise<T> {
    if (request.method === 'eth_sendRawTransaction') {
      // The wallet's own transaction changes the chain before the node says so.
      this.#heads.moved();
      return send();
    }
    const epoch = this.#heads.epoch();
    const key = epoch === null ? null : keyOf(request);
    if (epoch === null || key === null) return send();
    const kept = this.#entries.get(key);
    if (kept && kept.epoch === epoch && this.#now() - kept.at < this.#maxAgeMs) return kept.answer as Promise<T>;
    return this.#ask(key, epoch, request, send);
  }

  #ask<T>(key: string, epoch: number, request: ReadRequest, send: () => Promise<T>): Promise<T> {
    if (this.#entries.size >= this.#maxEntries) this.#entries.clear();
    const answer = send();
    const entry: Entry = { epoch, at: this.#now(), request, send, answer };
    this.#entries.set(key, entry);
    // A failed read is not kept. (One answered after the head moved is never used again: it keeps its epoch.)
    answer.catch(() => this.#entries.get(key) === entry && this.#entries.delete(key));
    return answer;
  }

  /**
   * A new block: what was read at the block before is asked again (the latest reads, at most
   * `warmEntries`), if a site paid in the last `warmForMs`.
   */
  #warm(): void {
    const previous = [...this.#entries.entries()].slice(-this.#warmEntries);
    this.#entries.clear();
    const epoch = this.#heads.epoch();
    if (epoch === null || this.#heads.sinceKept() > this.#warmForMs) return;
    for (const [key, { request, send }] of previous) this.#ask(key, epoch, request, send).catch(() => {});
  }
}

/** The cache key of a read of the latest state, or `null` for any other request (never kept). */
function keyOf({ method, params }: ReadRequest): string | null {
  const list = Array.isArray(params) ? params : [];
  if (method === 'eth_getBlockByNumber') return list[0] === 'latest' && list[1] === false ? method : null;
  const tagAt = STATE_READS[method];
  if (tagAt === undefined || list[tagAt] !== 'latest') return null;
  return `${method}:${JSON.stringify(list)}`;
}

/** `transport` with its reads of the latest state answered from `reads` when the block did not change. */
export function readsOncePerBlock(transport: Transport, reads: BlockReads): Transport {
  return (config) => {
    const inner = transport(config);
    const request = ((args: ReadRequest, options?: unknown) => reads.read(args, () => inner.request(args as never, options as never))) as typeof inner.request;
    return { ...inner, request };
  };
}
