// The page's x402 client, bundled by serve.mjs for the browser: the real @x402/fetch wrapper and
// @x402/evm `exact` scheme, signing through the wallet (a viem wallet client over the page's EIP-1193
// provider, so each authorisation is an eth_signTypedData_v4 the wallet judges).
import { x402Client } from '@x402/core/client';
import { ExactEvmScheme } from '@x402/evm/exact/client';
import { decodePaymentResponseHeader, wrapFetchWithPayment } from '@x402/fetch';
import { createWalletClient, custom } from 'viem';

/**
 * A fetch that pays 402 answers from `account` through `provider`, on `chainId`, in `token` only (the
 * demo stablecoin is not one of x402's default assets), at most `maxAmountPerPayment` base units each.
 */
export function payingFetch({ provider, account, chainId, token, maxAmountPerPayment = '1000000' }) {
  const wallet = createWalletClient({ account, transport: custom(provider) });
  const signer = { address: account, signTypedData: (typedData) => wallet.signTypedData({ account, ...typedData }) };
  const network = `eip155:${chainId}`;
  const client = x402Client.fromConfig({ schemes: [{ network, client: new ExactEvmScheme(signer) }], spendControls: { allowedAssets: [{ network, asset: token, maxAmountPerPayment }] } });
  return wrapFetchWithPayment(fetch, client);
}

/** What the facilitator said about a paid response's settlement (its transaction), or `null`. */
export function settlementOf(response) {
  const header = response.headers.get('PAYMENT-RESPONSE') ?? response.headers.get('X-PAYMENT-RESPONSE');
  return header ? decodePaymentResponseHeader(header) : null;
}
