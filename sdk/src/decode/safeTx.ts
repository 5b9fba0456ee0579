import { type Address, decodeFunctionData, getAddress, type Hex, hexToBigInt, hexToNumber, parseAbi, size, slice } from 'viem';
import type { Effect } from '../effects/types.js';
import { effectsFromDecoding } from './effectsFromDecoding.js';
import { SAFE_LIBRARIES } from './safeLibraries.generated.js';
import { decodeTransaction } from './transaction.js';
import type { KnownTypedData, SafeDelegateCall, TypedDataContext } from './typedDataKinds.js';
import { joinText } from './orders/orderWords.js';
import { hasShape } from './typedDataShape.js';
import type { TypedDataTypes } from './typedDataSchema.js';
import { NATIVE_TOKEN, type PayAction } from './types.js';
import { amountText, shortAddress, tokenText } from './words.js';

const SAFE_TX_FIELDS = (gasField: 'baseGas' | 'dataGas') => [
  { name: 'to', type: 'address' },
  { name: 'value', type: 'uint256' },
  { name: 'data', type: 'bytes' },
  { name: 'operation', type: 'uint8' },
  { name: 'safeTxGas', type: 'uint256' },
  { name: gasField, type: 'uint256' },
  { name: 'gasPrice', type: 'uint256' },
  { name: 'gasToken', type: 'address' },
  { name: 'refundReceiver', type: 'address' },
  { name: 'nonce', type: 'uint256' },
];

/** A Safe transaction as the Safe contracts (1.1.1 and later) declare it for their owners' signatures. */
export const SAFE_TX_TYPES: TypedDataTypes = { SafeTx: SAFE_TX_FIELDS('baseGas') };
/** Safe 1.0.0 named `baseGas` `dataGas`. */
const SAFE_TX_TYPES_1_0: TypedDataTypes = { SafeTx: SAFE_TX_FIELDS('dataGas') };

/** A call the Safe would make: `operation` 0 is a call, 1 a delegatecall (the target's code runs as the Safe itself). */
export type SafeCall = { operation: 'call' | 'delegatecall'; to: Address; value: bigint; data: Hex };

// Declared beside the readers' types (typedDataKinds.ts), which carry it; exported from here as before.
export type { SafeDelegateCall } from './typedDataKinds.js';

const multiSendAbi = parseAbi(['function multiSend(bytes transactions)']);
/** Inner calls a MultiSend may carry before the reader stops: bounded work for any page. */
const MAX_INNER_CALLS = 64;

/**
 * A Safe transaction (`SafeTx`): an owner's signature that lets the Safe (the domain's `verifyingContract`) make
 * one call. The call is decoded as a transaction from the Safe (a transfer, an approval, or an opaque call that
 * pays its value), a MultiSend batch into each of its calls, and the gas refund (`gasPrice` > 0) as a payment of
 * `gasToken` to the refund receiver. Every delegatecall is listed in `delegateCalls` with the Safe library it
 * reaches: a delegatecall runs the target's code as the Safe itself, so it can move everything the Safe holds.
 */
export function readSafeTx(context: TypedDataContext): KnownTypedData | undefined {
  const { types, primaryType, message, domain } = context;
  if (!hasShape(types, primaryType, SAFE_TX_TYPES, 'SafeTx') && !hasShape(types, primaryType, SAFE_TX_TYPES_1_0, 'SafeTx')) return undefined;
  const safe = domain.verifyingContract;
  const outer: SafeCall = {
    operation: (message.operation as bigint) === 1n ? 'delegatecall' : 'call',
    to: message.to as Address,
    value: message.value as bigint,
    data: message.data as Hex,
  };
  const inner = innerCallsOf(outer);
  const calls = [outer, ...(inner ?? [])];
  const delegateCalls: SafeDelegateCall[] = [];
  const effects: Effect[] = [];
  const parts: string[] = [];
  for (const call of calls) {
    if (call.operation === 'delegatecall') {
      const library = SAFE_LIBRARIES[getAddress(call.to)];
      delegateCalls.push({ to: call.to, library });
      // A MultiSend batch is described by its calls, not by the library that runs them.
      if (call !== outer || inner === undefined)
        parts.push(library ? `runs the Safe library ${library}` : `runs the code of ${shortAddress(call.to)} as the Safe itself (a delegatecall: it can move everything the Safe holds)`);
      continue;
    }
    const action = readCall(call);
    effects.push(...effectsFromDecoding({ action, account: safe ?? call.to }).effects);
    parts.push(callText(action));
  }
  const gasPrice = message.gasPrice as bigint;
  if (gasPrice > 0n) {
    const gas = (message.safeTxGas as bigint) + ((message.baseGas ?? message.dataGas) as bigint);
    const gasToken = message.gasToken as Address;
    const receiver = message.refundReceiver as Address;
    // A zero refund receiver means whoever executes the transaction is refunded.
    const to = receiver.toLowerCase() === NATIVE_TOKEN ? null : receiver;
    effects.push({ kind: 'assetOut', token: gasToken, to, amount: gas * gasPrice });
    parts.push(`refunds up to ${amountText(gas * gasPrice)} of ${gasToken === NATIVE_TOKEN ? 'the native coin' : tokenText(gasToken)} for gas to ${to === null ? 'whoever executes it' : shortAddress(to)}`);
  }
  const where = safe === undefined ? 'a Safe' : `the Safe ${shortAddress(safe)}`;
  return {
    standard: 'safeTx',
    effects,
    delegateCalls,
    summary: `Approve a transaction of ${where} (nonce ${message.nonce as bigint}): it ${joinText(parts.length === 0 ? ['does nothing'] : parts)}.`,
  };
}

/** The calls of a MultiSend batch (`multiSend(bytes)` delegatecalled on a MultiSend library); `undefined` for anything else. */
function innerCallsOf(call: SafeCall): SafeCall[] | undefined {
  if (call.operation !== 'delegatecall' || !SAFE_LIBRARIES[getAddress(call.to)]?.startsWith('MultiSend')) return undefined;
  let packed: Hex;
  try {
    packed = decodeFunctionData({ abi: multiSendAbi, data: call.data }).args[0];
  } catch {
    return undefined;
  }
  // Each call: operation (1 byte), to (20), value (32), data length (32), data.
  const calls: SafeCall[] = [];
  let at = 0;
  const total = size(packed);
  while (at < total) {
    if (calls.length >= MAX_INNER_CALLS || at + 85 > total) return calls.concat({ operation: 'delegatecall', to: call.to, value: 0n, data: '0x' });
    const operation = hexToNumber(slice(packed, at, at + 1));
    const to = getAddress(slice(packed, at + 1, at + 21));
    const value = hexToBigInt(slice(packed, at + 21, at + 53));
    const length = hexToBigInt(slice(packed, at + 53, at + 85));
    if (BigInt(at + 85) + length > BigInt(total)) return calls.concat({ operation: 'delegatecall', to: call.to, value: 0n, data: '0x' });
    const data = length === 0n ? '0x' : slice(packed, at + 85, at + 85 + Number(length));
    calls.push({ operation: operation === 1 ? 'delegatecall' : 'call', to, value, data });
    at += 85 + Number(length);
  }
  return calls;
}

function readCall(call: SafeCall): PayAction {
  try {
    return decodeTransaction({ to: call.to, value: `0x${call.value.toString(16)}`, data: call.data });
  } catch {
    return { kind: 'contractCall', to: call.to, value: call.value, data: call.data, selector: undefined };
  }
}

function callText(action: PayAction): string {
  switch (action.kind) {
    case 'nativeTransfer':
      return `sends ${amountText(action.amount)} of the native coin to ${shortAddress(action.to)}`;
    case 'tokenTransfer':
      return `sends ${amountText(action.amount)} of ${tokenText(action.token)} to ${shortAddress(action.to)}`;
    case 'tokenApproval':
      return `lets ${shortAddress(action.spender)} take ${action.unlimited ? 'all' : amountText(action.amount)} of ${tokenText(action.token)}`;
    case 'contractCall':
      return `calls ${action.to ? shortAddress(action.to) : 'a new contract'}${action.value > 0n ? ` with ${amountText(action.value)} of the native coin` : ''}`;
  }
}
