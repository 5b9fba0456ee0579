// Real Chromium with the built extension loaded (see TOOLCHAIN: playwright-core + Debian's chromium).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ACCOUNTS, root } from './chain.mjs';

export const EXTENSION_ID = 'omendaapejghhkgnkdlelhepljclklpf';
/** The build under test; COMMONGUARD_EXTENSION_DIR points at another build (an older one, to see a new test fail on it). */
export const EXTENSION_DIR = process.env.COMMONGUARD_EXTENSION_DIR ?? join(root, 'extension/.output/chrome-mv3');
export const PASSWORD = 'shopper-password-1';

export function chromiumPath() {
  const found = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((path) => existsSync(path));
  if (!found) throw new Error('Chromium is missing: install the "chromium" package (see scripts/bootstrap.mjs).');
  return found;
}

/** Launches Chromium with the built extension (or another build of it, for comparisons: `extensionDir`). */
export async function launchWallet({ extensionDir = EXTENSION_DIR } = {}) {
  if (!existsSync(join(extensionDir, 'manifest.json'))) throw new Error('Build the extension first (pnpm --dir extension build).');
  const profile = mkdtempSync(join(tmpdir(), 'commonguard-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: null,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  if (id !== EXTENSION_ID) throw new Error(`unexpected extension id ${id} (manifest.key changed?)`);
  return {
    context,
    id,
    url: (page) => `chrome-extension://${id}/${page}`,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Saves a full-page screenshot of `page` at a wallet window's size as `<name>.png` in the folder
 * SCREENSHOTS names, for a person to look at; does nothing without SCREENSHOTS.
 */
export async function saveScreenshot(page, name, { width = 420, height = 600 } = {}) {
  const folder = process.env.SCREENSHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  await page.setViewportSize({ width, height });
  await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}

/** Stops the extension's service worker, as the browser does when it is idle (MV3); the next message starts it again. */
export async function stopServiceWorker(wallet, extensionPage) {
  const cdp = await wallet.context.newCDPSession(extensionPage);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

/** The next wallet window (connect, unlock, confirm) the background opens. */
export function nextWalletWindow(context, timeout = 15_000) {
  return context.waitForEvent('page', { predicate: (page) => page.url().startsWith(`chrome-extension://${EXTENSION_ID}/approval.html`), timeout });
}

/** Starts a request (`start`) and returns the wallet window it opens, loaded, plus the pending answer. */
export async function withWalletWindow(context, start) {
  const windowPromise = nextWalletWindow(context);
  const answer = start();
  const popup = await windowPromise;
  await popup.waitForLoadState('domcontentloaded');
  return { popup, answer };
}

/** Closes every wallet window still open: after a failed test, its site could not ask again (-32002) in the next one. */
export async function closeWalletWindows(context) {
  for (const open of context?.pages() ?? []) if (open.url().startsWith(`chrome-extension://${EXTENSION_ID}/approval.html`)) await open.close().catch(() => {});
}

/**
 * Imports a key (`privateKey`) or a phrase (`phrase`, then `accounts` accounts derived from it, added
 * in the popup) through the onboarding page, and points the wallet at the test chain.
 */
export async function setUpWallet(wallet, { privateKey, phrase, accounts = 1, rpcUrl, chainId, paymentPolicy }) {
  const page = await wallet.context.newPage();
  await page.goto(wallet.url('onboarding.html'));
  await page.getByTestId('import').click();
  await page.getByTestId('import-secret').fill(phrase ?? privateKey);
  await page.getByTestId('import-next').click();
  await page.getByTestId('password').fill(PASSWORD);
  await page.getByTestId('password-repeat').fill(PASSWORD);
  await page.getByTestId('finish').click();
  await page.getByTestId('done').waitFor();

  await page.goto(wallet.url('popup.html'));
  for (let count = 1; count < accounts; count++) {
    await page.getByTestId('add-account').click();
    await page.locator('[data-testid="account"] option').nth(count).waitFor({ state: 'attached' });
  }
  await saveWalletSettings(page, { rpcUrl, chainId, paymentPolicy });
  return page;
}

/**
 * The shopper's wallet: the shopper's key, on the test `chain` (its local chain id and the demo
 * community's policy); `rpcUrl` when the wallet must reach the chain another way (a proxy). Closes the
 * set-up page.
 */
export async function setUpShopper(wallet, chain, { rpcUrl = chain.rpcUrl } = {}) {
  await (await setUpWallet(wallet, { privateKey: ACCOUNTS.shopper.key, rpcUrl, chainId: 31337, paymentPolicy: chain.deployment.contracts.paymentPolicy })).close();
}

/**
 * A browser with the wallet holding the shopper's key on `chain` (a new wallet: in the demo community,
 * whose policy the test chain deploys), and the shop at `shopUrl` open in a tab and connected to the
 * shopper's account.
 */
export async function launchConnectedShopper({ chain, shopUrl }) {
  const wallet = await launchWallet();
  await setUpShopper(wallet, chain);
  const page = await wallet.context.newPage();
  await page.goto(shopUrl);
  const windowPromise = nextWalletWindow(wallet.context);
  const connecting = page.evaluate(() => window.ethereum.request({ method: 'eth_requestAccounts' }));
  const connect = await windowPromise;
  await connect.getByTestId('confirm').click({ noWaitAfter: true }).catch((error) => {
    if (!/closed/i.test(String(error?.message))) throw error;
  });
  return { wallet, page, accounts: await connecting };
}

/**
 * Saves the wallet's network settings through a freshly loaded popup page (the wallet checks the RPC and
 * the chain id). The rules come from the communities joined: a new wallet starts in the demo community
 * (its preset, the deployment the test chain recreates at the same addresses); `paymentPolicy`, when
 * given, must be that community's policy.
 */
export async function saveWalletSettings(popup, { rpcUrl, chainId, paymentPolicy }) {
  await popup.getByTestId('settings-toggle').click();
  await popup.getByTestId('settings-rpc').fill(rpcUrl);
  await popup.getByTestId('settings-chain').fill(String(chainId));
  await popup.getByTestId('settings-save').click();
  await popup.getByTestId('settings-saved').waitFor();
  if (paymentPolicy !== undefined) {
    const joined = await popup.evaluate(() => chrome.runtime.sendMessage({ channel: 'commonguard-ui', action: 'getState', input: null }));
    if (!joined.output.communities.some((community) => community.policy.toLowerCase() === paymentPolicy.toLowerCase()))
      throw new Error(`the wallet is not in the community of the policy ${paymentPolicy}: join it first`);
  }
}
