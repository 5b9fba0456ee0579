// The shop's paid resources over x402 (HTTP 402): the real x402 server middleware (@x402/express)
// in front of the resources, and a local facilitator built from the real x402 packages (@x402/core's
// x402Facilitator with @x402/evm's `exact` scheme) that verifies each payment and settles it on the
// local chain with the demo stablecoin's EIP-3009 `transferWithAuthorization`. The facilitator pays
// the gas from anvil's spare account (index 9), a public test key.
import express from 'express';
import { x402Facilitator } from '@x402/core/facilitator';
import { x402ResourceServer } from '@x402/core/server';
import { paymentMiddleware } from '@x402/express';
import { toFacilitatorEvmSigner } from '@x402/evm';
import { registerExactEvmScheme as registerFacilitatorScheme } from '@x402/evm/exact/facilitator';
import { ExactEvmScheme } from '@x402/evm/exact/server';
import { createWalletClient, http, publicActions } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';

const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk';

/** The paid resources: path → what it is, its price in cgUSD base units (6 decimals), and its content. */
export const PAID = {
  '/x402/newsletter': {
    description: 'The Corner Coffee newsletter: 0.05 cgUSD an issue',
    amount: '50000',
    content: (issue) => ({
      title: `The Corner Coffee newsletter, issue ${issue}`,
      body: 'This week: a new single-origin from Huila, and why we grind to order. Thank you for reading!',
    }),
  },
};

/** Seconds an authorisation may be used for: short, so a session in the wallet signs it without a window. */
export const MAX_TIMEOUT_SECONDS = 300;

/**
 * An express app serving the paid resources behind the x402 middleware, with its local facilitator.
 * `chainId`, `rpcUrl`: the local chain; `token`: the demo stablecoin; `payTo`: the merchant.
 * `facilitatorAccount`: the account that submits the settlements (default: anvil account 9).
 */
export async function createX402App({ rpcUrl, chainId, token, payTo, facilitatorAccount = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 9 }) }) {
  const network = `eip155:${chainId}`;
  // The local chain mines each settlement at once: its receipt is polled every 100 ms, not viem's default
  // 4 s (a receipt missed by the first poll used to hold a paid request for 4 s).
  const wallet = createWalletClient({ account: facilitatorAccount, chain: localChain(chainId, rpcUrl), transport: http(rpcUrl), pollingInterval: 100 }).extend(publicActions);
  const facilitator = new x402Facilitator();
  registerFacilitatorScheme(facilitator, { signer: toFacilitatorEvmSigner({ ...wallet, address: facilitatorAccount.address }), networks: network });
  // The resource server talks to the facilitator in-process: the same verify/settle/getSupported calls an HTTP facilitator answers.
  const facilitatorClient = {
    verify: (payload, requirements) => facilitator.verify(payload, requirements),
    settle: (payload, requirements) => facilitator.settle(payload, requirements),
    getSupported: async () => facilitator.getSupported(),
  };
  const resourceServer = new x402ResourceServer(facilitatorClient).register(network, new ExactEvmScheme());
  await resourceServer.initialize();
  const routesFor = (timeout) =>
    Object.fromEntries(
      Object.entries(PAID).map(([path, resource]) => [
        `GET ${path}`,
        {
          accepts: {
            scheme: 'exact',
            network,
            payTo,
            // The demo stablecoin has no default x402 price asset on a local chain: the amount and the
            // token's EIP-712 domain are given as they are.
            price: { amount: resource.amount, asset: token, extra: { name: 'CommonGuard Demo Dollar', version: '1' } },
            maxTimeoutSeconds: timeout,
          },
          description: resource.description,
          mimeType: 'application/json',
        },
      ]),
    );
  // x402 clients date an authorisation by their own clock (valid until now + maxTimeoutSeconds), and
  // the token checks it against the chain's. The demo seed moves the local chain's clock days ahead
  // (governance waits), so the timeout covers that lead: the authorisation is still usable for
  // MAX_TIMEOUT_SECONDS by the chain's clock.
  const middlewares = new Map();
  const middlewareNow = async () => {
    const block = await wallet.getBlock({ blockTag: 'latest' });
    const lead = Math.max(0, Number(block.timestamp) - Math.floor(Date.now() / 1000));
    const timeout = MAX_TIMEOUT_SECONDS + Math.ceil(lead / 60) * 60;
    if (!middlewares.has(timeout)) middlewares.set(timeout, paymentMiddleware(routesFor(timeout), resourceServer, undefined, undefined, false));
    return middlewares.get(timeout);
  };
  const app = express();
  app.disable('x-powered-by');
  app.use(async (request, response, next) => {
    try {
      (await middlewareNow())(request, response, next);
    } catch (error) {
      response.status(503).json({ error: `The shop cannot reach its chain to take payments right now (${error.shortMessage ?? error.message}).` });
    }
  });
  let issue = 0;
  for (const [path, resource] of Object.entries(PAID)) app.get(path, (_request, response) => response.json(resource.content(++issue)));
  return { app, facilitatorAddress: facilitatorAccount.address, network };
}

function localChain(chainId, rpcUrl) {
  return { id: chainId, name: `Local chain ${chainId}`, nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [rpcUrl] } } };
}
