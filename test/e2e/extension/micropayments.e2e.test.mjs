// Micropayments: payment sessions (ERC-7715) in the wallet and x402 in the demo shop. Real Chromium
// with the built extension, the shop's real x402 middleware and local facilitator, a real anvil with
// the real contracts and the demo seed; every payment is settled on chain by the facilitator.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { demoStablecoinAbi, paymentPolicyAbi } from '@commonguard/sdk';
import { startShop } from '@commonguard/shop/serve';
import { createWalletClient, http, parseSignature } from 'viem';
import { generatePrivateKey, mnemonicToAccount, privateKeyToAccount } from 'viem/accounts';
import { x402Client } from '@x402/core/client';
import { ExactEvmScheme } from '@x402/evm/exact/client';
import { wrapFetchWithPayment } from '@x402/fetch';
import { foundry } from 'viem/chains';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { closeWalletWindows, EXTENSION_ID, launchWallet, setUpShopper, stopServiceWorker, withWalletWindow } from './browser.mjs';
import { ACCOUNTS, changePolicy, startChain, tokenBalance } from './chain.mjs';
import { transferAuthorisation } from '@commonguard/sdk/testing';
import { press, request, toHex } from './page.mjs';

const ISSUE = 50_000n; // 0.05 cgUSD
let chain;
let shop;
let wallet;
let page;
let shopUrl;
/** Wallet windows opened so far (connect, session, signature…). */
let windows = 0;

async function snap(target, name) {
  const folder = process.env.COMMONGUARD_SCREENSHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  await target.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  chain = await startChain();
  shop = await startShop({ port: 0, rpcUrl: chain.rpcUrl });
  shopUrl = `http://localhost:${shop.port}`;
  wallet = await launchWallet();
  await setUpShopper(wallet, chain);
  wallet.context.on('page', (opened) => {
    if (opened.url().startsWith(`chrome-extension://${EXTENSION_ID}/approval.html`)) windows++;
  });
  page = await wallet.context.newPage();
  await page.goto(shopUrl);
});

afterEach(() => closeWalletWindows(wallet?.context));

afterAll(async () => {
  await wallet?.close();
  await shop?.close();
  await chain?.stop();
});

const issueTitle = () => page.getByTestId('newsletter-issue').locator('h3').textContent();
const result = () => page.getByTestId('newsletter-result');

/** Clicks "Read the next issue" and waits until the page shows issue `number`, paid. */
async function readIssue(number) {
  await page.getByTestId('read-newsletter').click();
  try {
    await expect.poll(issueTitle, { timeout: 20_000 }).toContain(`issue ${number}`);
  } catch (error) {
    // What the page said and which wallet window stood in the way, for whoever reads the failure.
    const open = wallet.context.pages().filter((opened) => opened.url().includes('approval.html'));
    console.log('The issue did not arrive. The page says:', await result().textContent(), 'Open wallet windows:', await Promise.all(open.map((opened) => opened.locator('main').innerText())));
    throw error;
  }
  await expect.poll(() => result().getAttribute('data-state')).toBe('paid');
}

/** Clicks "Read the next issue" and returns the wallet window it opens. */
async function readIssueWithWindow() {
  const { popup } = await withWalletWindow(wallet.context, () => page.getByTestId('read-newsletter').click());
  return popup;
}

describe('a newsletter paid per issue inside a payment session', () => {
  let issue = 0;

  test('the shopper connects the shop', async () => {
    const { popup, answer } = await withWalletWindow(wallet.context, () => request(page, 'eth_requestAccounts'));
    await expect.poll(() => popup.getByTestId('confirm').isEnabled()).toBe(true);
    await press(popup, 'confirm');
    expect((await answer).result).toEqual([ACCOUNTS.shopper.address]);
  });

  test('the first paid request opens one session window; the next 30 open none and each is settled on chain', async () => {
    const merchantBefore = await tokenBalance(chain, ACCOUNTS.merchant.address);
    const shopperBefore = await tokenBalance(chain, ACCOUNTS.shopper.address);
    const before = windows;
    const popup = await readIssueWithWindow();
    await popup.getByTestId('session-headline').waitFor();
    expect(await popup.getByTestId('session-headline').textContent()).toMatch(/may take up to 2 cgUSD a day from your account/);
    expect(await popup.getByTestId('session-community-rule').textContent()).toMatch(/The community allows at most [\d,.]+ cgUSD a day/);
    expect(await popup.getByTestId('session-request').textContent()).toBe('This site asks for at most 2 cgUSD a day.');
    await snap(popup, 'session-window');
    await expect.poll(() => popup.getByTestId('confirm').isEnabled()).toBe(true);
    await press(popup, 'confirm');
    await expect.poll(issueTitle, { timeout: 20_000 }).toContain(`issue ${++issue}`);
    expect(windows - before).toBe(1);
    for (let i = 0; i < 30; i++) await readIssue(++issue);
    expect(windows - before).toBe(1);
    // Each of the 31 issues was settled on chain by the facilitator: the merchant received every one.
    expect((await tokenBalance(chain, ACCOUNTS.merchant.address)) - merchantBefore).toBe(31n * ISSUE);
    expect(shopperBefore - (await tokenBalance(chain, ACCOUNTS.shopper.address))).toBe(31n * ISSUE);
  });

  test('the request past the session’s budget opens a window', async () => {
    // 2 cgUSD a day is 40 issues: 9 more fit, the 41st does not.
    for (let i = 0; i < 9; i++) await readIssue(++issue);
    const before = windows;
    const popup = await readIssueWithWindow();
    await popup.getByTestId('verdict-level').waitFor();
    expect(await popup.getByTestId('changed').textContent()).toContain('more than what is left of the session’s budget');
    await expect.poll(() => popup.getByTestId('confirm').isEnabled()).toBe(true);
    await press(popup, 'confirm');
    await expect.poll(issueTitle, { timeout: 20_000 }).toContain(`issue ${++issue}`);
    expect(windows - before).toBe(1);
  });

  test('the popup lists the session; Revoke ends it, and the next request opens a window', async () => {
    const popup = await wallet.context.newPage();
    await popup.setViewportSize({ width: 420, height: 600 });
    await popup.goto(wallet.url('popup.html'));
    const session = popup.getByTestId('session');
    await session.waitFor();
    expect(await session.getAttribute('data-origin')).toBe(shopUrl);
    expect(await session.getByTestId('session-spent').textContent()).toBe('2 cgUSD of 2 cgUSD a day');
    expect(await session.getByTestId('session-left').textContent()).toBe('0 cgUSD');
    expect(await session.getByTestId('session-payments').textContent()).toMatch(/^40 payments, last 0\.05 cgUSD/);
    // The history groups the session's payments into one entry with their total.
    const grouped = popup.getByTestId('history-entry').filter({ hasText: 'Payment session: 40 payments, 2 cgUSD in all' });
    await grouped.waitFor();
    await session.scrollIntoViewIfNeeded();
    await snap(popup, 'popup-sessions');
    await session.getByTestId('session-revoke').click();
    await popup.getByText('No site may take payments without asking.').waitFor();
    await popup.close();
    const before = windows;
    const signature = await readIssueWithWindow();
    await signature.getByTestId('verdict-level').waitFor();
    await press(signature, 'reject');
    await expect.poll(() => result().getAttribute('data-state')).toBe('failed');
    expect(windows - before).toBe(1);
  });

  test('the worker restarting keeps the session', async () => {
    await page.evaluate(() => sessionStorage.clear());
    const popup = await readIssueWithWindow();
    await expect.poll(() => popup.getByTestId('confirm').isEnabled()).toBe(true);
    await press(popup, 'confirm');
    await expect.poll(issueTitle, { timeout: 20_000 }).toContain(`issue ${++issue}`);
    const extensionPage = await wallet.context.newPage();
    await extensionPage.goto(wallet.url('popup.html'));
    await stopServiceWorker(wallet, extensionPage);
    await extensionPage.close();
    const before = windows;
    await readIssue(++issue);
    await readIssue(++issue);
    expect(windows - before).toBe(0);
  });

  test('a replayed payment is refused: the facilitator will not settle it and the token refuses the authorisation', async () => {
    // The page's paid request, captured with its payment header, and sent again by someone else.
    const captured = new Promise((resolve) => page.on('request', (sent) => sent.headers()['payment-signature'] && resolve(sent.headers()['payment-signature'])));
    await readIssue(++issue);
    const header = await captured;
    const merchantBefore = await tokenBalance(chain, ACCOUNTS.merchant.address);
    const replay = await fetch(`${shopUrl}/x402/newsletter`, { headers: { 'PAYMENT-SIGNATURE': header } });
    expect(replay.status).toBe(402);
    expect(await tokenBalance(chain, ACCOUNTS.merchant.address)).toBe(merchantBefore);
    // The same authorisation submitted straight to the token: already used.
    const { payload } = JSON.parse(Buffer.from(header, 'base64').toString());
    const { from, to, value, validAfter, validBefore, nonce } = payload.authorization;
    const relayer = createWalletClient({ account: mnemonicToAccount('test test test test test test test test test test test junk', { addressIndex: 9 }), chain: foundry, transport: http(chain.rpcUrl) });
    const { v, r, s, yParity } = parseSignature(payload.signature);
    await expect(
      chain.publicClient.simulateContract({
        account: relayer.account,
        address: chain.deployment.contracts.demoStablecoin,
        abi: demoStablecoinAbi,
        functionName: 'transferWithAuthorization',
        args: [from, to, BigInt(value), BigInt(validAfter), BigInt(validBefore), nonce, Number(v ?? 27n + BigInt(yParity)), r, s],
      }),
    ).rejects.toThrow(/DemoStablecoinAuthorizationUsedOrCanceled/);
  });
});

test('a facilitator that cannot settle (no gas) answers 402 with the reason, and takes nothing', async () => {
  // A second shop on the same chain whose facilitator account holds no ETH for gas.
  const broke = await startShop({ port: 0, rpcUrl: chain.rpcUrl, facilitatorAccount: privateKeyToAccount(generatePrivateKey()) });
  try {
    const network = 'eip155:31337';
    const token = chain.deployment.contracts.demoStablecoin;
    const client = x402Client.fromConfig({ schemes: [{ network, client: new ExactEvmScheme(privateKeyToAccount(ACCOUNTS.shopper.key)) }], spendControls: { allowedAssets: [{ network, asset: token }] } });
    const before = await tokenBalance(chain, ACCOUNTS.shopper.address);
    const response = await wrapFetchWithPayment(fetch, client)(`http://127.0.0.1:${broke.port}/x402/newsletter`);
    expect(response.status).toBe(402);
    // The facilitator's answer travels in the PAYMENT-RESPONSE header: not settled, and why.
    const settlement = JSON.parse(Buffer.from(response.headers.get('payment-response'), 'base64').toString());
    expect(settlement).toMatchObject({ success: false, errorReason: 'invalid_exact_evm_transaction_failed' });
    expect(await tokenBalance(chain, ACCOUNTS.shopper.address)).toBe(before);
  } finally {
    await broke.close();
  }
});

describe('what a session request may not do', () => {
  const grant = (periodAmount, extra = {}) => [
    {
      chainId: toHex(31337),
      expiry: Math.floor(Date.now() / 1000) + 86_400,
      permission: { type: 'erc20-token-periodic', data: { tokenAddress: chain.deployment.contracts.demoStablecoin, periodAmount: toHex(periodAmount), periodDuration: 86_400 } },
      ...extra,
    },
  ];

  test('a session larger than the community’s daily cap is capped at it, and the window says so', async () => {
    const asked = 1_000_000n * 1_000_000n; // a million cgUSD a day
    const { popup, answer } = await withWalletWindow(wallet.context, () => request(page, 'wallet_grantPermissions', grant(asked)));
    const banner = popup.getByTestId('session-community');
    await banner.waitFor();
    expect(await banner.getAttribute('data-capped')).toBe('true');
    expect(await popup.getByTestId('session-request').textContent()).toMatch(/^This site asks for 1,000,000 cgUSD a day, more than the community allows: the session is capped at [\d,.]+ cgUSD a day\.$/);
    await snap(popup, 'session-window-capped');
    await expect.poll(() => popup.getByTestId('confirm').isEnabled()).toBe(true);
    await press(popup, 'confirm');
    const [granted] = (await answer).result;
    expect(BigInt(granted.permission.data.periodAmount)).toBeLessThan(asked);
    expect(granted.context).toMatch(/^0x[0-9a-f]{32}$/);
    // The site ends it itself.
    expect(await request(page, 'wallet_revokePermissions', [{ permissionContext: granted.context }])).toEqual({ result: null });
  });

  test('a session to a merchant the community blocked is refused before any window', async () => {
    const before = windows;
    const answer = await request(page, 'wallet_grantPermissions', grant(1_000_000n, { rules: [{ type: 'payee', data: { address: ACCOUNTS.blockedMerchant.address } }] }));
    expect(answer.error).toMatchObject({ code: 4001, data: { reason: 'blockedByCommunity' } });
    expect(answer.error.message).toContain('blocked the payee');
    expect(windows).toBe(before);
  });

  test('a blocked site’s session request is refused', async () => {
    const scam = await wallet.context.newPage();
    await scam.goto(`http://scam.localhost:${shop.port}`);
    const answer = await request(scam, 'wallet_grantPermissions', grant(1_000_000n));
    // The community blocked the site: it cannot connect, so it cannot ask for a session either.
    expect(answer.error).toMatchObject({ code: 4100 });
    await scam.close();
  });

  test('a malformed request gets -32602 in words', async () => {
    const answer = await request(page, 'wallet_grantPermissions', grant(0n));
    expect(answer.error).toMatchObject({ code: -32602, message: expect.stringContaining('periodAmount') });
  });
});


describe('a session after the community changes its rules', () => {
  /** The wallet's popup in a tab of its window's size. */
  const openWalletPopup = async () => {
    const popup = await wallet.context.newPage();
    await popup.setViewportSize({ width: 420, height: 600 });
    await popup.goto(wallet.url('popup.html'));
    return popup;
  };
  let nonce = 0;
  /** An EIP-3009 authorisation of `value` to the shop, usable for five minutes by the chain's clock (a vote moves it ahead). */
  async function authorise(value = ISSUE) {
    const { timestamp } = await chain.publicClient.getBlock();
    const typed = JSON.stringify(transferAuthorisation({ token: chain.deployment.contracts.demoStablecoin, from: ACCOUNTS.shopper.address, to: ACCOUNTS.merchant.address, value, validBefore: timestamp + 300n, nonce: `after the vote ${++nonce}` }));
    return request(page, 'eth_signTypedData_v4', [ACCOUNTS.shopper.address, typed]);
  }

  test('the community lowers the daily cap below the session: the next payment opens the window, which says approving keeps the session; after it, payments go without a window under the new cap', async () => {
    const token = chain.deployment.contracts.demoStablecoin;
    const { popup: grantWindow, answer: granted } = await withWalletWindow(wallet.context, () =>
      request(page, 'wallet_grantPermissions', [
        {
          chainId: toHex(31337),
          expiry: Math.floor(Date.now() / 1000) + 30 * 86_400,
          permission: { type: 'erc20-token-periodic', data: { tokenAddress: token, periodAmount: toHex(10_000_000n), periodDuration: 86_400 } },
          rules: [{ type: 'payee', data: { address: ACCOUNTS.merchant.address } }],
        },
      ]),
    );
    await expect.poll(() => grantWindow.getByTestId('confirm').isEnabled()).toBe(true);
    await press(grantWindow, 'confirm');
    expect((await granted).result).toHaveLength(1);
    const before = windows;
    expect((await authorise()).result).toMatch(/^0x[0-9a-f]{130}$/);
    expect(windows).toBe(before);

    // The community votes a daily cap of 5 cgUSD, below the session's 10 cgUSD a day (and above what the shopper paid today).
    const CAP = 5_000_000n;
    const limits = await chain.publicClient.readContract({ address: chain.deployment.contracts.paymentPolicy, abi: paymentPolicyAbi, functionName: 'tokenLimits', args: [token] });
    await changePolicy(chain, 'Lower the cgUSD daily cap to 5 cgUSD', [['setTokenLimits', [token, limits.maxSinglePayment < CAP ? limits.maxSinglePayment : CAP, CAP, limits.maxFirstPayment < CAP ? limits.maxFirstPayment : CAP]]]);

    const { popup, answer } = await withWalletWindow(wallet.context, () => authorise());
    const changed = popup.getByTestId('changed');
    await changed.waitFor();
    expect(await changed.textContent()).toBe(
      'The community changed its rules since you allowed the session. Approving this payment also keeps the session under the new rules, at most 5 cgUSD a day (the new daily cap).',
    );
    await snap(popup, 'session-renewal-window');
    await expect.poll(() => popup.getByTestId('confirm').isEnabled()).toBe(true);
    await press(popup, 'confirm');
    expect((await answer).result).toMatch(/^0x[0-9a-f]{130}$/);
    expect(windows - before).toBe(1);
    // Kept under the new rules: the next payments go without a window again.
    for (let i = 0; i < 3; i++) expect((await authorise()).result).toMatch(/^0x[0-9a-f]{130}$/);
    expect(windows - before).toBe(1);
    const list = await openWalletPopup();
    const session = list.getByTestId('session');
    await session.waitFor();
    expect(await session.getByTestId('session-spent').textContent()).toBe('0.2 cgUSD of 5 cgUSD a day');
    await list.close();
  });

  test('the community blocks the payee: the session ends, the window says so, and the popup says why until dismissed', async () => {
    await changePolicy(chain, 'Block the shop', [['setMerchantStatus', [ACCOUNTS.merchant.address, 2, 'Stopped delivering']]]);
    const before = windows;
    const { popup, answer } = await withWalletWindow(wallet.context, () => authorise());
    const changed = popup.getByTestId('changed');
    await changed.waitFor();
    expect(await changed.textContent()).toMatch(/^This site’s payment session has ended: The community changed its rules, and they no longer allow this session\. The community has blocked the payee/);
    expect(await popup.getByTestId('verdict-level').getAttribute('data-level')).toBe('block');
    await press(popup, 'reject');
    expect((await answer).error).toBeTruthy();
    expect(windows - before).toBe(1);
    const list = await openWalletPopup();
    const ended = list.getByTestId('session-ended');
    await ended.waitFor();
    expect(await ended.textContent()).toContain('blocked the payee');
    await ended.scrollIntoViewIfNeeded();
    await snap(list, 'popup-session-ended');
    await ended.getByTestId('session-dismiss').click();
    await list.getByText('No site may take payments without asking.').waitFor();
    await list.close();
  });
});
