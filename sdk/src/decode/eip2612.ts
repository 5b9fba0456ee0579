import type { Address } from 'viem';
import type { Effect } from '../effects/types.js';
import type { KnownTypedData, TypedDataContext } from './typedDataKinds.js';
import { hasShape } from './typedDataShape.js';
import type { TypedDataTypes } from './typedDataSchema.js';
import { UNLIMITED_APPROVAL_THRESHOLD } from './types.js';
import { amountText, shortAddress, tokenText, untilText } from './words.js';

/** EIP-2612 `Permit`, as the standard declares it. */
export const ERC2612_PERMIT_TYPES: TypedDataTypes = {
  Permit: [
    { name: 'owner', type: 'address' },
    { name: 'spender', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
};

/**
 * An EIP-2612 permit: `owner` lets `spender` take up to `value` of the token that verifies it (the domain's
 * `verifyingContract`), once the permit is submitted before `deadline`.
 */
export function readErc2612Permit({ types, primaryType, message, token }: TypedDataContext): KnownTypedData | undefined {
  if (!hasShape(types, primaryType, ERC2612_PERMIT_TYPES, 'Permit')) return undefined;
  const spender = message.spender as Address;
  const amount = message.value as bigint;
  const deadline = message.deadline as bigint;
  const unlimited = amount >= UNLIMITED_APPROVAL_THRESHOLD;
  const tokenAddress = token('an EIP-2612 permit');
  const effects: Effect[] = [
    { kind: 'allowance', token: tokenAddress, spender, amount, unlimited, via: 'permit', expiresAt: deadline },
  ];
  const how = unlimited ? 'any amount' : `up to ${amountText(amount)}`;
  return {
    standard: 'erc2612Permit',
    effects,
    signer: message.owner as Address,
    summary: `Allow ${shortAddress(spender)} to take ${how} of ${tokenText(tokenAddress)} (permit usable${untilText(deadline)}).`,
  };
}
