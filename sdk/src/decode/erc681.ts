import { type Address, getAddress, isAddress } from 'viem';
import { InvalidPaymentLinkError } from './errors.js';
import { NATIVE_TOKEN, type NativeTransfer, type TokenTransfer } from './types.js';

export type ParsePaymentLinkReturnType = {
  /** The chain the link asks to pay on; `undefined` means "the wallet's current chain". */
  chainId: number | undefined;
  action: NativeTransfer | TokenTransfer;
};
export type ParsePaymentLinkErrorType = InvalidPaymentLinkError;

/** Links longer than this are refused: a real payment link is a few hundred characters. */
const MAX_LINK_LENGTH = 2048;

/** Parameters each form of link may carry; gas hints are accepted and ignored (the wallet estimates). */
const NATIVE_PARAMS = new Set(['value', 'gas', 'gasLimit', 'gasPrice']);
const TRANSFER_PARAMS = new Set(['address', 'uint256', 'value', 'gas', 'gasLimit', 'gasPrice']);

/**
 * Parses an ERC-681 payment link into the payment it asks for. Two forms are supported:
 * a native payment `ethereum:<recipient>[@<chainId>]?value=<wei>` and an ERC-20 transfer
 * `ethereum:<token>[@<chainId>]/transfer?address=<recipient>&uint256=<amount>`. Numbers may use
 * scientific notation (`2.014e18`) but must come out as a whole number of base units.
 *
 * @example
 * import { parsePaymentLink } from '@commonguard/sdk/decode'
 * parsePaymentLink('ethereum:0x70997970C51812dc3A010C7d01b50e0d17dc79C8@31337?value=2.014e18')
 * // { chainId: 31337, action: { kind: 'nativeTransfer', amount: 2014000000000000000n, … } }
 */
export function parsePaymentLink(uri: string): ParsePaymentLinkReturnType {
  if (typeof uri !== 'string') throw new InvalidPaymentLinkError({ uri: String(uri), reason: 'it is not text' });
  const fail = (reason: string, details?: string): never => {
    throw new InvalidPaymentLinkError({ uri, reason, details });
  };
  if (uri.length > MAX_LINK_LENGTH) fail(`it is longer than ${MAX_LINK_LENGTH} characters`);
  const match = /^ethereum:(pay-)?([^@/?#]*)(?:@([^/?#]*))?(?:\/([^?#]*))?(?:\?([^#]*))?$/i.exec(uri.trim());
  if (!match) return fail('it does not start with "ethereum:"', 'A payment link looks like ethereum:0x…@31337?value=1e16');
  const [, , target = '', chainPart, functionName, query] = match;

  if (!target.startsWith('0x')) {
    if (/\.[a-z]/i.test(target)) fail(`the name "${target}" would need an ENS lookup, which this wallet does not do`);
    fail(`"${target || '(empty)'}" is not an address`, 'The part after "ethereum:" must be a 0x address.');
  }
  const targetAddress = toAddress(target, 'the target address', fail);

  let chainId: number | undefined;
  if (chainPart !== undefined) {
    if (!/^[0-9]{1,15}$/.test(chainPart) || Number(chainPart) === 0)
      fail(`the chain id "${chainPart}" is not a positive whole number`);
    chainId = Number(chainPart);
  }

  const params = readParams(query ?? '', fail);

  if (functionName === undefined || functionName === '') {
    for (const key of params.keys()) if (!NATIVE_PARAMS.has(key)) fail(`the parameter "${key}" is not understood`);
    const amount = params.has('value') ? toAmount(params.get('value') as string, 'value', fail) : 0n;
    return { chainId, action: { kind: 'nativeTransfer', token: NATIVE_TOKEN, to: targetAddress, amount } };
  }
  if (functionName !== 'transfer')
    fail(`the function "${functionName}" is not supported`, 'Only plain payments and ERC-20 "transfer" links are supported.');
  for (const key of params.keys()) if (!TRANSFER_PARAMS.has(key)) fail(`the parameter "${key}" is not understood`);
  const recipient = params.get('address');
  if (recipient === undefined) fail('a token transfer needs "address=<recipient>"');
  const rawAmount = params.get('uint256');
  if (rawAmount === undefined) fail('a token transfer needs "uint256=<amount>"');
  if (params.has('value') && toAmount(params.get('value') as string, 'value', fail) !== 0n)
    fail('a token transfer cannot also send the native coin ("value" must be 0)');
  return {
    chainId,
    action: {
      kind: 'tokenTransfer',
      method: 'transfer',
      token: targetAddress,
      to: toAddress(recipient as string, 'the recipient ("address")', fail),
      amount: toAmount(rawAmount as string, 'uint256', fail),
    },
  };
}

type Fail = (reason: string, details?: string) => never;

function readParams(query: string, fail: Fail): Map<string, string> {
  const params = new Map<string, string>();
  if (query === '') return params;
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) fail(`the parameter "${pair.slice(0, 40)}" has no value`);
    let key = '';
    let value = '';
    try {
      key = decodeURIComponent(pair.slice(0, eq));
      value = decodeURIComponent(pair.slice(eq + 1));
    } catch {
      fail(`the parameter "${pair.slice(0, 40)}" is not correctly encoded`);
    }
    if (params.has(key)) fail(`the parameter "${key}" appears twice`);
    params.set(key, value);
  }
  return params;
}

function toAddress(value: string, what: string, fail: Fail): Address {
  if (!isAddress(value, { strict: true }))
    return fail(`${what} "${value.slice(0, 50)}" is not a valid address`, 'Expected 0x and 40 hex characters with a correct checksum.');
  return getAddress(value);
}

/**
 * ERC-681 numbers: digits, an optional fraction, an optional exponent. The result must be a whole
 * number of base units that fits in uint256.
 */
export function toAmount(value: string, name: string, fail: Fail): bigint {
  const match = /^([0-9]+)(?:\.([0-9]+))?(?:[eE]\+?([0-9]{1,3}))?$/.exec(value);
  if (!match) {
    if (value.startsWith('-')) return fail(`"${name}" cannot be negative`);
    return fail(`"${name}" is not a number ("${value.slice(0, 40)}")`, 'Numbers look like 1000000000000000, 2.014e18 or 1e16.');
  }
  const [, whole = '', fraction = '', exponentText] = match;
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  if (fraction.length > exponent && /[1-9]/.test(fraction.slice(exponent)))
    return fail(`"${name}" = ${value} is not a whole number of base units (wei)`);
  const digits = (whole + fraction.padEnd(exponent, '0').slice(0, exponent)) || '0';
  if (digits.replace(/^0+/, '').length > 78) return fail(`"${name}" = ${value} is too large`);
  const amount = BigInt(digits);
  if (amount >= 2n ** 256n) return fail(`"${name}" = ${value} is too large`);
  return amount;
}
