import { describe, expect, test } from 'vitest';
import { describeChainError } from './PolicyCache.js';

describe('describeChainError', () => {
  test('an unreachable RPC wrapped in a contract error is still named as unreachable', () => {
    const http = Object.assign(new Error('HTTP request failed.'), { details: 'fetch failed' });
    const wrapped = Object.assign(new Error('An unknown error occurred while executing the contract function "version".', { cause: http }), {
      shortMessage: 'An unknown error occurred while executing the contract function "version".',
    });
    expect(describeChainError(wrapped)).toBe('the chain (RPC) is unreachable');
  });

  test('a contract that is not a policy, and anything else in one short line', () => {
    expect(describeChainError(new Error('The contract function "snapshot" returned no data ("0x").'))).toBe('the contract did not answer as a PaymentPolicy');
    expect(describeChainError(new Error('something odd\nwith details'))).toBe('something odd');
  });
});
