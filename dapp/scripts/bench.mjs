#!/usr/bin/env node
// Prints the dApp's figures (measured, not asserted):
//  1. initial JavaScript, gzipped: every JS file Chromium loads to show the overview page;
//  2. time to show the proposals page with 500 proposals through the ChainIndexer on anvil;
//  3. "what would this rule have done?" over 1,000 treasury payouts: the pure replay, and the
//     proposed rules read by simulating a proposal on anvil.
// Needs a fresh `vite build` (dapp/build). Run with tsx (the `bench` script does): the fixture is TypeScript.
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { communityGovernorAbi, paymentPolicyAbi } from '@commonguard/sdk';
import { encodeFunctionData } from 'viem';
import { demo, startSeededChain } from '../test/fixture.ts';
import { testDirectory } from '../test/testDeployment.ts';
import { backtestPayouts } from '../src/lib/governance/backtest.ts';
import { readProposedRules } from '../src/lib/governance/proposedRules.ts';
import { appChain, appClient } from '../src/lib/chain/chain.ts';
import { launchBrowser, openWithWallet, serveApp } from '../../test/e2e/dapp/harness.mjs';

const buildDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'build');
const PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 500);
const PAGE_RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 7);

const chain = await startSeededChain();
const { deployment, clients } = chain;
const before = (await clients.public.readContract({ address: deployment.contracts.communityGovernor, abi: communityGovernorAbi, functionName: 'proposalCount' }));
let browser;
let server;
try {
  server = await serveApp(buildDir, { rpcUrl: chain.rpcUrl, chainId: 31337, subgraphUrl: null, deployment });
  browser = await launchBrowser();

  // 1. Initial JavaScript.
  {
    const { page, context } = await openWithWallet(browser, { rpcUrl: chain.rpcUrl, chainId: 31337, account: demo.members[0] });
    const scripts = new Map();
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'script' && response.url().startsWith(server.url)) {
        scripts.set(response.url(), await response.body());
      }
    });
    await page.goto(server.url + '/', { waitUntil: 'networkidle' });
    await page.getByText('Payment rules').first().waitFor();
    let raw = 0;
    let gzipped = 0;
    for (const body of scripts.values()) {
      raw += body.length;
      gzipped += gzipSync(body, { level: 9 }).length;
    }
    console.log(`Initial JavaScript (overview page): ${scripts.size} files, ${(raw / 1024).toFixed(1)} KB raw, ${(gzipped / 1024).toFixed(1)} KB gzipped (goal ≤ 100 KB)`);
    await context.close();
  }

  // 2. 500 proposals.
  {
    const wallet = clients.wallet(demo.members[0]);
    const G = communityGovernorAbi;
    const started = Date.now();
    const calldata = encodeFunctionData({ abi: paymentPolicyAbi, functionName: 'setThresholds', args: [35, 80] });
    const hashes = [];
    for (let i = 0; i < PROPOSALS; i++) {
      hashes.push(await wallet.writeContract({ address: deployment.contracts.communityGovernor, abi: G, functionName: 'propose', args: [[deployment.contracts.paymentPolicy], [0n], [calldata], `# Benchmark proposal ${i + 1}\n\nLower the warning score (${i}).`] }));
    }
    await clients.public.waitForTransactionReceipt({ hash: hashes.at(-1) });
    console.log(`(created ${PROPOSALS} proposals in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    const total = PROPOSALS + Number(before);
    for (const [label, path] of [
      ['first page', '/proposals'],
      ['filtered by state (reads every state)', '/proposals?state=soon'],
      ['search (reads every description)', '/proposals?q=benchmark%20proposal%20499'],
    ]) {
      // One sample is mostly machine noise: each path is loaded afresh (a new browser context, cold caches)
      // several times. Two clocks: in the page, from its navigation start to the first row in the DOM (what a
      // member waits for after following a link); outside, from page.goto, which adds Chromium starting
      // the new context's renderer process (often hundreds of ms here, and not the app's doing).
      const inPage = [];
      const outside = [];
      let shown = '';
      for (let run = 0; run < PAGE_RUNS; run++) {
        const { page, context } = await openWithWallet(browser, { rpcUrl: chain.rpcUrl, chainId: 31337, account: demo.members[0] });
        await page.addInitScript(() => {
          const observer = new MutationObserver(() => {
            if (!document.querySelector('[data-testid="proposal-list"] tbody tr')) return;
            window.__firstRowAt = performance.now();
            observer.disconnect();
          });
          observer.observe(document, { childList: true, subtree: true });
        });
        const t0 = performance.now();
        await page.goto(server.url + path);
        await page.getByTestId('proposal-count').waitFor();
        await page.locator('[data-testid="proposal-list"] tbody tr').first().waitFor();
        outside.push(performance.now() - t0);
        inPage.push(await page.evaluate(() => window.__firstRowAt));
        shown = await page.getByTestId('proposal-count').innerText();
        await context.close();
      }
      const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
      console.log(
        `Proposals page, ${label}, ${total} proposals on chain (${shown}; n=${PAGE_RUNS}): first row ${median(inPage).toFixed(0)} ms after navigation start (median; max ${Math.max(...inPage).toFixed(0)} ms) (goal < 1000 ms); from page.goto, with the new renderer process: median ${median(outside).toFixed(0)} ms`,
      );
    }
  }

  // 3. The rule check over 1,000 payouts.
  {
    const PAYOUTS = 1000;
    const dir = testDirectory();
    const token = deployment.contracts.demoStablecoin;
    const recipients = Array.from({ length: 60 }, (_, i) => `0x${(i + 1).toString(16).padStart(40, '0')}`);
    const payouts = Array.from({ length: PAYOUTS }, (_, i) => ({
      executor: demo.treasurer.address, token, recipient: recipients[(i * 7) % recipients.length], amount: BigInt(10 + ((i * 37) % 900)) * 10n ** 6n,
      memo: `payout ${i}`, byVote: false, timestamp: 1_800_000_000n + BigInt(i) * 3_000n, tx: '0x',
    }));
    const rules = {
      snapshot: { version: 9n, warnAt: 40, blockAt: 80, unlimitedApprovalsAllowed: false, tokenLimits: [{ token, maxSinglePayment: 500n * 10n ** 6n, dailyCap: 5_000n * 10n ** 6n, maxFirstPayment: 100n * 10n ** 6n }] },
      merchants: new Map([[recipients[3], { status: 'blocked', note: 'Sold fake tickets' }]]),
    };
    const times = [];
    let refused = 0;
    for (let run = 0; run < 41; run++) {
      const t0 = performance.now();
      refused = backtestPayouts(payouts, rules, dir).refused.length;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`Rule check, treasury replay of ${PAYOUTS} payouts: median ${times[20].toFixed(2)} ms, max ${times.at(-1).toFixed(2)} ms (${refused} refused)`);
    const client = appClient(appChain({ rpcUrl: chain.rpcUrl, chainId: 31337 }), chain.rpcUrl);
    const action = { target: deployment.contracts.paymentPolicy, value: 0n, calldata: encodeFunctionData({ abi: paymentPolicyAbi, functionName: 'setThresholds', args: [30, 80] }) };
    const reads = [];
    for (let run = 0; run < 5; run++) {
      const t0 = performance.now();
      await readProposedRules(client, deployment, [action]);
      reads.push(performance.now() - t0);
    }
    reads.sort((a, b) => a - b);
    console.log(`Rule check, proposed rules read by simulating the proposal (anvil): median ${reads[2].toFixed(0)} ms`);
  }
} finally {
  await browser?.close();
  await server?.close();
  await chain.stop();
}
