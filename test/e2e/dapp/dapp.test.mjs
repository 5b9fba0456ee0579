// End-to-end: the built dApp in real Chromium against a real anvil with the seeded contracts, with
// the built CommonGuard extension as the wallet. A member's wallet (anvil account 1's key) governs;
// a treasurer's own wallet (account 5's key) pays out. The extension's helpers (launch, onboarding,
// wallet windows) are reused from its own browser tests.
//
// Governance and treasury calls are contract calls the wallet cannot read as payments, so it may
// score them as a warning: the test acknowledges the warning where the window asks, as a person would.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { join } from 'node:path';
import { anvilMnemonic, demo, startDeployedChain, warp } from '../../../dapp/test/fixture.ts';
import { launchWallet, nextWalletWindow, saveWalletSettings, setUpWallet } from '../extension/browser.mjs';
import { press, request, toHex } from '../extension/page.mjs';
import { launchBrowser, openWithWallet } from './harness.mjs';
import { confirmInWallet, connect, openWallet as openWalletOn, startSeededApp, waitForText, watchWalletWindows } from './session.mjs';
import { encodeFunctionData } from 'viem';
import { treasuryAbi } from '../../../sdk/src/index.ts';

// Generous: CI shares two cores with other suites.
const T = { timeout: 90_000 };

let chain, server;
const openWallet = (account) => openWalletOn(chain, account);

let stop;
before(async () => ({ chain, server, stop } = await startSeededApp()));
after(() => stop?.());

/** Fills the new-proposal form: lower the cgUSD limit, and pay 100 cgUSD by vote (two actions). */
async function fillLimitProposal(page) {
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

describe('a member, with CommonGuard holding anvil account 1', () => {
  let wallet, page;
  before(async () => {
    ({ wallet, page } = await openWallet(demo.members[0]));
  });
  after(async () => {
    await wallet?.close();
  });

  test('proposes a lower cgUSD limit, votes, queues and executes it; the rules page shows the new version', T, async () => {
    await page.goto(`${server.community}/proposals/new`);
    await connect(wallet, page, demo.members[0].address);
    await fillLimitProposal(page);
    await page.getByRole('button', { name: 'Preview the changes' }).click();
    await waitForText(page.getByTestId('preview'), 'cgUSD max single payment: 500 cgUSD → 400 cgUSD');
    await waitForText(page.getByTestId('preview'), 'Treasury cgUSD: 11,754.5 → 11,654.5');
    await confirmInWallet(wallet, () => page.getByRole('button', { name: 'Submit proposal' }).click());
    await page.waitForURL(/\/proposals\/\d+$/);
    await waitForText(page.locator('h1'), 'Lower the cgUSD max single payment to 400');
    await waitForText(page.getByTestId('actions'), 'Set the cgUSD limits: max single payment 400 cgUSD, daily cap 1,000 cgUSD, first payment to a new recipient 100 cgUSD');

    // Voting opens after the voting delay: move the chain's clock.
    await warp(chain.clients, chain.timing.votingDelay + 1n);
    await page.locator('[data-state="Active"]').waitFor();
    // Nothing is chosen for the member: the vote waits for a choice.
    assert.equal(await page.getByRole('button', { name: 'Cast vote' }).isDisabled(), true, 'no vote before a choice');
    await page.getByLabel('For', { exact: true }).check();
    await page.getByLabel('Reason').fill('Safer for new members');
    await confirmInWallet(wallet, () => page.getByRole('button', { name: 'Cast vote' }).click());
    await waitForText(page.getByTestId('tx-status'), 'Your vote is counted.');
    await waitForText(page.getByTestId('votes'), 'Safer for new members');
    // Queue and execute are not offered while the vote runs: the page says what comes next.
    await waitForText(page.getByTestId('after-vote'), 'If the vote passes, anyone can queue it here once voting closes.');
    assert.equal(await page.getByRole('button', { name: 'Queue' }).count(), 0, 'no queue button during the vote');
    assert.equal(await page.getByRole('button', { name: 'Execute' }).count(), 0, 'no execute button during the vote');

    await warp(chain.clients, chain.timing.votingPeriod + 1n);
    await page.locator('[data-state="Succeeded"]').waitFor();
    await confirmInWallet(wallet, () => page.getByRole('button', { name: 'Queue' }).click());
    await page.locator('[data-state="Queued"]').waitFor();
    await waitForText(page.getByTestId('eta'), 'Can be executed in');
    assert.equal(await page.getByRole('button', { name: 'Execute' }).isDisabled(), true, 'execute waits for the timelock delay');

    await warp(chain.clients, chain.timing.timelockDelay + 1n);
    await waitForText(page.getByTestId('eta'), 'Ready to execute.');
    await confirmInWallet(wallet, () => page.getByRole('button', { name: 'Execute' }).click());
    await page.locator('[data-state="Executed"]').waitFor();
    await page.getByRole('link', { name: 'Treasury' }).click();
    await waitForText(page.getByTestId('payouts'), 'Printing for the fair');
    await waitForText(page.getByTestId('payouts').locator('tr', { hasText: 'Printing for the fair' }), 'a vote');

    await page.getByRole('link', { name: 'Payment rules' }).click();
    await waitForText(page.getByTestId('limit-cgUSD'), '400 cgUSD');
    const newest = page.getByTestId('policy-history').locator('li[data-version]').first();
    await waitForText(newest, 'Version 9');
    await waitForText(newest, 'at most 400 cgUSD per payment');
    await waitForText(newest, 'by proposal Lower the cgUSD max single payment to 400');
  });

  test('a signature rejected in the wallet reads plainly, and the page keeps working', T, async () => {
    const nonceBefore = await chain.clients.public.getTransactionCount({ address: demo.members[0].address });
    await page.getByRole('link', { name: 'Delegates' }).click();
    const confirmWindow = nextWalletWindow(wallet.context);
    await page.getByRole('button', { name: 'Vote myself' }).click();
    await press(await confirmWindow, 'reject');
    await waitForText(page.getByTestId('tx-status'), 'You declined the request in your wallet. Nothing was sent.');
    assert.equal(await chain.clients.public.getTransactionCount({ address: demo.members[0].address }), nonceBefore);
    // The same button succeeds afterwards.
    await confirmInWallet(wallet, () => page.getByRole('button', { name: 'Vote myself' }).click());
    await waitForText(page.getByTestId('tx-status'), 'Delegation updated.');
    assert.equal(await chain.clients.public.getTransactionCount({ address: demo.members[0].address }), nonceBefore + 1);
  });

  test('re-submitting a proposal that already exists is explained before the wallet is asked', T, async () => {
    const windows = watchWalletWindows(wallet);
    try {
      await page.getByRole('link', { name: 'New proposal' }).click();
      await fillLimitProposal(page);
      await page.getByRole('button', { name: 'Submit proposal' }).click();
      await waitForText(page.getByTestId('tx-status'), 'A proposal with exactly these actions and this description already exists.');
      assert.equal(windows.count, 0, 'no wallet window opened');
    } finally {
      windows.stop();
    }
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


  test('a draft is kept on the device and a shared link fills the builder', T, async () => {
    // The last test left its proposal unsent: the builder brings it back.
    await page.getByRole('link', { name: 'New proposal' }).first().click();
    await waitForText(page.getByTestId('draft-bar'), 'Your draft from this device.');
    assert.equal(await page.getByLabel('Title').inputValue(), 'Lower the cgUSD max single payment to 400');
    await page.getByTestId('share-draft').click();
    const link = await page.getByTestId('draft-link').inputValue();
    assert.match(link, /\/proposals\/new#draft=[A-Za-z0-9_-]+$/, 'the draft travels in the fragment, which is never sent to a server');
    const other = await wallet.context.newPage();
    try {
      const asked = [];
      other.on('request', (r) => asked.push(r.url()));
      await other.goto(link);
      await waitForText(other.getByTestId('draft-bar'), 'Filled in from a shared link.');
      assert.equal(await other.getByLabel('Title').inputValue(), 'Lower the cgUSD max single payment to 400');
      await waitForText(other.getByTestId('action-1').getByTestId('action-summary'), 'Printing for the fair');
      assert.equal(asked.some((url) => url.includes('draft=')), false, 'no request carried the draft');
    } finally {
      await other.close();
    }
    await page.getByRole('button', { name: 'Start over' }).click();
    assert.equal(await page.getByLabel('Title').inputValue(), '');
  });

  test('an unreachable node shows one banner and no false empty states, and the page recovers when it answers again', T, async () => {
    await page.route(`${chain.rpcUrl}/**`, (route) => route.abort('connectionrefused'));
    await page.route(chain.rpcUrl, (route) => route.abort('connectionrefused'));
    await waitForText(page.getByTestId('offline'), 'does not answer');
    // A page opened while the node is down: its cards wait quietly under the one banner.
    await page.getByRole('link', { name: 'Treasury' }).click();
    await page.getByRole('heading', { name: 'Treasury' }).first().waitFor();
    await page.waitForTimeout(3_000);
    assert.equal(await page.getByText('does not answer').count(), 1, 'the outage is told once');
    for (const falseEmpty of ['No treasurer has a budget.', 'No payouts yet.', 'No movements yet.']) {
      assert.equal(await page.getByText(falseEmpty).count(), 0, `"${falseEmpty}" is not claimed while nothing could be read`);
    }
    await page.getByRole('link', { name: 'Delegates' }).click();
    await page.waitForTimeout(1_000);
    assert.equal(await page.getByText('Nobody holds voting power yet.').count(), 0);
    assert.equal(await page.getByText('does not answer').count(), 1);
    await page.unroute(`${chain.rpcUrl}/**`);
    await page.unroute(chain.rpcUrl);
    await page.getByTestId('offline').waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Proposals' }).first().click();
    await waitForText(page.getByTestId('proposal-count'), '5 proposals');
  });

  test('disconnecting the site in the wallet is followed without a reload', T, async () => {
    await page.evaluate(() => (window.__noReload = true));
    const popup = await wallet.context.newPage();
    await popup.goto(wallet.url('popup.html'));
    await popup.locator('.card', { hasText: server.url }).getByTestId('revoke').click();
    await popup.close();
    await page.getByRole('button', { name: 'Connect wallet' }).waitFor();
    assert.equal(await page.getByTestId('account').count(), 0);
    assert.equal(await page.evaluate(() => window.__noReload), true, 'the page was not reloaded');
  });
});

// A wallet of its own: its local history holds only the payments this test makes (the first member's
// wallet has sent many governance calls by now, which its risk model counts as recent activity).
describe('a member checks a proposed rule, with CommonGuard holding anvil account 2', () => {
  let wallet, page;
  before(async () => {
    ({ wallet, page } = await openWallet(demo.members[1]));
  });
  after(async () => {
    await wallet?.close();
  });

  test('what would this rule have done: the treasury payouts it would refuse, and privately my own payments (consent, counts only)', T, async () => {
    await page.goto(`${server.community}/proposals/new`);
    await connect(wallet, page, demo.members[1].address);
    // Two real payments from this wallet make its local history (0.1 and 0.2 ETH to the spare account).
    for (const value of [10n ** 17n, 2n * 10n ** 17n]) {
      let sent;
      await confirmInWallet(wallet, async () => {
        sent = request(page, 'eth_sendTransaction', [{ from: demo.members[1].address, to: demo.spare.address, value: toHex(value) }]);
      });
      assert.ok((await sent).result, `the payment went out: ${JSON.stringify(await sent)}`);
    }

    // A proposal: ETH payments of at most 0.15 ETH, and Corner Coffee blocked.
    await page.getByLabel('Title').fill('ETH payments of at most 0.15; block Corner Coffee');
    await page.getByTestId('template').selectOption('tokenLimits');
    await page.locator('select[name="token"]').selectOption({ label: 'ETH (native coin)' });
    await page.getByLabel('Max single payment').fill('0.15');
    await page.getByLabel('Daily cap').fill('0');
    await page.getByLabel('First payment to a new recipient').fill('0');
    await page.getByRole('button', { name: '+ Add another action' }).click();
    const second = page.getByTestId('action-1');
    await second.getByTestId('template').selectOption('merchant');
    await second.getByLabel('Merchant address').fill(demo.trustedMerchant.address);
    await second.locator('select[name="status"]').selectOption('2');
    await second.getByLabel('Note (who it is, why)').fill('Closed for good');

    // The treasury: every past payout to Corner Coffee would be refused, with the community's note.
    const panel = page.getByTestId('rule-backtest');
    await panel.getByRole('button', { name: 'Check past payments' }).click();
    const summary = panel.getByTestId('treasury-backtest-summary');
    await waitForText(summary, 'would have been refused');
    const [, refused, checked] = (await summary.innerText()).match(/(\d+) of the last (\d+) payouts/);
    const payouts = await chain.clients.public.getContractEvents({ address: chain.deployment.contracts.treasury, abi: treasuryAbi, eventName: 'PaidOut', fromBlock: 0n });
    const toCoffee = payouts.filter((log) => log.args.recipient.toLowerCase() === demo.trustedMerchant.address.toLowerCase());
    assert.equal(Number(checked), payouts.length, 'every payout on chain was replayed');
    assert.equal(Number(refused), toCoffee.length, 'exactly the payouts to Corner Coffee would be refused');
    const items = await panel.getByTestId('treasury-backtest').locator('li').allInnerTexts();
    assert.equal(items.length, Math.min(20, toCoffee.length));
    for (const item of items) {
      assert.match(item, /to Corner Coffee/);
      assert.match(item, /Why: the recipient would be blocked: “Closed for good”/);
    }
    await waitForText(panel.getByTestId('treasury-backtest'), 'INV-2041 coffee for the volunteer meetup');

    // My own payments: the wallet asks first. Two payments are too few to share totals without
    // revealing one of them (the blocked sum would be the 0.2 ETH payment's exact amount), so the
    // window says why and offers only Close, and the page hears what it would hear from a refusal.
    const consent = nextWalletWindow(wallet.context);
    await panel.getByTestId('ask-wallet').click();
    const popup = await consent;
    const notShared = popup.getByTestId('backtest-refused');
    await notShared.waitFor();
    assert.match((await notShared.innerText()).replace(/\s+/g, ' '), /only 2 payments to check; with fewer than 5 the totals would reveal single payments/);
    assert.match(await popup.getByTestId('backtest-addresses').innerText(), new RegExp(`${demo.trustedMerchant.address} — blocked \\(“Closed for good”\\)`));
    assert.equal(await popup.getByTestId('confirm').count(), 0);
    assert.equal(await popup.getByTestId('backtest-counts').count(), 0, 'no totals are shown that could not be shared');
    await press(popup, 'reject');
    await waitForText(panel, 'Your wallet did not share the totals');

    // Asked directly, the page gets 4001 and nothing else.
    const params = [{ policy: { warnAt: 40, blockAt: 80, unlimitedApprovalsAllowed: false, tokenLimits: [{ token: '0x0000000000000000000000000000000000000000', maxSinglePayment: toHex(15n * 10n ** 16n), dailyCap: '0x0', maxFirstPayment: '0x0' }] }, last: 10 }];
    const direct = nextWalletWindow(wallet.context);
    const asked = request(page, 'commonguard_backtestPolicy', params);
    const directWindow = await direct;
    await directWindow.getByTestId('backtest-refused').waitFor();
    assert.match(await directWindow.getByTestId('backtest-rules').innerText(), /ETH: at most 0\.15 ETH per payment/);
    await press(directWindow, 'reject');
    const { error } = await asked;
    assert.deepEqual(error, { code: 4001, message: 'The member chose not to share the totals.' });

    // A malformed request is refused before any window opens.
    const windows = watchWalletWindows(wallet);
    try {
      const bad = await request(page, 'commonguard_backtestPolicy', [{ ...params[0], last: 0 }]);
      assert.equal(bad.error?.code, -32602);
      const extra = await request(page, 'commonguard_backtestPolicy', [{ ...params[0], account: demo.members[0].address }]);
      assert.equal(extra.error?.code, -32602);
      assert.equal(windows.count, 0);
    } finally {
      windows.stop();
    }
  });

});

describe('a treasurer, with CommonGuard holding anvil account 5', () => {
  let wallet, page;
  before(async () => {
    ({ wallet, page } = await openWallet(demo.treasurer));
  });
  after(async () => {
    await wallet?.close();
  });

  test('pays a batch within budget', T, async () => {
    await page.goto(`${server.community}/treasury`);
    await connect(wallet, page, demo.treasurer.address);
    await page.getByTestId('payout-panel').waitFor();
    await page.getByLabel('Several (paste CSV)').check();
    await page.getByLabel(/Payments: one per line/).fill(
      `recipient,amount,memo\n${demo.trustedMerchant.address}, 300, Coffee for the volunteers\n${demo.spare.address}, 150.5, "Hall rent, March"`,
    );
    // Each row is checked on its own: wait for the second before counting.
    await page.getByTestId('payout-check').getByText('✓ OK').nth(1).waitFor();
    assert.equal(await page.getByTestId('payout-check').getByText('✓ OK').count(), 2);
    await confirmInWallet(wallet, () => page.getByRole('button', { name: 'Pay 2 recipients' }).click());
    await waitForText(page.getByTestId('tx-status'), 'Paid.');
    await waitForText(page.getByTestId('payouts'), 'Hall rent, March');
    await waitForText(page.getByTestId('remaining'), '304 cgUSD');
  });

  test('a batch that splits one over-limit payment is refused in words before any wallet window opens', T, async () => {
    const windows = watchWalletWindows(wallet);
    try {
      const nonceBefore = await chain.clients.public.getTransactionCount({ address: demo.treasurer.address });
      // Two rows to the same recipient, each under the max single payment (400 cgUSD since the member's
      // proposal above), 510 together, on top of the 300 cgUSD the test above paid it: the treasury
      // counts what treasurers paid one recipient today and yesterday (UTC) too.
      await page.getByLabel(/Payments: one per line/).fill(
        `${demo.trustedMerchant.address}, 260, "Catering, part 1"\n${demo.trustedMerchant.address}, 250, "Catering, part 2"`,
      );
      const checkTable = page.getByTestId('payout-check');
      await waitForText(checkTable, 'Lines 1 and 2 pay');
      await waitForText(
        checkTable,
        '510 cgUSD together; with the 300 cgUSD treasurers already paid them today or yesterday (UTC) that is 810 cgUSD, 410 cgUSD over the maximum single payment of 400 cgUSD',
      );
      // Each row on its own is within the limit: only the rule that sums them refuses the batch.
      assert.equal(await checkTable.getByText('Above the limit').count(), 0);
      await waitForText(page.getByTestId('payout-rules'), 'daily cap already paid');
      await waitForText(page.getByTestId('payout-refused'), 'Not ready to pay');
      // Two rows to one shop are one recipient.
      const pay = page.getByRole('button', { name: 'Pay 1 recipient (2 payments)' });
      assert.equal(await pay.isDisabled(), true);
      // Even a forced click on the disabled button asks the wallet nothing.
      await pay.click({ force: true });
      await page.waitForTimeout(500);
      assert.equal(windows.count, 0, 'no confirmation window opened');
      assert.equal(await chain.clients.public.getTransactionCount({ address: demo.treasurer.address }), nonceBefore, 'the nonce did not change');
    } finally {
      windows.stop();
    }
  });

  test('a payout over budget is refused with a readable message before any transaction is sent', T, async () => {
    const windows = watchWalletWindows(wallet);
    try {
      const nonceBefore = await chain.clients.public.getTransactionCount({ address: demo.treasurer.address });
      await page.getByLabel(/Payments: one per line/).fill(`${demo.trustedMerchant.address}, 300, Big order\n${demo.spare.address}, 200, More`);
      await waitForText(page.getByTestId('payout-check'), 'Over budget: 196 cgUSD over (304 cgUSD left in this period).');
      await waitForText(page.getByTestId('payout-refused'), 'Not ready to pay');
      assert.equal(await page.getByTestId('tx-status').count(), 0, 'the last payment\'s "Paid." does not sit under this refusal');
      const pay = page.getByRole('button', { name: 'Pay 2 recipients' });
      assert.equal(await pay.isDisabled(), true);
      // Even a forced click on the disabled button asks the wallet nothing.
      await pay.click({ force: true });
      await page.waitForTimeout(500);
      assert.equal(windows.count, 0, 'no confirmation window opened');
      assert.equal(await chain.clients.public.getTransactionCount({ address: demo.treasurer.address }), nonceBefore, 'the nonce did not change');
    } finally {
      windows.stop();
    }
  });

  test('at phone width (390 px) no page is wider than the screen, and the links sit behind a menu', T, async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(`${server.community}/proposals`);
      const firstProposal = await page.getByTestId('proposal-list').locator('a').first().getAttribute('href');
      // The community's pages under its address; the directory, the wallet page and an unknown path outside it.
      const community = new URL(server.community).pathname;
      const paths = ['', '/proposals', '/proposals/new', '/delegates', '/treasury', '/policy'].map((sub) => `${community}${sub}`);
      for (const path of ['/', ...paths, firstProposal, '/wallet', '/no-such-page']) {
        await page.goto(`${server.url}${path}`);
        await page.locator('main h1').first().waitFor();
        // Let the data arrive: wide content (addresses, tables) shows up with it.
        await page.waitForLoadState('networkidle').catch(() => {});
        await page.waitForTimeout(1_500);
        const { scrollWidth, header } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, header: document.querySelector('header').getBoundingClientRect().height }));
        assert.ok(scrollWidth <= 390, `${path} is ${scrollWidth} px wide at 390 px`);
        assert.ok(header <= 160, `${path}: the header takes ${header} px`);
      }
      await page.goto(`${server.community}/treasury`);
      await page.getByTestId('payout-panel').waitFor();
      assert.equal(await page.getByRole('link', { name: 'Payment rules' }).isVisible(), false, 'links are behind the menu');
      await page.getByTestId('menu-button').click();
      await page.getByRole('link', { name: 'Payment rules' }).click();
      await page.getByRole('heading', { name: 'Payment rules' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Delegates' }).isVisible(), false, 'a followed link closes the menu');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  test('a proposal without enough votes is explained before the wallet is asked', T, async () => {
    const windows = watchWalletWindows(wallet);
    try {
      await page.getByRole('link', { name: 'New proposal' }).click();
      await fillLimitProposal(page);
      // The treasurer holds no votes: the governor's threshold, in words, and no button to click.
      await waitForText(page.getByRole('alert'), 'To propose you need at least 1,000 votes; you have 0.');
      const submit = page.getByRole('button', { name: 'Submit proposal' });
      assert.equal(await submit.isDisabled(), true, 'Submit waits for enough votes');
      await submit.click({ force: true });
      await page.waitForTimeout(500);
      assert.equal(windows.count, 0, 'no wallet window opened');
    } finally {
      windows.stop();
    }
  });
});

describe('a member who is also the treasurer, with CommonGuard holding anvil accounts 0–5 from the phrase', () => {
  let wallet, popup, page;
  after(async () => {
    await wallet?.close();
  });

  test('an account picked in the wallet is followed without a reload', T, async () => {
    wallet = await launchWallet();
    popup = await setUpWallet(wallet, {
      phrase: anvilMnemonic,
      accounts: 6,
      rpcUrl: chain.rpcUrl,
      chainId: 31337,
      paymentPolicy: chain.deployment.contracts.paymentPolicy,
    });
    await popup.getByTestId('account').selectOption(demo.members[0].address);
    page = await wallet.context.newPage();
    page.setDefaultTimeout(20_000);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(server.community);
    // Connect, giving the site two accounts: the one picked in the wallet (offered first) and the treasurer.
    await page.getByRole('button', { name: 'Connect wallet' }).click();
    const connectWindow = nextWalletWindow(wallet.context);
    await page.getByRole('menuitem', { name: 'CommonGuard' }).click();
    const approval = await connectWindow;
    assert.equal(await approval.getByLabel(demo.members[0].address).isChecked(), true, 'the picked account is offered');
    await approval.getByLabel(demo.treasurer.address).check();
    await press(approval, 'confirm');
    await waitForText(page.getByTestId('account'), `CommonGuard · ${demo.members[0].address.slice(0, 6)}`);

    await page.evaluate(() => (window.__noReload = true));
    await page.getByRole('link', { name: 'Treasury' }).click();
    await page.getByRole('heading', { name: 'Treasury' }).first().waitFor();
    assert.equal(await page.getByTestId('payout-panel').count(), 0, 'a member is no treasurer');
    await popup.getByTestId('account').selectOption(demo.treasurer.address);
    await page.getByTestId('payout-panel').waitFor();
    await waitForText(page.getByTestId('account'), `CommonGuard · ${demo.treasurer.address.slice(0, 6)}`);
    assert.equal(await page.evaluate(() => window.__noReload), true, 'the page was not reloaded');
    // The popup says which accounts the site sees.
    await waitForText(popup.getByTestId('site'), `Can see ${demo.members[0].address.slice(0, 6)}`);
  });

  test('on another network the dApp asks to switch; CommonGuard cannot, and the page says what to do; set back, the prompt goes', T, async () => {
    const other = await startDeployedChain(1337);
    try {
      await popup.reload();
      await saveWalletSettings(popup, { rpcUrl: other.rpcUrl, chainId: 1337 });
      await waitForText(page.getByTestId('wrong-network'), 'Your wallet is on another network (chain 1337)');
      // The extension serves only the chain its settings name, so it refuses the switch (4902), and the dApp then asks it to add the network.
      await page.getByRole('button', { name: 'Switch network' }).click();
      // CommonGuard does not add networks for a site yet (4200 after the 4902): the page says what to do by hand.
      await page.getByText('Your wallet cannot switch networks for a site.').waitFor();
      await waitForText(page.getByRole('alert'), `Switch it by hand to Local test network (Anvil): chain id 31337, RPC ${chain.rpcUrl}.`);
      await popup.reload();
      await saveWalletSettings(popup, { rpcUrl: chain.rpcUrl, chainId: 31337 });
      await page.getByTestId('wrong-network').waitFor({ state: 'detached' });
      assert.equal(await page.evaluate(() => window.__noReload), true, 'the page was not reloaded');
    } finally {
      await other.stop();
    }
  });
});

// A switch the wallet carries out needs a wallet that can serve two chains; CommonGuard serves only the
// chain its settings name (checked against the RPC) and refuses any other (4902; tested above). So
// the successful switch runs on the injected stand-in wallet (harness.mjs).
describe('the stand-in wallet, for what the extension cannot do on purpose', () => {
  let browser, page, wallet;
  before(async () => {
    browser = await launchBrowser();
    ({ page, wallet } = await openWithWallet(browser, { rpcUrl: chain.rpcUrl, chainId: 31337, account: demo.members[0] }));
    page.setDefaultTimeout(20_000);
  });
  after(async () => {
    await browser?.close();
  });

  test('a wrong network gets a prompt to switch, and the switch is followed', T, async () => {
    await page.goto(server.community);
    await page.getByRole('button', { name: 'Connect wallet' }).click();
    await page.getByRole('menuitem', { name: 'Test Wallet (anvil key)' }).click();
    await page.getByTestId('account').waitFor();
    await wallet.setChain(1);
    await waitForText(page.getByTestId('wrong-network'), 'Your wallet is on another network');
    await page.getByRole('button', { name: 'Switch network' }).click();
    await page.getByTestId('wrong-network').waitFor({ state: 'detached' });
  });

  test('a wallet that does not know the network is asked to add it with the config\'s parameters, then to switch', T, async () => {
    await page.goto(server.community);
    await page.getByTestId('account').waitFor();
    await wallet.setChain(1);
    await wallet.forget(31337);
    await waitForText(page.getByTestId('wrong-network'), 'Your wallet is on another network');
    await page.getByRole('button', { name: 'Switch network' }).click();
    await page.getByTestId('wrong-network').waitFor({ state: 'detached' });
    assert.deepEqual(await wallet.added(), [
      { chainId: '0x7a69', chainName: 'Local test network (Anvil)', rpcUrls: [chain.rpcUrl], nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 } },
    ]);
  });

  test('what would this rule have done: payouts that share a timestamp replay in chain order, as the treasury made them', T, async () => {
    // A vote pays a new recipient, and in the same block (same second) the treasurer pays it 150 cgUSD:
    // above the 100 cgUSD first-payment cap, but the vote made the recipient known first, so the
    // treasury paid it. A proposal that only moves the warning thresholds must not refuse it.
    const { clients, deployment } = chain;
    const { treasury, timelock, demoStablecoin } = deployment.contracts;
    const recipient = '0x00000000000000000000000000000000c0ffee23';
    const cgUsd = (n) => BigInt(n) * 1_000_000n;
    await clients.test.impersonateAccount({ address: timelock });
    await clients.test.setBalance({ address: timelock, value: 10n ** 19n });
    await clients.test.setAutomine(false);
    try {
      const vote = await clients.test.sendUnsignedTransaction({
        from: timelock,
        to: treasury,
        data: encodeFunctionData({ abi: treasuryAbi, functionName: 'pay', args: [demoStablecoin, recipient, cgUsd(10), 'GRANT same block'] }),
        maxPriorityFeePerGas: 10n ** 10n,
        maxFeePerGas: 10n ** 11n,
        gas: 300_000n,
      });
      const payout = await clients.wallet(demo.treasurer).writeContract({
        address: treasury,
        abi: treasuryAbi,
        functionName: 'payout',
        args: [demoStablecoin, recipient, cgUsd(150), 'INV same block'],
        maxPriorityFeePerGas: 10n ** 9n,
        maxFeePerGas: 10n ** 11n,
        gas: 300_000n,
      });
      await clients.test.mine({ blocks: 1 });
      const [first, second] = await Promise.all([vote, payout].map((hash) => clients.public.getTransactionReceipt({ hash })));
      assert.equal(first.status, 'success', 'the vote paid');
      assert.equal(second.status, 'success', 'the treasury paid the treasurer’s 150 cgUSD: the vote had made the recipient known');
      assert.equal(first.blockNumber, second.blockNumber, 'one block');
      assert.ok(first.transactionIndex < second.transactionIndex, 'the vote first');
    } finally {
      await clients.test.setAutomine(true);
      await clients.test.stopImpersonatingAccount({ address: timelock });
    }

    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      // No wallet needed: the treasury's past payouts are public.
      await page.goto(`${server.community}/proposals/new`);
      await page.getByLabel('Warn at score').fill('30');
      await page.getByLabel('Block at score').fill('80');
      const panel = page.getByTestId('rule-backtest');
      await panel.getByRole('button', { name: 'Check past payments' }).click();
      const summary = panel.getByTestId('treasury-backtest-summary');
      await summary.waitFor();
      const payouts = await clients.public.getContractEvents({ address: treasury, abi: treasuryAbi, eventName: 'PaidOut', fromBlock: 0n });
      assert.equal(await summary.innerText(), `All of the last ${payouts.length} payouts would still have gone through.`);
      if (process.env.SCREENSHOTS) await panel.screenshot({ path: join(process.env.SCREENSHOTS, `rule-backtest-${width}.png`) });
    }
  });

  test('the private rule check says plainly that another wallet cannot do it', T, async () => {
    await page.goto(`${server.community}/proposals/new`);
    await page.getByTestId('account').waitFor();
    await page.getByLabel('Warn at score').fill('30');
    await page.getByLabel('Block at score').fill('80');
    await page.getByTestId('rule-backtest').getByRole('button', { name: 'Check past payments' }).click();
    await waitForText(page.getByTestId('other-wallet'), 'Your wallet (Test Wallet (anvil key)) cannot do this check.');
    assert.equal(await page.getByTestId('ask-wallet').count(), 0);
  });
});
