import type { Address } from 'viem';
import { describe, expect, test } from 'vitest';
import { judgeAmount, judgePace, type PastPayment, ShopperProfile } from './index.js';

const token = '0x5fc8d32690cc91d4c39d9d3abcbd16989f875707' as const;
const NOW = 1_800_000_000_000;
function summaries(amounts: number[], to: Address = '0x0000000000000000000000000000000000000001') {
  const profile = ShopperProfile.fromHistory(amounts.map((amount, i) => ({ token, to, amount: BigInt(amount), timestamp: NOW - (i + 1) * 86_400_000 })));
  return { recipient: profile.recipientAmounts(to, token), shopper: profile.shopperAmounts(token) };
}

describe('judgeAmount', () => {
  const usual = summaries([5, 6, 4, 5, 5, 6, 4, 5]);
  test.each([
    { title: 'a usual amount', amount: 6, expected: undefined },
    { title: 'smaller than usual', amount: 1, expected: undefined },
    { title: 'twice the most paid: not unusual', amount: 12, expected: undefined },
    { title: 'five times the usual: unusual but not strong', amount: 25, expected: { strong: false, basis: 'recipient' } },
    { title: 'twenty times the usual: strong', amount: 100, expected: { strong: true, basis: 'recipient' } },
  ])('$title', ({ amount, expected }) => {
    const result = judgeAmount(BigInt(amount), usual.recipient, usual.shopper);
    if (expected === undefined) expect(result).toBeUndefined();
    else expect(result).toMatchObject(expected);
  });

  test('a recipient paid a larger amount regularly is judged by its own history, not by the shopper\'s small payments', () => {
    const rent = summaries([500, 500, 500], '0x0000000000000000000000000000000000000002');
    const coffees = summaries(Array.from({ length: 20 }, () => 5));
    expect(judgeAmount(500n, rent.recipient, coffees.shopper)).toBeUndefined();
    expect(judgeAmount(500n, undefined, coffees.shopper)).toMatchObject({ strong: true, basis: 'shopper' });
  });

  test('"a little, then a lot" to a recipient paid once', () => {
    const primed = summaries([1], '0x0000000000000000000000000000000000000003');
    expect(judgeAmount(100n, primed.recipient, usual.shopper)).toMatchObject({ strong: true, basis: 'primed', reference: 1n });
    // A test payment before an ordinary one is a careful habit.
    expect(judgeAmount(12n, primed.recipient, usual.shopper)).toBeUndefined();
  });

  test('no opinion without enough history', () => {
    expect(judgeAmount(1000n, undefined, summaries([5, 5]).shopper)).toBeUndefined();
  });
});

describe('judgePace', () => {
  const at = (minutesAgo: number, amount = 5n): PastPayment => ({ token, to: token, amount, timestamp: NOW - minutesAgo * 60_000 });
  test('the fourth payment in ten minutes is a burst; the third is not; older ones do not count', () => {
    expect(judgePace(NOW, [at(9), at(5), at(1)], [{ token, amount: 5n }], () => undefined)).toEqual({ by: 'count', count: 4 });
    expect(judgePace(NOW, [at(30), at(5), at(1)], [{ token, amount: 5n }], () => undefined)).toBeUndefined();
  });

  test('three payments in an hour worth twelve times the usual amount are a burst by value', () => {
    const usual = summaries([5, 5, 5, 5, 5]).shopper;
    expect(judgePace(NOW, [at(50, 20n), at(30, 20n)], [{ token, amount: 25n }], () => usual)).toMatchObject({ by: 'value', count: 3, total: 65n });
    expect(judgePace(NOW, [at(50, 5n), at(30, 5n)], [{ token, amount: 5n }], () => usual)).toBeUndefined();
  });
});
