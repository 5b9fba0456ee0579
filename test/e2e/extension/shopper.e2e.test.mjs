// What a shopper meets in the wallet, screen by screen: the first install, an empty wallet, importing a
// key, a locked wallet, the windows' decisions at their real size, and the private backtest's consent.
// Real Chromium with the built extension, a real anvil with the real contracts and the demo seed.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemo } from '@commonguard/scripts';
import { deployContracts, startAnvil } from '@commonguard/sdk/testing';
import { startShop } from '@commonguard/shop/serve';
import { encodeFunctionData, erc20Abi, parseUnits } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { closeWalletWindows, launchWallet, nextWalletWindow, PASSWORD, setUpWallet, withWalletWindow } from './browser.mjs';
import { ACCOUNTS, startChain } from './chain.mjs';
import { press, request, toHex } from './page.mjs';

let chain;
let shop;
let wallet;
let shopUrl;
let page;
/** The onboarding tab the browser showed by itself after the install, if any. */
let onboardingAtInstall;
/** A key anvil never funded: the wallet's first account starts empty. */
const EMPTY_KEY = generatePrivateKey();
const EMPTY = privateKeyToAccount(EMPTY_KEY);

/** Screenshots for a person to look at, when asked for (COMMONGUARD_SCREENSHOTS=<folder>). */
async function snap(target, name) {
  const folder = process.env.COMMONGUARD_SCREENSHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  await target.screenshot({ path: join(folder, `${name}.png`), fullPage: false });
}

beforeAll(async () => {
  chain = await startChain();
  shop = await startShop({ port: 0 });
  shopUrl = `http://localhost:${shop.port}`;
  wallet = await launchWallet();
  // Looked for before anything else opens a page: the install itself should have opened it.
  const isOnboarding = (opened) => opened.url() === wallet.url('onboarding.html');
  for (const until = Date.now() + 10_000; !onboardingAtInstall && Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 100)))
    onboardingAtInstall = wallet.context.pages().find(isOnboarding) ?? null;
  const setup = await setUpWallet(wallet, { privateKey: EMPTY_KEY, rpcUrl: chain.rpcUrl, chainId: 31337, paymentPolicy: chain.deployment.contracts.paymentPolicy });
  await setup.close();
  page = await wallet.context.newPage();
  await page.goto(shopUrl);
});

// A failed test must not leave its window open: the site could not ask again (-32002) in the next test.
afterEach(() => closeWalletWindows(wallet?.context));

afterAll(async () => {
  await wallet?.close();
  await shop?.close();
  await chain?.stop();
});

async function openPopup() {
  const popup = await wallet.context.newPage();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.goto(wallet.url('popup.html'));
  return popup;
}

/** Starts a request in the page and returns the wallet window it opens, plus the pending answer. */
const withWindow = (start) => withWalletWindow(wallet.context, start);

/** Whether `locator` lies wholly inside the window's visible area, without scrolling. */
async function inView(popup, locator) {
  const box = await locator.boundingBox();
  const height = await popup.evaluate(() => window.innerHeight);
  return box !== null && box.y >= 0 && box.y + box.height <= height;
}

describe('a new wallet', () => {
  test('the first install opens onboarding by itself', async () => {
    expect(onboardingAtInstall).not.toBeNull();
  });

  test('with no funds, the popup shows how to receive: the full address, a copy button and a QR code', async () => {
    const popup = await openPopup();
    await expect.poll(() => popup.getByTestId('account').inputValue()).toBe(EMPTY.address);
    const receive = popup.getByTestId('receive');
    await receive.waitFor();
    expect(await receive.getByTestId('receive-address').textContent()).toBe(EMPTY.address);
    expect(await receive.getByTestId('receive-qr').locator('svg').count()).toBe(1);
    await snap(popup, 'popup-receive-empty');
    // What the button writes (the browser's clipboard cannot be read back from a test here: its
    // permissions cannot be granted to an extension's origin, so the write is watched instead).
    await popup.evaluate(() => {
      navigator.clipboard.writeText = async (text) => void (window.__copied = text);
    });
    await receive.getByTestId('receive-copy').click();
    await receive.getByTestId('receive-copied').waitFor();
    expect(await popup.evaluate(() => window.__copied)).toBe(EMPTY.address);
    await popup.close();
  });

  test('importing a key switches to its account, with its balances', async () => {
    const popup = await openPopup();
    await popup.getByTestId('settings-toggle').click();
    await popup.getByTestId('import-key-toggle').click();
    await popup.getByTestId('import-key').fill(ACCOUNTS.shopper.key);
    await popup.getByTestId('import-key-save').click();
    await expect.poll(() => popup.getByTestId('account').inputValue()).toBe(ACCOUNTS.shopper.address);
    const eth = popup.locator('[data-testid="balance-row"][data-token="0x0000000000000000000000000000000000000000"]').getByTestId('balance');
    await expect.poll(() => eth.textContent()).not.toBe('0');
    // A funded account needs no Receive view in the way (the button still offers it).
    expect(await popup.getByTestId('receive').count()).toBe(0);
    await popup.close();
  });
});

describe('windows that show what matters', () => {
  test('connecting the shop; a blocked payment says its rule once, and the shop shows the refusal as a sentence', async () => {
    const connect = nextWalletWindow(wallet.context);
    await page.getByTestId('pay-machine').click();
    const connectWindow = await connect;
    await press(connectWindow, 'confirm');
    const popup = await nextWalletWindow(wallet.context);
    await expect.poll(() => popup.getByTestId('verdict-level').getAttribute('data-level')).toBe('block');
    const rule = (await popup.getByTestId('blocked').getByTestId('reason').textContent()).trim();
    expect(rule).toMatch(/more than the community's maximum single payment/);
    const text = await popup.evaluate(() => document.body.innerText);
    expect(text.split(rule).length - 1, text).toBe(1);
    await snap(popup, 'window-blocked');
    await press(popup, 'reject');
    const result = page.getByTestId('result-machine');
    await expect.poll(() => result.getAttribute('data-code')).toBe('4001');
    expect(await result.textContent()).toBe(`Not paid. Your community's rules do not allow this payment. ${rule}`);
  });

  test('a warning puts its reason first, the gauge agrees with it, and the box and the buttons are visible at the window’s real size', async () => {
    // An approval to a plain account: a danger signal, so a warning (the window is long: effects, fee, gauge, reasons).
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [ACCOUNTS.spare.address, parseUnits('3', 6)] });
    const { popup, answer } = await withWindow(() => request(page, 'eth_sendTransaction', [{ from: ACCOUNTS.shopper.address, to: chain.deployment.contracts.demoStablecoin, data }]));
    await expect.poll(() => popup.getByTestId('verdict-level').getAttribute('data-level')).toBe('warn');
    // The window as the wallet opens it (420 wide); its height is what the browser gives it.
    expect(await popup.evaluate(() => window.innerWidth)).toBeLessThanOrEqual(420);
    const headline = popup.getByTestId('headline');
    expect(await headline.getByTestId('reason').getAttribute('data-rule')).toBe('approvalToAccount');
    expect(await headline.textContent()).toContain('a plain account and not a contract');
    expect(await popup.getByTestId('gauge').getAttribute('data-band')).toBe('warn');
    for (const height of [await popup.evaluate(() => window.innerHeight), 600]) {
      await popup.setViewportSize({ width: 420, height });
      expect(await inView(popup, popup.getByTestId('acknowledge')), `acknowledgement at 420×${height}`).toBe(true);
      expect(await inView(popup, popup.getByTestId('confirm')), `button at 420×${height}`).toBe(true);
      expect(await inView(popup, headline), `headline at 420×${height}`).toBe(true);
    }
    await snap(popup, 'window-warning-420x600');
    await press(popup, 'reject');
    expect((await answer).error.code).toBe(4001);
  });

  test('a warning from a concern, with a low score, shows an amber gauge, not a green 0', async () => {
    const message = createSiweMessage({ domain: 'other.example', address: ACCOUNTS.shopper.address, uri: 'https://other.example', version: '1', chainId: 31337, nonce: 'abcdefgh12' });
    const { popup, answer } = await withWindow(() => request(page, 'personal_sign', [toHex(BigInt(`0x${Buffer.from(message).toString('hex')}`)), ACCOUNTS.shopper.address]));
    await expect.poll(() => popup.getByTestId('verdict-level').getAttribute('data-level')).toBe('warn');
    const score = Number(await popup.getByTestId('score').textContent());
    expect(score).toBeLessThan(40);
    expect(await popup.getByTestId('gauge').getAttribute('data-band')).toBe('warn');
    expect(await popup.getByTestId('headline').getByTestId('reason').getAttribute('data-rule')).toBe('signInMismatch');
    await snap(popup, 'window-warning-concern');
    await press(popup, 'reject');
    expect((await answer).error.code).toBe(4001);
  });

  test('"Add token" cannot be pressed the moment the window opens', async () => {
    const votes = chain.deployment.contracts.communityToken;
    const { popup, answer } = await withWindow(() => request(page, 'wallet_watchAsset', { type: 'ERC20', options: { address: votes } }));
    const opened = Date.now();
    await popup.getByTestId('asset-address').waitFor();
    expect(await popup.getByTestId('confirm').isDisabled()).toBe(true);
    // Like Connect, Sign and Pay: only once the window has been visible and focused for a moment (1 s).
    await expect.poll(() => popup.getByTestId('confirm').isEnabled()).toBe(true);
    expect(Date.now() - opened).toBeGreaterThanOrEqual(900);
    await press(popup, 'confirm');
    expect(await answer).toEqual({ result: true });
  });
});

describe('the private backtest', () => {
  const ETH = '0x0000000000000000000000000000000000000000';
  const params = (last) => [
    {
      policy: { warnAt: 40, blockAt: 80, unlimitedApprovalsAllowed: false, tokenLimits: [{ token: ETH, maxSinglePayment: toHex(10n ** 15n), dailyCap: '0x0', maxFirstPayment: '0x0' }] },
      merchants: [{ address: ACCOUNTS.merchant.address, status: 'trusted', note: 'Corner Coffee' }],
      origins: [{ origin: shopUrl, status: 'trusted' }],
      last,
    },
  ];

  test('with too few payments the window says it will not share, offers only Close, and the page hears a plain 4001', async () => {
    const { popup, answer } = await withWindow(() => request(page, 'commonguard_backtestPolicy', params(10)));
    await popup.getByTestId('backtest-refused').waitFor();
    expect(await popup.getByTestId('confirm').count()).toBe(0);
    expect(await popup.getByTestId('backtest-counts').count()).toBe(0);
    await snap(popup, 'window-backtest-refused');
    await press(popup, 'reject');
    expect(await answer).toEqual({ error: { code: 4001, message: 'The member chose not to share the totals.' } });
  });

  test('five payments later: the consent names every address and site, speaks in tokens, and "Share the totals" arms like Pay', async () => {
    for (let i = 0; i < 5; i++) {
      const confirm = nextWalletWindow(wallet.context);
      await page.getByTestId('pay-espresso').click();
      const popup = await confirm;
      await expect.poll(() => popup.getByTestId('verdict-level').getAttribute('data-level')).toBe('allow');
      await press(popup, 'confirm');
      await expect.poll(() => page.getByTestId('result-espresso').getAttribute('data-state'), { timeout: 20_000 }).toBe('paid');
    }
    // The wallet records a payment on its own time after the page has its hash: wait until all five are in its history.
    const wallets = await openPopup();
    await expect.poll(() => wallets.locator('[data-testid="history-entry"]', { hasText: 'Pay 0.002 ETH' }).count(), { timeout: 20_000 }).toBe(5);
    await wallets.close();
    const { popup, answer } = await withWindow(() => request(page, 'commonguard_backtestPolicy', params(10)));
    const opened = Date.now();
    const counts = popup.getByTestId('backtest-counts');
    await popup.locator('[data-testid="backtest-counts"], [data-testid="backtest-refused"]').first().waitFor();
    expect(await popup.getByTestId('backtest-refused').count(), await popup.locator('main').innerText()).toBe(0);
    expect(await popup.getByTestId('confirm').isDisabled()).toBe(true);
    expect((await counts.textContent()).replace(/\s+/g, ' ').trim()).toBe('0 of your last 5 payments would have been warned, 5 blocked.');
    const rules = await popup.getByTestId('backtest-rules').textContent();
    expect(rules).toContain('ETH: at most 0.001 ETH per payment, no limit per day, no limit for a first payment');
    expect(rules).not.toMatch(/units|0x0000/);
    const named = await popup.getByTestId('backtest-addresses').textContent();
    expect(named).toContain(`${ACCOUNTS.merchant.address} — trusted (“Corner Coffee”)`);
    expect(named).toContain(`${shopUrl} — trusted`);
    expect(await popup.getByTestId('backtest-result').textContent()).toContain('ETH: 0 ETH warned, 0.01 ETH blocked');
    await snap(popup, 'window-backtest-consent');
    await expect.poll(() => popup.getByTestId('confirm').isEnabled()).toBe(true);
    expect(Date.now() - opened).toBeGreaterThanOrEqual(900);
    await press(popup, 'confirm');
    expect(await answer).toEqual({ result: { payments: 5, warned: 0, blocked: 5, amounts: [{ token: ETH, warned: '0x0', blocked: toHex(10n ** 16n) }] } });
  });
});

describe('a locked wallet', () => {
  /** Asks the background for a wallet task the way the wallet's pages do. */
  const ask = (popup, action, input = null) => popup.evaluate(([action, input]) => chrome.runtime.sendMessage({ channel: 'commonguard-ui', action, input }), [action, input]);

  test('shows only the unlock form and the network, and the background refuses what it keeps until unlocked', async () => {
    const popup = await openPopup();
    await popup.getByTestId('history-entry').first().waitFor();
    await popup.getByTestId('lock').click();
    await popup.getByTestId('unlock-password').waitFor();
    await popup.reload();
    await popup.getByTestId('unlock-password').waitFor();
    expect(await popup.getByTestId('locked-network').textContent()).toBe('Network: chain 31337');
    for (const hidden of ['history-entry', 'history-export', 'site', 'settings-toggle', 'policy', 'account', 'receive'])
      expect(await popup.getByTestId(hidden).count(), hidden).toBe(0);
    await snap(popup, 'popup-locked');

    // Asked directly, as any wallet page could: nothing the wallet keeps comes back, and nothing changes.
    const state = await ask(popup, 'getState');
    expect(state.ok).toBe(true);
    expect(state.output).toMatchObject({ status: 'locked', accounts: [], history: [], sites: [], settings: { rpcUrl: '', paymentPolicy: null, chainId: 31337 } });
    const locked = { ok: false, error: 'The wallet is locked. Unlock it first.' };
    expect(await ask(popup, 'exportHistory')).toEqual(locked);
    expect(await ask(popup, 'getOverview')).toEqual(locked);
    expect(await ask(popup, 'revokeSite', { origin: shopUrl })).toEqual(locked);
    expect(await ask(popup, 'saveSettings', { rpcUrl: 'http://127.0.0.1:1', chainId: 31337, paymentPolicy: '', autoLockMinutes: 15 })).toEqual(locked);
    expect(await ask(popup, 'savePreferences', { explorerUrl: 'https://elsewhere.example' })).toEqual(locked);

    await popup.getByTestId('unlock-password').fill(PASSWORD);
    await popup.getByTestId('unlock').click();
    await popup.getByTestId('lock').waitFor();
    // Nothing changed while locked: the site is still connected, the settings are the same.
    expect(await request(page, 'eth_accounts')).toEqual({ result: [ACCOUNTS.shopper.address] });
    expect((await ask(popup, 'getState')).output.settings.rpcUrl).toBe(chain.rpcUrl);
    await popup.close();
  });
});

describe('a local chain wiped and started again', () => {
  /**
   * The history as the wallet stored it (every chain's), read from its own storage in a wallet page: the
   * whole history and the newest entries kept apart (`historyRecent.<slot>`) until they are folded in,
   * each entry once.
   */
  const storedHistory = (popup) =>
    popup.evaluate(async () => {
      const local = await chrome.storage.local.get(null);
      const all = Object.keys(local).length > 0
        ? local
        : await new Promise((resolve, reject) => {
            const open = indexedDB.open('commonguard-wallet');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const items = open.result.transaction('items').objectStore('items');
              const keys = items.getAllKeys();
              const values = items.getAll();
              values.onsuccess = () => resolve(Object.fromEntries(keys.result.map((key, index) => [key, values.result[index]])));
              values.onerror = () => reject(values.error);
            };
          });
      const whole = all.history ?? [];
      const known = new Set(whole.map((entry) => entry.id));
      const apart = Object.entries(all).filter(([key, entry]) => key.startsWith('historyRecent.') && entry && !known.has(entry.id)).map(([, entry]) => entry);
      return [...apart, ...whole];
    });

  test('starts with a clean history and spending; the first chain\'s entries stay stored', async () => {
    const popup = await openPopup();
    const ethToday = popup.locator('[data-testid="limit"][data-token="0x0000000000000000000000000000000000000000"]');
    await expect.poll(() => ethToday.textContent()).toContain('You spent 0.01 ETH in the last 24 hours');
    await popup.getByTestId('history-entry').first().waitFor();
    const shown = await popup.getByTestId('history-entry').count();
    const before = await storedHistory(popup);
    expect(before.length).toBeGreaterThanOrEqual(shown);
    await popup.close();

    // The dev stack started again: the same port and chain id, a new chain (new genesis), deployed and seeded anew.
    const port = chain.port;
    await chain.stop();
    const anvil = await startAnvil({ port });
    chain = { ...chain, stop: anvil.stop };
    await seedDemo({ rpcUrl: anvil.rpcUrl, deployment: await deployContracts({ rpcUrl: anvil.rpcUrl }) });

    const after = await openPopup();
    const today = after.locator('[data-testid="limit"][data-token="0x0000000000000000000000000000000000000000"]');
    await expect.poll(() => today.textContent(), { timeout: 20_000 }).toContain('You spent 0 ETH in the last 24 hours');
    expect(await after.getByTestId('history-entry').count()).toBe(0);
    if (process.env.COMMONGUARD_SCREENSHOTS) await snap(after, 'popup-after-wipe');
    // Nothing was lost: the first chain's entries are still stored, under its own genesis.
    const stored = await storedHistory(after);
    expect(stored.length).toBe(before.length);
    expect(new Set(stored.map((entry) => entry.chain?.genesis)).size).toBe(1);
    await after.close();
  });
});
