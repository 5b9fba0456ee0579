import { paymentPolicyAbi } from '@commonguard/sdk';
import { ContractFunctionExecutionError, ContractFunctionZeroDataError, HttpRequestError } from 'viem';
import { describe, expect, test } from 'vitest';
import { describeChainError } from './PolicyCache.js';

// The errors viem really throws (these tests used to build plain Errors with viem's wording; the reason is
// now read from the error's type, so the fakes are the real classes). chainErrors.test.ts makes them on anvil.
describe('describeChainError', () => {
  test('an unreachable RPC wrapped in a contract error is still named as unreachable', () => {
    const http = new HttpRequestError({ url: 'http://127.0.0.1:1', details: 'fetch failed' });
    const wrapped = new ContractFunctionExecutionError(http, { abi: paymentPolicyAbi, functionName: 'version', contractAddress: '0x0000000000000000000000000000000000000001' });
    expect(describeChainError(wrapped)).toBe('the chain (RPC) is unreachable');
  });

  test('a contract that is not a policy, and anything else in one short line', () => {
    expect(describeChainError(new ContractFunctionZeroDataError({ functionName: 'snapshot' }), { expected: 'a PaymentPolicy' })).toBe('the contract did not answer as a PaymentPolicy');
    expect(describeChainError(new Error('something odd\nwith details'))).toBe('something odd');
  });
});
