import type { Hex } from 'viem';
import { ProviderRpcError, rpcError } from '../../shared/rpcErrors.js';
import type { StoredValue } from '../store/StoredValue.js';

/** EIP-5792 error: the batch id is unknown (to this site). */
export const UNKNOWN_BUNDLE_ID = 5730;
/** EIP-5792 error: the site required an atomic batch, which this wallet does not offer. */
export const ATOMICITY_NOT_SUPPORTED = 5760;

/** `unsent`: calls after a rejected one, never sent (the batch was cut short). */
export type CallBatch = { id: Hex; origin: string; chainId: number; hashes: Hex[]; unsent?: number; at: number };

/** Raw receipt fields EIP-5792 asks for, as the node returns them. */
export type RawReceipt = { status: Hex; logs: unknown[]; blockHash: Hex; blockNumber: Hex; gasUsed: Hex; transactionHash: Hex };

export type CallsStatus = {
  version: '2.0.0';
  id: Hex;
  chainId: Hex;
  /** 100 pending, 200 confirmed, 500 reverted, 600 partly reverted (EIP-5792). */
  status: 100 | 200 | 500 | 600;
  atomic: false;
  receipts?: RawReceipt[];
};

/** Batches kept for status queries (oldest dropped first). */
export const MAX_BATCHES = 100;

/**
 * The batches sites sent with `wallet_sendCalls`, so `wallet_getCallsStatus` can answer for them. Kept in
 * session storage: a batch survives the background being stopped, and is forgotten with the browser.
 * A site sees only its own batches; anyone else's id is "unknown".
 */
export class CallBatches {
  #item: StoredValue<CallBatch[]>;
  #now: () => number;

  constructor({ item, now = Date.now }: { item: StoredValue<CallBatch[]>; now?: () => number }) {
    this.#item = item;
    this.#now = now;
  }

  /** Records the transactions of a batch sent for `origin` (and how many of its calls were not sent); returns its id. */
  async add(origin: string, chainId: number, hashes: Hex[], unsent = 0): Promise<Hex> {
    const id = `0x${[...crypto.getRandomValues(new Uint8Array(32))].map((byte) => byte.toString(16).padStart(2, '0')).join('')}` as Hex;
    const batches = (await this.#item.getValue()) ?? [];
    await this.#item.setValue([...batches, { id, origin, chainId, hashes, ...(unsent > 0 ? { unsent } : {}), at: this.#now() }].slice(-MAX_BATCHES));
    return id;
  }

  /** The batch `id` of `origin`, or EIP-5792's 5730 error. */
  async get(origin: string, id: unknown): Promise<CallBatch> {
    if (typeof id !== 'string' || !/^0x[0-9a-fA-F]{1,128}$/.test(id)) throw rpcError.invalidParams('wallet_getCallsStatus expects the batch id (a hex string) that wallet_sendCalls returned.');
    const batch = ((await this.#item.getValue()) ?? []).find((candidate) => candidate.id === id.toLowerCase() && candidate.origin === origin);
    if (!batch) throw new ProviderRpcError(UNKNOWN_BUNDLE_ID, 'This wallet knows no batch with this id for this site.');
    return batch;
  }

  /** The EIP-5792 status of `batch`, from the receipts of its transactions (`null` while one is pending). */
  static status(batch: CallBatch, receipts: Array<RawReceipt | null>): CallsStatus {
    const base = { version: '2.0.0' as const, id: batch.id, chainId: `0x${batch.chainId.toString(16)}` as Hex, atomic: false as const };
    if (receipts.some((receipt) => receipt === null)) return { ...base, status: 100 };
    const done = receipts as RawReceipt[];
    const succeeded = done.filter((receipt) => receipt.status === '0x1').length;
    // A batch cut short changed only part of what the site asked for: "partly applied" whatever the receipts say.
    const status = (batch.unsent ?? 0) > 0 ? 600 : succeeded === done.length ? 200 : succeeded === 0 ? 500 : 600;
    return {
      ...base,
      status,
      receipts: done.map(({ status: outcome, logs, blockHash, blockNumber, gasUsed, transactionHash }) => ({ status: outcome, logs, blockHash, blockNumber, gasUsed, transactionHash })),
    };
  }
}
