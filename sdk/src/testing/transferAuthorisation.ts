import { type Address, getTypesForEIP712Domain, keccak256, toHex } from 'viem';
import { EIP3009_TYPES } from '../decode/eip3009.js';

export type TransferAuthorisationParameters = {
  /** The token (EIP-3009), the domain's `verifyingContract`. */
  token: Address;
  from: Address;
  to: Address;
  /** In the token's base units. */
  value: bigint;
  /** Unix seconds after which the authorisation can no longer be used (the token compares it with the chain's clock). */
  validBefore: bigint | number;
  /** Any text: its hash is the authorisation's nonce, so a new text is a new authorisation. */
  nonce: string;
  chainId?: number | undefined;
  /** The token's EIP-712 domain name and version; the demo dollar's by default. */
  name?: string | undefined;
  version?: string | undefined;
};

export type TransferAuthorisationReturnType = {
  types: Record<string, ReadonlyArray<{ name: string; type: string }>>;
  primaryType: 'TransferWithAuthorization';
  domain: { name: string; version: string; chainId: number; verifyingContract: Address };
  message: { from: Address; to: Address; value: string; validAfter: string; validBefore: string; nonce: `0x${string}` };
};

/**
 * The typed data a shop asks a wallet to sign for one payment by signature (EIP-3009
 * `TransferWithAuthorization`, as x402's `exact` scheme sends it), in the JSON shape a page passes to
 * `eth_signTypedData_v4` (`EIP712Domain` declared, numbers as decimal strings), usable at once.
 *
 * @param parameters - {@link TransferAuthorisationParameters}
 * @returns The typed data. {@link TransferAuthorisationReturnType}
 *
 * @example
 * import { transferAuthorisation } from '@commonguard/sdk/testing'
 * const typed = transferAuthorisation({ token, from: shopper, to: shop, value: 50_000n, validBefore: now + 300, nonce: 'issue 1' })
 * await provider.request({ method: 'eth_signTypedData_v4', params: [shopper, JSON.stringify(typed)] })
 */
export function transferAuthorisation(parameters: TransferAuthorisationParameters): TransferAuthorisationReturnType {
  const { token, from, to, value, validBefore, nonce, chainId = 31337, name = 'CommonGuard Demo Dollar', version = '1' } = parameters;
  const domain = { name, version, chainId, verifyingContract: token };
  return {
    types: {
      EIP712Domain: getTypesForEIP712Domain({ domain }),
      TransferWithAuthorization: EIP3009_TYPES.TransferWithAuthorization as ReadonlyArray<{ name: string; type: string }>,
    },
    primaryType: 'TransferWithAuthorization',
    domain,
    message: { from, to, value: value.toString(), validAfter: '0', validBefore: validBefore.toString(), nonce: keccak256(toHex(nonce)) },
  };
}
