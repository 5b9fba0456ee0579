// What the dApp's browser tests do as a person would: open the dApp in a browser whose wallet is the
// built CommonGuard extension, connect, and approve in the wallet's own windows.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSeededChain } from '../../../dapp/test/fixture.ts';
import { launchWallet, nextWalletWindow, setUpWallet } from '../extension/browser.mjs';
import { press } from '../extension/page.mjs';
import { serveApp } from './harness.mjs';

const buildDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dapp', 'build');

/**
 * A real anvil with the seeded demo, and the built dApp served against it; `stop` ends both.
 * `server.community` is the demo community's address in the dApp (`…/31337/<governor>`), where its pages live.
 */
export async function startSeededApp() {
  const chain = await startSeededChain();
  try {
    const server = await serveApp(buildDir, { rpcUrl: chain.rpcUrl, chainId: 31337, subgraphUrl: null, deployment: chain.deployment });
    server.community = `${server.url}/31337/${chain.deployment.contracts.communityGovernor}`;
    return { chain, server, stop: async () => (await server.close(), await chain.stop()) };
  } catch (error) {
    await chain.stop();
    throw error;
  }
}

/** A browser with the extension holding `account`'s key, pointed at the test chain, and a dApp tab. */
export async function openWallet(chain, account) {
  const wallet = await launchWallet();
  const setup = await setUpWallet(wallet, {
    privateKey: account.privateKey,
    rpcUrl: chain.rpcUrl,
    chainId: 31337,
    paymentPolicy: chain.deployment.contracts.paymentPolicy,
  });
  await setup.close();
  const page = await wallet.context.newPage();
  page.setDefaultTimeout(20_000);
  // A desktop window (below 960 px the links go behind a menu; the phone test covers that).
  await page.setViewportSize({ width: 1280, height: 900 });
  // What the extension announces through EIP-6963, as the page heard it.
  await page.addInitScript(() => {
    window.__announced = [];
    window.addEventListener('eip6963:announceProvider', (event) => window.__announced.push({ name: event.detail.info.name, icon: event.detail.info.icon }));
  });
  return { wallet, page };
}

/** Counts the wallet windows (connect, confirm, unlock) the extension opens while `count` is read. */
export function watchWalletWindows(wallet) {
  const seen = [];
  const onPage = (opened) => {
    if (opened.url().startsWith(wallet.url('approval.html'))) seen.push(opened.url());
  };
  wallet.context.on('page', onPage);
  return { get count() { return seen.length; }, stop: () => wallet.context.off('page', onPage) };
}

export async function waitForText(locator, text) {
  await locator.filter({ hasText: text }).first().waitFor();
}

/** Connects the dApp to CommonGuard: discovery lists it by name and icon; the wallet's connect window approves. */
export async function connect(wallet, page, address) {
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  const option = page.getByRole('menuitem', { name: 'CommonGuard' });
  await option.waitFor();
  const announced = await page.evaluate(() => window.__announced.find((info) => info.name === 'CommonGuard'));
  assert.ok(announced, 'the extension announced itself through EIP-6963');
  assert.equal(await option.locator('img').getAttribute('src'), announced.icon, 'the wallet is listed with the icon it announced');
  const connectWindow = nextWalletWindow(wallet.context);
  await option.click();
  const popup = await connectWindow;
  await waitForText(popup.locator('h1'), 'Connect to');
  await press(popup, 'confirm');
  await page.getByTestId('account').waitFor();
  await waitForText(page.getByTestId('account'), `CommonGuard · ${address.slice(0, 6)}`);
}

/**
 * Starts a transaction in the dApp and approves it in the wallet's confirmation window: it must be
 * signable (allow, or warn once acknowledged); a block verdict fails the test.
 */
export async function confirmInWallet(wallet, start) {
  const confirmWindow = nextWalletWindow(wallet.context);
  await start();
  const popup = await confirmWindow;
  const verdict = popup.getByTestId('verdict-level');
  await verdict.waitFor();
  const level = await verdict.getAttribute('data-level');
  assert.ok(level === 'allow' || level === 'warn', `the wallet should let this through, not "${level}": ${await popup.locator('main').innerText()}`);
  if (level === 'warn') {
    assert.equal(await popup.getByTestId('confirm').isDisabled(), true, 'a warning must be acknowledged first');
    await popup.getByTestId('acknowledge').check();
  }
  await press(popup, 'confirm');
  return level;
}
