// End-to-end: the built dApp in real Chromium against a real anvil with the seeded contracts.
// The wallet is an injected EIP-6963 test provider signing with anvil keys: a stand-in until the
// CommonGuard extension lands (then these flows should drive the extension instead).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demo, startSeededChain, warp } from '../../../dapp/test/fixture.ts';
import { launchBrowser, openWithWallet, serveApp } from './harness.mjs';

const buildDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dapp', 'build');
// Generous: CI shares two cores with other suites.
const T = { timeout: 60_000 };

let chain, server, browser, page, wallet;

before(async () => {
  chain = await startSeededChain();
  server = await serveApp(buildDir, { rpcUrl: chain.rpcUrl, chainId: 31337, subgraphUrl: null, deployment: chain.deployment });
  browser = await launchBrowser();
  ({ page, wallet } = await openWithWallet(browser, { rpcUrl: chain.rpcUrl, chainId: 31337, account: demo.members[0] }));
  page.setDefaultTimeout(15_000);
});

after(async () => {
  await browser?.close();
  await server?.close();
  await chain?.stop();
});

async function connect() {
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  // EIP-6963 discovery lists the injected wallet by name (and icon).
  const option = page.getByRole('menuitem', { name: 'Test Wallet (anvil key)' });
  assert.equal(await option.locator('img').count(), 1, 'the wallet is listed with its icon');
  await option.click();
  await page.getByTestId('account').waitFor();
}

async function waitForText(locator, text) {
  await locator.filter({ hasText: text }).first().waitFor();
}

/** Fills the new-proposal form: lower the cgUSD limit, and pay 100 cgUSD by vote (two actions). */
async function fillLimitProposal() {
  await page.getByLabel('Title').fill('Lower the cgUSD max single payment to 400');
  await page.getByLabel('Explanation (Markdown)').fill('Smaller **single** payments for new members.');
  await page.getByTestId('template').selectOption('tokenLimits');
  await page.locator('select[name="token"]').selectOption({ label: 'cgUSD' });
  // Validation as you type.
  await page.getByLabel('Max single payment').fill('400.1234567');
  await waitForText(page.getByRole('alert'), 'cgUSD has at most 6 decimals; you typed 7.');
  await page.getByLabel('Max single payment').fill('400');
  await page.getByLabel('Daily cap').fill('1000');
  await page.getByLabel('First payment to a new recipient').fill('100');
  await waitForText(page.getByTestId('action-summary'), 'max single payment 400 cgUSD');
  // A second action in the same proposal: a payout by vote.
  await page.getByRole('button', { name: '+ Add another action' }).click();
  const second = page.getByTestId('action-1');
  await second.getByTestId('template').selectOption('payout');
  await second.locator('select[name="token"]').selectOption({ label: 'cgUSD' });
  await second.getByLabel('Recipient').fill(demo.spare.address);
  await second.getByLabel('Amount').fill('100');
  await second.getByLabel('Memo').fill('Printing for the fair');
  await waitForText(second.getByTestId('action-summary'), `Pay 100 cgUSD to ${demo.spare.address} — Printing for the fair`);
}

test('a member proposes a lower cgUSD limit, votes, queues and executes it; the rules page shows the new version', T, async () => {
  await page.goto(`${server.url}/proposals/new`);
  await connect();
  await fillLimitProposal();
  await page.getByRole('button', { name: 'Preview the changes' }).click();
  await waitForText(page.getByTestId('preview'), 'cgUSD max single payment: 500 cgUSD → 400 cgUSD');
  await waitForText(page.getByTestId('preview'), 'Treasury cgUSD: 11,754.5 → 11,654.5');
  await page.getByRole('button', { name: 'Submit proposal' }).click();
  await page.waitForURL(/\/proposals\/\d+$/);
  await waitForText(page.locator('h1'), 'Lower the cgUSD max single payment to 400');
  await waitForText(page.getByTestId('actions'), 'Set the cgUSD limits: max single payment 400 cgUSD, daily cap 1,000 cgUSD, first payment to a new recipient 100 cgUSD');

  // Voting opens after the voting delay: move the chain's clock.
  await warp(chain.clients, chain.timing.votingDelay + 1n);
  await page.locator('[data-state="Active"]').waitFor();
  await page.getByLabel('Reason').fill('Safer for new members');
  await page.getByRole('button', { name: 'Cast vote' }).click();
  await waitForText(page.getByTestId('tx-status'), 'Your vote is counted.');
  await waitForText(page.getByTestId('votes'), 'Safer for new members');
  assert.equal(await page.getByRole('button', { name: 'Queue' }).isDisabled(), true, 'queue waits for the vote to end');

  await warp(chain.clients, chain.timing.votingPeriod + 1n);
  await page.locator('[data-state="Succeeded"]').waitFor();
  await page.getByRole('button', { name: 'Queue' }).click();
  await page.locator('[data-state="Queued"]').waitFor();
  await waitForText(page.getByTestId('eta'), 'Can be executed in');
  assert.equal(await page.getByRole('button', { name: 'Execute' }).isDisabled(), true, 'execute waits for the timelock delay');

  await warp(chain.clients, chain.timing.timelockDelay + 1n);
  await waitForText(page.getByTestId('eta'), 'Ready to execute.');
  await page.getByRole('button', { name: 'Execute' }).click();
  await page.locator('[data-state="Executed"]').waitFor();
  await page.getByRole('link', { name: 'Treasury' }).click();
  await waitForText(page.getByTestId('payouts'), 'Printing for the fair');
  await waitForText(page.getByTestId('payouts').locator('tr', { hasText: 'Printing for the fair' }), 'a vote');

  await page.getByRole('link', { name: 'Payment rules' }).click();
  await waitForText(page.getByTestId('limit-cgUSD'), '400 cgUSD');
  const newest = page.getByTestId('policy-history').locator('li[data-version]').first();
  await waitForText(newest, 'Version 8');
  await waitForText(newest, 'at most 400 cgUSD per payment');
  await waitForText(newest, 'by proposal Lower the cgUSD max single payment to 400');
});

test('a treasurer pays a batch within budget (account switched in the wallet, no reload)', T, async () => {
  await page.evaluate(() => (window.__noReload = true));
  await wallet.use(demo.treasurer);
  await page.getByRole('link', { name: 'Treasury' }).click();
  await page.getByTestId('payout-panel').waitFor();
  await page.getByLabel('Several (paste CSV)').check();
  await page.getByLabel(/Payments: one per line/).fill(
    `recipient,amount,memo\n${demo.trustedMerchant.address}, 300, Coffee for the volunteers\n${demo.spare.address}, 150.5, Hall rent, March`,
  );
  await waitForText(page.getByTestId('payout-check'), '✓ OK');
  assert.equal(await page.getByTestId('payout-check').getByText('✓ OK').count(), 2);
  await page.getByRole('button', { name: 'Pay 2 recipients' }).click();
  await waitForText(page.getByTestId('tx-status'), 'Paid.');
  await waitForText(page.getByTestId('payouts'), 'Hall rent, March');
  await waitForText(page.getByTestId('remaining'), '304 cgUSD');
  assert.equal(await page.evaluate(() => window.__noReload), true, 'the page was not reloaded');
});

test('a payout over budget is refused with a readable message before any transaction is sent', T, async () => {
  const sentBefore = wallet.sent;
  const nonceBefore = await chain.clients.public.getTransactionCount({ address: demo.treasurer.address });
  await page.getByLabel(/Payments: one per line/).fill(`${demo.trustedMerchant.address}, 300, Big order\n${demo.spare.address}, 200, More`);
  await waitForText(page.getByTestId('payout-check'), 'Over budget: 196 cgUSD over (304 cgUSD left in this period).');
  await waitForText(page.getByTestId('payout-refused'), 'Nothing was sent');
  assert.equal(await page.getByRole('button', { name: 'Pay 2 recipients' }).isDisabled(), true);
  assert.equal(wallet.sent, sentBefore, 'the wallet was never asked to send');
  assert.equal(await chain.clients.public.getTransactionCount({ address: demo.treasurer.address }), nonceBefore);
});

test('wrong network gets a prompt to switch; a rejected signature reads plainly', T, async () => {
  await wallet.setChain(1);
  await waitForText(page.getByTestId('wrong-network'), 'Your wallet is on another network');
  await page.getByRole('button', { name: 'Switch network' }).click();
  await page.getByTestId('wrong-network').waitFor({ state: 'detached' });

  await page.getByRole('link', { name: 'Delegates' }).click();
  wallet.rejectNext = true;
  await page.getByRole('button', { name: 'Vote myself' }).click();
  await waitForText(page.getByTestId('tx-status'), 'You declined the request in your wallet. Nothing was sent.');
  // The page keeps working: the same button succeeds afterwards.
  await page.getByRole('button', { name: 'Vote myself' }).click();
  await waitForText(page.getByTestId('tx-status'), 'Delegation updated.');
});

test('a transaction the contracts would refuse is explained before the wallet is asked', T, async () => {
  const sentBefore = wallet.sent;
  await page.getByRole('link', { name: 'New proposal' }).click();
  await fillLimitProposal();
  // The treasurer holds no votes: the governor's threshold error, in words.
  await waitForText(page.getByRole('alert'), 'To propose you need at least 1,000 votes; you have 0.');
  await page.getByRole('button', { name: 'Submit proposal' }).click();
  await waitForText(page.getByTestId('tx-status'), 'You need at least 1,000 CGC votes to make a proposal; you have 0 CGC.');
  // A member re-submitting the proposal that already passed: the governor's state error, in words.
  await wallet.use(demo.members[0]);
  await page.getByRole('button', { name: 'Submit proposal' }).click();
  await waitForText(page.getByTestId('tx-status'), 'A proposal with exactly these actions and this description already exists.');
  assert.equal(wallet.sent, sentBefore, 'the wallet was never asked to sign');
});

test('the proposals list filters by state and searches as you type', T, async () => {
  await page.getByRole('link', { name: 'Proposals' }).first().click();
  await waitForText(page.getByTestId('proposal-count'), '5 proposals');
  await page.getByTestId('state-filter').selectOption({ label: 'Rejected, canceled or expired' });
  await page.waitForURL(/state=failed/);
  await waitForText(page.getByTestId('proposal-count'), '1 proposal');
  await waitForText(page.getByTestId('proposal-list'), 'Raise the cgUSD single-payment limit to 5,000');
  await page.getByTestId('state-filter').selectOption({ label: 'All' });
  await page.getByLabel('Search proposals').fill('corner coffee');
  await page.waitForURL(/q=corner/);
  await waitForText(page.getByTestId('proposal-count'), '2 proposals');
  assert.deepEqual(
    await page.getByTestId('proposal-list').locator('tbody tr td:first-child a').allInnerTexts(),
    ['Pay Corner Coffee 300 cgUSD for the summer fair stall', 'Set up the community payment rules'],
  );
  await page.getByLabel('Search proposals').fill('');
  await waitForText(page.getByTestId('proposal-count'), '5 proposals');
});

test('an unreachable node shows a readable message, and the page recovers when it answers again', T, async () => {
  await page.context().route(`${chain.rpcUrl}/**`, (route) => route.abort('connectionrefused'));
  await page.context().route(chain.rpcUrl, (route) => route.abort('connectionrefused'));
  await waitForText(page.getByTestId('offline'), 'does not answer');
  await page.context().unroute(`${chain.rpcUrl}/**`);
  await page.context().unroute(chain.rpcUrl);
  await page.getByTestId('offline').waitFor({ state: 'detached' });
  await page.getByRole('link', { name: 'Proposals' }).first().click();
  await waitForText(page.getByTestId('proposal-count'), '5 proposals');
});
