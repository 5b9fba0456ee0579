import { describe, expect, test } from 'vitest';
import { formatTokenAmount, roundAmount, showAmount } from './amounts.js';
import { isReadableDecimals, MAX_SYMBOL_LENGTH, sanitiseName, sanitiseSymbol, stripInvisible, symbolKey } from './tokenText.js';

describe('token text as the wallet shows it', () => {
  test('a direction override cannot turn "DSUgc" into "cgUSD" on screen: control and direction characters are removed', () => {
    expect(sanitiseSymbol('\u202EDSUgc')).toBe('DSUgc');
    expect(sanitiseSymbol('cg\u200DUSD\u2066')).toBe('cgUSD');
    expect(sanitiseSymbol('USD\nC\u0000')).toBe('USDC');
    expect(sanitiseName('Demo\u202E Dollar\n\t x')).toBe('Demo Dollar x');
  });

  test('symbols are bounded in length; nothing readable left is undefined', () => {
    expect(sanitiseSymbol('A'.repeat(5000))).toHaveLength(MAX_SYMBOL_LENGTH);
    expect(sanitiseName('n'.repeat(5000))).toHaveLength(32);
    expect(sanitiseSymbol('\u202E\u202C')).toBeUndefined();
    expect(sanitiseSymbol(42)).toBeUndefined();
  });

  test('a right-to-left symbol is wrapped in a direction isolate, so it cannot reorder the amount or address next to it', () => {
    expect(sanitiseSymbol('\u05E9\u05D7')).toBe('\u2068\u05E9\u05D7\u2069');
    expect(symbolKey('\u2068\u05E9\u05D7\u2069')).toBe('\u05E9\u05D7');
  });

  test('symbols compare without case or width differences', () => {
    expect(symbolKey('ｃｇＵＳＤ')).toBe(symbolKey('cgUSD'));
    expect(symbolKey('eth')).toBe(symbolKey('ETH'));
  });

  test('text stored before sanitising loses its invisible characters when shown', () => {
    expect(stripInvisible('\u202EDSUgc')).toBe('DSUgc');
    expect(showAmount(5n, { symbol: '\u202EDSUgc', decimals: 0 })).toBe('5 DSUgc');
  });
});

describe('decimals outside 0–36 are never formatted', () => {
  test('readable decimals are whole numbers from 0 to 36', () => {
    expect([0, 6, 18, 36].every(isReadableDecimals)).toBe(true);
    expect([-1, 37, 100_000, 1.5, Number.NaN, '18'].some(isReadableDecimals)).toBe(false);
  });

  test('a history entry holding 100,000 decimals is shown in smallest units, at once (formatting it took seconds)', () => {
    const started = performance.now();
    for (let i = 0; i < 20; i++) {
      expect(roundAmount(123_456n, 100_000)).toBe('123456 smallest units');
      expect(formatTokenAmount(10n ** 70n, 100_000)).toBe(`${10n ** 70n} smallest units`);
    }
    expect(performance.now() - started).toBeLessThan(50);
    expect(roundAmount(1_500_000n, 6)).toBe('1.5');
  });
});
