import { describe, expect, test } from 'vitest';
import { roundAmount, showAmount } from './amounts.js';

describe('roundAmount', () => {
  test.each([
    [9_999_876_543_210_000_000_000n, 18, '9,999.8765'],
    [10n ** 18n, 18, '1'],
    [1_234_567_890_123_456_789n, 18, '1.2345'],
    [1_500_000n, 6, '1.5'],
    [123_456_789n, 18, '< 0.00000001'],
    [2_000_000_000_000_000n, 18, '0.002'],
    [1_234_567_000_000_000n, 18, '0.001234'],
    [0n, 18, '0'],
    [1n, 18, '< 0.00000001'],
    [-25_000_000n, 6, '−25'],
  ])('%s with %i decimals reads %s', (value, decimals, text) => {
    expect(roundAmount(value, decimals)).toBe(text);
  });

  test('never rounds a balance up', () => {
    expect(roundAmount(999_999_999_999_999_999n, 18)).toBe('0.9999');
  });

  test('with the symbol', () => {
    expect(showAmount(12_000_000n, { symbol: 'cgUSD', decimals: 6 })).toBe('12 cgUSD');
  });
});
