import { describe, expect, test } from 'vitest';
import type { Address } from 'viem';
import { batchSummaryText, payButtonLabel, summariseBatch, type ShownPayoutRow } from './batchSummary.js';

const SHOP = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955' as Address;
const HALL = '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720' as Address;
const NEW = '0x976EA74026E726554dB657fA54763abd0C3a0aa9' as Address;
const amount = (v: bigint) => `${v} cgUSD`;
const row = (recipient: Address | null, value: bigint | null, ...problems: string[]): ShownPayoutRow => ({ recipient, amount: value, problems });

describe('the batch summary', () => {
  test('counts every refused row the list marks, whichever check refused it, and totals only the rows that pass', () => {
    // One row refused by the budget check, one by the treasurer rules: both are ✕ on screen.
    const rows = [row(SHOP, 20n), row(SHOP, 40n), row(NEW, 150n, 'A first payment to this recipient may be at most 100 cgUSD.'), row(HALL, 10n, 'Recipient blocked.')];
    const summary = summariseBatch(rows);
    expect(summary).toEqual({ payments: 4, refused: 2, accepted: 2, total: 60n, recipients: 3 });
    expect(batchSummaryText(summary, amount)).toBe('2 of 4 payments refused (marked ✕); 2 can be paid (60 cgUSD).');
  });

  test('the Pay button counts distinct recipients, and the payments when one recipient has several', () => {
    expect(payButtonLabel(summariseBatch([row(SHOP, 1n)]))).toBe('Pay');
    expect(payButtonLabel(summariseBatch([row(SHOP, 1n), row(HALL, 2n)]))).toBe('Pay 2 recipients');
    expect(payButtonLabel(summariseBatch([row(SHOP, 1n), row(SHOP, 2n)]))).toBe('Pay 1 recipient (2 payments)');
    expect(payButtonLabel(summariseBatch([row(SHOP, 1n), row(SHOP, 2n), row(HALL, 3n), row(NEW, 4n)]))).toBe('Pay 3 recipients (4 payments)');
  });

  test('all rows passing: the total and who is paid; nothing is said about sending before a send', () => {
    const text = batchSummaryText(summariseBatch([row(SHOP, 300n), row(HALL, 150n)]), amount);
    expect(text).toBe('Total 450 cgUSD: 2 payments to 2 recipients.');
    expect(text).not.toMatch(/sent/i);
  });

  test('every row refused: nothing can be paid', () => {
    expect(batchSummaryText(summariseBatch([row(null, 5n, 'Not an address.')]), amount)).toBe('1 of 1 payment refused (marked ✕); none can be paid as it stands.');
  });
});
