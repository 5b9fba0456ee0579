import { describe, expect, test } from 'vitest';
import { formatMaxFee, MAX_GAS_LIMIT, maxFee, parseFeeFields, planFees } from './fees.js';

const gwei = (n: number) => BigInt(n) * 10n ** 9n;

describe('parseFeeFields: what a page may say about fees', () => {
  test.each([
    { raw: {}, expected: {} },
    { raw: { gas: '0x5208' }, expected: { gas: 21_000n } },
    { raw: { gas: null, gasPrice: '0x3b9aca00' }, expected: { gasPrice: gwei(1) } },
    { raw: { maxFeePerGas: '0x77359400', maxPriorityFeePerGas: '0x3b9aca00', type: '0x2' }, expected: { maxFeePerGas: gwei(2), maxPriorityFeePerGas: gwei(1), type: 'eip1559' } },
    { raw: { type: '0x00' }, expected: { type: 'legacy' } },
    { raw: { type: '0x1', gasPrice: '0x1' }, expected: { type: 'eip2930', gasPrice: 1n } },
  ])('accepted: $raw', ({ raw, expected }) => {
    expect(parseFeeFields(raw)).toEqual(expected);
  });

  test.each([
    { raw: { maxFeePerGas: 'invalid' }, message: '"maxFeePerGas" must be a hex number' },
    { raw: { type: '0x5' }, message: 'this wallet does not send type "0x5"' },
    { raw: { type: '0x3' }, message: 'does not send type' },
    { raw: { type: '0x4' }, message: 'does not send type' },
    { raw: { type: 2 }, message: 'does not send type 2' },
    { raw: { gas: 21000 }, message: '"gas" must be a hex number' },
    { raw: { gas: '0x' }, message: '"gas" must be a hex number' },
    { raw: { gas: '0x0012' }, message: '"gas" must be a hex number' },
    { raw: { gasPrice: `0x${'f'.repeat(65)}` }, message: '"gasPrice" must be a hex number' },
    { raw: { maxPriorityFeePerGas: '-0x1' }, message: '"maxPriorityFeePerGas" must be a hex number' },
    { raw: { gas: '0x1' }, message: 'is below 21000' },
    { raw: { gas: `0x${(MAX_GAS_LIMIT + 1n).toString(16)}` }, message: 'is above 16777216' },
    { raw: { gas: '0xffffffffffffffff' }, message: 'the most one transaction may use' },
    { raw: { gasPrice: '0x1', maxFeePerGas: '0x1' }, message: 'not both' },
    { raw: { type: '0x0', maxFeePerGas: '0x1' }, message: 'pays "gasPrice"' },
    { raw: { type: '0x2', gasPrice: '0x1' }, message: 'pays "maxFeePerGas"' },
    { raw: { maxFeePerGas: '0x1', maxPriorityFeePerGas: '0x2' }, message: 'cannot be more than' },
  ])('refused with -32602: $raw', ({ raw, message }) => {
    expect(() => parseFeeFields(raw)).toThrowError(message);
    try {
      parseFeeFields(raw);
    } catch (error) {
      expect((error as { code: number }).code).toBe(-32602);
    }
  });
});

describe('planFees: what is signed, and the most it can cost', () => {
  const estimate = { maxFeePerGas: gwei(100), maxPriorityFeePerGas: gwei(2) };

  test('nothing from the page: the estimate, and the estimated gas', () => {
    const plan = planFees({}, estimate, 21_000n);
    expect(plan).toEqual({ type: 'eip1559', gas: 21_000n, maxFeePerGas: gwei(100), maxPriorityFeePerGas: gwei(2) });
    expect(maxFee(plan)).toBe(21_000n * gwei(100));
    expect(formatMaxFee(maxFee(plan))).toBe('0.0021 ETH');
  });

  test("the page's fields win where it gave them; a priority fee never above the maximum", () => {
    expect(planFees({ gas: 50_000n, maxFeePerGas: gwei(1) }, estimate, 21_000n)).toEqual({ type: 'eip1559', gas: 50_000n, maxFeePerGas: gwei(1), maxPriorityFeePerGas: gwei(1) });
    expect(planFees({ maxPriorityFeePerGas: gwei(500) }, estimate, 21_000n)).toMatchObject({ maxFeePerGas: gwei(500), maxPriorityFeePerGas: gwei(500) });
  });

  test('legacy when the page asks for it or the chain only knows gas prices', () => {
    expect(planFees({ gasPrice: gwei(3) }, estimate, 21_000n)).toEqual({ type: 'legacy', gas: 21_000n, gasPrice: gwei(3) });
    expect(planFees({ type: 'legacy' }, estimate, 21_000n)).toEqual({ type: 'legacy', gas: 21_000n, gasPrice: gwei(100) });
    expect(planFees({}, { gasPrice: gwei(7) }, 30_000n)).toEqual({ type: 'legacy', gas: 30_000n, gasPrice: gwei(7) });
    expect(() => planFees({ maxFeePerGas: gwei(1) }, { gasPrice: gwei(7) }, 30_000n)).toThrowError('does not take EIP-1559 fees');
  });

  test('the estimated gas is capped like the page’s; without either there is nothing to sign', () => {
    expect(() => planFees({}, estimate, MAX_GAS_LIMIT + 1n)).toThrowError('The estimated gas (16777217) is above 16777216');
    expect(() => planFees({}, estimate, undefined)).toThrowError('could not estimate the gas');
  });

  test('the maximum fee is rounded up, never shown lower than it is', () => {
    expect(formatMaxFee(123_456_789_000_000n)).toBe('0.0001235 ETH');
    expect(formatMaxFee(10n ** 18n)).toBe('1 ETH');
    expect(formatMaxFee(1n)).toBe('0.000000000000000001 ETH');
    expect(formatMaxFee(0n)).toBe('0 ETH');
  });
});
