import { type Address, encodeFunctionData, encodePacked, erc20Abi, type Hex, parseAbi } from 'viem';
import { SAFE_TX_TYPES } from '../../decode/safeTx.js';
import { type DecodedTypedData, decodeTypedData } from '../../decode/typedData.js';
import type { Random } from './random.js';

/**
 * Safe transactions for the detection benchmark, written as a Safe app sends them to `eth_signTypedData_v4`
 * and read by the wallet's own decoder (`decode/safeTx.ts`; its tests build the same payloads with Safe's own
 * protocol-kit).
 */

/** MultiSendCallOnly 1.4.1, the batch library Safe apps use. */
export const BENCH_MULTI_SEND_CALL_ONLY: Address = '0x9641d764fc13c8B624c04430C7356C1C7C8102e2';
/** MultiSend 1.4.1, which also lets a batch delegatecall. */
export const BENCH_MULTI_SEND: Address = '0x38869bf66a61cF6bDB996A6aE40D5853Fd43B526';
const ZERO: Address = '0x0000000000000000000000000000000000000000';
const multiSendAbi = parseAbi(['function multiSend(bytes transactions)']);

export type SafeCallTerms = { operation: 0 | 1; to: Address; value: bigint; data: Hex };

/** A token transfer the Safe makes. */
export function safeTransfer(token: Address, to: Address, amount: bigint): SafeCallTerms {
  return { operation: 0, to: token, value: 0n, data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, amount] }) };
}

/** A batch of calls through a MultiSend library (delegatecalled, as Safe apps do). */
export function safeBatch(library: Address, calls: readonly SafeCallTerms[]): SafeCallTerms {
  const packed = calls.map((call) => encodePacked(['uint8', 'address', 'uint256', 'uint256', 'bytes'], [call.operation, call.to, call.value, BigInt((call.data.length - 2) / 2), call.data]));
  const transactions = `0x${packed.map((part) => part.slice(2)).join('')}` as Hex;
  return { operation: 1, to: library, value: 0n, data: encodeFunctionData({ abi: multiSendAbi, args: [transactions] }) };
}

/** The decoder's reading of a SafeTx for `call` on the Safe `safe`. */
export function readSafeTx(safe: Address, call: SafeCallTerms, random: Random): DecodedTypedData {
  return decodeTypedData({
    types: { EIP712Domain: [{ name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }], ...SAFE_TX_TYPES },
    primaryType: 'SafeTx',
    domain: { chainId: 1, verifyingContract: safe },
    message: {
      to: call.to, value: String(call.value), data: call.data, operation: call.operation, safeTxGas: '0', baseGas: '0', gasPrice: '0', gasToken: ZERO, refundReceiver: ZERO, nonce: random.int(0, 500),
    },
  });
}
