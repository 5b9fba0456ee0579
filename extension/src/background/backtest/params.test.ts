import { describe, expect, test } from 'vitest';
import { RpcErrorCode } from '../../shared/rpcErrors.js';
import { parseBacktestParams } from './params.js';

const cgUSD = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707';
const good = () => ({
  policy: { warnAt: 40, blockAt: 80, unlimitedApprovalsAllowed: false, tokenLimits: [{ token: cgUSD, maxSinglePayment: '0x17d78400', dailyCap: '0x0', maxFirstPayment: '0x5f5e100' }] },
  merchants: [{ address: '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f', status: 'blocked', note: 'Sold fake tickets' }],
  origins: [{ origin: 'https://shop.example', status: 'trusted' }],
  last: 20,
});

function refusal(params: unknown): { code: number; message: string } {
  try {
    parseBacktestParams(params);
  } catch (error) {
    return error as { code: number; message: string };
  }
  throw new Error('accepted');
}

describe('commonguard_backtestPolicy parameters', () => {
  test('a well-formed request is read into rules', () => {
    const request = parseBacktestParams([good()]);
    expect(request.policy.tokenLimits).toEqual([{ token: cgUSD, maxSinglePayment: 400_000_000n, dailyCap: 0n, maxFirstPayment: 100_000_000n }]);
    expect(request.merchants.get('0x23618e81e3f5cdf7f54c3d65f7fbc0abf5b21e8f')).toEqual({ status: 'blocked', note: 'Sold fake tickets' });
    expect(request.origins.get('https://shop.example')).toBe('trusted');
    expect(request.last).toBe(20);
    expect(parseBacktestParams([{ policy: good().policy }]).last).toBe(50);
  });

  test.each([
    ['no parameter', [], 'expects one parameter'],
    ['two parameters', [good(), good()], 'expects one parameter'],
    ['not a list', good(), 'expects one parameter'],
    ['an unknown field', [{ ...good(), account: '0x0' }], 'unknown field "account"'],
    ['an unknown policy field', [{ ...good(), policy: { ...good().policy, version: 3 } }], 'unknown field "version"'],
    ['a score out of range', [{ ...good(), policy: { ...good().policy, blockAt: 101 } }], '"policy.blockAt" must be a whole number'],
    ['a fractional score', [{ ...good(), policy: { ...good().policy, warnAt: 40.5 } }], '"policy.warnAt" must be a whole number'],
    ['warn not below block', [{ ...good(), policy: { ...good().policy, warnAt: 80 } }], 'must be below'],
    ['a string boolean', [{ ...good(), policy: { ...good().policy, unlimitedApprovalsAllowed: 'false' } }], 'true or false'],
    ['a decimal amount', [{ ...good(), policy: { ...good().policy, tokenLimits: [{ ...good().policy.tokenLimits[0], dailyCap: '1000' }] } }], 'hex quantity'],
    ['a number amount', [{ ...good(), policy: { ...good().policy, tokenLimits: [{ ...good().policy.tokenLimits[0], dailyCap: 1000 }] } }], 'hex quantity'],
    ['an amount above uint256', [{ ...good(), policy: { ...good().policy, tokenLimits: [{ ...good().policy.tokenLimits[0], dailyCap: `0x1${'0'.repeat(64)}` }] } }], 'hex quantity'],
    ['a bad address', [{ ...good(), merchants: [{ address: '0x1234', status: 'blocked' }] }], '"merchants[0]".address must be an address'],
    ['a bad status', [{ ...good(), merchants: [{ address: cgUSD, status: 2 }] }], '"trusted", "blocked" or "unknown"'],
    ['a long note', [{ ...good(), merchants: [{ address: cgUSD, status: 'blocked', note: 'x'.repeat(281) }] }], 'at most 280'],
    ['an origin with a path', [{ ...good(), origins: [{ origin: 'https://shop.example/pay', status: 'blocked' }] }], 'lower-case origin'],
    ['too many merchants', [{ ...good(), merchants: Array.from({ length: 1001 }, () => ({ address: cgUSD, status: 'trusted' })) }], 'at most 1000'],
    ['last 0', [{ ...good(), last: 0 }], '"last" must be a whole number from 5 to 500'],
    ['last 4: a window onto single payments', [{ ...good(), last: 4 }], '"last" must be a whole number from 5 to 500'],
    ['last too large', [{ ...good(), last: 501 }], '"last" must be a whole number from 5 to 500'],
    ['an array as the object', [[1, 2]], 'must be an object'],
    ['an object with another prototype', [Object.create({ policy: good().policy })], 'plain object'],
  ])('%s is refused with -32602', (_name, params, message) => {
    const error = refusal(params);
    expect(error.code).toBe(RpcErrorCode.invalidParams);
    expect(error.message).toContain(message);
  });
});
