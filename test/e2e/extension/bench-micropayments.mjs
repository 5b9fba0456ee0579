#!/usr/bin/env node
// Figures for micropayments (printed, not asserted), in headless Chromium with the built extension, the
// demo shop's x402 endpoint and a local anvil with the demo seed:
//  1. inside a payment session: page request (an EIP-3009 authorisation, eth_signTypedData_v4) →
//     signature back in the page, judgement included; median and p95 over BENCH_SESSION_RUNS (100),
//     and the wallet windows opened for them (the session's own window included). Measured twice: in
//     one block (the wallet reuses what it read at the latest block), and with a new block mined just
//     before each payment (BENCH_NEW_BLOCK_RUNS, 50: what it read is asked again);
//  2. x402 end to end: paid request → content in the page (402, signature in the wallet, the
//     facilitator's verification and settlement on anvil), median over BENCH_X402_RUNS (50).
// Run after `pnpm --dir extension build`:  cd test/e2e/extension && npx tsx bench-micropayments.mjs
import { startShop } from '@commonguard/shop/serve';
import { EXTENSION_ID, launchWallet, nextWalletWindow, setUpShopper, withWalletWindow } from './browser.mjs';
import { ACCOUNTS, startChain } from './chain.mjs';
import { transferAuthorisation } from '@commonguard/sdk/testing';
import { press, request, toHex } from './page.mjs';

const SESSION_RUNS = Number(process.env.BENCH_SESSION_RUNS ?? 100);
const X402_RUNS = Number(process.env.BENCH_X402_RUNS ?? 50);
const NEW_BLOCK_RUNS = Number(process.env.BENCH_NEW_BLOCK_RUNS ?? 50);
const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};
const summary = (values) => `median ${quantile(values, 0.5).toFixed(1)} ms, p95 ${quantile(values, 0.95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms (n=${values.length})`;

const chain = await startChain();
const shop = await startShop({ port: 0, rpcUrl: chain.rpcUrl });
const wallet = await launchWallet();
try {
  await setUpShopper(wallet, chain);
  let windows = 0;
  wallet.context.on('page', (opened) => opened.url().startsWith(`chrome-extension://${EXTENSION_ID}/approval.html`) && windows++);
  const page = await wallet.context.newPage();
  await page.goto(`http://localhost:${shop.port}/`);
  const connect = nextWalletWindow(wallet.context);
  const connected = request(page, 'eth_requestAccounts');
  await press(await connect, 'confirm');
  await connected;
  windows = 0;

  // 1. A session (20 cgUSD a day to the shop), then 100 authorisations of 0.05 cgUSD inside it.
  const token = chain.deployment.contracts.demoStablecoin;
  const { popup, answer } = await withWalletWindow(wallet.context, () =>
    request(page, 'wallet_grantPermissions', [
      {
        chainId: toHex(31337),
        expiry: Math.floor(Date.now() / 1000) + 86_400,
        permission: { type: 'erc20-token-periodic', data: { tokenAddress: token, periodAmount: toHex(20_000_000n), periodDuration: 86_400 } },
        rules: [{ type: 'payee', data: { address: ACCOUNTS.merchant.address } }],
      },
    ]),
  );
  await popup.getByTestId('confirm').waitFor();
  await popup.waitForFunction(() => !document.querySelector('[data-testid="confirm"]')?.disabled);
  await press(popup, 'confirm');
  if ((await answer).error) throw new Error(`no session: ${(await answer).error.message}`);
  const authorisation = (index) =>
    JSON.stringify(transferAuthorisation({ token, from: ACCOUNTS.shopper.address, to: ACCOUNTS.merchant.address, value: 50_000n, validBefore: Math.floor(Date.now() / 1000) + 300, nonce: `bench ${index}` }));
  const pay = async (index) => {
    const measured = await page.evaluate(
      async ([account, data]) => {
        const started = performance.now();
        const signature = await window.ethereum.request({ method: 'eth_signTypedData_v4', params: [account, data] });
        return { ms: performance.now() - started, ok: /^0x[0-9a-f]{130}$/.test(signature) };
      },
      [ACCOUNTS.shopper.address, authorisation(index)],
    );
    if (!measured.ok) throw new Error('no signature');
    return measured.ms;
  };
  const latencies = [];
  for (let run = 0; run < SESSION_RUNS + 3; run++) {
    const ms = await pay(run);
    if (run >= 3) latencies.push(ms); // the first few warm the worker's caches and start the watch on new blocks
  }
  const mine = () => fetch(chain.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'evm_mine', params: [] }) }).then((response) => response.json());
  const afterNewBlock = [];
  for (let run = 0; run < NEW_BLOCK_RUNS; run++) {
    await mine();
    afterNewBlock.push(await pay(SESSION_RUNS + 3 + run));
  }
  console.log(`1. inside a payment session, page request → signature (judgement included), in one block: ${summary(latencies)}`);
  console.log(`   the same, a new block mined just before each payment: ${summary(afterNewBlock)}`);
  console.log(`   wallet windows opened: ${windows} for ${SESSION_RUNS + 3 + NEW_BLOCK_RUNS} payments (the session's own window included)`);

  // 2. x402: paid request → content, through the page's real x402 client and the shop's facilitator.
  const paid = await page.evaluate(
    async ([runs, chainId, token]) => {
      const { payingFetch } = await import('/x402-client.js');
      const [account] = await window.ethereum.request({ method: 'eth_accounts' });
      const pay = payingFetch({ provider: window.ethereum, account, chainId, token });
      const times = [];
      for (let run = 0; run < runs + 1; run++) {
        const started = performance.now();
        const response = await pay('/x402/newsletter');
        if (!response.ok) throw new Error(`x402 answered ${response.status}: ${atob(response.headers.get('PAYMENT-REQUIRED') ?? '')}`);
        await response.json();
        if (run > 0) times.push(performance.now() - started);
      }
      return times;
    },
    [X402_RUNS, 31337, token],
  );
  console.log(`2. x402 end to end, paid request → content (settled on anvil): ${summary(paid)}`);
  console.log(`   wallet windows opened in all: ${windows}`);
} finally {
  await wallet.close();
  await shop.close();
  await chain.stop();
}
