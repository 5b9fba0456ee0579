// The shopper's communities: joined from a community's page (wallet_joinCommunity) or by pasting its
// link in Settings, read from the chain (a community created after the wallet was built, through the
// real CommunityFactory), two communities guarding one network (the stricter rule wins, and the window
// names whose rule decided), leaving, an earlier wallet's single policy moved across a restart, and a
// community on each of two networks (each network judged by its own communities' rules).
// Real Chromium with the built extension, real anvils with the real contracts and the demo seed.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { communityFactoryAbi, communityGovernorAbi, treasuryAbi } from '@commonguard/sdk';
import { startShop } from '@commonguard/shop/serve';
import { encodeFunctionData, parseEther, zeroAddress } from 'viem';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createCommunity, deployFactory } from '../../../sdk/test/factory.ts';
import { closeWalletWindows, launchConnectedShopper, launchWallet, setUpShopper, stopServiceWorker, withWalletWindow } from './browser.mjs';
import { ACCOUNTS, startChain } from './chain.mjs';
import { press, request, toHex } from './page.mjs';

let chain;
let shop;
let wallet;
let shopUrl;
let page;
/** The second community, created through the factory after the wallet was built. */
let riverside;

/** Screenshots for a person to look at, when asked for (COMMONGUARD_SCREENSHOTS=<folder>). */
async function snap(target, name) {
  const folder = process.env.COMMONGUARD_SCREENSHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  await target.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}

/** Creates "Riverside Food Co-op" through the factory: stricter ETH limits than the demo's, and the test page's site trusted. */
async function createRiverside(rpcUrl, factory, site) {
  const governor = await createCommunity(rpcUrl, {
    factory,
    name: 'Riverside Food Co-op',
    holders: [ACCOUNTS.shopper.address],
    rules: {
      tokenLimits: [{ token: zeroAddress, maxSinglePayment: parseEther('0.05'), dailyCap: parseEther('0.1'), maxFirstPayment: parseEther('0.05') }],
      origins: [{ name: site, status: 1, note: 'Riverside’s own app' }],
    },
  });
  return chain.publicClient.readContract({ address: factory, abi: communityFactoryAbi, functionName: 'communityOf', args: [governor] });
}

const ask = (target, action, input = null) => target.evaluate(([action, input]) => chrome.runtime.sendMessage({ channel: 'commonguard-ui', action, input }), [action, input]);

async function openPopup() {
  const popup = await wallet.context.newPage();
  await popup.setViewportSize({ width: 420, height: 600 });
  await popup.goto(wallet.url('popup.html'));
  return popup;
}

/** Starts a payment of `amount` wei to the demo merchant; returns the window, loaded, and the page's answer. */
async function payWindow(amount) {
  const { popup, answer } = await withWalletWindow(wallet.context, () => request(page, 'eth_sendTransaction', [{ from: ACCOUNTS.shopper.address, to: ACCOUNTS.merchant.address, value: toHex(amount) }]));
  await popup.getByTestId('verdict-level').waitFor();
  return { popup, answer };
}

beforeAll(async () => {
  chain = await startChain();
  shop = await startShop({ port: 0 });
  shopUrl = `http://localhost:${shop.port}`;
  const factory = await deployFactory(chain.rpcUrl);
  riverside = await createRiverside(chain.rpcUrl, factory, shopUrl);
  wallet = await launchWallet();
  await setUpShopper(wallet, chain);
  page = await wallet.context.newPage();
  await page.goto(shopUrl);
  const { popup, answer } = await withWalletWindow(wallet.context, () => request(page, 'eth_requestAccounts'));
  await press(popup, 'confirm');
  expect((await answer).result).toEqual([ACCOUNTS.shopper.address]);
}, 240_000);

afterEach(() => closeWalletWindows(wallet?.context));

afterAll(async () => {
  await wallet?.close();
  await shop?.close();
  await chain?.stop();
});

describe('joining a community from its page (wallet_joinCommunity)', () => {
  test('bad parameters get -32602 in words; an address that is no community gets a clear error; a page that is not connected gets 4100', async () => {
    expect(await request(page, 'wallet_joinCommunity', [{ chainId: 31337, governor: riverside.governor }])).toEqual({ error: { code: -32602, message: expect.stringContaining('"chainId" must be the chain id in hexadecimal') } });
    expect(await request(page, 'wallet_joinCommunity', [{ chainId: '0x7a69' }])).toEqual({ error: { code: -32602, message: expect.stringContaining('"governor" must be the address') } });
    const notCommunity = await request(page, 'wallet_joinCommunity', [{ chainId: '0x7a69', governor: chain.deployment.contracts.paymentPolicy }]);
    expect(notCommunity.error.code).toBe(-32602);
    expect(notCommunity.error.message).toContain('is not a CommonGuard community');
    expect(await request(page, 'wallet_joinCommunity', [{ chainId: '0x1', governor: riverside.governor }])).toEqual({ error: { code: 4902, message: expect.stringContaining('not set up for chain 1') } });
    const stranger = await wallet.context.newPage();
    await stranger.goto(`http://127.0.0.1:${shop.port}`);
    expect((await request(stranger, 'wallet_joinCommunity', [{ chainId: '0x7a69', governor: riverside.governor }])).error.code).toBe(4100);
    await stranger.close();
  });

  test('the window names the community, its network, its policy version and its rules; "Not now" answers 4001 and joins nothing', async () => {
    const { popup, answer } = await withWalletWindow(wallet.context, () => request(page, 'wallet_joinCommunity', [{ chainId: '0x7a69', governor: riverside.governor }]));
    await popup.setViewportSize({ width: 420, height: 600 });
    await popup.getByTestId('community-name').waitFor();
    expect(await popup.getByTestId('community-name').textContent()).toBe('Riverside Food Co-op');
    expect(await popup.getByTestId('community-network').textContent()).toBe('the local chain (31337)');
    expect(await popup.getByTestId('community-version').textContent()).toMatch(/^policy version \d+$/);
    expect(await popup.getByTestId('community-limit').allTextContents()).toEqual(['ETH: at most 0.05 ETH in one payment, 0.1 ETH in 24 hours, 0.05 ETH for a first payment to someone new.']);
    expect(await popup.getByTestId('community-site').allTextContents()).toEqual([`Trusted: ${shopUrl} — Riverside’s own app`]);
    expect(await popup.getByTestId('community-meaning').textContent()).toContain('You are already in CommonGuard demo community on this network: where the rules differ, the stricter one counts.');
    await snap(popup, 'join-window');
    await press(popup, 'reject');
    expect((await answer).error.code).toBe(4001);
    const wallets = await openPopup();
    const state = await ask(wallets, 'getState');
    await wallets.close();
    expect(state.output.communities.map((community) => community.name)).toEqual(['CommonGuard demo community']);
  });

  test('Join (armed) stores it: the wallet now checks payments here with both communities’ rules, the stricter one deciding, named in the window', async () => {
    const { popup, answer } = await withWalletWindow(wallet.context, () => request(page, 'wallet_joinCommunity', [{ chainId: '0x7a69', governor: riverside.governor }]));
    await popup.getByTestId('confirm').and(popup.locator(':enabled')).waitFor();
    await press(popup, 'confirm');
    expect(await answer).toEqual({ result: true });
    // Asked again: already joined, no window.
    expect(await request(page, 'wallet_joinCommunity', [{ chainId: '0x7a69', governor: riverside.governor }])).toEqual({ result: true });

    // 0.1 ETH: within the demo's 1 ETH single-payment limit, over Riverside's 0.05 ETH.
    const { popup: pay, answer: paid } = await payWindow(parseEther('0.1'));
    await pay.setViewportSize({ width: 420, height: 600 });
    expect(await pay.getByTestId('verdict-level').getAttribute('data-level')).toBe('block');
    expect(await pay.getByTestId('blocked').getAttribute('data-rule')).toBe('maxSinglePayment');
    expect(await pay.getByTestId('decided-by').textContent()).toBe('A rule of Riverside Food Co-op (the stricter of your communities’ rules).');
    // Each community's own policy version, never the two added together.
    expect(await pay.getByTestId('blocked').getByTestId('reason').textContent()).toMatch(/maximum single payment of 0\.05 ETH \(Riverside Food Co-op, policy version \d+\)\.$/);
    expect(await pay.getByTestId('guard').textContent()).toBe('Judged by the rules of CommonGuard demo community and Riverside Food Co-op: where their rules differ, the stricter one counts.');
    // The page is Riverside's own app, trusted by its policy: named as the community's, not "not reviewed".
    expect(await pay.getByTestId('origin-status').textContent()).toBe('Trusted by Riverside Food Co-op');
    await snap(pay, 'two-communities-verdict');
    await press(pay, 'reject');
    expect((await paid).error.code).toBe(4001);

    // 0.01 ETH: within both communities' limits.
    const { popup: small, answer: smallPaid } = await payWindow(parseEther('0.01'));
    expect(await small.getByTestId('verdict-level').getAttribute('data-level')).not.toBe('block');
    await press(small, 'reject');
    await smallPaid;
  });

  test('a community created after the build: its vote and its treasurer payout are described in plain words', async () => {
    const vote = encodeFunctionData({ abi: communityGovernorAbi, functionName: 'castVote', args: [1234n, 1] });
    const { popup, answer } = await withWalletWindow(wallet.context, () => request(page, 'eth_sendTransaction', [{ from: ACCOUNTS.shopper.address, to: riverside.governor, data: vote }]));
    await popup.getByTestId('title').waitFor();
    expect(await popup.getByTestId('title').textContent()).toMatch(/^Vote For on the proposal/);
    expect(await popup.getByTestId('confirm').textContent()).toBe('Vote');
    await press(popup, 'reject');
    await answer;

    const payout = encodeFunctionData({ abi: treasuryAbi, functionName: 'payout', args: [zeroAddress, ACCOUNTS.merchant.address, parseEther('0.01'), 'Apples'] });
    const { popup: pay, answer: paid } = await withWalletWindow(wallet.context, () => request(page, 'eth_sendTransaction', [{ from: ACCOUNTS.shopper.address, to: riverside.treasury, data: payout }]));
    await pay.getByTestId('title').waitFor();
    expect(await pay.getByTestId('title').textContent()).toMatch(/^Pay 0\.01 ETH to .+ from your treasurer budget/);
    await press(pay, 'reject');
    await paid;
  });
});

describe('communities in Settings', () => {
  test('the list shows both; leaving warns in words first; with none left the window says no community rules apply', async () => {
    const popup = await openPopup();
    await popup.getByTestId('settings-toggle').click();
    await expect.poll(() => popup.getByTestId('joined-name').allTextContents()).toEqual(['CommonGuard demo community', 'Riverside Food Co-op']);
    await snap(popup.getByTestId('communities'), 'settings-communities');
    for (const name of ['CommonGuard demo community', 'Riverside Food Co-op']) {
      const row = popup.getByTestId('joined-community').filter({ hasText: name });
      await row.getByTestId('leave').click();
      expect(await row.getByTestId('leave-warning').textContent()).toContain(`the rules of ${name} no longer check your payments on chain 31337`);
      await row.getByTestId('leave-confirm').click();
      await expect.poll(() => popup.getByTestId('joined-name').allTextContents()).not.toContain(name);
    }
    expect(await popup.getByTestId('no-communities').isVisible()).toBe(true);
    await expect.poll(() => popup.getByTestId('no-community-rules').textContent()).toContain('No community rules apply on this network');

    const { popup: pay, answer } = await payWindow(parseEther('0.1'));
    expect(await pay.getByTestId('guard').textContent()).toBe('No community rules apply on this network: the wallet judges this by its own checks and your personal budgets.');
    expect(await pay.getByTestId('verdict-level').getAttribute('data-level')).not.toBe('block');
    await press(pay, 'reject');
    await answer;
    await popup.close();
  });

  test('pasting a link to the community’s page shows its rules, and Join applies its limits to the next payment', async () => {
    const popup = await openPopup();
    await popup.getByTestId('settings-toggle').click();
    await popup.getByTestId('community-paste').fill('https://not-a-community.example/about');
    await popup.getByTestId('community-read').click();
    expect(await popup.getByTestId('community-error').textContent()).toContain('does not name a community');
    await popup.getByTestId('community-paste').fill(`https://app.commonguard.example/31337/${riverside.governor}/proposals`);
    await popup.getByTestId('community-read').click();
    await popup.getByTestId('community-name').waitFor();
    expect(await popup.getByTestId('community-name').textContent()).toBe('Riverside Food Co-op');
    await snap(popup, 'settings-join-preview');
    await popup.getByTestId('community-join').click();
    expect(await popup.getByTestId('community-message').textContent()).toBe('You joined Riverside Food Co-op.');
    await expect.poll(() => popup.getByTestId('joined-name').allTextContents()).toEqual(['Riverside Food Co-op']);
    await popup.close();

    const { popup: pay, answer } = await payWindow(parseEther('0.1'));
    expect(await pay.getByTestId('verdict-level').getAttribute('data-level')).toBe('block');
    expect(await pay.getByTestId('decided-by').textContent()).toBe('A rule of Riverside Food Co-op.');
    await press(pay, 'reject');
    await answer;
  });
});

describe('an earlier wallet’s single policy', () => {
  test('becomes its first joined community across a restart, its limits applying at once', async () => {
    const popup = await openPopup();
    // What an earlier version kept: one policy address in the settings, no communities.
    await popup.evaluate(async (policy) => {
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...settings, paymentPolicy: policy } });
      await chrome.storage.local.remove('communities');
    }, riverside.policy);
    await stopServiceWorker(wallet, popup);
    await popup.reload();
    const state = await ask(popup, 'getState');
    expect(state.output.communities).toEqual([{ chainId: 31337, governor: zeroAddress, name: 'Your community (from your earlier settings)', policy: riverside.policy, joinedAt: expect.any(Number), guards: true }]);
    expect((await popup.evaluate(() => chrome.storage.local.get('settings'))).settings.paymentPolicy).toBeNull();
    await popup.close();

    const { popup: pay, answer } = await payWindow(parseEther('0.1'));
    expect(await pay.getByTestId('verdict-level').getAttribute('data-level')).toBe('block');
    expect(await pay.getByTestId('blocked').getAttribute('data-rule')).toBe('maxSinglePayment');
    await press(pay, 'reject');
    await answer;
  });
});

describe('a community on each of two networks', () => {
  // Chain 31337 with the demo community (joined by a new wallet), chain 31338 with the demo deployment and
  // "Harbour Co-op", made through the factory there (stricter ETH limits). The shopper joins Harbour on
  // chain 2 while chain 1 is in use; on each network only its own communities' rules apply.
  let second;
  let shopper;
  let tab;

  const askIn = async (method, params) => withWalletWindow(shopper.wallet.context, () => request(tab, method, params));
  async function approve(method, params) {
    const { popup, answer } = await askIn(method, params);
    await popup.getByTestId('confirm').and(popup.locator(':enabled')).waitFor();
    const shown = await popup.locator('main').textContent();
    await press(popup, 'confirm');
    return { shown, answer: await answer };
  }
  async function pay(amount) {
    const { popup, answer } = await askIn('eth_sendTransaction', [{ from: ACCOUNTS.shopper.address, to: ACCOUNTS.merchant.address, value: toHex(amount) }]);
    await popup.getByTestId('verdict-level').waitFor();
    const seen = {
      level: await popup.getByTestId('verdict-level').getAttribute('data-level'),
      rules: await popup.getByTestId('reason').evaluateAll((items) => items.map((item) => item.dataset.rule)),
      guard: await popup.getByTestId('guard').textContent(),
    };
    await press(popup, 'reject');
    expect((await answer).error.code).toBe(4001);
    return seen;
  }

  beforeAll(async () => {
    second = await startChain({ chainId: 31338 });
    const factory = await deployFactory(second.rpcUrl);
    const harbour = await createCommunity(second.rpcUrl, {
      factory,
      name: 'Harbour Co-op',
      holders: [ACCOUNTS.shopper.address],
      rules: { tokenLimits: [{ token: zeroAddress, maxSinglePayment: parseEther('0.05'), dailyCap: parseEther('0.1'), maxFirstPayment: parseEther('0.05') }] },
    });
    shopper = await launchConnectedShopper({ chain, shopUrl });
    shopper.harbour = harbour;
    tab = shopper.page;
  }, 240_000);

  afterAll(async () => {
    await closeWalletWindows(shopper?.wallet.context);
    await shopper?.wallet.close();
    await second?.stop();
  });

  test('joined on chain 2 while chain 1 is in use: a payment on chain 2 is judged by its limits, and back on chain 1 the demo community\'s apply', async () => {
    // Chain 2 added (and switched to), then back to chain 1: no community guards chain 2 yet.
    const added = await approve('wallet_addEthereumChain', [{ chainId: '0x7a6a', chainName: 'Second chain', rpcUrls: [second.rpcUrl], nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 } }]);
    expect(added.answer).toEqual({ result: null });
    expect(added.shown).toContain('No community rules apply on this network.');
    expect((await approve('wallet_switchEthereumChain', [{ chainId: '0x7a69' }])).answer).toEqual({ result: null });
    expect(await request(tab, 'eth_chainId')).toEqual({ result: '0x7a69' });

    // Joining Harbour on chain 2, a saved network not in use: read through that network's own node.
    const joined = await approve('wallet_joinCommunity', [{ chainId: '0x7a6a', governor: shopper.harbour }]);
    expect(joined.answer).toEqual({ result: true });
    expect(joined.shown).toContain('Harbour Co-op');

    // Switching to chain 2: the window names Harbour as the rules there; 0.1 ETH is over its 0.05 ETH limit.
    const toSecond = await approve('wallet_switchEthereumChain', [{ chainId: '0x7a6a' }]);
    expect(toSecond.shown).toContain('The rules of Harbour Co-op guard payments on this network.');
    const onSecond = await pay(parseEther('0.1'));
    expect(onSecond.level).toBe('block');
    expect(onSecond.rules).toContain('maxSinglePayment');
    expect(onSecond.guard).toContain('Harbour Co-op');
    expect(onSecond.guard).not.toContain('CommonGuard demo community');

    // Back on chain 1: the demo community's 1 ETH limit applies, and Harbour's rules do not.
    const toFirst = await approve('wallet_switchEthereumChain', [{ chainId: '0x7a69' }]);
    expect(toFirst.shown).toContain('The rules of CommonGuard demo community guard payments on this network.');
    const onFirst = await pay(parseEther('0.1'));
    expect(onFirst.rules).not.toContain('maxSinglePayment');
    expect(onFirst.level).not.toBe('block');
    expect(onFirst.guard).toContain('CommonGuard demo community');
    expect(onFirst.guard).not.toContain('Harbour Co-op');
  });
});
