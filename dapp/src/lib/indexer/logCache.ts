import type { AbiEvent, Address, Log } from 'viem';
import type { AppClient } from '../chain/chain.js';

export type DecodedLog = Log<bigint, number, false> & { eventName: string; args: Record<string, any> };

/**
 * Logs of some events of one contract, fetched once from the deployment block and then only the new
 * blocks on each refresh: repeated reads never rescan the chain.
 */
export class LogCache {
  #logs: DecodedLog[] = [];
  #nextBlock: bigint;
  #running: Promise<DecodedLog[]> | null = null;
  #next: Promise<DecodedLog[]> | null = null;

  constructor(
    private readonly client: AppClient,
    private readonly address: Address,
    private readonly events: AbiEvent[],
    fromBlock: bigint,
    private readonly args?: Record<string, unknown>,
    /** Most blocks per `eth_getLogs` (public RPCs cap the range); larger spans are read in pieces. */
    private readonly maxBlockRange = 50_000n,
  ) {
    this.#nextBlock = fromBlock;
  }

  /**
   * All logs up to the latest block, oldest first. A caller that arrives while a read is running may
   * already know a newer block than that read asked for, so it waits for one more read after it
   * (shared by every caller that arrives meanwhile) instead of getting an answer that misses the
   * newest block.
   */
  async all(): Promise<DecodedLog[]> {
    if (!this.#running) return this.#start();
    this.#next ??= this.#running
      .catch(() => undefined)
      .then(() => {
        this.#next = null;
        return this.#start();
      });
    return this.#next;
  }

  #start(): Promise<DecodedLog[]> {
    const run = this.#refresh().finally(() => {
      if (this.#running === run) this.#running = null;
    });
    this.#running = run;
    return run;
  }

  async #refresh(): Promise<DecodedLog[]> {
    const latest = await this.client.getBlockNumber({ cacheTime: 0 });
    while (latest >= this.#nextBlock) {
      const toBlock = this.#nextBlock + this.maxBlockRange - 1n < latest ? this.#nextBlock + this.maxBlockRange - 1n : latest;
      const logs = (await this.client.getLogs({
        address: this.address,
        events: this.events,
        args: this.args as never,
        fromBlock: this.#nextBlock,
        toBlock,
        strict: true,
      })) as unknown as DecodedLog[];
      this.#logs.push(...logs);
      this.#nextBlock = toBlock + 1n;
    }
    // A copy: an answer already given must not grow under its reader when a later read appends.
    return this.#logs.slice();
  }
}

/** Block timestamps, each block asked for once. */
export class BlockTimes {
  #times = new Map<bigint, Promise<bigint>>();
  constructor(private readonly client: AppClient) {}

  get(blockNumber: bigint): Promise<bigint> {
    let time = this.#times.get(blockNumber);
    if (!time) {
      time = this.client.getBlock({ blockNumber }).then((block) => block.timestamp);
      this.#times.set(blockNumber, time);
    }
    return time;
  }
}
