import { describe, expect, test } from 'vitest';
import type { StoredValue } from '../store/StoredValue.js';
import { type CallBatch, CallBatches, MAX_BATCHES, type RawReceipt } from './CallBatches.js';

function memory(): StoredValue<CallBatch[]> {
  let value: CallBatch[] | null = null;
  return { getValue: async () => value, setValue: async (next) => void (value = next) };
}

const HASH_A = `0x${'a'.repeat(64)}` as const;
const HASH_B = `0x${'b'.repeat(64)}` as const;
const receipt = (hash: `0x${string}`, status: '0x1' | '0x0'): RawReceipt => ({ status, logs: [], blockHash: `0x${'c'.repeat(64)}`, blockNumber: '0x5', gasUsed: '0x5208', transactionHash: hash });

describe('CallBatches (EIP-5792 wallet_getCallsStatus)', () => {
  test('a site reads its own batch by id; another site, a made-up id or a malformed one cannot', async () => {
    const batches = new CallBatches({ item: memory() });
    const id = await batches.add('https://shop.example', 31337, [HASH_A, HASH_B]);
    expect(id).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await batches.get('https://shop.example', id)).toMatchObject({ id, chainId: 31337, hashes: [HASH_A, HASH_B] });
    expect(await batches.get('https://shop.example', id.toUpperCase().replace('0X', '0x'))).toMatchObject({ id });
    await expect(batches.get('https://other.example', id)).rejects.toMatchObject({ code: 5730 });
    await expect(batches.get('https://shop.example', `0x${'1'.repeat(64)}`)).rejects.toMatchObject({ code: 5730 });
    await expect(batches.get('https://shop.example', 42)).rejects.toMatchObject({ code: -32602 });
  });

  test(`keeps the last ${MAX_BATCHES} batches`, async () => {
    const batches = new CallBatches({ item: memory() });
    const first = await batches.add('https://shop.example', 1, [HASH_A]);
    for (let i = 0; i < MAX_BATCHES; i++) await batches.add('https://shop.example', 1, [HASH_B]);
    await expect(batches.get('https://shop.example', first)).rejects.toMatchObject({ code: 5730 });
  });

  const batch: CallBatch = { id: `0x${'d'.repeat(64)}`, origin: 'https://shop.example', chainId: 31337, hashes: [HASH_A, HASH_B], at: 0 };
  test.each([
    { title: 'a transaction not yet mined → 100 pending, no receipts', receipts: [receipt(HASH_A, '0x1'), null], status: 100, withReceipts: false },
    { title: 'all mined and successful → 200', receipts: [receipt(HASH_A, '0x1'), receipt(HASH_B, '0x1')], status: 200, withReceipts: true },
    { title: 'all reverted → 500', receipts: [receipt(HASH_A, '0x0'), receipt(HASH_B, '0x0')], status: 500, withReceipts: true },
    { title: 'some reverted → 600', receipts: [receipt(HASH_A, '0x1'), receipt(HASH_B, '0x0')], status: 600, withReceipts: true },
    { title: 'cut short by a rejection, what was sent succeeded → 600', receipts: [receipt(HASH_A, '0x1'), receipt(HASH_B, '0x1')], status: 600, withReceipts: true, unsent: 1 },
  ])('$title', ({ receipts, status, withReceipts, unsent }) => {
    const answer = CallBatches.status({ ...batch, ...(unsent ? { unsent } : {}) }, receipts);
    expect(answer).toMatchObject({ version: '2.0.0', id: batch.id, chainId: '0x7a69', atomic: false, status });
    expect('receipts' in answer).toBe(withReceipts);
    if (withReceipts) expect(answer.receipts?.map((item) => item.transactionHash)).toEqual([HASH_A, HASH_B]);
  });
});
