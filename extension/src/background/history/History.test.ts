import { describe, expect, test, vi } from 'vitest';
import Papa from 'papaparse';
import { historyCsv } from './csv.js';
import { type ChainInstance, FOLD_AFTER_MS, History, type HistoryEntry, MAX_RECENT } from './History.js';
import { TransactionNotFoundError } from 'viem';
import { NEVER_SENT, outcomeOfReceipt, ReceiptTracker } from './receipts.js';
import type { ChainAccess } from '../chain/ChainAccess.js';
import { chainInstanceReader } from '../chain/chainInstance.js';

const ACCOUNT = '0x976EA74026E726554dB657fA54763abd0C3a0aa9';
const SHOP = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
const ETH = '0x0000000000000000000000000000000000000000';
const HASH = `0x${'ab'.repeat(32)}` as const;

function memory() {
  let value: HistoryEntry[] | null = null;
  return { getValue: async () => value, setValue: async (next: HistoryEntry[] | null) => void (value = next) };
}

function entry(outcome: HistoryEntry['outcome'], extra: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id: crypto.randomUUID(),
    at: 1_000,
    account: ACCOUNT,
    origin: 'http://localhost:5174',
    kind: 'nativeTransfer',
    token: ETH,
    symbol: 'ETH',
    decimals: 18,
    to: SHOP,
    amount: '2000000000000000',
    score: 10,
    level: 'allow',
    policyVersion: '7',
    outcome,
    ...extra,
  };
}

describe('History outcomes', () => {
  test('a sent transaction is pending until its receipt, then confirmed', async () => {
    const history = new History({ item: memory() });
    const settled: HistoryEntry[] = [];
    history.on('settled', (done) => settled.push(done));
    await history.record(entry('sent', { hash: HASH }));
    expect((await history.list())[0]?.outcome).toBe('pending');
    await history.settle(HASH, { outcome: 'confirmed', at: 2_000, blockNumber: 12n });
    expect((await history.list())[0]).toMatchObject({ outcome: 'confirmed', settledAt: 2_000, blockNumber: '12' });
    expect(settled).toHaveLength(1);
    // Settling again changes nothing (a receipt is read once).
    await history.settle(HASH, { outcome: 'failed', at: 3_000 });
    expect((await history.list())[0]?.outcome).toBe('confirmed');
  });

  test('the risk engine and budgets count pending and confirmed payments, never failed, rejected, blocked or approvals', async () => {
    const history = new History({ item: memory() });
    for (const outcome of ['sent', 'confirmed', 'failed', 'rejected', 'blocked'] as const) await history.record(entry(outcome, outcome === 'sent' ? { hash: HASH } : {}));
    await history.record(entry('confirmed', { kind: 'tokenApproval' }));
    await history.record(entry('confirmed', { account: SHOP }));
    expect(await history.paymentsOf(ACCOUNT)).toHaveLength(2);
    expect(await history.spending()).toHaveLength(3);
  });

  test('recording writes only the new entry; entries recorded apart count at once, survive a stop before they are folded in, and are folded in whole', async () => {
    vi.useFakeTimers();
    try {
      const whole = memory();
      const kept = new Map<number, HistoryEntry>();
      const writes: string[] = [];
      const slot = (index: number) => ({
        getValue: async () => kept.get(index) ?? null,
        setValue: async (next: HistoryEntry | null) => {
          writes.push(`slot ${index}:${next ? 'entry' : 'empty'}`);
          if (next) kept.set(index, next);
          else kept.delete(index);
        },
      });
      const wholeSpy = { getValue: whole.getValue, setValue: async (next: HistoryEntry[] | null) => (writes.push(`whole:${next?.length ?? 0}`), whole.setValue(next)) };
      const history = new History({ item: wholeSpy, recent: slot });
      await history.record(entry('sent', { hash: HASH }));
      await history.record(entry('signed', { outflows: [{ token: ETH, to: SHOP, amount: '5' }] }));
      // Each record wrote its own entry only; the whole history was not rewritten.
      expect(writes).toEqual(['slot 0:entry', 'slot 1:entry']);
      expect(await history.paymentsOf(ACCOUNT)).toHaveLength(2);
      // The worker stops before they are folded in: a new one reads them, newest first (a spent amount is never lost).
      const restarted = new History({ item: whole, recent: slot });
      expect((await restarted.list()).map((read) => read.outcome)).toEqual(['signed', 'pending']);
      expect(await restarted.paymentsOf(ACCOUNT)).toHaveLength(2);
      // Recording pauses: they are folded into the whole history, and the slots are emptied.
      await vi.advanceTimersByTimeAsync(FOLD_AFTER_MS);
      expect(writes.slice(2).sort()).toEqual(['slot 0:empty', 'slot 1:empty', 'whole:2']);
      expect(writes[2]).toBe('whole:2');
      // A stop between the two writes leaves an entry in both: it counts once, as the whole history has it (settled).
      const [newest] = (await whole.getValue()) ?? [];
      await history.settle(HASH, { outcome: 'confirmed', at: 2_000 });
      kept.set(5, newest!);
      kept.set(6, { ...(((await whole.getValue()) ?? [])[1] as HistoryEntry), outcome: 'pending' });
      const again = new History({ item: wholeSpy, recent: slot });
      expect((await again.list()).map((read) => read.outcome)).toEqual(['signed', 'confirmed']);
      // Every slot taken: the next record writes the whole history and frees them (those left by a stop too).
      writes.length = 0;
      for (let i = 0; i < MAX_RECENT + 1; i++) await again.record(entry('rejected'));
      expect(writes.filter((write) => write.startsWith('whole'))).toHaveLength(1);
      expect(await new History({ item: whole, recent: slot }).list()).toHaveLength(MAX_RECENT + 1 + 2);
      // Clearing forgets the entries recorded apart too.
      await again.record(entry('rejected'));
      await again.clear();
      expect(kept.size).toBe(0);
      expect(await new History({ item: whole, recent: slot }).list()).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  test('spending is read once per change of the entries: asked again, it is the same read; after a record or a settle, it is read anew', async () => {
    const history = new History({ item: memory() });
    await history.record(entry('sent', { hash: HASH }));
    const first = await history.spending();
    expect(await history.spending()).toBe(first);
    expect(first.map((payment) => payment.status)).toEqual(['pending']);
    await history.settle(HASH, { outcome: 'confirmed', at: 2_000 });
    expect((await history.spending()).map((payment) => payment.status)).toEqual(['confirmed']);
    await history.record(entry('confirmed'));
    expect(await history.spending()).toHaveLength(2);
  });

  test('a receipt says confirmed or failed; no receipt yet says nothing', () => {
    expect(outcomeOfReceipt(null)).toBeNull();
    expect(outcomeOfReceipt({ status: 'success', blockNumber: 5n })).toEqual({ outcome: 'confirmed', blockNumber: 5n });
    expect(outcomeOfReceipt({ status: 'reverted', blockNumber: 5n })).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('reverted') });
  });

  test('the tracker settles what has a receipt and keeps looking for the rest', async () => {
    const history = new History({ item: memory() });
    const other = `0x${'cd'.repeat(32)}` as const;
    await history.record(entry('sent', { hash: HASH }));
    await history.record(entry('sent', { hash: other }));
    const receipts = new Map<string, { status: 'success' | 'reverted'; blockNumber: bigint }>([[HASH, { status: 'reverted', blockNumber: 3n }]]);
    const client = { getTransactionReceipt: async ({ hash }: { hash: string }) => receipts.get(hash) ?? Promise.reject(new Error('not found')) };
    const tracker = new ReceiptTracker({ history, client: async () => client as never, intervalMs: 10 });
    await tracker.check();
    expect((await history.list()).map((e) => [e.hash, e.outcome])).toEqual([
      [other, 'pending'],
      [HASH, 'failed'],
    ]);
    receipts.set(other, { status: 'success', blockNumber: 4n });
    await expect.poll(async () => (await history.list())[0]?.outcome).toBe('confirmed');
    tracker.stop();
  });

  test('after a restart: a pending payment the node never heard of was not sent (failed, no money moved); one it knows stays pending', async () => {
    const history = new History({ item: memory() });
    const broadcast = `0x${'cd'.repeat(32)}` as const;
    await history.record(entry('sent', { hash: HASH }));
    await history.record(entry('sent', { hash: broadcast }));
    // A stand-in node: it has the broadcast transaction in its pool (no receipt yet) and has never seen HASH.
    const client = {
      getTransactionReceipt: async () => Promise.reject(new Error('not found')),
      getTransaction: async ({ hash }: { hash: string }) => (hash === broadcast ? { hash } : Promise.reject(new TransactionNotFoundError({ hash: hash as never }))),
    };
    const tracker = new ReceiptTracker({ history, client: async () => client as never, intervalMs: 10_000 });
    await tracker.reconcile();
    tracker.stop();
    expect((await history.list()).map((e) => [e.hash, e.outcome, e.detail])).toEqual([
      [broadcast, 'pending', undefined],
      [HASH, 'failed', NEVER_SENT],
    ]);
  });

  test('a node that cannot be read at the restart settles nothing', async () => {
    const history = new History({ item: memory() });
    await history.record(entry('sent', { hash: HASH }));
    const client = { getTransactionReceipt: async () => Promise.reject(new Error('HTTP request failed')), getTransaction: async () => Promise.reject(new Error('HTTP request failed')) };
    const tracker = new ReceiptTracker({ history, client: async () => client as never, intervalMs: 10_000 });
    await tracker.reconcile();
    tracker.stop();
    expect((await history.list())[0]?.outcome).toBe('pending');
  });

  test('clear forgets everything', async () => {
    const history = new History({ item: memory() });
    await history.record(entry('confirmed'));
    await history.clear();
    expect(await history.list()).toEqual([]);
  });
});

describe('history per chain instance', () => {
  const first: ChainInstance = { chainId: 31337, genesis: `0x${'01'.repeat(32)}` };
  const wiped: ChainInstance = { chainId: 31337, genesis: `0x${'02'.repeat(32)}` };

  test('a wiped chain (same id, new genesis) starts clean, and the first one keeps its history and spending', async () => {
    const item = memory();
    let on: ChainInstance | null = first;
    const history = new History({ item, chain: async () => on });
    await history.record(entry('confirmed', { hash: HASH }));
    await history.record(entry('rejected'));
    expect(await history.spending()).toHaveLength(1);
    on = wiped;
    expect(await history.list()).toEqual([]);
    expect(await history.spending()).toEqual([]);
    expect(await history.pending()).toEqual([]);
    await history.record(entry('confirmed', { at: 5_000 }));
    expect((await history.list()).map((e) => e.chain)).toEqual([wiped]);
    // The node does not answer: the last chain read counts.
    on = null;
    expect(await history.list()).toHaveLength(1);
    on = first;
    expect((await history.list()).map((e) => e.outcome)).toEqual(['rejected', 'confirmed']);
    expect(await item.getValue()).toHaveLength(3);
  });

  test('a wallet page that opens right after the chain was wiped sees the new chain, though the last read is still kept', async () => {
    // The wallet's own reader: a genesis read is kept a few seconds, and a local chain restarts faster than that.
    let genesis = first.genesis;
    const clock = 0;
    const chain = {
      current: async () => ({ settings: { chainId: 31337, rpcUrl: 'http://127.0.0.1:8545' }, client: { getBlock: async () => ({ hash: genesis }) } }),
    } as unknown as ChainAccess;
    const history = new History({ item: memory(), chain: chainInstanceReader(chain, () => clock) });
    await history.record(entry('confirmed', { hash: HASH }));
    expect(await history.spending()).toHaveLength(1);
    genesis = wiped.genesis;
    await history.refresh();
    expect(await history.spending()).toEqual([]);
    expect(await history.list()).toEqual([]);
  });

  test('entries written before entries named their chain are placed once, and none is lost', async () => {
    const HERE = `0x${'aa'.repeat(32)}` as const;
    const GONE = `0x${'bb'.repeat(32)}` as const;
    // Newest first: a rejected request next to a payment the current chain has, and older ones from a wiped chain.
    const old = [entry('rejected', { id: 'r1' }), entry('confirmed', { id: 'here', hash: HERE }), entry('confirmed', { id: 'gone', hash: GONE }), entry('blocked', { id: 'b1' })];
    let stored: HistoryEntry[] | null = old;
    const item = { getValue: async () => stored, setValue: async (next: HistoryEntry[] | null) => void (stored = next) };
    let answering = false;
    const history = new History({
      item,
      chain: async () => first,
      knows: async (hash) => {
        if (!answering) throw new Error('the node did not answer');
        return hash === HERE;
      },
    });
    // Nothing placed while the node does not answer: every entry stays in view.
    expect(await history.list()).toHaveLength(4);
    expect(stored?.every((e) => e.chain === undefined)).toBe(true);
    answering = true;
    expect((await history.list()).map((e) => e.id)).toEqual(['r1', 'here']);
    const earlier = { chainId: 31337, genesis: null };
    expect(stored?.map((e) => [e.id, e.chain])).toEqual([
      ['r1', first],
      ['here', first],
      ['gone', earlier],
      ['b1', earlier],
    ]);
  });

  test('without a chain to ask, the history is one list (as before)', async () => {
    const history = new History({ item: memory() });
    await history.record(entry('confirmed'));
    expect((await history.list())[0]?.chain).toBeUndefined();
    expect(await history.list()).toHaveLength(1);
  });
});

describe('CSV export', () => {
  test('one row per entry, oldest first, with the merchant name, parseable back', () => {
    const csv = historyCsv([entry('confirmed', { at: 2_000, hash: HASH }), entry('rejected', { at: 1_000, detail: 'said "no", twice' })], (to) => (to === SHOP ? 'Corner Coffee' : null));
    const parsed = Papa.parse<string[]>(csv.trim()).data;
    // Only columns a person keeping their books reads, in words: no internal kinds, scores or policy versions.
    expect(parsed[0]).toEqual(['date', 'what', 'amount', 'token', 'token address', 'to', 'merchant', 'site', 'result', 'safety check', 'transaction', 'details']);
    expect(parsed.slice(1).map((row) => [row[0], row[1], row[2], row[3], row[6], row[8], row[9], row[10], row[11]])).toEqual([
      ['1970-01-01T00:00:01.000Z', 'Payment', '0.002', 'ETH', 'Corner Coffee', 'Rejected by you', 'Allowed', '', 'said "no", twice'],
      ['1970-01-01T00:00:02.000Z', 'Payment', '0.002', 'ETH', 'Corner Coffee', 'Confirmed', 'Allowed', HASH, ''],
    ]);
  });

  test('a cell a spreadsheet would run as a formula is defused', () => {
    const csv = historyCsv([entry('rejected', { origin: '=HYPERLINK("http://evil")' })], () => '@SUM(A1)');
    const row = Papa.parse<string[]>(csv.trim()).data[1];
    expect(row?.[7]).toBe(`'=HYPERLINK("http://evil")`);
    expect(row?.[6]).toBe(`'@SUM(A1)`);
  });
});
