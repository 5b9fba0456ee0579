// A service worker that stops in the middle of a payment (MV3 stops idle workers; the browser can stop
// it at any time): nothing in flight is lost and no window acts on a request that is gone. Real Chromium,
// the built extension, a real anvil with the contracts, and a JSON-RPC proxy in front of anvil that can
// hold the broadcast's answer (anvil always answers at once, so the moment between broadcasting and
// hearing back can only be held open there).
import { startShop } from '@commonguard/shop/serve';
import { parseEther } from 'viem';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startRpcProxy } from '../../../extension/src/background/pipeline/rpcProxy.test-helpers.ts';
import { EXTENSION_ID, launchWallet, nextWalletWindow, setUpShopper, stopServiceWorker } from './browser.mjs';
import { ACCOUNTS, startChain } from './chain.mjs';
import { press, request, toHex } from './page.mjs';

let chain;
let proxy;
let shop;
let wallet;
let page;

/** Stops the service worker from a wallet page of its own, as the browser may at any time. */
async function stopWorker() {
  const extensionPage = await wallet.context.newPage();
  await extensionPage.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
  await stopServiceWorker(wallet, extensionPage);
  await extensionPage.close();
}

/** Starts a payment in the page and returns its window and the page's pending answer. */
async function payWindow(amount) {
  const windowPromise = nextWalletWindow(wallet.context);
  const answer = request(page, 'eth_sendTransaction', [{ to: ACCOUNTS.merchant.address, value: toHex(amount) }]);
  const popup = await windowPromise;
  await popup.waitForLoadState('domcontentloaded');
  await popup.getByTestId('verdict-level').waitFor();
  return { popup, answer };
}

beforeAll(async () => {
  chain = await startChain();
  proxy = await startRpcProxy(chain.rpcUrl);
  shop = await startShop({ port: 0 });
  wallet = await launchWallet();
  await setUpShopper(wallet, chain, { rpcUrl: proxy.url });
  page = await wallet.context.newPage();
  await page.goto(`http://localhost:${shop.port}`);
  const windowPromise = nextWalletWindow(wallet.context);
  const connecting = request(page, 'eth_requestAccounts');
  const connect = await windowPromise;
  await press(connect, 'confirm');
  expect((await connecting).result).toEqual([ACCOUNTS.shopper.address]);
});

afterEach(() => proxy?.override('eth_sendRawTransaction', null));

afterAll(async () => {
  await wallet?.close();
  await shop?.close();
  await proxy?.close();
  await chain?.stop();
});

describe('the service worker stops in the middle of a payment', () => {
  test('stopped after the broadcast, before its answer: the payment is in the history after the restart and is followed to its receipt', async () => {
    const before = await chain.publicClient.getBalance({ address: ACCOUNTS.merchant.address });
    // The node gets the transaction (anvil mines it), but the wallet never hears back before it stops.
    let broadcast;
    const reached = new Promise((resolve) => (broadcast = resolve));
    proxy.override('eth_sendRawTransaction', async (raw) => {
      await fetch(chain.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(raw) });
      broadcast();
      return new Promise(() => {});
    });
    const { popup, answer } = await payWindow(parseEther('0.001'));
    expect(await popup.getByTestId('verdict-level').getAttribute('data-level')).toBe('allow');
    await popup.getByTestId('confirm').and(popup.locator(':enabled')).waitFor();
    await press(popup, 'confirm');
    await reached;
    await stopWorker();
    // The page hears that the wallet restarted (4900); it does not know whether it paid.
    expect((await answer).error.code).toBe(4900);

    const wallets = await wallet.context.newPage();
    await wallets.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
    const newest = wallets.getByTestId('history-entry').first();
    // Recorded before it was broadcast, with its hash: after the restart it is followed and confirms.
    await expect.poll(() => newest.getAttribute('data-outcome')).toBe('confirmed');
    expect(await newest.getByTestId('history-to').getAttribute('title')).toBe(ACCOUNTS.merchant.address);
    expect(await chain.publicClient.getBalance({ address: ACCOUNTS.merchant.address })).toBe(before + parseEther('0.001'));
    await wallets.close();
  });

  test('stopped while the payment window is open: the page hears 4900 and the window says in words that the request is gone', async () => {
    const { popup, answer } = await payWindow(parseEther('0.001'));
    await popup.getByTestId('confirm').and(popup.locator(':enabled')).waitFor();
    await stopWorker();
    expect((await answer).error.code).toBe(4900);
    await popup.getByTestId('request-gone').waitFor();
    expect((await popup.getByTestId('request-gone').textContent()).replace(/\s+/g, ' ')).toContain('Nothing was signed or sent.');
    expect(await popup.getByTestId('confirm').count()).toBe(0);
    await popup.screenshot({ path: process.env.SCREENSHOT_DIR ? `${process.env.SCREENSHOT_DIR}/request-gone.png` : undefined });
    await press(popup, 'close');
  });
});
