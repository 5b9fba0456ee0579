import { describe, expect, test } from 'vitest';
import { MIN_BACKTEST_PAYMENTS, MIN_GROUP, singlesOut } from './privacy.js';
import type { BacktestResult } from './replay.js';

const cgUSD = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707';
const result = (payments: number, warned: number, blocked: number, perToken: Array<[number, number]> = [[warned, blocked]]): BacktestResult => ({
  payments,
  warned,
  blocked,
  amounts: perToken.filter(([w, b]) => w + b > 0).map(([warnedPayments, blockedPayments]) => ({ token: cgUSD, symbol: 'cgUSD', decimals: 6, warned: BigInt(warnedPayments), blocked: BigInt(blockedPayments), warnedPayments, blockedPayments })),
});

describe('whether a backtest answer would single out a payment', () => {
  test(`the rule's numbers: at least ${MIN_BACKTEST_PAYMENTS} payments, groups of 0 or at least ${MIN_GROUP}`, () => {
    expect([MIN_BACKTEST_PAYMENTS, MIN_GROUP]).toEqual([5, 3]);
  });

  test.each([
    ['nothing warned or blocked among 5', result(5, 0, 0)],
    ['3 warned, 3 blocked among 10', result(10, 3, 3)],
    ['every payment blocked', result(5, 0, 5)],
  ])('may be shared: %s', (_name, answer) => {
    expect(singlesOut(answer)).toBeNull();
  });

  test.each([
    ['no payments', result(0, 0, 0), /no payment/],
    ['4 payments', result(4, 0, 0), /only 4 payments/],
    ['one blocked payment (its sum is its amount)', result(10, 0, 1), /fewer than 3 of your payments/],
    ['two warned payments', result(10, 2, 0), /fewer than 3/],
    ['three blocked, but only one of them in a second token', result(10, 0, 3, [[0, 2], [0, 1]]), /one token/],
  ])('is refused: %s', (_name, answer, why) => {
    expect(singlesOut(answer)).toMatch(why);
  });
});
