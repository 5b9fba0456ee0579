import { encodeMultiSendData, generateTypedData } from '@safe-global/protocol-kit';
import { type Address, encodeFunctionData, erc20Abi, type Hex, parseAbi, parseUnits } from 'viem';
import { describe, expect, test } from 'vitest';
import { renderSafeLibraries, generatedSafeLibrariesPath } from '../../scripts/generate-safe-libraries.js';
import { readFileSync } from 'node:fs';
import { SAFE_LIBRARIES } from './safeLibraries.generated.js';
import { decodeTypedData } from './typedData.js';

// Payloads are built by Safe's own SDK (@safe-global/protocol-kit), as a Safe app would send them.
const safe: Address = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
const cgUsd: Address = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707';
const coffee: Address = '0x976EA74026E726554dB657fA54763abd0C3a0aa9';
const drainer: Address = '0xa513E6E4b8f2a923D98304ec87F64353C4D5C853';
const MULTI_SEND_CALL_ONLY: Address = '0x9641d764fc13c8B624c04430C7356C1C7C8102e2';
const MULTI_SEND: Address = '0x38869bf66a61cF6bDB996A6aE40D5853Fd43B526';
const ZERO: Address = '0x0000000000000000000000000000000000000000';
const multiSendAbi = parseAbi(['function multiSend(bytes transactions)']);

type Tx = { to: Address; value?: string; data?: Hex; operation?: 0 | 1; gasPrice?: string; safeTxGas?: string; baseGas?: string; gasToken?: Address; refundReceiver?: Address };

function safeTx(tx: Tx, safeVersion = '1.4.1') {
  const typedData = generateTypedData({
    safeAddress: safe,
    safeVersion,
    chainId: 1n,
    data: {
      to: tx.to,
      value: tx.value ?? '0',
      data: tx.data ?? '0x',
      operation: tx.operation ?? 0,
      safeTxGas: tx.safeTxGas ?? '0',
      baseGas: tx.baseGas ?? '0',
      gasPrice: tx.gasPrice ?? '0',
      gasToken: tx.gasToken ?? ZERO,
      refundReceiver: tx.refundReceiver ?? ZERO,
      nonce: 7,
    },
  });
  return decodeTypedData(JSON.stringify(typedData, (_, value) => (typeof value === 'bigint' ? value.toString() : value)));
}

const transfer = (to: Address, amount: bigint) => encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, amount] });

describe('Safe transactions (SafeTx)', () => {
  test('a token transfer from the Safe reads as a payment, with no delegatecall', () => {
    const decoded = safeTx({ to: cgUsd, data: transfer(coffee, parseUnits('25', 18)) });
    expect(decoded.standard).toBe('safeTx');
    expect(decoded.effects).toEqual([{ kind: 'assetOut', token: cgUsd, to: coffee, amount: parseUnits('25', 18) }]);
    expect(decoded.delegateCalls).toEqual([]);
    expect(decoded.summary).toMatch(/^Approve a transaction of the Safe 0x14dC…9955 \(nonce 7\): it sends 25,000,000,000,000,000,000 of token 0x5FC8…5707 to 0x976E…0aa9\.$/);
  });

  test('a delegatecall to an unknown contract is listed without a library, and said in words', () => {
    const decoded = safeTx({ to: drainer, operation: 1, data: '0xa9059cbb' });
    expect(decoded.delegateCalls).toEqual([{ to: drainer, library: undefined }]);
    expect(decoded.summary).toContain('runs the code of 0xa513…C853 as the Safe itself (a delegatecall: it can move everything the Safe holds)');
  });

  test('a MultiSend batch (delegatecall to the Safe library) is read call by call', () => {
    const batch = encodeMultiSendData([
      { to: cgUsd, value: '0', data: transfer(coffee, 5n), operation: 0 },
      { to: coffee, value: '1000', data: '0x', operation: 0 },
    ]) as Hex;
    const decoded = safeTx({ to: MULTI_SEND_CALL_ONLY, operation: 1, data: encodeFunctionData({ abi: multiSendAbi, args: [batch] }) });
    expect(decoded.delegateCalls).toEqual([{ to: MULTI_SEND_CALL_ONLY, library: 'MultiSendCallOnly 1.4.1' }]);
    expect(decoded.effects).toEqual([
      { kind: 'assetOut', token: cgUsd, to: coffee, amount: 5n },
      { kind: 'assetOut', token: ZERO, to: coffee, amount: 1000n },
    ]);
    expect(decoded.summary).toContain('sends 5 of token 0x5FC8…5707 to 0x976E…0aa9 and sends 1,000 of the native coin to 0x976E…0aa9');
  });

  test('a delegatecall hidden inside a MultiSend batch is found', () => {
    const batch = encodeMultiSendData([
      { to: cgUsd, value: '0', data: transfer(coffee, 5n), operation: 0 },
      { to: drainer, value: '0', data: '0x12345678', operation: 1 },
    ]) as Hex;
    const decoded = safeTx({ to: MULTI_SEND, operation: 1, data: encodeFunctionData({ abi: multiSendAbi, args: [batch] }) });
    expect(decoded.delegateCalls).toEqual([
      { to: MULTI_SEND, library: 'MultiSend 1.4.1' },
      { to: drainer, library: undefined },
    ]);
  });

  test('a truncated MultiSend batch is not trusted: its library call stands, and nothing inside is read as safe', () => {
    const batch = encodeMultiSendData([{ to: cgUsd, value: '0', data: transfer(coffee, 5n), operation: 0 }]) as Hex;
    const truncated = batch.slice(0, batch.length - 20) as Hex;
    const decoded = safeTx({ to: MULTI_SEND, operation: 1, data: encodeFunctionData({ abi: multiSendAbi, args: [truncated] }) });
    expect(decoded.delegateCalls.length).toBeGreaterThanOrEqual(2);
  });

  test('a gas refund pays the refund receiver in the gas token', () => {
    const decoded = safeTx({ to: coffee, value: '1', gasPrice: '1000', safeTxGas: '50000', baseGas: '10000', gasToken: cgUsd, refundReceiver: drainer });
    expect(decoded.effects).toContainEqual({ kind: 'assetOut', token: cgUsd, to: drainer, amount: 60_000_000n });
    expect(decoded.summary).toContain('refunds up to 60,000,000 of token 0x5FC8…5707 for gas to 0xa513…C853');
  });

  test('Safe 1.0.0 (a domain without chain id) reads the same', () => {
    const decoded = safeTx({ to: cgUsd, data: transfer(coffee, 1n) }, '1.0.0');
    expect(decoded.standard).toBe('safeTx');
    expect(decoded.effects).toEqual([{ kind: 'assetOut', token: cgUsd, to: coffee, amount: 1n }]);
  });

  test('the Safe libraries are generated from @safe-global/safe-deployments (run `pnpm --dir sdk generate` if not)', () => {
    expect(readFileSync(generatedSafeLibrariesPath, 'utf8') === renderSafeLibraries()).toBe(true);
    expect(SAFE_LIBRARIES[MULTI_SEND_CALL_ONLY]).toBe('MultiSendCallOnly 1.4.1');
  });
});
