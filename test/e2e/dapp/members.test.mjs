// End-to-end: what a member and a treasurer meet on the dApp's screens, at desktop width and at
// 390 px, with the built CommonGuard extension as the wallet, on a real anvil with the seeded demo.
// Every figure a test expects is read from the chain, not written into the test.
//
// Set DAPP_SCREENSHOTS to a folder to keep a PNG of each screen at each width.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { formatUnits } from 'viem';
import { communityGovernorAbi, communityTokenAbi, demoStablecoinAbi, paymentPolicyAbi, treasuryAbi } from '../../../sdk/src/index.ts';
import { demo } from '../../../dapp/test/fixture.ts';
import { confirmInWallet, connect, openWallet, startSeededApp, waitForText, watchWalletWindows } from './session.mjs';

// Generous: CI shares two cores with other suites.
const T = { timeout: 180_000 };
const WIDTHS = [
  { label: 'desktop', width: 1280, height: 900 },
  { label: 'phone', width: 390, height: 844 },
];

let chain, server;

let stop;
before(async () => ({ chain, server, stop } = await startSeededApp()));
after(() => stop?.());

const read = (address, abi, functionName, args = []) => chain.clients.public.readContract({ address, abi, functionName, args });
/** "11754.5" → "11,754.5": the grouping people read, on the chain's own figure. */
const grouped = (text) => text.replace(/^(\d+)/, (whole) => Number(whole).toLocaleString('en-US'));
const cgUsd = (value) => `${grouped(formatUnits(value, 6))} cgUSD`;
const votes = (value) => grouped(formatUnits(value, 18));

/** Connects the page once (each test can then also run on its own with -t). */
async function connected(wallet, page, address) {
  await page.locator('main h1').first().waitFor();
  if ((await page.getByTestId('account').count()) === 0) await connect(wallet, page, address);
}

/**
 * Runs `check` at each width, keeps a screenshot (of `focus` when given, else of the whole page), and
 * checks that nothing is wider than the screen.
 */
async function atEachWidth(page, name, check, focus = null) {
  try {
    for (const size of WIDTHS) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await check(size);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scrollWidth <= size.width, `${name} is ${scrollWidth} px wide at ${size.width} px`);
      if (process.env.DAPP_SCREENSHOTS) {
        mkdirSync(process.env.DAPP_SCREENSHOTS, { recursive: true });
        const path = join(process.env.DAPP_SCREENSHOTS, `${name}-${size.label}.png`);
        await (focus ? focus.screenshot({ path }) : page.screenshot({ path, fullPage: true }));
      }
    }
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
}

/** A browser whose CommonGuard wallet holds `account`, open for the tests of the enclosing describe. */
function walletFor(account) {
  const session = { wallet: null, page: null };
  before(async () => Object.assign(session, await openWallet(chain, account)));
  after(() => session.wallet?.close());
  return session;
}

describe('a treasurer, with CommonGuard holding anvil account 5', () => {
  const session = walletFor(demo.treasurer);

  test('the batch summary and the Pay button count the rows as the list shows them, and say nothing about sending before a send', T, async () => {
    const { wallet, page } = session;
    await page.goto(`${server.community}/treasury`);
    await connected(wallet, page, demo.treasurer.address);
    await page.getByTestId('payout-panel').waitFor();
    await page.getByLabel('Several (paste CSV)').check();
    // Four payments to three recipients: two to Corner Coffee; a first payment of 150 to someone the
    // treasury never paid (refused by the treasurer rules), and one to the blocked merchant (refused
    // by the budget and policy check). Two checks, two ✕.
    await page.getByLabel(/Payments: one per line/).fill(
      [
        'recipient,amount,memo',
        `${demo.trustedMerchant.address}, 20, Milk`,
        `${demo.trustedMerchant.address}, 40, Sugar`,
        `${demo.members[2].address}, 150, First order`,
        `${demo.blockedMerchant.address}, 10, Refund`,
      ].join('\n'),
    );
    const rows = page.getByTestId('payout-row');
    await page.getByTestId('payout-rules').waitFor();
    await page.locator('[data-testid="payout-row"].problem').nth(1).waitFor();
    await atEachWidth(page, 'treasury-batch-refused', async () => {
      assert.equal(await rows.count(), 4);
      const marked = await page.locator('[data-testid="payout-row"].problem').count();
      assert.equal(marked, 2, 'two rows are marked ✕');
      const passing = 20_000_000n + 40_000_000n;
      assert.equal(
        (await page.getByTestId('payout-total').innerText()).trim(),
        `${marked} of 4 payments refused (marked ✕); 2 can be paid (${cgUsd(passing)}).`,
        'the summary counts the ✕ the rows show',
      );
      const pay = page.getByRole('button', { name: 'Pay 3 recipients (4 payments)' });
      assert.equal(await pay.isDisabled(), true);
      await waitForText(page.getByTestId('payout-refused'), 'Not ready to pay: fix the problems above first.');
      assert.equal(await page.getByText('Nothing was sent').count(), 0, 'nothing was tried, so nothing is said about sending');
    }, page.getByTestId('payout-panel'));

    // Only the two payments to Corner Coffee: one recipient, two payments, ready to pay.
    await page.getByLabel(/Payments: one per line/).fill(`${demo.trustedMerchant.address}, 20, Milk\n${demo.trustedMerchant.address}, 40, Sugar`);
    await page.getByRole('button', { name: 'Pay 1 recipient (2 payments)' }).waitFor();
    await atEachWidth(page, 'treasury-batch-ready', async () => {
      await waitForText(page.getByTestId('payout-total'), `Total ${cgUsd(60_000_000n)}: 2 payments to 1 recipient.`);
      const pay = page.getByRole('button', { name: 'Pay 1 recipient (2 payments)' });
      await page.waitForFunction((el) => !el.disabled, await pay.elementHandle());
      assert.equal(await page.getByTestId('payout-refused').count(), 0);
    }, page.getByTestId('payout-panel'));
    await page.getByLabel(/Payments: one per line/).fill('');
  });

  test('the treasury charts write exact amounts, and their tables list each movement once', T, async () => {
    const { wallet, page } = session;
    const token = chain.deployment.contracts.demoStablecoin;
    const balance = await read(token, demoStablecoinAbi, 'balanceOf', [chain.deployment.contracts.treasury]);
    const paidOut = await chain.clients.public.getContractEvents({ address: chain.deployment.contracts.treasury, abi: treasuryAbi, eventName: 'PaidOut', fromBlock: 0n });
    // cgUSD paid out per calendar month (UTC), as "Dec 2026" → total.
    const perMonth = new Map();
    for (const log of paidOut.filter((log) => log.args.token.toLowerCase() === token.toLowerCase())) {
      const { timestamp } = await chain.clients.public.getBlock({ blockNumber: log.blockNumber });
      const label = new Date(Number(timestamp) * 1000).toLocaleString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
      perMonth.set(label, (perMonth.get(label) ?? 0n) + log.args.amount);
    }
    assert.ok(balance % 1_000_000n !== 0n && [...perMonth.values()].some((total) => total % 1_000_000n !== 0n), 'the seed has cents to lose to rounding');

    await page.goto(`${server.community}/treasury`);
    const balanceChart = page.getByTestId('balance-chart-cgUSD');
    await balanceChart.waitFor();
    await atEachWidth(page, 'treasury-charts', async () => {
      await waitForText(balanceChart.locator('figcaption'), `${cgUsd(balance)} now`);
      await balanceChart.locator('details').evaluate((details) => (details.open = true));
      const balances = await balanceChart.locator('tbody tr td:nth-child(2)').allInnerTexts();
      assert.equal(balances.at(-1), cgUsd(balance), 'the last row is the balance, exactly');
      for (let i = 1; i < balances.length; i++) assert.notEqual(balances[i], balances[i - 1], `row ${i + 1} repeats row ${i}: ${balances.join(' | ')}`);
      const bars = page.getByTestId('month-bars-cgUSD');
      await bars.locator('details').evaluate((details) => (details.open = true));
      for (const [label, total] of perMonth) {
        assert.equal(await bars.locator('tbody tr', { hasText: label }).locator('td').nth(1).innerText(), cgUsd(total), `${label}'s payouts, exactly`);
        await waitForText(bars.locator('svg text'), cgUsd(total));
      }
    }, page.getByTestId('charts-cgUSD'));
  });

  test('Submit waits for enough votes: the threshold and my votes are said before any click', T, async () => {
    const { wallet, page } = session;
    const threshold = await read(chain.deployment.contracts.communityGovernor, communityGovernorAbi, 'proposalThreshold');
    const mine = await read(chain.deployment.contracts.communityToken, communityTokenAbi, 'getVotes', [demo.treasurer.address]);
    assert.ok(mine < threshold, 'the treasurer holds too few votes');
    const windows = watchWalletWindows(wallet);
    try {
      await page.goto(`${server.community}/proposals/new`);
      await connected(wallet, page, demo.treasurer.address);
      await page.getByLabel('Title').fill('Warn a little earlier');
      await page.getByLabel('Warn at score').fill('35');
      await page.getByLabel('Block at score').fill('80');
      await atEachWidth(page, 'proposal-submit-too-few-votes', async () => {
        await waitForText(page.getByTestId('eligibility'), `To propose you need at least ${votes(threshold)} votes; you have ${votes(mine)}.`);
        const submit = page.getByRole('button', { name: 'Submit proposal' });
        assert.equal(await submit.isDisabled(), true, 'Submit is not offered without enough votes');
      }, page.getByTestId('submit'));
      await page.getByRole('button', { name: 'Submit proposal' }).click({ force: true });
      await page.waitForTimeout(500);
      assert.equal(windows.count, 0, 'no wallet window opened');
      assert.equal(await page.getByTestId('tx-status').count(), 0, 'nothing was tried');
    } finally {
      windows.stop();
      await page.getByRole('button', { name: 'Start over' }).click();
    }
  });
});

describe('a member, with CommonGuard holding anvil account 1', () => {
  const session = walletFor(demo.members[0]);

  test('the vote sits near the top of an open proposal with nothing chosen; a closed vote says why and what happened', T, async () => {
    const { wallet, page } = session;
    const { active, defeated, succeeded } = chain.seeded.proposals;
    await page.goto(`${server.community}/proposals/${active}`);
    await connected(wallet, page, demo.members[0].address);
    await atEachWidth(page, 'proposal-active-vote', async (size) => {
      await page.goto(`${server.community}/proposals/${active}`);
      const cast = page.getByRole('button', { name: 'Cast vote' });
      await cast.waitFor();
      assert.equal(await page.locator('input[name="support"]:checked').count(), 0, 'no choice is made for the member');
      assert.equal(await cast.isDisabled(), true);
      await waitForText(page.getByTestId('vote-hint'), 'Choose For, Against or Abstain first.');
      // Visible without scrolling, on a phone too.
      const box = await cast.boundingBox();
      assert.ok(box.y + box.height <= size.height, `Cast vote is ${Math.round(box.y)} px down at ${size.width} px`);
      await page.getByLabel('Against', { exact: true }).check();
      assert.equal(await cast.isDisabled(), false, 'a choice enables the vote');
    });

    // Rejected: why, from the chain's own tally.
    const [against, forVotes, abstain] = await read(chain.deployment.contracts.communityGovernor, communityGovernorAbi, 'proposalVotes', [defeated]);
    const quorum = await read(chain.deployment.contracts.communityGovernor, communityGovernorAbi, 'quorum', [await read(chain.deployment.contracts.communityGovernor, communityGovernorAbi, 'proposalSnapshot', [defeated])]);
    const why = forVotes + abstain < quorum ? 'too few votes took part' : against > forVotes ? 'more votes were against it than for it' : 'it needed more votes for than against';
    await atEachWidth(page, 'proposal-defeated-vote', async () => {
      await page.goto(`${server.community}/proposals/${defeated}`);
      const closed = page.getByTestId('vote-closed');
      await closed.waitFor();
      const text = await closed.innerText();
      assert.match(text, /^Voting closed on .+\. It was rejected: /);
      assert.ok(text.includes(`It was rejected: ${why}.`), text);
      assert.ok(text.includes(`quorum: ${votes(quorum)} votes needed, ${votes(forVotes + abstain)} counted`), text);
      assert.equal(await page.locator('input[name="support"]').count(), 0, 'no greyed-out form');
      assert.equal(await page.getByRole('button', { name: 'Cast vote' }).count(), 0);
    });

    await page.goto(`${server.community}/proposals/${succeeded}`);
    await waitForText(page.getByTestId('vote-closed'), 'It passed: ');
    await waitForText(page.getByTestId('vote-closed'), 'It waits to be queued in the timelock.');
    const passedQuorum = await read(chain.deployment.contracts.communityGovernor, communityGovernorAbi, 'quorum', [await read(chain.deployment.contracts.communityGovernor, communityGovernorAbi, 'proposalSnapshot', [succeeded])]);
    const [, passedFor, passedAbstain] = await read(chain.deployment.contracts.communityGovernor, communityGovernorAbi, 'proposalVotes', [succeeded]);
    // The quorum line names each figure: not "700,000 of 40,000".
    assert.equal((await page.getByTestId('quorum').innerText()).trim(), `Quorum reached: ${votes(passedQuorum)} votes needed, ${votes(passedFor + passedAbstain)} counted (for + abstain).`);
  });

  test('the limits template starts from the current limits, changes only the one edited, and says what is missing', T, async () => {
    const { wallet, page } = session;
    const token = chain.deployment.contracts.demoStablecoin;
    const limits = await read(chain.deployment.contracts.paymentPolicy, paymentPolicyAbi, 'tokenLimits', [token]);
    await page.goto(`${server.community}/proposals/new`);
    await connected(wallet, page, demo.members[0].address);
    await waitForText(page.getByTestId('preview-missing'), 'To preview, action 1 needs warn at score, block at score.');
    await waitForText(page.getByTestId('submit-missing'), 'give the proposal a title');
    await page.getByLabel('Title').fill('Lower the cgUSD max single payment');
    await page.getByTestId('template').selectOption('tokenLimits');
    await waitForText(page.getByTestId('preview-missing'), 'action 1 needs token, max single payment, daily cap, first payment to a new recipient');
    assert.equal(await page.getByRole('button', { name: 'Preview the changes' }).isDisabled(), true);
    await page.locator('select[name="token"]').selectOption({ label: 'cgUSD' });
    // The current limits are filled in, with what they are now beside each.
    const max = page.getByLabel('Max single payment');
    await page.waitForFunction(([el, value]) => el.value === value, [await max.elementHandle(), formatUnits(limits.maxSinglePayment, 6)]);
    assert.equal(await page.getByLabel('Daily cap').inputValue(), formatUnits(limits.dailyCap, 6));
    assert.equal(await page.getByLabel('First payment to a new recipient').inputValue(), formatUnits(limits.maxFirstPayment, 6));
    await waitForText(page.getByTestId('action-0'), `Now ${cgUsd(limits.maxSinglePayment)}. 0 means no limit.`);
    assert.equal(await page.getByTestId('preview-missing').count(), 0);

    const lower = limits.maxSinglePayment - 100_000_000n;
    await max.fill(formatUnits(lower, 6));
    await waitForText(page.getByTestId('action-summary'), `max single payment ${cgUsd(lower)}, daily cap ${cgUsd(limits.dailyCap)}, first payment to a new recipient ${cgUsd(limits.maxFirstPayment)}`);
    await page.getByRole('button', { name: 'Preview the changes' }).click();
    const preview = page.getByTestId('preview');
    await waitForText(preview, `cgUSD max single payment: ${cgUsd(limits.maxSinglePayment)} → ${cgUsd(lower)}`);
    const changed = await preview.locator('li').allInnerTexts();
    assert.deepEqual(changed.filter((line) => /daily cap|first payment/.test(line)), [], `only the edited limit changes: ${changed.join(' | ')}`);
    await atEachWidth(page, 'proposal-limits-template', async () => {
      await page.getByTestId('action-0').scrollIntoViewIfNeeded();
      await waitForText(page.getByTestId('eligibility'), 'To propose you need at least');
      assert.equal(await page.getByRole('button', { name: 'Submit proposal' }).isDisabled(), false, 'a member with enough votes may submit');
    });
    await page.getByRole('button', { name: 'Start over' }).click();
  });

  test('each delegate has a Delegate button and a copyable address', T, async () => {
    const { wallet, page } = session;
    await wallet.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.goto(`${server.community}/delegates`);
    await connected(wallet, page, demo.members[0].address);
    const rows = page.getByTestId('delegate-row');
    await rows.first().waitFor();
    const other = page.locator(`[data-testid="delegate-row"][data-address="${demo.members[1].address}"]`);
    await atEachWidth(page, 'delegates', async () => {
      await other.getByRole('button', { name: /^Delegate to / }).waitFor();
      for (const row of await rows.all()) {
        assert.equal(await row.getByTestId('delegate-address').innerText(), await row.getAttribute('data-address'), 'the full address is shown');
      }
    });
    await other.getByRole('button', { name: /^Copy the address/ }).click();
    await waitForText(other, 'Copied');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), demo.members[1].address);

    // The file's last test: the member stays delegated to the other member.
    await confirmInWallet(wallet, () => other.getByRole('button', { name: /^Delegate to / }).click());
    await waitForText(page.getByTestId('tx-status'), 'Delegation updated.');
    await waitForText(other, 'Your delegate');
    assert.equal(await read(chain.deployment.contracts.communityToken, communityTokenAbi, 'delegates', [demo.members[0].address]), demo.members[1].address);
  });
});
