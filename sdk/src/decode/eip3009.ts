import type { Address } from 'viem';
import type { KnownTypedData, TypedDataContext } from './typedDataKinds.js';
import { hasShape } from './typedDataShape.js';
import type { TypedDataTypes } from './typedDataSchema.js';
import { amountText, dateText, shortAddress, tokenText, untilText } from './words.js';

const AUTHORIZATION = [
  { name: 'from', type: 'address' },
  { name: 'to', type: 'address' },
  { name: 'value', type: 'uint256' },
  { name: 'validAfter', type: 'uint256' },
  { name: 'validBefore', type: 'uint256' },
  { name: 'nonce', type: 'bytes32' },
];

/** EIP-3009's two authorisations (USDC and others); both carry the same fields, told apart by their name. */
export const EIP3009_TYPES: TypedDataTypes = {
  TransferWithAuthorization: AUTHORIZATION,
  ReceiveWithAuthorization: AUTHORIZATION,
};

/**
 * An EIP-3009 authorisation: `value` of the token (the domain's `verifyingContract`) leaves `from` for `to`
 * between `validAfter` and `validBefore`. Both kinds pay `to`; a receive authorisation can only be submitted by
 * `to` itself. The two share their fields, so the primary type's name tells them apart; any other name with
 * these fields is read as a transfer (it moves the same money).
 */
export function readEip3009({ types, primaryType, message, token }: TypedDataContext): KnownTypedData | undefined {
  if (!hasShape(types, primaryType, EIP3009_TYPES, 'TransferWithAuthorization')) return undefined;
  const receive = primaryType === 'ReceiveWithAuthorization';
  const to = message.to as Address;
  const amount = message.value as bigint;
  const validAfter = message.validAfter as bigint;
  const validBefore = message.validBefore as bigint;
  const tokenAddress = token('a transfer authorisation (EIP-3009)');
  const after = validAfter > 0n && dateText(validAfter) !== undefined ? `, from ${dateText(validAfter)}` : '';
  return {
    standard: receive ? 'eip3009Receive' : 'eip3009Transfer',
    signer: message.from as Address,
    effects: [{ kind: 'assetOut', token: tokenAddress, to, amount }],
    summary: `Pay ${amountText(amount)} of ${tokenText(tokenAddress)} to ${shortAddress(to)} (authorisation usable${untilText(validBefore)}${after}).`,
  };
}
