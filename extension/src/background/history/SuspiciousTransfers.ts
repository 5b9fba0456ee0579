import { classifyTransfer, type SeenToken, type SuspiciousTransfer } from '@commonguard/sdk/risk';
import type { Address, PublicClient } from 'viem';
import type { StoredValue } from '../store/StoredValue.js';
import type { ChainInstance } from './History.js';
import { readTransfersSeen, TRANSFER_LOOKBACK_BLOCKS } from './transfersSeen.js';

/** A suspicious transfer as the wallet keeps it: with the time of its block (unix ms), for the history. */
export type SeenPrimer = SuspiciousTransfer & { at: number };

/**
 * What was found for one account on one chain instance, and up to which block the logs were read.
 * `received`: the tokens sent to the account (newest first, at most {@link MAX_RECEIVED_TOKENS}), whose
 * balances the popup lists; a record from before it was kept has none and is read again from the start.
 */
export type PrimerRecord = { chainId: number; genesis: string; account: Address; scannedTo: string; transfers: SeenPrimer[]; received?: Address[] };

/** Primers kept per account (newest first): enough to know every look-alike a campaign planted. */
export const MAX_PRIMERS = 100;
/** Received tokens kept per account (anyone can send any token: a flood of airdrops must not fill the popup). */
export const MAX_RECEIVED_TOKENS = 10;
/** Accounts × chain instances kept; the least recently read go first. */
export const MAX_PRIMER_RECORDS = 20;

export type SuspiciousTransfersOptions = {
  item: StoredValue<PrimerRecord[]>;
  /** The chain instance in use (`null` when the node does not say): a wiped local chain starts clean. */
  chain: () => Promise<ChainInstance | null>;
  client: () => Promise<PublicClient>;
  /** Hashes (lower case) of the transactions the wallet itself sent: their transfers are the shopper's own. */
  sent: () => Promise<ReadonlySet<string>>;
  /** How a token calls itself, and the listed token whose symbol it borrows (the copycat rule, `tokens/tokenConcerns.ts`). */
  token: (client: PublicClient, token: Address) => Promise<SeenToken>;
};

/**
 * What the `Transfer` logs to and from the shopper's accounts say: the tokens each account received (the
 * popup lists their balances), and the transfers the wallet did not make that look like
 * address-poisoning primers (see the sdk's `risk/poisoning.ts`), kept in the wallet's storage per chain
 * instance so that judging a payment reads storage, never logs. {@link refresh} reads the logs since the last
 * read (at most {@link TRANSFER_LOOKBACK_BLOCKS} back): when the popup opens, after a payment settles, and when
 * the wallet starts. It is a best effort: a node that does not answer leaves what is stored as it is.
 * They are never payments: nothing here reaches the spending, the budgets or the familiarity of an address.
 */
export class SuspiciousTransfers {
  #options: SuspiciousTransfersOptions;
  #instance: ChainInstance | null = null;
  /** One refresh at a time: two at once would read the same logs twice. */
  #refreshing: Promise<void> = Promise.resolve();

  constructor(options: SuspiciousTransfersOptions) {
    this.#options = options;
  }

  /** The primers found for `account` on the chain instance in use, newest first. */
  async of(account: Address): Promise<SeenPrimer[]> {
    const instance = await this.#current();
    if (!instance) return [];
    return this.#recordOf(await this.#records(), instance, account)?.transfers ?? [];
  }

  /** The tokens sent to `account` on the chain instance in use, newest first (as of the last {@link refresh}). */
  async receivedOf(account: Address): Promise<Address[]> {
    const instance = await this.#current();
    if (!instance) return [];
    return this.#recordOf(await this.#records(), instance, account)?.received ?? [];
  }

  /** Reads the logs since the last read for `account` and stores what they hold; never throws. */
  refresh(account: Address): Promise<void> {
    this.#refreshing = this.#refreshing.then(() => this.#refresh(account).catch(() => {}));
    return this.#refreshing;
  }

  async #refresh(account: Address): Promise<void> {
    const instance = await this.#current();
    if (!instance) return;
    const client = await this.#options.client();
    const latest = await client.getBlockNumber({ cacheTime: 0 });
    const before = this.#recordOf(await this.#records(), instance, account);
    const floor = latest > TRANSFER_LOOKBACK_BLOCKS ? latest - TRANSFER_LOOKBACK_BLOCKS : 0n;
    const fromBlock = before?.received && BigInt(before.scannedTo) + 1n > floor ? BigInt(before.scannedTo) + 1n : floor;
    if (fromBlock > latest) return;
    const [seen, sent] = await Promise.all([readTransfersSeen(client, account, fromBlock, latest), this.#options.sent()]);
    const tokens = new Map<string, Promise<SeenToken>>();
    const found: SuspiciousTransfer[] = [];
    for (const transfer of seen) {
      if (sent.has(transfer.hash.toLowerCase())) continue;
      const key = transfer.token.toLowerCase();
      if (!tokens.has(key)) tokens.set(key, this.#options.token(client, transfer.token));
      const token = await (tokens.get(key) as Promise<SeenToken>).catch(() => null);
      // A contract that is not a readable token says nothing a person could be shown.
      const primer = token && classifyTransfer(transfer, account, token);
      if (primer) found.push(primer);
    }
    const times = new Map<string, Promise<number>>();
    for (const { blockNumber } of found)
      if (!times.has(blockNumber)) times.set(blockNumber, client.getBlock({ blockNumber: BigInt(blockNumber) }).then((block) => Number(block.timestamp) * 1000));
    const dated = await Promise.all(found.map(async (primer) => ({ ...primer, at: await (times.get(primer.blockNumber) as Promise<number>) })));
    const known = new Set((before?.transfers ?? []).map(idOf));
    const transfers = [...dated.filter((primer) => !known.has(idOf(primer))).reverse(), ...(before?.transfers ?? [])].slice(0, MAX_PRIMERS);
    // Read again: another account's refresh may have written meanwhile (refreshes run one at a time, so nothing else writes).
    const others = (await this.#records()).filter((record) => !this.#matches(record, instance, account));
    const arrived = seen.filter((transfer) => transfer.to.toLowerCase() === account.toLowerCase()).map((transfer) => transfer.token).reverse();
    const received = [...new Set([...arrived, ...(before?.received ?? [])])].slice(0, MAX_RECEIVED_TOKENS);
    const next: PrimerRecord = { chainId: instance.chainId, genesis: instance.genesis, account: account.toLowerCase() as Address, scannedTo: latest.toString(), transfers, received };
    await this.#options.item.setValue([next, ...others].slice(0, MAX_PRIMER_RECORDS));
  }

  /** Forgets everything (the wallet was removed from this browser). */
  async clear(): Promise<void> {
    await this.#options.item.setValue([]);
  }

  async #records(): Promise<PrimerRecord[]> {
    return (await this.#options.item.getValue()) ?? [];
  }

  #recordOf(records: readonly PrimerRecord[], instance: ChainInstance, account: Address): PrimerRecord | undefined {
    return records.find((record) => this.#matches(record, instance, account));
  }

  #matches(record: PrimerRecord, instance: ChainInstance, account: Address): boolean {
    return record.chainId === instance.chainId && record.genesis === instance.genesis && record.account === account.toLowerCase();
  }

  /** The chain instance now, or the last one read while the node does not answer. */
  async #current(): Promise<ChainInstance | null> {
    const now = await this.#options.chain().catch(() => null);
    if (now) this.#instance = now;
    return this.#instance;
  }
}

function idOf(primer: Pick<SuspiciousTransfer, 'hash' | 'logIndex'>): string {
  return `${primer.hash.toLowerCase()}:${primer.logIndex}`;
}
