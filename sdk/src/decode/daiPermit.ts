import type { Address } from 'viem';
import type { KnownTypedData, TypedDataContext } from './typedDataKinds.js';
import { hasShape } from './typedDataShape.js';
import type { TypedDataTypes } from './typedDataSchema.js';
import { MAX_UINT256 } from './types.js';
import { shortAddress, tokenText, untilText } from './words.js';

/** DAI's permit (and tokens copying it), as DAI's contract declares it. */
export const DAI_PERMIT_TYPES: TypedDataTypes = {
  Permit: [
    { name: 'holder', type: 'address' },
    { name: 'spender', type: 'address' },
    { name: 'nonce', type: 'uint256' },
    { name: 'expiry', type: 'uint256' },
    { name: 'allowed', type: 'bool' },
  ],
};

/**
 * A DAI-style permit: `allowed: true` lets `spender` take any amount of the token (DAI sets the allowance to
 * 2^256-1), `allowed: false` sets it to zero. `expiry` 0 means the permit never expires.
 */
export function readDaiPermit({ types, primaryType, message, token }: TypedDataContext): KnownTypedData | undefined {
  if (!hasShape(types, primaryType, DAI_PERMIT_TYPES, 'Permit')) return undefined;
  const spender = message.spender as Address;
  const allowed = message.allowed as boolean;
  const expiry = message.expiry as bigint;
  const expiresAt = expiry === 0n ? undefined : expiry;
  const tokenAddress = token('a DAI-style permit');
  const summary = allowed
    ? `Allow ${shortAddress(spender)} to take any amount of ${tokenText(tokenAddress)} (permit usable${untilText(expiresAt)}).`
    : `Remove ${shortAddress(spender)}'s permission to take ${tokenText(tokenAddress)}.`;
  return {
    standard: 'daiPermit',
    signer: message.holder as Address,
    effects: [
      { kind: 'allowance', token: tokenAddress, spender, amount: allowed ? MAX_UINT256 : 0n, unlimited: allowed, via: 'daiPermit', expiresAt },
    ],
    summary,
  };
}
