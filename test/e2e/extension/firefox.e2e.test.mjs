// The wallet's core paths in Firefox ESR: onboarding, connecting a site, an allowed payment, a blocked
// one. Real Firefox, real anvil, the built firefox-mv3 extension.
import { parseEther } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startShop } from '@commonguard/shop/serve';
import { PASSWORD } from './browser.mjs';
import { ACCOUNTS, changePolicy, startChain } from './chain.mjs';
import { clickTestId, fillTestId, launchFirefoxWallet, navigateExtensionPage, nextFirefoxWindow, textOf, until } from './firefox.mjs';

let chain;
let shop;
let wallet;
let shopUrl;
let scamUrl;
let page;

beforeAll(async () => {
  chain = await startChain();
  shop = await startShop({ port: 0 });
  shopUrl = `http://localhost:${shop.port}`;
  scamUrl = `http://scam.localhost:${shop.port}`;
  await changePolicy(chain, `Block ${scamUrl}, a copy of the demo shop`, [['setOriginStatus', [scamUrl, 2, 'Copies the demo shop']]]);
  wallet = await launchFirefoxWallet();
});

afterAll(async () => {
  await wallet?.close();
  await shop?.close();
  await chain?.stop();
});

/** The value of `data-<name>` on the element with `data-testid=id`. */
const dataOf = (target, id, name) => target.evaluate(([id, name]) => document.querySelector(`[data-testid="${id}"]`)?.dataset[name] ?? null, [id, name]);

describe('Firefox: onboarding', () => {
  test('a bad key is named before the password step; the shopper key is imported and the wallet points at the test chain', async () => {
    const setup = await wallet.open('onboarding.html');
    await until(() => textOf(setup, 'import'), { what: 'the onboarding choices' });
    await clickTestId(setup, 'import');
    await fillTestId(setup, 'import-secret', ACCOUNTS.shopper.key.slice(0, 20));
    await clickTestId(setup, 'import-next');
    expect(await until(() => textOf(setup, 'error'))).toBe('A private key is 64 hex characters (optionally starting with 0x); this one has 18.');
    await fillTestId(setup, 'import-secret', ACCOUNTS.shopper.key);
    await clickTestId(setup, 'import-next');
    await until(() => textOf(setup, 'password') !== null, { what: 'the password step' });
    await fillTestId(setup, 'password', PASSWORD);
    await fillTestId(setup, 'password-repeat', PASSWORD);
    await clickTestId(setup, 'finish');
    expect(await until(() => textOf(setup, 'done'))).toContain('Your wallet is ready');
    await setup.close();

    const popup = await wallet.open('popup.html');
    const account = await until(() => popup.evaluate(() => document.querySelector('[data-testid="account"]')?.value));
    expect(account).toBe(ACCOUNTS.shopper.address);
    await clickTestId(popup, 'settings-toggle');
    await until(() => textOf(popup, 'settings-rpc') !== null);
    await fillTestId(popup, 'settings-rpc', chain.rpcUrl);
    await fillTestId(popup, 'settings-chain', '31337');
    await fillTestId(popup, 'settings-policy', chain.deployment.contracts.paymentPolicy);
    await clickTestId(popup, 'settings-save');
    expect(await until(() => textOf(popup, 'settings-saved'), { timeout: 20_000 })).toBe('Saved.');
    await popup.close();
  });
});

describe('Firefox: connect and pay', () => {
  test('the connect window says what the community knows about the site, and Connect works (no DataCloneError)', async () => {
    page = await wallet.browser.newPage();
    await page.goto(shopUrl);
    await until(() => page.evaluate(() => typeof window.ethereum?.request === 'function'), { what: 'the provider' });
    const connect = nextFirefoxWindow(wallet.browser);
    const answer = page.evaluate(() => window.ethereum.request({ method: 'eth_requestAccounts' }).catch((error) => ({ code: error.code })));
    const popup = await connect;
    expect(await until(() => dataOf(popup, 'site-status', 'status'))).toBe('unknown');
    await clickTestId(popup, 'confirm');
    expect(await answer).toEqual([ACCOUNTS.shopper.address]);
  });

  test('an allowed payment to the trusted merchant is confirmed and moves the money on chain', async () => {
    const before = await chain.publicClient.getBalance({ address: ACCOUNTS.merchant.address });
    const confirm = nextFirefoxWindow(wallet.browser);
    await page.locator('[data-testid="pay-espresso"]').click();
    const popup = await confirm;
    expect(await until(() => dataOf(popup, 'verdict-level', 'level'))).toBe('allow');
    expect(await textOf(popup, 'recipient-status')).toContain('Trusted by the community');
    await clickTestId(popup, 'confirm');
    await until(() => page.evaluate(() => document.querySelector('[data-testid="result-espresso"]')?.dataset.state === 'paid'), { timeout: 30_000, what: 'the shop to say paid' });
    expect(await chain.publicClient.getBalance({ address: ACCOUNTS.merchant.address })).toBe(before + parseEther('0.002'));
  });

  test('a payment over the maximum single payment is blocked, cannot be signed, raises a notification and is shown as blocked in the history', async () => {
    // Headless Firefox has no alert service: a notification closes as soon as it is shown, and
    // getAll stays empty. Its `onClosed` event still names it, in every extension page: listen first.
    const wallets = await wallet.open('popup.html');
    await wallets.evaluate(() => {
      window.noticeIds = [];
      const note = (id) => window.noticeIds.push(id);
      browser.notifications.onShown?.addListener(note);
      browser.notifications.onClosed.addListener(note);
    });
    const before = await chain.publicClient.getBalance({ address: ACCOUNTS.merchant.address });
    const confirm = nextFirefoxWindow(wallet.browser);
    await page.locator('[data-testid="pay-machine"]').click();
    const popup = await confirm;
    expect(await until(() => dataOf(popup, 'verdict-level', 'level'))).toBe('block');
    expect(await textOf(popup, 'blocked')).toMatch(/policy version \d+/);
    expect(await popup.evaluate(() => document.querySelectorAll('[data-testid="confirm"]').length)).toBe(0);
    await clickTestId(popup, 'reject');
    expect(await until(() => page.evaluate(() => document.querySelector('[data-testid="result-machine"]')?.textContent ?? ''), { what: 'the shop to show the refusal' })).toMatch(/Not paid: .*\(code 4001\)/);
    expect(await chain.publicClient.getBalance({ address: ACCOUNTS.merchant.address })).toBe(before);
    await until(() => wallets.evaluate(() => window.noticeIds.some((id) => id.startsWith('blocked-'))), { what: 'the blocked-payment notification' });

    await navigateExtensionPage(wallet.browser, wallets, `${wallet.base}popup.html`);
    const entries = await until(async () => {
      const texts = await wallets.evaluate(() => [...document.querySelectorAll('[data-testid="history-entry"]')].map((entry) => entry.textContent));
      return texts.some((text) => /Pay 0\.002 ETH\s*Confirmed/.test(text)) ? texts : null;
    }, { timeout: 20_000, what: 'the history to show the confirmed payment' });
    expect(entries.some((text) => /Pay 1\.5 ETH\s*Blocked by the community/.test(text))).toBe(true);
    await wallets.close();
  });

  test('on a blocked site the connect window says so', async () => {
    const scam = await wallet.browser.newPage();
    await scam.goto(scamUrl);
    await until(() => scam.evaluate(() => typeof window.ethereum?.request === 'function'), { what: 'the provider' });
    const connect = nextFirefoxWindow(wallet.browser);
    const answer = scam.evaluate(() => window.ethereum.request({ method: 'eth_requestAccounts' }).catch((error) => ({ code: error.code })));
    const popup = await connect;
    expect(await until(() => dataOf(popup, 'site-status', 'status'))).toBe('blocked');
    expect(await textOf(popup, 'site-status')).toContain('Blocked by the community');
    await clickTestId(popup, 'reject');
    expect(await answer).toEqual({ code: 4001 });
    await scam.close();
  });
});
