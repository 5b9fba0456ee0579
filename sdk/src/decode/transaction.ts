import { type Address, decodeFunctionData, getAddress, type Hex, isAddress, isHex, parseAbi, slice } from 'viem';
import { InvalidPayRequestError } from './errors.js';
import {
  type ContractCall,
  NATIVE_TOKEN,
  type PayAction,
  type TransactionRequestLike,
  UNLIMITED_APPROVAL_THRESHOLD,
} from './types.js';

const erc20Abi = parseAbi([
  'function transfer(address to, uint256 amount)',
  'function transferFrom(address from, address to, uint256 amount)',
  'function approve(address spender, uint256 amount)',
  'function increaseAllowance(address spender, uint256 addedValue)',
]);

/** Pages send at most this much calldata; anything larger is refused before decoding. */
const MAX_DATA_BYTES = 128 * 1024;

export type DecodeTransactionParameters = TransactionRequestLike;
export type DecodeTransactionReturnType = PayAction;
export type DecodeTransactionErrorType = InvalidPayRequestError;

/**
 * Decodes one `eth_sendTransaction` call object into what it does to the sender's money.
 *
 * A call with no data is a native transfer; calldata matching an ERC-20 `transfer`, `transferFrom`,
 * `approve` or `increaseAllowance` (and sending no value) is decoded as such; anything else is an
 * opaque {@link ContractCall}.
 *
 * @example
 * import { decodeTransaction } from '@commonguard/sdk/decode'
 * decodeTransaction({ to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', value: '0xde0b6b3a7640000' })
 * // { kind: 'nativeTransfer', token: '0x0000…', to: '0x7099…', amount: 1000000000000000000n }
 */
export function decodeTransaction(request: DecodeTransactionParameters): DecodeTransactionReturnType {
  if (typeof request !== 'object' || request === null || Array.isArray(request))
    throw new InvalidPayRequestError({ reason: 'the transaction must be an object' });
  const to = request.to === undefined || request.to === null ? undefined : readAddress(request.to, 'to');
  const value = readQuantity(request.value, 'value');
  const data = readData(request.data ?? request.input);
  if (request.data !== undefined && request.input !== undefined && request.data !== request.input)
    throw new InvalidPayRequestError({ reason: '"data" and "input" are both set and differ' });

  if (to === undefined) return { kind: 'contractCall', to, value, data, selector: selectorOf(data) };
  if (data === '0x') return { kind: 'nativeTransfer', token: NATIVE_TOKEN, to, amount: value };
  if (value === 0n) {
    const decoded = decodeErc20(to, data);
    if (decoded) return decoded;
  }
  return opaque(to, value, data);
}

function decodeErc20(token: Address, data: Hex): PayAction | undefined {
  let call: ReturnType<typeof decodeFunctionData<typeof erc20Abi>>;
  try {
    call = decodeFunctionData({ abi: erc20Abi, data });
  } catch {
    // Not an ERC-20 call we know (or truncated arguments): the caller treats it as opaque.
    return undefined;
  }
  // Extra trailing bytes would make a different call look like a transfer: refuse to read it as one.
  if (data.length !== 2 + 8 + 64 * call.args.length) return undefined;
  switch (call.functionName) {
    case 'transfer':
      return { kind: 'tokenTransfer', method: 'transfer', token, to: getAddress(call.args[0]), amount: call.args[1] };
    case 'transferFrom':
      return {
        kind: 'tokenTransfer',
        method: 'transferFrom',
        token,
        from: getAddress(call.args[0]),
        to: getAddress(call.args[1]),
        amount: call.args[2],
      };
    case 'approve':
    case 'increaseAllowance':
      return {
        kind: 'tokenApproval',
        method: call.functionName,
        token,
        spender: getAddress(call.args[0]),
        amount: call.args[1],
        unlimited: call.args[1] >= UNLIMITED_APPROVAL_THRESHOLD,
      };
  }
}

function opaque(to: Address, value: bigint, data: Hex): ContractCall {
  return { kind: 'contractCall', to, value, data, selector: selectorOf(data) };
}

function selectorOf(data: Hex): Hex | undefined {
  return data.length >= 10 ? slice(data, 0, 4) : undefined;
}

/** Reads an address field; mixed-case addresses must carry a valid checksum. */
export function readAddress(value: unknown, field: string): Address {
  if (typeof value !== 'string') throw new InvalidPayRequestError({ reason: `"${field}" must be an address string` });
  if (!isAddress(value, { strict: true }))
    throw new InvalidPayRequestError({
      reason: `"${field}" is not a valid address (${short(value)})`,
      details: 'An address is 0x followed by 40 hex characters; mixed case must match its checksum.',
    });
  return getAddress(value);
}

/** Reads a JSON-RPC quantity (hex string); missing means zero. */
export function readQuantity(value: unknown, field: string): bigint {
  if (value === undefined || value === null) return 0n;
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]{1,64}$/.test(value))
    throw new InvalidPayRequestError({
      reason: `"${field}" must be a hex quantity such as "0x1bc16d674ec80000" (got ${short(value)})`,
    });
  return BigInt(value);
}

function readData(value: unknown): Hex {
  if (value === undefined || value === null) return '0x';
  if (typeof value !== 'string' || !isHex(value, { strict: true }) || value.length % 2 !== 0)
    throw new InvalidPayRequestError({ reason: '"data" must be hex bytes (0x followed by an even number of hex digits)' });
  if ((value.length - 2) / 2 > MAX_DATA_BYTES)
    throw new InvalidPayRequestError({ reason: `"data" is larger than ${MAX_DATA_BYTES} bytes` });
  return value.toLowerCase() as Hex;
}

function short(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(typeof value === 'object' ? JSON.stringify(value) ?? value : value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
