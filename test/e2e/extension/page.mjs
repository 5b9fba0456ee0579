// Helpers that act as a web page would: through window.ethereum.
import { EIP3009_TYPES } from '@commonguard/sdk/decode';
import { keccak256, toHex as hexOf } from 'viem';

/** Calls the provider in the page; resolves to { result } or { error: { code, message } }. */
export function request(page, method, params) {
  return page.evaluate(
    async ([method, params]) => {
      try {
        return { result: await window.ethereum.request(params === undefined ? { method } : { method, params }) };
      } catch (error) {
        // `data` only when the wallet gave some (a blocked payment's rule, for the page's developer).
        return { error: error.data === undefined ? { code: error.code, message: error.message } : { code: error.code, message: error.message, data: error.data } };
      }
    },
    [method, params],
  );
}

export const toHex = (value) => `0x${value.toString(16)}`;

/**
 * What a shop asks a payment session to sign (x402's `exact` scheme): an EIP-3009 authorisation of
 * `value` (base units) of the demo dollar at `token` from `from` to `to`, usable until `validBefore`
 * (unix seconds; by the chain's clock), as eth_signTypedData_v4's JSON. `nonce`: any text, hashed.
 */
export function transferAuthorisation({ token, from, to, value, validBefore, nonce, chainId = 31337 }) {
  return JSON.stringify({
    types: {
      EIP712Domain: [
        { name: 'name', type: 'string' },
        { name: 'version', type: 'string' },
        { name: 'chainId', type: 'uint256' },
        { name: 'verifyingContract', type: 'address' },
      ],
      TransferWithAuthorization: EIP3009_TYPES.TransferWithAuthorization,
    },
    primaryType: 'TransferWithAuthorization',
    domain: { name: 'CommonGuard Demo Dollar', version: '1', chainId, verifyingContract: token },
    message: { from, to, value: value.toString(), validAfter: '0', validBefore: validBefore.toString(), nonce: keccak256(hexOf(nonce)) },
  });
}

/** Clicks a button in a wallet window that closes itself on the click (the close is not an error). */
export async function press(popup, testId) {
  try {
    await popup.getByTestId(testId).click({ noWaitAfter: true });
  } catch (error) {
    if (!/closed/i.test(String(error?.message))) throw error;
  }
}
