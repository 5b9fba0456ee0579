// The wallet on two networks: a page adds and switches networks (EIP-3085, EIP-3326) through the wallet's
// windows; every connected page hears chainChanged and eth_chainId answers the new chain; balances and
// history follow the network in use; an earlier wallet's single network becomes the network list across a
// worker restart. Real Chromium, the built extension, and two real anvils (chain 31337 and chain 31338),
// each with the contracts deployed and the demo seeded.
import { startShop } from '@commonguard/shop/serve';
import { findFreePort, startAnvil } from '@commonguard/sdk/testing';
import { formatEther, parseEther } from 'viem';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { closeWalletWindows, EXTENSION_ID, launchConnectedShopper, saveScreenshot, stopServiceWorker, withWalletWindow } from './browser.mjs';
import { ACCOUNTS, startChain } from './chain.mjs';
import { press, request, toHex } from './page.mjs';

let chain;
let second;
let shop;
let wallet;
/** Two tabs of a site the shopper connected: both must hear chainChanged. */
let page;
let otherTab;
let quietTab;

const addSecond = (overrides = {}) => [
  { chainId: '0x7a6a', chainName: 'Second chain', rpcUrls: [second.rpcUrl], nativeCurrency: { name: 'Second coin', symbol: 'SEC', decimals: 18 }, blockExplorerUrls: ['https://explorer.second.example'], ...overrides },
];

/** The chainChanged events a tab heard since it loaded. */
const heard = (tab) => tab.evaluate(() => window.__chainEvents);
const listen = (tab) => tab.evaluate(() => {
  window.__chainEvents = [];
  window.ethereum.on('chainChanged', (chainId) => window.__chainEvents.push(chainId));
});

/** A popup page at the wallet popup's size. */
async function openPopup() {
  const popup = await wallet.context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
  return popup;
}

/** Asks the page for a switch and approves it in the window. */
async function switchFromPage(chainIdHex) {
  const { popup, answer } = await withWalletWindow(wallet.context, () => request(page, 'wallet_switchEthereumChain', [{ chainId: chainIdHex }]));
  await popup.getByTestId('confirm').and(popup.locator(':enabled')).waitFor();
  await press(popup, 'confirm');
  expect(await answer).toEqual({ result: null });
}

/** Pays `amount` wei to the merchant from the page, approving the window; `coin`: the symbol the window must name the amount and fee in. */
async function pay(amount, coin) {
  const { popup, answer } = await withWalletWindow(wallet.context, () => request(page, 'eth_sendTransaction', [{ from: ACCOUNTS.shopper.address, to: ACCOUNTS.merchant.address, value: toHex(amount) }]));
  await popup.getByTestId('verdict-level').waitFor();
  if (coin) {
    expect(await popup.getByTestId('amount').textContent()).toBe(`${formatEther(amount)} ${coin}`);
    await expect.poll(() => popup.getByTestId('fee').textContent()).toMatch(new RegExp(`^Network fee: at most [0-9.]+ ${coin}$`));
  }
  await popup.getByTestId('confirm').and(popup.locator(':enabled')).waitFor();
  await press(popup, 'confirm');
  const sent = await answer;
  expect(sent.result).toMatch(/^0x[0-9a-f]{64}$/);
  return sent.result;
}

beforeAll(async () => {
  [chain, second] = await Promise.all([startChain(), startChain({ chainId: 31338 })]);
  // The shopper's coin on chain 2 differs from chain 1's, so the popup's balance says which chain it shows.
  await second.publicClient.request({ method: 'anvil_setBalance', params: [ACCOUNTS.shopper.address, toHex(parseEther('777'))] });
  shop = await startShop({ port: 0 });
  let accounts;
  ({ wallet, page, accounts } = await launchConnectedShopper({ chain, shopUrl: `http://localhost:${shop.port}/` }));
  expect(accounts).toEqual([ACCOUNTS.shopper.address]);
  otherTab = await wallet.context.newPage();
  await otherTab.goto(`http://localhost:${shop.port}/`);
  // A page that asks for the chain first, as dApps do (the provider talks to the wallet from its first request).
  expect(await request(otherTab, 'eth_chainId')).toEqual({ result: '0x7a69' });
  // A tab that only listens, without a request of its own: it hears the wallet's events too.
  quietTab = await wallet.context.newPage();
  await quietTab.goto(`http://localhost:${shop.port}/`);
  await Promise.all([listen(page), listen(otherTab), listen(quietTab)]);
});

afterEach(() => closeWalletWindows(wallet?.context));

afterAll(async () => {
  await wallet?.close();
  await shop?.close();
  await Promise.all([chain?.stop(), second?.stop()]);
});

describe('networks', () => {
  test('a chain the wallet does not know answers 4902, so the page can ask to add it', async () => {
    expect((await request(page, 'wallet_switchEthereumChain', [{ chainId: '0x7a6a' }])).error.code).toBe(4902);
  });

  test('an RPC that answers another chain id is refused in words, before any window', async () => {
    let opened = false;
    const watch = (tab) => void (tab.url().startsWith(`chrome-extension://${EXTENSION_ID}/approval.html`) && (opened = true));
    wallet.context.on('page', watch);
    try {
      const answer = await request(page, 'wallet_addEthereumChain', addSecond({ chainId: '0x64', chainName: 'Gnosis' }));
      expect(answer.error.code).toBe(-32602);
      expect(answer.error.message).toContain('is on chain 31338 (0x7a6a), not chain 100 (0x64) as claimed. Nothing was saved.');
      expect(opened).toBe(false);
    } finally {
      wallet.context.off('page', watch);
    }
  });

  test('an RPC that does not answer gets a clear error', async () => {
    const answer = await request(page, 'wallet_addEthereumChain', addSecond({ rpcUrls: [`http://127.0.0.1:${await findFreePort()}`] }));
    expect(answer.error.code).toBe(-32602);
    expect(answer.error.message).toMatch(/does not answer \(.+\)\. Check the URL, or try again when the node is up\.$/);
  });

  test('a network without the community\'s contracts: the window says no community rules apply; Cancel answers 4001 and nothing changes', async () => {
    const bare = await startAnvil({ chainId: 31339 });
    try {
      const { popup, answer } = await withWalletWindow(wallet.context, () => request(page, 'wallet_addEthereumChain', addSecond({ chainId: '0x7a6b', chainName: 'Bare chain', rpcUrls: [bare.rpcUrl] })));
      await expect.poll(() => popup.getByTestId('network-guard').getAttribute('data-guarded')).toBe('false');
      expect(await popup.getByTestId('network-guard').textContent()).toContain('No community rules apply on this network.');
      await press(popup, 'reject');
      expect((await answer).error.code).toBe(4001);
      expect(await request(page, 'eth_chainId')).toEqual({ result: '0x7a69' });
      expect((await request(page, 'wallet_switchEthereumChain', [{ chainId: '0x7a6b' }])).error.code).toBe(4902);
    } finally {
      await bare.stop();
    }
  });

  test('a page adds chain 2 through a window that names the site, the network and its RPC host; approving switches, every tab hears chainChanged, eth_chainId answers 0x7a6a', async () => {
    const { popup, answer } = await withWalletWindow(wallet.context, () => request(page, 'wallet_addEthereumChain', addSecond()));
    await popup.setViewportSize({ width: 420, height: 600 });
    await expect.poll(() => popup.getByTestId('network-name').textContent()).toBe('Second chain');
    expect(await popup.getByRole('heading').first().textContent()).toBe('Add a network and switch to it?');
    expect(await popup.locator('main').textContent()).toContain(`localhost:${shop.port} asks the wallet to add this network`);
    expect(await popup.getByTestId('network-chain-id').textContent()).toBe('31338');
    expect(await popup.getByTestId('network-rpc-host').textContent()).toBe(new URL(second.rpcUrl).host);
    // The demo community's contracts are deployed on chain 2 too, at the same addresses, but the shopper
    // joined it on chain 1: a joined community guards its own network only, so none guards chain 2.
    expect(await popup.getByTestId('network-guard').getAttribute('data-guarded')).toBe('false');
    expect(await popup.getByTestId('network-guard').textContent()).toContain('No community rules apply on this network.');
    // Armed as every other window: not clickable at once.
    expect(await popup.getByTestId('confirm').isDisabled()).toBe(true);
    await popup.getByTestId('confirm').and(popup.locator(':enabled')).waitFor();
    await saveScreenshot(popup, 'add-network-window');
    await press(popup, 'confirm');
    expect(await answer).toEqual({ result: null });
    await expect.poll(() => heard(page)).toEqual(['0x7a6a']);
    await expect.poll(() => heard(otherTab)).toEqual(['0x7a6a']);
    await expect.poll(() => heard(quietTab)).toEqual(['0x7a6a']);
    expect(await request(page, 'eth_chainId')).toEqual({ result: '0x7a6a' });
    expect(await request(otherTab, 'net_version')).toEqual({ result: '31338' });
    // Reads go to chain 2's node now.
    expect(await request(page, 'eth_getBalance', [ACCOUNTS.shopper.address, 'latest'])).toEqual({ result: toHex(parseEther('777')) });
  });

  test('balances and history follow the network: a payment on chain 2 is in chain 2\'s history only; switching back works', async () => {
    const hash = await pay(parseEther('0.001'), 'SEC');
    await expect.poll(async () => (await second.publicClient.getTransactionReceipt({ hash }).catch(() => null))?.status).toBe('success');
    let popup = await openPopup();
    await expect.poll(() => popup.getByTestId('network-picker').inputValue()).toBe('31338');
    await expect.poll(async () => (await popup.locator('[data-testid="balance-row"][data-token="0x0000000000000000000000000000000000000000"] [data-testid="balance"]').textContent())?.startsWith('776.99')).toBe(true);
    // Chain 2's own coin, as the network was added: not ETH.
    expect(await popup.locator('[data-testid="balance-row"][data-token="0x0000000000000000000000000000000000000000"] [data-testid="balance"]').getAttribute('title')).toMatch(/^776\.99\d* SEC$/);
    await expect.poll(() => popup.getByTestId('history-entry').count()).toBe(1);
    // Its link goes to chain 2's own explorer, as the network was added.
    expect(await popup.getByTestId('history-entry').getByTestId('history-explorer').getAttribute('href')).toBe(`https://explorer.second.example/tx/${hash}`);
    await popup.close();

    await switchFromPage('0x7a69');
    await expect.poll(() => heard(page)).toEqual(['0x7a6a', '0x7a69']);
    expect(await request(page, 'eth_chainId')).toEqual({ result: '0x7a69' });
    popup = await openPopup();
    await expect.poll(() => popup.getByTestId('network-picker').inputValue()).toBe('31337');
    await popup.getByTestId('balance-row').first().waitFor();
    const chainOneBalance = await chain.publicClient.getBalance({ address: ACCOUNTS.shopper.address });
    expect(await popup.locator('[data-testid="balance-row"][data-token="0x0000000000000000000000000000000000000000"] [data-testid="balance"]').getAttribute('title')).toBe(`${formatEther(chainOneBalance)} ETH`);
    // Chain 1's history does not hold the payment made on chain 2.
    expect(await popup.getByTestId('history-entry').count()).toBe(0);
    await popup.close();

    // And to chain 2 again, where its payment is still listed.
    await switchFromPage('0x7a6a');
    popup = await openPopup();
    await expect.poll(() => popup.getByTestId('history-entry').count()).toBe(1);
    await popup.close();
  });

  test("Settings lists the networks, names the one in use and refuses to remove it; the popup's picker switches and pages hear it", async () => {
    const popup = await openPopup();
    await popup.getByTestId('settings-toggle').click();
    await expect.poll(() => popup.getByTestId('network-entry').count()).toBe(2);
    const secondEntry = popup.locator('[data-testid="network-entry"][data-chain-id="31338"]');
    expect(await secondEntry.textContent()).toContain('In use');
    // The network in use offers no Use button; removing it is refused in words.
    expect(await secondEntry.getByTestId('network-use').count()).toBe(0);
    await secondEntry.getByTestId('network-remove').click();
    await expect.poll(() => popup.getByTestId('network-error').textContent()).toBe('"Second chain" is in use. Switch to another network before removing it.');
    await popup.getByTestId('network-list').scrollIntoViewIfNeeded();
    await saveScreenshot(popup, 'settings-network-list', { width: 400, height: 600 });
    // The picker at the top of the popup.
    await popup.getByTestId('network-picker').selectOption('31337');
    await expect.poll(() => heard(page)).toEqual(['0x7a6a', '0x7a69', '0x7a6a', '0x7a69']);
    await popup.close();
  });

  test('Settings adds a network only after its RPC answers the chain id given, and says what is wrong in words', async () => {
    const popup = await openPopup();
    await popup.getByTestId('settings-toggle').click();
    await popup.getByTestId('network-add').click();
    await popup.getByTestId('network-form-name').fill('Typo chain');
    await popup.getByTestId('network-form-rpc').fill(second.rpcUrl);
    await popup.getByTestId('network-form-chain').fill('5');
    await popup.getByTestId('network-form-save').click();
    await expect.poll(() => popup.getByTestId('network-form-error').first().textContent()).toContain('is on chain 31338 (0x7a6a), not chain 5 (0x5) as claimed. Nothing was saved.');
    await popup.getByTestId('network-form-chain').fill('31338');
    await popup.getByTestId('network-form-save').click();
    await expect.poll(() => popup.getByTestId('network-form-error').first().textContent()).toBe('Chain 31338 is already in the list as "Second chain".');
    await popup.close();
  });
});

describe('upgrade', () => {
  test("an earlier wallet's single network and its watched tokens become the network list at the next start, and the popup shows them", async () => {
    // Write storage as an earlier version left it: one network in Settings (chain 2), watched tokens kept once, no list.
    const popup = await openPopup();
    await popup.evaluate(async ([rpcUrl, token]) => {
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.remove(['networks', 'watchedTokens@31337', 'watchedTokens@31338', 'budgets@31337', 'budgets@31338']);
      await chrome.storage.local.set({
        settings: { ...settings, rpcUrl, chainId: 31338 },
        watchedTokens: [{ address: token, symbol: 'cgUSD', decimals: 6, addedAt: 1 }],
      });
    }, [second.rpcUrl, second.deployment.contracts.demoStablecoin]);
    await stopServiceWorker(wallet, popup);
    await popup.reload();
    await expect.poll(() => popup.getByTestId('network-picker').inputValue()).toBe('31338');
    const stored = await popup.evaluate(() => chrome.storage.local.get(null));
    expect(stored.networks).toMatchObject({ activeChainId: 31338, networks: [{ chainId: 31338, name: 'Chain 31338', rpcUrl: second.rpcUrl }, { chainId: 31337, name: 'Local chain' }] });
    expect(stored['watchedTokens@31338']).toEqual([{ address: second.deployment.contracts.demoStablecoin, symbol: 'cgUSD', decimals: 6, addedAt: 1 }]);
    expect(stored.watchedTokens).toBeUndefined();
    // Pages are told the chain of the network in use.
    expect(await request(page, 'eth_chainId')).toEqual({ result: '0x7a6a' });
    await popup.close();
  });
});
