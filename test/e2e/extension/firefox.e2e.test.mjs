// The wallet's core paths in Firefox ESR: onboarding, connecting a site, an allowed payment, a blocked
// one, a payment session. Real Firefox, real anvil, the built firefox-mv3 extension.
import { parseEther } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startShop } from '@commonguard/shop/serve';
import { PASSWORD } from './browser.mjs';
import { ACCOUNTS, changePolicy, startChain } from './chain.mjs';
import { clickTestId, fillTestId, launchFirefoxWallet, navigateExtensionPage, nextFirefoxWindow, textOf, until } from './firefox.mjs';
import { transferAuthorisation } from '@commonguard/sdk/testing';

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
  test('the first install opens onboarding by itself', async () => {
    const opened = await until(
      async () => {
        for (const open of await wallet.browser.pages()) if (await open.evaluate(() => location.href.endsWith('/onboarding.html')).catch(() => false)) return open;
        return null;
      },
      { what: 'the onboarding tab the install opens' },
    );
    // Closed here: the tests below open pages of their own, and a tab left in front keeps theirs in the
    // background, where Firefox does not draw them (the page's fields never become ready to type in).
    await opened.close();
  });

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
    expect(await until(() => page.evaluate(() => document.querySelector('[data-testid="result-machine"]')?.textContent ?? ''), { what: 'the shop to show the refusal' })).toMatch(/^Not paid\. Your community's rules do not allow this payment\. /);
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

  test('the history exports as CSV from the popup, with the real outcomes', async () => {
    const popup = await wallet.open('popup.html');
    await until(() => textOf(popup, 'history-export'), { what: 'the export button' });
    // Headless Firefox has no download UI for BiDi to read: the file the popup hands to the browser is
    // caught where it is made (its Blob and the download link's name), then the click goes ahead as usual.
    await popup.evaluate(() => {
      const createObjectURL = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (blob) => {
        window.exported = blob.text();
        return createObjectURL(blob);
      };
      HTMLAnchorElement.prototype.click = function () {
        window.exportedName = this.download;
      };
    });
    await clickTestId(popup, 'history-export');
    const csv = await until(() => popup.evaluate(() => window.exported ?? null), { what: 'the exported file' });
    expect(await popup.evaluate(() => window.exportedName)).toMatch(/^commonguard-history-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = csv.trim().split('\r\n');
    expect(rows[0]).toBe('date,what,amount,token,token address,to,merchant,site,result,safety check,transaction,details');
    expect(rows.some((row) => row.includes(',Payment,0.002,ETH,') && row.includes(',Confirmed,'))).toBe(true);
    expect(rows.some((row) => row.includes(',Payment,1.5,ETH,') && row.includes(',Blocked by the community,'))).toBe(true);
    await popup.close();
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

describe('Firefox: a payment session', () => {
  /** Asks the page's provider; resolves to the answer or { code, message }. */
  const ask = (method, params) => page.evaluate(([method, params]) => window.ethereum.request({ method, params }).catch((error) => ({ code: error.code, message: error.message })), [method, params]);
  let nonce = 0;
  /** An EIP-3009 authorisation of 0.05 cgUSD to the shop, usable for five minutes by the chain's clock, signed through the page. */
  const authorise = async () => {
    const { timestamp } = await chain.publicClient.getBlock();
    const typed = JSON.stringify(transferAuthorisation({ token: chain.deployment.contracts.demoStablecoin, from: ACCOUNTS.shopper.address, to: ACCOUNTS.merchant.address, value: 50_000n, validBefore: timestamp + 300n, nonce: `firefox ${++nonce}` }));
    return ask('eth_signTypedData_v4', [ACCOUNTS.shopper.address, typed]);
  };
  /** The wallet windows open now. */
  const openWindows = async () => (await Promise.all((await wallet.browser.pages()).map((open) => open.evaluate(() => location.href.includes('/approval.html')).catch(() => false)))).filter(Boolean).length;

  test('a page asks for a session and the window shows it; approved, payments inside it are signed without a window; Revoke in the popup ends it', async () => {
    const opened = nextFirefoxWindow(wallet.browser);
    const granted = ask('wallet_grantPermissions', [
      {
        chainId: '0x7a69',
        expiry: Math.floor(Date.now() / 1000) + 86_400,
        permission: { type: 'erc20-token-periodic', data: { tokenAddress: chain.deployment.contracts.demoStablecoin, periodAmount: '0x1e8480', periodDuration: 86_400 } },
        rules: [{ type: 'payee', data: { address: ACCOUNTS.merchant.address } }],
      },
    ]);
    const popup = await opened;
    expect(await until(() => textOf(popup, 'session-headline'))).toMatch(/may take up to 2 cgUSD a day from your account/);
    expect(await textOf(popup, 'session-request')).toBe('This site asks for at most 2 cgUSD a day.');
    await until(() => popup.evaluate(() => document.querySelector('[data-testid="confirm"]')?.disabled === false), { what: 'the armed Allow button' });
    await clickTestId(popup, 'confirm');
    const [session] = await granted;
    expect(session.context).toMatch(/^0x[0-9a-f]{32}$/);

    // Nobody answers a window here: each signature comes back only because none was needed.
    for (let i = 0; i < 3; i++) expect(await authorise()).toMatch(/^0x[0-9a-f]{130}$/);
    expect(await openWindows()).toBe(0);

    const wallets = await wallet.open('popup.html');
    expect(await until(() => textOf(wallets, 'session-spent'), { what: 'the session in the popup' })).toBe('0.15 cgUSD of 2 cgUSD a day');
    await clickTestId(wallets, 'session-revoke');
    await until(() => wallets.evaluate(() => document.body.textContent.includes('No site may take payments without asking.')), { what: 'the session to be gone' });
    await wallets.close();

    const next = nextFirefoxWindow(wallet.browser);
    const refused = authorise();
    const confirm = await next;
    expect(await until(() => dataOf(confirm, 'verdict-level', 'level'))).toBe('allow');
    await clickTestId(confirm, 'reject');
    expect(await refused).toMatchObject({ code: 4001 });
  });
});

/** Everything in the wallet's IndexedDB (extension origin), read from one of the wallet's own pages. */
const readWalletDatabase = (extensionPage) =>
  extensionPage.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const opening = indexedDB.open('commonguard-wallet');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const database = opening.result;
          const transaction = database.transaction('items', 'readonly');
          const keys = transaction.objectStore('items').getAllKeys();
          const values = transaction.objectStore('items').getAll();
          transaction.oncomplete = () => {
            database.close();
            resolve(Object.fromEntries(keys.result.map((key, index) => [key, values.result[index]])));
          };
        };
      }),
  );

describe('Firefox: storage only the wallet can read', () => {
  // Firefox cannot close storage.local to content scripts (it has no TRUSTED_CONTEXTS for it): a
  // content script's browser.storage.local is this very area, and its indexedDB is the page's. So what
  // the wallet's own page reads below is exactly what a content script (or a compromised renderer
  // speaking as one) could read. WebDriver BiDi cannot run code in a content script's sandbox itself.
  test('after onboarding, connecting and paying, storage.local is empty and everything is in the extension origin IndexedDB, kept persistent', async () => {
    const extensionPage = await wallet.open('popup.html');
    expect(await extensionPage.evaluate(() => browser.storage.local.get(null))).toEqual({});
    const stored = await readWalletDatabase(extensionPage);
    expect(stored.vault).toMatchObject({ version: 1, kdf: { name: 'PBKDF2', iterations: 600_000 }, cipher: { name: 'AES-GCM' } });
    expect(JSON.stringify(stored.vault)).not.toContain(ACCOUNTS.shopper.key.slice(2));
    expect(stored.history.length).toBeGreaterThan(0);
    expect(Object.keys(stored.permissions)).toContain(shopUrl);
    expect(stored.settings).toMatchObject({ rpcUrl: chain.rpcUrl, chainId: 31337 });
    // unlimitedStorage makes the extension's storage persistent: never evicted to free space.
    expect(await extensionPage.evaluate(() => navigator.storage.persisted())).toBe(true);
    // The session key of an unlocked wallet is in storage.session, which Firefox gives content scripts
    // no access to unless an extension asks for it (this one never does).
    await extensionPage.close();

    // The page's own IndexedDB (the one a content script there uses) has no wallet database.
    const shopPage = await wallet.browser.newPage();
    await shopPage.goto(shopUrl);
    expect(await shopPage.evaluate(async () => (await indexedDB.databases()).map((database) => database.name))).not.toContain('commonguard-wallet');
    await shopPage.close();
  });

  test('a budget, a watched token and the explorer address set in Firefox are kept in IndexedDB and survive the extension restarting; what is planted in storage.local meanwhile never takes effect', async () => {
    let popup = await wallet.open('popup.html');
    await until(() => popup.evaluate(() => document.querySelectorAll('[data-testid="balance-row"]').length > 0), { what: 'the balances' });
    await clickTestId(popup, 'budget-add');
    await until(() => popup.evaluate(() => document.querySelector('[data-testid="budget-token"]') !== null), { what: 'the budget form' });
    await popup.select('[data-testid="budget-token"]', '0x0000000000000000000000000000000000000000');
    await fillTestId(popup, 'budget-amount', '0.01');
    await clickTestId(popup, 'budget-save');
    const sentence = 'Your weekly budget: 0.002 ETH of 0.01 ETH spent this week.';
    expect(await until(() => textOf(popup, 'budget-sentence'), { what: 'the budget' })).toBe(sentence);
    await clickTestId(popup, 'settings-toggle');
    await until(() => textOf(popup, 'settings-explorer') !== null, { what: 'the settings' });
    await fillTestId(popup, 'settings-explorer', 'https://explorer.example');
    await clickTestId(popup, 'settings-explorer-save');
    expect(await until(() => textOf(popup, 'settings-explorer-message'))).toBe('Saved.');
    await popup.close();

    // The shop asks the wallet to show the community's voting token.
    const votes = chain.deployment.contracts.communityToken;
    const shopPage = await wallet.browser.newPage();
    await shopPage.goto(shopUrl);
    await until(() => shopPage.evaluate(() => typeof window.ethereum?.request === 'function'), { what: 'the provider' });
    const asking = nextFirefoxWindow(wallet.browser);
    const answer = shopPage.evaluate((address) => window.ethereum.request({ method: 'wallet_watchAsset', params: { type: 'ERC20', options: { address } } }).catch((error) => ({ code: error.code })), votes);
    const window = await asking;
    expect(await until(() => textOf(window, 'asset-address'))).toBe(votes);
    await clickTestId(window, 'confirm');
    expect(await answer).toBe(true);
    await shopPage.close();

    const extensionPage = await wallet.open('popup.html');
    const stored = await readWalletDatabase(extensionPage);
    // Budgets and watched tokens are kept per network (chain 31337 here).
    expect(stored['budgets@31337'].budgets).toEqual([expect.objectContaining({ token: '0x0000000000000000000000000000000000000000', period: 'weekly' })]);
    expect(stored['watchedTokens@31337'].map((token) => token.address.toLowerCase())).toContain(votes.toLowerCase());
    expect(stored.preferences).toEqual({ explorerUrl: 'https://explorer.example' });
    expect(await extensionPage.evaluate(() => browser.storage.local.get(null))).toEqual({});
    // What a content script could still do in Firefox: write into storage.local (here from the wallet's
    // page, the same area). After the move the wallet never reads it again: none of this may take effect.
    await extensionPage.evaluate(() =>
      browser.storage.local.set({
        settings: { rpcUrl: 'https://attacker.example', chainId: 31337, paymentPolicy: '0x00000000000000000000000000000000000000ee', autoLockMinutes: 1440 },
        permissions: { 'https://attacker.example': { accounts: ['0x976EA74026E726554dB657fA54763abd0C3a0aa9'], grantedAt: 1 } },
        preferences: { explorerUrl: 'https://attacker.example' },
        selectedAccount: '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720',
        // A key IndexedDB does not hold (the wallet has stored all of its own by now): the kind a move
        // that kept reading storage.local would import.
        plantedKey: 'a key no version of the wallet writes',
      }),
    );
    await extensionPage.evaluate(() => setTimeout(() => browser.runtime.reload(), 0));
    await new Promise((resolve) => setTimeout(resolve, 1500));

    popup = await until(() => wallet.open('popup.html').catch(() => null), { timeout: 20_000, what: 'the extension to start again' });
    if (await until(() => popup.evaluate(() => (document.querySelector('[data-testid="unlock-password"]') ? 'locked' : document.querySelector('[data-testid="account"]') ? 'open' : null)), { what: 'the popup' }) === 'locked') {
      await fillTestId(popup, 'unlock-password', PASSWORD);
      await clickTestId(popup, 'unlock');
    }
    expect(await until(() => textOf(popup, 'budget-sentence'), { what: 'the budget after the restart' })).toBe(sentence);
    const watched = await until(() => popup.evaluate((address) => document.querySelector(`[data-testid="balance-row"][data-token="${address}"] [data-testid="balance-address"]`)?.textContent ?? null, votes), { what: 'the watched token' });
    expect(watched).toContain(votes);
    await clickTestId(popup, 'settings-toggle');
    expect(await until(() => popup.evaluate(() => document.querySelector('[data-testid="settings-explorer"]')?.value || null))).toBe('https://explorer.example');
    expect(await popup.evaluate(() => document.querySelector('[data-testid="settings-rpc"]')?.value)).toBe(chain.rpcUrl);
    expect(await popup.evaluate(() => browser.storage.local.get(null))).toEqual({});
    const after = await readWalletDatabase(popup);
    // No key came in from storage.local: the same keys as before the restart.
    expect(Object.keys(after).sort()).toEqual(Object.keys(stored).sort());
    expect(after.selectedAccount).not.toBe('0xa0Ee7A142d267C1f36714E4a8F75612F20a79720');
    expect(Object.keys(after.permissions)).not.toContain('https://attacker.example');
    expect(after.settings.rpcUrl).toBe(chain.rpcUrl);
    await popup.close();
  });

  test('a wallet an earlier version kept in storage.local is moved on the next start, losing nothing: unlock, account, history, sites, settings', async () => {
    let extensionPage = await wallet.open('popup.html');
    const live = await readWalletDatabase(extensionPage);
    const historyLength = live.history.length;
    // Put the wallet back the way earlier versions stored it (WXT items, each with its `key$` version
    // record) and empty IndexedDB, in one go, then restart the extension as an update would.
    await extensionPage.evaluate(async (entries) => {
      const legacy = {};
      // Earlier versions had no record of a move (it is this version's).
      for (const [key, value] of Object.entries(entries)) if (key !== 'movedFromStorageLocal') Object.assign(legacy, { [key]: value, [`${key}$`]: { v: 1 } });
      await browser.storage.local.set(legacy);
      await new Promise((resolve, reject) => {
        const opening = indexedDB.open('commonguard-wallet');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const transaction = opening.result.transaction('items', 'readwrite');
          transaction.objectStore('items').clear();
          transaction.oncomplete = () => resolve(opening.result.close());
        };
      });
      setTimeout(() => browser.runtime.reload(), 0);
    }, live);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    extensionPage = await until(() => wallet.open('popup.html').catch(() => null), { timeout: 20_000, what: 'the extension to start again' });
    // The move is done by the time the popup can show the wallet: the popup reads through the background.
    await until(() => extensionPage.evaluate(() => document.querySelector('[data-testid="unlock-password"]') !== null), { what: 'the unlock form (the vault was found)' });
    expect(await extensionPage.evaluate(() => browser.storage.local.get(null))).toEqual({});
    const moved = await readWalletDatabase(extensionPage);
    expect(Object.keys(moved).sort()).toEqual(Object.keys(live).sort());
    expect(moved.vault).toEqual(live.vault);
    expect(moved.settings).toEqual(live.settings);
    expect(moved.permissions).toEqual(live.permissions);
    for (const key of ['networks', 'budgets@31337', 'watchedTokens@31337', 'preferences', 'selectedAccount']) expect(moved[key]).toEqual(live[key]);

    await fillTestId(extensionPage, 'unlock-password', PASSWORD);
    await clickTestId(extensionPage, 'unlock');
    expect(await until(() => extensionPage.evaluate(() => document.querySelector('[data-testid="account"]')?.value))).toBe(ACCOUNTS.shopper.address);
    const entries = await until(async () => {
      const texts = await extensionPage.evaluate(() => [...document.querySelectorAll('[data-testid="history-entry"]')].map((entry) => entry.textContent));
      return texts.length > 0 ? texts : null;
    }, { what: 'the history' });
    expect(entries.some((text) => /Pay 0\.002 ETH\s*Confirmed/.test(text))).toBe(true);
    expect((await readWalletDatabase(extensionPage)).history.length).toBe(historyLength);
    await extensionPage.close();

    // The shop is still connected: it sees the account without a new connect window.
    const shopPage = await wallet.browser.newPage();
    await shopPage.goto(shopUrl);
    await until(() => shopPage.evaluate(() => typeof window.ethereum?.request === 'function'), { what: 'the provider' });
    expect(await until(() => shopPage.evaluate(() => window.ethereum.request({ method: 'eth_accounts' })).then((accounts) => (accounts.length > 0 ? accounts : null)))).toEqual([ACCOUNTS.shopper.address]);
    await shopPage.close();
  });
});

describe('Firefox: networks', () => {
  let second;
  beforeAll(async () => {
    second = await startChain({ chainId: 31338 });
  });
  afterAll(async () => second?.stop());

  /** Approves the network window a page's request opened, once its button is armed. */
  async function approveNetworkWindow(window, name) {
    expect(await until(() => textOf(window, 'network-name'))).toBe(name);
    await until(() => window.evaluate(() => document.querySelector('[data-testid="confirm"]')?.disabled === false), { what: 'the armed button' });
    await clickTestId(window, 'confirm');
  }

  test('a page adds chain 2 and switches to it, pays there, and switches back', async () => {
    const shopPage = await wallet.browser.newPage();
    await shopPage.goto(shopUrl);
    await until(() => shopPage.evaluate(() => typeof window.ethereum?.request === 'function'), { what: 'the provider' });
    expect(await shopPage.evaluate(() => window.ethereum.request({ method: 'eth_chainId' }))).toBe('0x7a69');
    await shopPage.evaluate(() => {
      window.chainEvents = [];
      window.ethereum.on('chainChanged', (chainId) => window.chainEvents.push(chainId));
    });
    const ask = (method, params) => shopPage.evaluate(([method, params]) => window.ethereum.request({ method, params }).catch((error) => ({ code: error.code, message: error.message })), [method, params]);

    let opened = nextFirefoxWindow(wallet.browser);
    let answer = ask('wallet_addEthereumChain', [{ chainId: '0x7a6a', chainName: 'Second chain', rpcUrls: [second.rpcUrl], nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 } }]);
    await approveNetworkWindow(await opened, 'Second chain');
    expect(await answer).toBe(null);
    expect(await until(() => shopPage.evaluate(() => (window.chainEvents.length > 0 ? window.chainEvents : null)))).toEqual(['0x7a6a']);
    expect(await ask('eth_chainId')).toBe('0x7a6a');

    const before = await second.publicClient.getBalance({ address: ACCOUNTS.merchant.address });
    opened = nextFirefoxWindow(wallet.browser);
    answer = ask('eth_sendTransaction', [{ from: ACCOUNTS.shopper.address, to: ACCOUNTS.merchant.address, value: '0x38d7ea4c68000' }]);
    const confirm = await opened;
    expect(await until(() => dataOf(confirm, 'verdict-level', 'level'))).toBe('allow');
    await until(() => confirm.evaluate(() => document.querySelector('[data-testid="confirm"]')?.disabled === false), { what: 'the armed Pay button' });
    await clickTestId(confirm, 'confirm');
    const hash = await answer;
    expect(hash).toMatch(/^0x[0-9a-f]{64}$/);
    await until(() => second.publicClient.getTransactionReceipt({ hash }).catch(() => null), { timeout: 20_000, what: 'the receipt on chain 2' });
    expect(await second.publicClient.getBalance({ address: ACCOUNTS.merchant.address })).toBe(before + parseEther('0.001'));

    opened = nextFirefoxWindow(wallet.browser);
    answer = ask('wallet_switchEthereumChain', [{ chainId: '0x7a69' }]);
    await approveNetworkWindow(await opened, 'Local chain');
    expect(await answer).toBe(null);
    expect(await ask('eth_chainId')).toBe('0x7a69');
    expect(await shopPage.evaluate(() => window.chainEvents)).toEqual(['0x7a6a', '0x7a69']);
    await shopPage.close();
  });
});
