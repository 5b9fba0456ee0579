#!/usr/bin/env node
// Figures for the extension (printed, not asserted):
//  1. pay request → confirm window showing the verdict, in headless Chromium on a local anvil;
//  2. the size of the script injected into every page (minified, gzipped);
//  3. the page-load time that script adds.
// Run with tsx after `wxt build` (the extension's `bench` script does both). The risk engine's own figure
// comes from `pnpm --dir sdk bench`.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { parseEther } from 'viem';
import { startShop } from '@commonguard/shop/serve';
import { chromiumPath, EXTENSION_DIR, launchWallet, nextWalletWindow, setUpShopper } from './browser.mjs';
import { ACCOUNTS, startChain } from './chain.mjs';
import { press, request, toHex } from './page.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};
const summary = (values) => `median ${quantile(values, 0.5).toFixed(1)} ms, p95 ${quantile(values, 0.95).toFixed(1)} ms, min ${Math.min(...values).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms (n=${values.length})`;

// BENCH_BASELINE_EXTENSION=<dir>[,<dir>…] (other chrome-mv3 builds) adds one browser per build, measured in
// the same interleaved runs, so builds are compared under the same machine noise (here and in section 3).
const baselineDirs = (process.env.BENCH_BASELINE_EXTENSION ?? '').split(',').filter(Boolean);

// BENCH_ONLY=load runs only the page-load figures (sections 2 and 3); BENCH_ONLY=pay only section 1.
if (process.env.BENCH_ONLY !== 'load') {
  const chain = await startChain();
  const shop = await startShop({ port: 0 });
  const builds = [{ label: 'this build', extensionDir: EXTENSION_DIR }, ...baselineDirs.map((dir) => ({ label: `the build in ${dir}`, extensionDir: dir }))];
  const wallets = [];
  try {
    for (const build of builds) {
      const wallet = await launchWallet({ extensionDir: build.extensionDir });
      wallets.push(wallet);
      await setUpShopper(wallet, chain);
      const page = await wallet.context.newPage();
      await page.goto(`http://localhost:${shop.port}/`);
      const connect = nextWalletWindow(wallet.context);
      const connected = request(page, 'eth_requestAccounts');
      await press(await connect, 'confirm');
      await connected;
      build.page = page;
      build.wallet = wallet;
      build.latencies = [];
    }

    // 1. Pay request → verdict on screen (this build now simulates the payment with eth_simulateV1 and
    // reads the recipient's facts from the simulated effects before the window opens).
    for (let run = 0; run < RUNS + 3; run++) {
      for (const build of builds) {
        const opened = nextWalletWindow(build.wallet.context);
        const started = performance.now();
        const answer = request(build.page, 'eth_sendTransaction', [{ to: ACCOUNTS.merchant.address, value: toHex(parseEther('0.001')) }]);
        const popup = await opened;
        await popup.getByTestId('verdict-level').waitFor({ state: 'attached' });
        const elapsed = performance.now() - started;
        if (run >= 3) build.latencies.push(elapsed); // the first few warm up the service worker and caches
        await press(popup, 'reject');
        await answer;
      }
    }
    for (const build of builds) console.log(`pay request → confirm window with the verdict (${build.label}): ${summary(build.latencies)}  (goal: p95 ≤ 150 ms)`);
  } finally {
    for (const wallet of wallets) await wallet.close();
    await shop.close();
    await chain.stop();
  }
}
if (process.env.BENCH_ONLY === 'pay') process.exit(0);

// 2. Injected script size.
const inpage = readFileSync(join(EXTENSION_DIR, 'content-scripts/inpage.js'));
console.log(`injected script (content-scripts/inpage.js): ${(inpage.length / 1024).toFixed(2)} KB minified, ${(gzipSync(inpage).length / 1024).toFixed(2)} KB gzipped  (goal: ≤ 10 KB)`);
const bridgeScript = readFileSync(join(EXTENSION_DIR, 'content-scripts/bridge.js'));
console.log(`bridge content script (content-scripts/bridge.js, isolated world): ${(bridgeScript.length / 1024).toFixed(2)} KB minified, ${(gzipSync(bridgeScript).length / 1024).toFixed(2)} KB gzipped`);

// 3. Page-load time the script adds: its own run time in a page, and DOMContentLoaded with and without the extension.
const plain = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const blank = await startShop({ port: 0 });
try {
  const page = await plain.newPage();
  await page.goto(`http://127.0.0.1:${blank.port}/config.json`);
  const source = inpage.toString('utf8');
  const runTimes = [];
  for (let run = 0; run < 50; run++) {
    // A fresh realm each time, like a new page: an iframe with the script inline.
    runTimes.push(
      await page.evaluate(async (code) => {
        const frame = document.createElement('iframe');
        document.body.append(frame);
        const doc = frame.contentDocument;
        const script = doc.createElement('script');
        script.textContent = `window.__t0 = performance.now();\n${code}\nwindow.__t1 = performance.now();`;
        doc.head.append(script);
        const elapsed = frame.contentWindow.__t1 - frame.contentWindow.__t0;
        frame.remove();
        return elapsed;
      }, source),
    );
  }
  console.log(`injected script run time per page (parse excluded): ${summary(runTimes.slice(5))}  (goal: ≤ 5 ms)`);
} finally {
  await plain.close();
}

// DOMContentLoaded of a minimal page in two browsers, with and without the extension, loads interleaved
// so machine noise hits both alike. Both profiles are warmed first (the first loads of a profile pay for
// cache and process set-up), then each run loads the page once in each browser; the figures are the
// medians and p95s of each side and of the per-run difference.
const LOAD_RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 300);
const LOAD_WARMUP = 30;
const blankServer = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>blank</title><p>blank</p>'));
await new Promise((ready) => blankServer.listen(0, '127.0.0.1', ready));
const blankUrl = `http://127.0.0.1:${blankServer.address().port}/`;
const bare = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const withExtension = await launchWallet();
const baselines = [];
for (const extensionDir of baselineDirs) baselines.push(await launchWallet({ extensionDir }));
try {
  const labels = ['without the extension', 'with the extension', ...baselineDirs.map((dir) => `with the build in ${dir}`)];
  const pages = [await bare.newPage(), await withExtension.context.newPage()];
  for (const baseline of baselines) pages.push(await baseline.context.newPage());
  // Two readings per load: DOMContentLoaded from navigation start, and from the end of the response
  // (the renderer's own time, where content scripts add theirs, without the server's and network's jitter).
  const fromStart = pages.map(() => []);
  const fromResponse = pages.map(() => []);
  for (let run = 0; run < LOAD_WARMUP + LOAD_RUNS; run++) {
    // Rotate which browser goes first, so none always loads on a cooler machine.
    const order = pages.map((_, index) => (index + run) % pages.length);
    const timing = [];
    for (const index of order) {
      await pages[index].goto(`${blankUrl}?run=${run}`);
      timing[index] = await pages[index].evaluate(() => {
        const entry = performance.getEntriesByType('navigation')[0];
        return { dcl: entry.domContentLoadedEventEnd, afterResponse: entry.domContentLoadedEventEnd - entry.responseEnd };
      });
    }
    if (run < LOAD_WARMUP) continue;
    for (const index of pages.keys()) {
      fromStart[index].push(timing[index].dcl);
      fromResponse[index].push(timing[index].afterResponse);
    }
  }
  const added = (series, index) => `median +${(quantile(series[index], 0.5) - quantile(series[0], 0.5)).toFixed(2)} ms, p95 +${(quantile(series[index], 0.95) - quantile(series[0], 0.95)).toFixed(2)} ms`;
  for (const index of pages.keys()) console.log(`blank page DOMContentLoaded ${labels[index]}: from navigation start ${summary(fromStart[index])}; from response end ${summary(fromResponse[index])}`);
  for (const index of pages.keys()) {
    if (index === 0) continue;
    console.log(`added ${labels[index]}: from navigation start ${added(fromStart, index)}; from response end ${added(fromResponse, index)}  (goal: ≤ 5 ms)`);
  }
} finally {
  await bare.close();
  await withExtension.close();
  for (const baseline of baselines) await baseline.close();
  await blank.close();
  blankServer.close();
}
