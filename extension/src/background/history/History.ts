import type { PastPayment, RiskLevel } from '@commonguard/sdk/risk';
import type { Address, Hex } from 'viem';
import { Emitter } from '../events.js';
import type { StoredValue } from '../store/StoredValue.js';

/**
 * What became of a pay request: `rejected` by the shopper, `blocked` by the community's rules,
 * `pending` once sent (until its receipt is read), then `confirmed` or `failed` (reverted on chain, or
 * not sent at all); `signed` for a signature (a permit) that sends nothing itself. `sent` is what the
 * pay pipeline reports when it broadcasts: the history stores it as `pending`.
 */
export type HistoryOutcome = 'sent' | 'pending' | 'confirmed' | 'signed' | 'rejected' | 'blocked' | 'failed';

/** One pay request and what became of it. Amounts are decimal strings (storage is JSON). */
export type HistoryEntry = {
  id: string;
  at: number;
  account: Address;
  origin: string | null;
  kind: 'nativeTransfer' | 'tokenTransfer' | 'tokenApproval' | 'contractCall';
  token: Address;
  symbol: string;
  decimals: number;
  to: Address | null;
  amount: string;
  score: number | null;
  level: RiskLevel | 'unverified';
  policyVersion: string | null;
  outcome: HistoryOutcome;
  hash?: Hex;
  detail?: string;
  /** When the receipt was read (confirmed or failed on chain). */
  settledAt?: number;
  blockNumber?: string;
  /**
   * Every amount the request paid, to whom (decimal strings), when it paid more than the one `to`/`amount`
   * names (a router, a batch call): the daily cap counts them all. Absent in entries written before.
   */
  outflows?: Array<{ token: Address; to: Address; amount: string }>;
  /**
   * The chain instance the request was made on. `genesis: null`: an earlier instance of that chain,
   * from before entries named their chain, whose transactions the current one does not have.
   */
  chain?: { chainId: number; genesis: Hex | null };
  /** The payment session (see `sessions/`) it was signed in without a window: the popup groups them. */
  session?: string;
};

/**
 * One chain instance: its id and its genesis block's hash. A local chain that was wiped and started
 * again has the same id and a new genesis: its history starts clean.
 */
export type ChainInstance = { chainId: number; genesis: Hex };

export type HistoryOptions = {
  item: StoredValue<HistoryEntry[]>;
  /**
   * Where an entry recorded since `item` was last written whole is kept, one entry per slot (0 to
   * {@link MAX_RECENT} − 1), so that recording a payment writes that one entry, not the whole history (a
   * payment inside a session waits for that write before its signature is answered). They are folded
   * into `item` once recording pauses, or when every slot is taken. Without it every record writes
   * `item` whole.
   */
  recent?: (slot: number) => StoredValue<HistoryEntry>;
  /**
   * The chain instance the wallet uses now, `null` when it cannot be read (then the last one read
   * counts). Without it, the history is one list for every chain (as before entries named their chain).
   * It may keep a read for a few seconds; `fresh` asks for a read now.
   */
  chain?: (options?: { fresh?: boolean }) => Promise<ChainInstance | null>;
  /**
   * Whether transaction `hash` is on the current chain (throws when the node does not answer): places
   * the entries written before entries named their chain.
   */
  knows?: (hash: Hex) => Promise<boolean>;
};

/** Entries kept; older ones are dropped (the amount model reads only the most recent anyway). */
export const MAX_HISTORY = 500;

/** Slots for entries recorded apart (see `HistoryOptions.recent`): when all are taken, the next record writes the whole history. */
export const MAX_RECENT = 32;
/** How long recording must pause before the entries recorded apart are folded in. */
export const FOLD_AFTER_MS = 1_000;

/** Outcomes whose money left (or is leaving) the wallet. */
const SPENT: ReadonlySet<HistoryOutcome> = new Set(['sent', 'pending', 'confirmed']);

/** Whether an entry's money left (or is leaving) the wallet: sent, pending or confirmed, never failed. */
export function wasSpent(entry: Pick<HistoryEntry, 'outcome'>): boolean {
  return SPENT.has(entry.outcome);
}

/** `recorded`: a new entry; `settled`: a pending entry's receipt was read. */
export type HistoryEvents = { recorded: [entry: HistoryEntry]; settled: [entry: HistoryEntry] };

/**
 * The shopper's local payment history: feeds the risk engine, the budgets and the popup. It never
 * leaves the device (except as the CSV the shopper exports).
 */
export class History {
  #item: StoredValue<HistoryEntry[]>;
  #slots: StoredValue<HistoryEntry>[] = [];
  /** The slots that hold an entry (recorded since `item` was written whole, or left there by a stop), by slot. */
  #taken = new Map<number, HistoryEntry>();
  #fold: ReturnType<typeof setTimeout> | undefined;
  /** Every stored entry, of every chain instance, newest first. */
  #entries: HistoryEntry[] | null = null;
  #chain: ((options?: { fresh?: boolean }) => Promise<ChainInstance | null>) | undefined;
  #knows: ((hash: Hex) => Promise<boolean>) | undefined;
  #instance: ChainInstance | null = null;
  #events = new Emitter<HistoryEvents>();
  /**
   * The spending last read, for the entries and chain instance it was read from: every payment asks for
   * it twice (its review and the shopper's budgets), and it is the same until an entry is written.
   */
  #spent: { entries: HistoryEntry[] | null; chain: string | null; payments: Array<PastPayment & { account: Address }> } | null = null;
  /** Writes run one after another, so a receipt settling never loses a payment recorded at the same time. */
  #writes: Promise<void> = Promise.resolve();

  constructor({ item, recent, chain, knows }: HistoryOptions) {
    this.#item = item;
    if (recent) this.#slots = Array.from({ length: MAX_RECENT }, (_, slot) => recent(slot));
    this.#chain = chain;
    this.#knows = knows;
  }

  on<E extends keyof HistoryEvents>(event: E, listener: (...args: HistoryEvents[E]) => void): () => void {
    return this.#events.on(event, listener);
  }

  /** The current chain instance's entries, newest first. */
  async list(): Promise<HistoryEntry[]> {
    const instance = await this.#current();
    const all = await this.#all();
    if (!instance) return all;
    if (all.some((entry) => entry.chain === undefined)) await this.#write(() => this.#place(instance));
    // Entries not placed yet (the node did not say whose they are) stay in view, as before.
    return (await this.#all()).filter((entry) => entry.chain === undefined || (entry.chain.chainId === instance.chainId && entry.chain.genesis === instance.genesis));
  }

  /**
   * Reads the chain instance anew, so the lists that follow are the chain's as it is now: a wallet page
   * that opens right after a local chain was wiped and started again shows the new chain's (empty)
   * history and spending, not the previous chain's from a read kept a few seconds.
   */
  async refresh(): Promise<void> {
    await this.#current(true);
  }

  async record(entry: HistoryEntry): Promise<void> {
    const instance = await this.#current();
    // A broadcast transaction is pending until its receipt says otherwise.
    const stored: HistoryEntry = { ...(entry.outcome === 'sent' && entry.hash ? { ...entry, outcome: 'pending' as const } : entry), ...(instance ? { chain: instance } : {}) };
    await this.#write(async () => {
      const entries = await this.#all();
      this.#entries = [stored, ...entries].slice(0, MAX_HISTORY);
      const slot = this.#slots.findIndex((_, index) => !this.#taken.has(index));
      if (slot < 0) return this.#writeWhole();
      // Stored before the caller goes on: a payment is never answered before it counts (daily cap, budgets).
      await this.#slots[slot]!.setValue(stored);
      this.#taken.set(slot, stored);
      this.#foldLater();
    });
    this.#events.emit('recorded', stored);
  }

  /** Every stored entry, of every chain instance. */
  async #all(): Promise<HistoryEntry[]> {
    this.#entries ??= await this.#load();
    return this.#entries;
  }

  async #load(): Promise<HistoryEntry[]> {
    const [whole, ...slots] = await Promise.all([this.#item.getValue(), ...this.#slots.map((slot) => slot.getValue())]);
    const entries = whole ?? [];
    this.#taken = new Map(slots.flatMap((entry, slot) => (entry ? [[slot, entry] as const] : [])));
    // Recorded apart and not folded in yet (the worker stopped first), newest first; an entry in both is
    // the whole history's (it may have been settled since).
    const known = new Set(entries.map((entry) => entry.id));
    const apart = [...this.#taken].filter(([, entry]) => !known.has(entry.id)).sort(([a, x], [b, y]) => y.at - x.at || b - a);
    return [...apart.map(([, entry]) => entry), ...entries].slice(0, MAX_HISTORY);
  }

  /**
   * Writes every entry to `item`, then empties the slots: a stop in between leaves entries in both,
   * which {@link #load} counts once.
   */
  async #writeWhole(): Promise<void> {
    clearTimeout(this.#fold);
    this.#fold = undefined;
    await this.#item.setValue(this.#entries ?? []);
    await this.#empty([...this.#taken.keys()]);
  }

  async #empty(slots: number[]): Promise<void> {
    await Promise.all(slots.map(async (slot) => {
      await this.#slots[slot]!.setValue(null);
      this.#taken.delete(slot);
    }));
  }

  /** Folds the entries recorded apart into the whole history once recording pauses. */
  #foldLater(): void {
    clearTimeout(this.#fold);
    this.#fold = setTimeout(() => {
      this.#fold = undefined;
      void this.#write(() => (this.#taken.size > 0 ? this.#writeWhole() : Promise.resolve())).catch(() => {}); // still apart: folded next time
    }, FOLD_AFTER_MS);
  }

  /** The chain instance now, or the last one read while the node does not answer. */
  async #current(fresh = false): Promise<ChainInstance | null> {
    if (!this.#chain) return null;
    const now = await (fresh ? this.#chain({ fresh: true }) : this.#chain()).catch(() => null);
    if (now) this.#instance = now;
    return this.#instance;
  }

  /**
   * Names the chain of entries written before entries did (once, then stored; nothing is dropped). An
   * entry whose transaction the current chain has belongs to it; one whose transaction it lacks, to an
   * earlier instance of the chain (`genesis: null`); an entry without a transaction (rejected, blocked,
   * signed), to the instance of the nearest entry that has one, else to the current one. While the
   * node does not answer, nothing is placed.
   */
  async #place(instance: ChainInstance): Promise<void> {
    const entries = await this.#all();
    const unplaced = entries.filter((entry) => entry.chain === undefined);
    if (unplaced.length === 0) return;
    const known = new Map<string, boolean>();
    try {
      await Promise.all(unplaced.map(async (entry) => entry.hash && known.set(entry.hash, this.#knows ? await this.#knows(entry.hash) : true)));
    } catch {
      return;
    }
    const earlier = { chainId: instance.chainId, genesis: null };
    const byHash = entries.map((entry) => (entry.chain ?? (entry.hash ? (known.get(entry.hash) ? instance : earlier) : undefined)));
    this.#entries = entries.map((entry, i) => {
      const own = byHash[i];
      if (own) return entry.chain ? entry : { ...entry, chain: own };
      // No transaction of its own: the nearest entry's (by position, newest first) whose chain is known.
      for (let distance = 1; distance < entries.length; distance++)
        for (const j of [i - distance, i + distance]) {
          const chain = byHash[j];
          if (j >= 0 && j < entries.length && chain) return { ...entry, chain };
        }
      return { ...entry, chain: instance };
    });
    await this.#writeWhole();
  }

  /** Sent transactions still waiting for their receipt. */
  async pending(): Promise<HistoryEntry[]> {
    return (await this.list()).filter((entry) => (entry.outcome === 'pending' || entry.outcome === 'sent') && entry.hash !== undefined);
  }

  /** Records the receipt of transaction `hash`: `confirmed`, or `failed` with the reason. */
  async settle(hash: Hex, result: { outcome: 'confirmed' | 'failed'; at: number; blockNumber?: bigint; detail?: string }): Promise<void> {
    let settled: HistoryEntry | undefined;
    await this.#write(async () => {
      const entries = await this.#all();
      this.#entries = entries.map((entry) => {
        if (entry.hash !== hash || (entry.outcome !== 'pending' && entry.outcome !== 'sent')) return entry;
        settled = {
          ...entry,
          outcome: result.outcome,
          settledAt: result.at,
          ...(result.blockNumber !== undefined ? { blockNumber: result.blockNumber.toString() } : {}),
          ...(result.detail ? { detail: result.detail } : {}),
        };
        return settled;
      });
      if (settled) await this.#writeWhole();
    });
    if (settled) this.#events.emit('settled', settled);
  }

  /** Forgets everything (the wallet was removed from this browser). */
  async clear(): Promise<void> {
    await this.#write(async () => {
      this.#entries = [];
      clearTimeout(this.#fold);
      this.#fold = undefined;
      await this.#item.setValue([]);
      // Every slot, not only those this worker knows: what an earlier one left there too.
      await this.#empty(this.#slots.map((_, slot) => slot));
    });
  }

  /**
   * Money that actually left `account`, newest first, as the risk engine reads it: sent, pending and
   * confirmed payments (not failed ones, not approvals).
   */
  async paymentsOf(account: Address): Promise<PastPayment[]> {
    return (await this.spending()).filter((payment) => payment.account.toLowerCase() === account.toLowerCase()).map(({ account: _account, ...payment }) => payment);
  }

  /** Money that left any of the wallet's accounts, newest first (the personal budgets count all of them). */
  async spending(): Promise<Array<PastPayment & { account: Address }>> {
    const list = await this.list();
    // Every write replaces the entries' array, so the same array (and chain) means the same spending.
    const chain = this.#instance ? `${this.#instance.chainId}:${this.#instance.genesis}` : null;
    if (this.#spent?.entries === this.#entries && this.#spent.chain === chain) return this.#spent.payments;
    const payments = spendingOf(list);
    this.#spent = { entries: this.#entries, chain, payments };
    return payments;
  }

  #write(work: () => Promise<void>): Promise<void> {
    this.#writes = this.#writes.then(work, work);
    return this.#writes;
  }
}

/**
 * Money that left the wallet in `entries` (newest first), as the risk engine reads it: sent, pending
 * and confirmed payments with their site and status (not failed ones, not approvals); a signed transfer
 * authorisation counts as soon as it is signed. Pure: the live review and the private backtest read
 * history through this one function, so both see the same past.
 */
export function spendingOf(entries: readonly HistoryEntry[]): Array<PastPayment & { account: Address; id: string }> {
  const payments: Array<PastPayment & { account: Address; id: string }> = [];
  for (const entry of entries) {
    // A payment signed inside a payment session is as familiar as a confirmed one: the person agreed to
    // this payee on this site in the session's window, and the session bounds the amounts. (Its
    // authorisation is settled by whoever submits it; the wallet does not see that happen.)
    const familiar = entry.outcome === 'confirmed' || (entry.session !== undefined && entry.outcome === 'signed');
    const paid = { account: entry.account, origin: entry.origin, id: entry.id, timestamp: entry.at, status: familiar ? ('confirmed' as const) : ('pending' as const) };
    // A signed transfer authorisation (EIP-3009, a Permit2 transfer) pays as soon as anyone submits it.
    if (entry.outflows && (SPENT.has(entry.outcome) || entry.outcome === 'signed')) {
      for (const out of entry.outflows) payments.push({ ...paid, token: out.token, to: out.to, amount: BigInt(out.amount) });
      continue;
    }
    if (!SPENT.has(entry.outcome) || entry.to === null || entry.kind === 'tokenApproval') continue;
    payments.push({ ...paid, token: entry.token, to: entry.to, amount: BigInt(entry.amount) });
  }
  return payments;
}
