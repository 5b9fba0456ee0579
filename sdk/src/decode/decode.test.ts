import { encodeFunctionData, parseAbi, parseEther } from 'viem';
import { describe, expect, test } from 'vitest';
import {
  decodeCalls,
  decodeTransaction,
  InvalidPayRequestError,
  MAX_UINT256,
  NATIVE_TOKEN,
} from './index.js';

const merchant = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
const token = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const abi = parseAbi([
  'function transfer(address,uint256)',
  'function transferFrom(address,address,uint256)',
  'function approve(address,uint256)',
  'function increaseAllowance(address,uint256)',
  'function deposit()',
]);
const shopper = '0x976EA74026E726554dB657fA54763abd0C3a0aa9';

describe('decodeTransaction', () => {
  test.each([
    {
      title: 'native transfer',
      request: { to: merchant, value: '0xde0b6b3a7640000' },
      expected: { kind: 'nativeTransfer', token: NATIVE_TOKEN, to: merchant, amount: parseEther('1') },
    },
    {
      title: 'native transfer with lower-case address and "0x" data',
      request: { to: merchant.toLowerCase(), value: '0x1', data: '0x' },
      expected: { kind: 'nativeTransfer', token: NATIVE_TOKEN, to: merchant, amount: 1n },
    },
    {
      title: 'native transfer without value is a zero payment',
      request: { to: merchant },
      expected: { kind: 'nativeTransfer', token: NATIVE_TOKEN, to: merchant, amount: 0n },
    },
    {
      title: 'ERC-20 transfer',
      request: { to: token, data: encodeFunctionData({ abi, functionName: 'transfer', args: [merchant, 5n * 10n ** 18n] }) },
      expected: { kind: 'tokenTransfer', method: 'transfer', token, to: merchant, amount: 5n * 10n ** 18n },
    },
    {
      title: 'ERC-20 transfer in "input"',
      request: { to: token, input: encodeFunctionData({ abi, functionName: 'transfer', args: [merchant, 7n] }) },
      expected: { kind: 'tokenTransfer', method: 'transfer', token, to: merchant, amount: 7n },
    },
    {
      title: 'ERC-20 transferFrom',
      request: { to: token, data: encodeFunctionData({ abi, functionName: 'transferFrom', args: [shopper, merchant, 9n] }) },
      expected: { kind: 'tokenTransfer', method: 'transferFrom', token, from: shopper, to: merchant, amount: 9n },
    },
    {
      title: 'ERC-20 approve (limited)',
      request: { to: token, data: encodeFunctionData({ abi, functionName: 'approve', args: [merchant, 100n] }) },
      expected: { kind: 'tokenApproval', method: 'approve', token, spender: merchant, amount: 100n, unlimited: false },
    },
    {
      title: 'ERC-20 approve (unlimited)',
      request: { to: token, data: encodeFunctionData({ abi, functionName: 'approve', args: [merchant, MAX_UINT256] }) },
      expected: { kind: 'tokenApproval', method: 'approve', token, spender: merchant, amount: MAX_UINT256, unlimited: true },
    },
    {
      title: 'ERC-20 increaseAllowance',
      request: { to: token, data: encodeFunctionData({ abi, functionName: 'increaseAllowance', args: [merchant, 2n ** 200n] }) },
      expected: { kind: 'tokenApproval', method: 'increaseAllowance', token, spender: merchant, amount: 2n ** 200n, unlimited: true },
    },
    {
      title: 'unknown function → opaque call',
      request: { to: token, value: '0x10', data: encodeFunctionData({ abi, functionName: 'deposit' }) },
      expected: { kind: 'contractCall', to: token, value: 16n, data: '0xd0e30db0', selector: '0xd0e30db0' },
    },
    {
      title: 'transfer calldata with value attached → opaque call (it would not be a plain ERC-20 transfer)',
      request: { to: token, value: '0x1', data: encodeFunctionData({ abi, functionName: 'transfer', args: [merchant, 7n] }) },
      expected: { kind: 'contractCall', to: token, value: 1n, selector: '0xa9059cbb' },
    },
    {
      title: 'transfer calldata with trailing bytes → opaque call',
      request: { to: token, data: `${encodeFunctionData({ abi, functionName: 'transfer', args: [merchant, 7n] })}00` },
      expected: { kind: 'contractCall', to: token, value: 0n, selector: '0xa9059cbb' },
    },
    {
      title: 'truncated transfer calldata → opaque call',
      request: { to: token, data: encodeFunctionData({ abi, functionName: 'transfer', args: [merchant, 7n] }).slice(0, 40) },
      expected: { kind: 'contractCall', to: token, value: 0n, selector: '0xa9059cbb' },
    },
    {
      title: 'deployment (no "to") → opaque call',
      request: { data: '0x6080', value: '0x0' },
      expected: { kind: 'contractCall', to: undefined, value: 0n, data: '0x6080', selector: undefined },
    },
  ])('decodes $title', ({ request, expected }) => {
    expect(decodeTransaction(request)).toMatchObject(expected);
  });

  test.each([
    { title: 'not an object', request: 'hello', message: 'the transaction must be an object' },
    { title: 'array', request: [], message: 'the transaction must be an object' },
    { title: 'bad "to"', request: { to: '0x1234' }, message: '"to" is not a valid address ("0x1234")' },
    { title: 'bad checksum', request: { to: merchant.replace('d', 'D') }, message: '"to" is not a valid address' },
    { title: 'numeric "to"', request: { to: 5 }, message: '"to" must be an address string' },
    { title: 'decimal value', request: { to: merchant, value: '1000' }, message: '"value" must be a hex quantity' },
    { title: 'number value', request: { to: merchant, value: 1000 }, message: '"value" must be a hex quantity' },
    { title: 'odd-length data', request: { to: merchant, data: '0x123' }, message: '"data" must be hex bytes' },
    { title: 'non-hex data', request: { to: merchant, data: '0xzz' }, message: '"data" must be hex bytes' },
    { title: 'huge data', request: { to: merchant, data: `0x${'00'.repeat(200_000)}` }, message: '"data" is larger than' },
    { title: 'conflicting data/input', request: { to: merchant, data: '0x00', input: '0x01' }, message: '"data" and "input" are both set and differ' },
  ])('refuses $title with a readable error', ({ request, message }) => {
    expect(() => decodeTransaction(request as never)).toThrowError(InvalidPayRequestError);
    expect(() => decodeTransaction(request as never)).toThrowError(message);
  });
});

describe('decodeCalls', () => {
  test('decodes every call of a wallet_sendCalls batch, in order', () => {
    const result = decodeCalls({
      version: '2.0.0',
      chainId: '0x7a69',
      calls: [
        { to: token, data: encodeFunctionData({ abi, functionName: 'approve', args: [merchant, 5n] }) },
        { to: merchant, value: '0x5' },
      ],
    });
    expect(result.chainId).toBe(31337);
    expect(result.actions.map((action) => action.kind)).toEqual(['tokenApproval', 'nativeTransfer']);
  });

  test.each([
    { title: 'no calls', batch: { calls: [] }, message: '"calls" must be a non-empty list' },
    { title: 'not an object', batch: 7, message: 'wallet_sendCalls expects an object' },
    { title: 'too many calls', batch: { calls: Array.from({ length: 40 }, () => ({ to: merchant })) }, message: 'at most 32 calls (got 40)' },
    { title: 'a bad call', batch: { calls: [{ to: merchant }, { to: 'x' }] }, message: 'call 2: "to" is not a valid address' },
    { title: 'a bad chain id', batch: { chainId: 31337, calls: [{ to: merchant }] }, message: '"chainId" must be a hex quantity' },
  ])('refuses $title', ({ batch, message }) => {
    expect(() => decodeCalls(batch)).toThrowError(message);
  });
});
