// End-to-end: one built dApp serves every community. Real Chromium with the built CommonGuard extension
// as the wallet, a real anvil with the real deployment, and a second community created through a
// CommunityFactory in the test (with viem, as a person's wallet would send it). The deploy script does
// not go through the factory yet, so the test deploys one from the forge build and names it in the
// config.json served beside the app, as an operator would.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demo, startDeployedChain } from '../../../dapp/test/fixture.ts';
import { createCommunity, deployFactory } from '../../../sdk/test/factory.ts';
import { serveApp } from './harness.mjs';
import { openWallet, waitForText } from './session.mjs';

const T = { timeout: 90_000 };
const buildDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dapp', 'build');
const shots = process.env.DAPP_SCREENSHOTS;

let chain, server, wallet, page, riverside, demoGovernor;

before(async () => {
  chain = await startDeployedChain();
  const factory = await deployFactory(chain.rpcUrl);
  riverside = await createCommunity(chain.rpcUrl, { factory, name: 'Riverside Food Co-op', holders: demo.members.map((m) => m.address) });
  demoGovernor = chain.deployment.contracts.communityGovernor;
  const deployment = { ...chain.deployment, contracts: { ...chain.deployment.contracts, communityFactory: factory } };
  server = await serveApp(buildDir, { rpcUrl: chain.rpcUrl, chainId: 31337, subgraphUrl: null, deployment });
  ({ wallet, page } = await openWallet(chain, demo.members[0]));
});
after(async () => {
  await wallet?.close();
  await server?.close();
  await chain?.stop();
});

async function screenshot(name) {
  if (!shots) return;
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('one dApp for every community', () => {
  test('the directory lists the communities newest first, searches by name, and opens one', T, async () => {
    await page.goto(server.url);
    const entries = page.getByTestId('directory-entry');
    await entries.first().waitFor();
    assert.deepEqual(
      (await entries.locator('a').allInnerTexts()).map((t) => t.trim()),
      ['Riverside Food Co-op', 'CommonGuard Governor'],
      'the factory\'s community first (the newest), then the deployment\'s own',
    );
    await waitForText(entries.first(), 'Local test network (Anvil) · started');
    await screenshot('directory');

    await page.getByTestId('directory-search').fill('river');
    assert.deepEqual((await entries.locator('a').allInnerTexts()).map((t) => t.trim()), ['Riverside Food Co-op']);
    await page.getByTestId('directory-search').fill('harbour');
    await waitForText(page.getByTestId('directory-empty'), 'No community\'s name contains “harbour”.');
    await page.getByTestId('directory-search').fill('');

    await entries.getByRole('link', { name: 'CommonGuard Governor' }).click();
    await page.waitForURL(`${server.url}/31337/${demoGovernor}`);
    await waitForText(page.locator('h1'), 'CommonGuard Governor');
    assert.equal(await page.getByRole('link', { name: 'Proposals', exact: true }).getAttribute('href'), `/31337/${demoGovernor}/proposals`);
    await page.getByTestId('start-community').count().then((n) => assert.equal(n, 0, 'the directory\'s own button is not on a community page'));
  });

  test('a community created through the factory a minute ago opens from the directory, and its pages work', T, async () => {
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Riverside Food Co-op' }).click();
    await page.waitForURL(`${server.url}/31337/${riverside}`);
    await waitForText(page.locator('h1'), 'Riverside Food Co-op');
    await screenshot('community-overview');
    await page.getByRole('link', { name: 'Proposals', exact: true }).click();
    await waitForText(page.getByTestId('proposal-count'), '0 proposals');
    await page.getByRole('link', { name: 'Payment rules' }).click();
    await page.getByRole('heading', { name: 'Payment rules' }).waitFor();
    await page.getByRole('link', { name: 'Delegates' }).click();
    await page.getByRole('heading', { name: 'Delegates' }).first().waitFor();
  });

  test('a shared link opens the community\'s page directly, and again after a reload', T, async () => {
    await page.goto(`${server.url}/31337/${riverside}/proposals`);
    await waitForText(page.getByTestId('proposal-count'), '0 proposals');
    await page.reload();
    await waitForText(page.getByTestId('proposal-count'), '0 proposals');
    assert.equal(new URL(page.url()).pathname, `/31337/${riverside}/proposals`);
    // An address in lower case is the same community.
    await page.goto(`${server.url}/31337/${riverside.toLowerCase()}/treasury`);
    await page.getByRole('heading', { name: 'Treasury' }).first().waitFor();
  });

  test('an old link without the community goes to the deployment\'s community', T, async () => {
    await page.goto(`${server.url}/proposals?state=failed`);
    await page.waitForURL(`${server.url}/31337/${demoGovernor}/proposals?state=failed`);
    await page.getByTestId('proposal-count').waitFor();
  });

  test('an address that is not a community, or an unknown network, says so and leads back to the directory', T, async () => {
    const nowhere = '0x000000000000000000000000000000000000dEaD';
    await page.goto(`${server.url}/31337/${nowhere}`);
    await waitForText(page.getByTestId('community-missing'), `There is no community at ${nowhere} on chain 31337: no contract lives at that address.`);
    await screenshot('community-missing');

    await page.goto(`${server.url}/31337/${chain.deployment.contracts.paymentPolicy}/proposals`);
    await waitForText(page.getByTestId('community-missing'), `The contract at ${chain.deployment.contracts.paymentPolicy} on chain 31337 is not the governor of a CommonGuard community.`);

    await page.goto(`${server.url}/999/${riverside}`);
    await waitForText(page.getByTestId('community-missing'), 'This app does not know a network with chain id 999, so it cannot open a community there.');
    await page.getByTestId('back-to-directory').click();
    await page.waitForURL(`${server.url}/`);
    await page.getByTestId('directory-entry').first().waitFor();
  });
});
