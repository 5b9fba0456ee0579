import { type Address, type Hex, parseUnits, zeroAddress } from 'viem';
import { describe, expect, test } from 'vitest';
import { NATIVE_TOKEN } from '../decode/index.js';
import { classifyTransfer, type SeenTransfer, suspiciousTransferWarning } from './index.js';

const shopper: Address = '0x976EA74026E726554dB657fA54763abd0C3a0aa9';
const friend: Address = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
/** The friend's first and last four hex characters, the rest different: the poisoner's address. */
const lookAlike: Address = '0x14dC000000000000000000000000000000009955';
const cgUsd: Address = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707';
const fakeUsd: Address = '0x1111111111111111111111111111111111111111';
const hash: Hex = `0x${'ab'.repeat(32)}`;

const usd = { symbol: 'cgUSD', decimals: 6 };
const seen = (from: Address, to: Address, value: bigint, token: Address = cgUsd): SeenTransfer => ({ token, from, to, value, hash, logIndex: 3, blockNumber: 120n });

describe('classifyTransfer: poisoning primers among the transfers the shopper did not make', () => {
  test('a zero-value transferFrom(shopper, look-alike, 0) on the real token is a zeroValue primer whose counterparty is the look-alike', () => {
    const found = classifyTransfer(seen(shopper, lookAlike, 0n), shopper, usd);
    expect(found).toMatchObject({ kind: 'zeroValue', counterparty: lookAlike, value: '0', blockNumber: '120', logIndex: 3 });
    expect(suspiciousTransferWarning(found!)).toBe(
      'Suspicious: a transfer of 0 cgUSD you did not make, to 0x14dC…9955. Someone may be trying to get you to copy a look-alike address. Never pay an address copied from this entry.',
    );
  });

  test('zero sent from a look-alike to the shopper is a primer too, named as coming from it', () => {
    const found = classifyTransfer(seen(lookAlike, shopper, 0n), shopper, usd);
    expect(found).toMatchObject({ kind: 'zeroValue', counterparty: lookAlike });
    expect(suspiciousTransferWarning(found!)).toContain('a transfer of 0 cgUSD you did not make, from 0x14dC…9955');
  });

  test('any amount of a copycat token is a primer, and says which token it imitates', () => {
    const found = classifyTransfer(seen(shopper, lookAlike, parseUnits('25', 6), fakeUsd), shopper, { ...usd, imitates: cgUsd });
    expect(found).toMatchObject({ kind: 'copycatToken', counterparty: lookAlike, imitates: cgUsd, value: '25000000' });
    expect(suspiciousTransferWarning(found!)).toContain('a transfer of 25 cgUSD (a token calling itself cgUSD that is not the cgUSD your community lists) you did not make, to 0x14dC…9955');
    const eth = classifyTransfer(seen(lookAlike, shopper, 10n ** 18n, fakeUsd), shopper, { symbol: 'ETH', decimals: 18, imitates: NATIVE_TOKEN });
    expect(suspiciousTransferWarning(eth!)).toContain('a token calling itself ETH that is not the network’s own coin');
  });

  test('dust sent to the shopper (one base unit, or under a millionth of a token) is a primer', () => {
    expect(classifyTransfer(seen(lookAlike, shopper, 1n), shopper, usd)?.kind).toBe('dust');
    expect(classifyTransfer(seen(lookAlike, shopper, 10n ** 11n), shopper, { symbol: 'WETH', decimals: 18 })?.kind).toBe('dust');
  });

  test('benign: a real payment received, even a small one, is not suspicious; nor a transfer between the shopper’s own address, nor a mint', () => {
    expect(classifyTransfer(seen(friend, shopper, parseUnits('12.5', 6)), shopper, usd)).toBeNull();
    expect(classifyTransfer(seen(friend, shopper, parseUnits('0.01', 6)), shopper, usd)).toBeNull();
    expect(classifyTransfer(seen(shopper, shopper, 0n), shopper, usd)).toBeNull();
    // A mint (from address(0)) of a token copying a listed symbol names no address to copy.
    expect(classifyTransfer(seen(zeroAddress, shopper, 10n ** 24n, fakeUsd), shopper, { ...usd, imitates: cgUsd })).toBeNull();
  });
});
