import { readPolicy } from '@commonguard/sdk';
import { startAnvil } from '@commonguard/sdk/testing';
import { createPublicClient, erc20Abi, http, type PublicClient } from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { classifyChainError, describeChainError } from './chainErrors.js';

// Real failures from a real anvil (and a port nobody listens on), classified by the errors' types.
let anvil: Awaited<ReturnType<typeof startAnvil>>;
let client: PublicClient;
/** A contract that reverts every call with Error("nope"), put in place with anvil_setCode. */
const refuser = '0x00000000000000000000000000000000000bad01';
const account = '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720';
const empty = '0x0000000000000000000000000000000000000000';

// PUSH1 100 PUSH1 12 PUSH1 0 CODECOPY PUSH1 100 PUSH1 0 REVERT, then Error(string) "nope" (100 bytes).
const REFUSER_CODE = `0x6064600c60003960646000fd08c379a0${(0x20).toString(16).padStart(64, '0')}${(4).toString(16).padStart(64, '0')}${'6e6f7065'.padEnd(64, '0')}` as const;

beforeAll(async () => {
  anvil = await startAnvil();
  client = createPublicClient({ chain: foundry, transport: http(anvil.rpcUrl) });
  await client.request({ method: 'anvil_setCode' as never, params: [refuser, REFUSER_CODE] as never });
}, 60_000);

afterAll(() => anvil?.stop());

async function failure(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected the chain call to fail');
}

describe('chain errors are read by type, and each says what failed', () => {
  test('a node nobody answers at: unreachable (a token read and the sdk policy read)', async () => {
    const down = createPublicClient({ chain: foundry, transport: http('http://127.0.0.1:1', { retryCount: 0 }) });
    const tokenRead = await failure(down.readContract({ address: refuser, abi: erc20Abi, functionName: 'decimals' }));
    expect(classifyChainError(tokenRead)).toEqual({ kind: 'unreachable' });
    const policyRead = await failure(readPolicy(down, { address: refuser }));
    expect(describeChainError(policyRead, { expected: 'a PaymentPolicy' })).toBe('the chain (RPC) is unreachable');
  });

  test('an address without code: not a contract (viem "no data", and the sdk ContractNotFoundError)', async () => {
    const tokenRead = await failure(client.readContract({ address: account, abi: erc20Abi, functionName: 'decimals' }));
    expect(classifyChainError(tokenRead).kind).toBe('notContract');
    expect(describeChainError(tokenRead)).toBe('there is no contract there that answers this call');
    const policyRead = await failure(readPolicy(client, { address: account }));
    expect(classifyChainError(policyRead).kind).toBe('notContract');
    expect(describeChainError(policyRead, { expected: 'a PaymentPolicy' })).toBe('the contract did not answer as a PaymentPolicy');
  });

  test('a token read that reverts names the revert and its reason, not "not a PaymentPolicy"', async () => {
    const tokenRead = await failure(client.readContract({ address: refuser, abi: erc20Abi, functionName: 'symbol' }));
    expect(classifyChainError(tokenRead)).toEqual({ kind: 'reverted', reason: 'nope' });
    expect(describeChainError(tokenRead, { expected: 'a PaymentPolicy' })).toBe('the contract refused the call (nope)');
  });

  test('a gas estimate that reverts is a revert with its reason, not "unreachable" or "not a PaymentPolicy"', async () => {
    const estimate = await failure(client.estimateGas({ account, to: refuser, data: '0x' }));
    expect(classifyChainError(estimate)).toEqual({ kind: 'reverted', reason: 'nope' });
    expect(describeChainError(estimate, { expected: 'a PaymentPolicy' })).toBe('the contract refused the call (nope)');
  });

  test('anything else: its first line, short', () => {
    expect(describeChainError(new Error('something odd\nwith details'))).toBe('something odd');
    expect(describeChainError('x'.repeat(400))).toHaveLength(160);
    expect(empty).toMatch(/^0x0{40}$/);
  });
});
