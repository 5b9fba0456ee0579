// What a hostile page or a hostile token can throw at the wallet, through the real extension on a real anvil:
// typed data whose types expand without end, token symbols with direction overrides or borrowed from a listed
// token, decimals no token has, and a payment of nothing. Tokens are contracts/test/e2e/HostileToken.sol.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startShop } from '@commonguard/shop/serve';
import { createWalletClient, encodeFunctionData, getAddress, http, parseUnits, publicActions } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EXTENSION_ID, launchWallet, saveScreenshot, setUpShopper, withWalletWindow } from './browser.mjs';
import { ACCOUNTS, root, startChain } from './chain.mjs';
import { sendInPage, typedDataGraphRequests } from './fuzz.mjs';
import { press, request } from './page.mjs';

let chain;
let shop;
let wallet;
/** A site the shopper connected. */
let page;
/** Another site, never connected. */
let stranger;
const tokens = {};

const hostile = JSON.parse(readFileSync(join(root, 'contracts/out/HostileToken.sol/HostileToken.json'), 'utf8'));

beforeAll(async () => {
  chain = await startChain();
  // The shopper deploys and claims the hostile tokens itself: anyone can, and the shopper then holds some.
  const shopper = createWalletClient({ account: privateKeyToAccount(ACCOUNTS.shopper.key), chain: foundry, transport: http(chain.rpcUrl) }).extend(publicActions);
  const deploy = async (symbol, decimals) => {
    const hash = await shopper.deployContract({ abi: hostile.abi, bytecode: hostile.bytecode.object, args: [symbol, `${symbol} token`, decimals] });
    const address = getAddress((await shopper.waitForTransactionReceipt({ hash })).contractAddress);
    await shopper.waitForTransactionReceipt({ hash: await shopper.writeContract({ address, abi: hostile.abi, functionName: 'claim', args: [10n ** 30n] }) });
    return address;
  };
  tokens.reversed = await deploy('\u202EDSUgc', 6n);
  tokens.fakeUsd = await deploy('cgUSD', 6n);
  tokens.fakeEth = await deploy('ETH', 18n);
  tokens.huge = await deploy('HUGE', 100_000n);
  shop = await startShop({ port: 0 });
  wallet = await launchWallet();
  await setUpShopper(wallet, chain);
  page = await wallet.context.newPage();
  await page.goto(`http://localhost:${shop.port}/`);
  const { popup, answer } = await withWindow(() => request(page, 'eth_requestAccounts'));
  await press(popup, 'confirm');
  expect((await answer).result).toEqual([ACCOUNTS.shopper.address]);
  stranger = await wallet.context.newPage();
  await stranger.goto(`http://127.0.0.1:${shop.port}/`);
});

afterAll(async () => {
  await wallet?.close();
  await shop?.close();
  await chain?.stop();
});

const withWindow = (start) => withWalletWindow(wallet.context, start);

/** A request made in `target`, timed in the page from the call to the answer (ms). */
function timed(target, method, params) {
  return target.evaluate(
    async ([method, params]) => {
      const started = performance.now();
      try {
        const result = await window.ethereum.request({ method, params });
        return { result, ms: performance.now() - started };
      } catch (error) {
        return { error: { code: error.code, message: error.message }, ms: performance.now() - started };
      }
    },
    [method, params],
  );
}

/** `depth` struct types each naming the next one twice, reached through an empty list: about 1.4 KB at depth 22. */
function typeGraph(depth) {
  const types = { EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'chainId', type: 'uint256' }] };
  for (let level = 0; level < depth; level++) types[`T${level}`] = [{ name: 'a', type: `T${level + 1}` }, { name: 'b', type: `T${level + 1}` }];
  types[`T${depth}`] = [{ name: 'v', type: 'uint256' }];
  types.Mail = [{ name: 'items', type: 'T0[]' }];
  return JSON.stringify({ types, primaryType: 'Mail', domain: { name: 'Graph', chainId: 31337 }, message: { items: [] } });
}

const transfer = (token, amount) => ({ from: ACCOUNTS.shopper.address, to: token, data: encodeFunctionData({ abi: hostile.abi, functionName: 'transfer', args: [ACCOUNTS.merchant.address, amount] }) });
const claim = (token, amount) => ({ from: ACCOUNTS.shopper.address, to: token, data: encodeFunctionData({ abi: hostile.abi, functionName: 'claim', args: [amount] }) });
const rules = (popup) => popup.getByTestId('reason').evaluateAll((items) => items.map((item) => item.dataset.rule));

const screenshot = (popup, name) => saveScreenshot(popup, name);

describe('no page can freeze the wallet', () => {
  // The bounds are far above what the wallet needs (a few ms on an idle machine) so that a busy shared CI
  // machine passes, and far below what the old code took: it expanded the graph for 41 s at depth 22, during
  // which every site, window and the popup waited on the single-threaded background.
  const BOUND_MS = 500;

  test('a connected site’s typed data whose types expand without end gets -32602 at once, while another site’s eth_chainId stays fast', async () => {
    const graph = typeGraph(22);
    expect(graph.length).toBeLessThan(1600);
    const [signed, chainId] = await Promise.all([
      timed(page, 'eth_signTypedData_v4', [ACCOUNTS.shopper.address, graph]),
      stranger.evaluate(() => new Promise((done) => setTimeout(done, 2))).then(() => timed(stranger, 'eth_chainId')),
    ]);
    console.log(`type graph (depth 22, ${graph.length} bytes): answered in ${signed.ms.toFixed(1)} ms; the other site's eth_chainId in ${chainId.ms.toFixed(1)} ms`);
    expect(signed.error.code).toBe(-32602);
    expect(signed.error.message).toContain('expands to more than 4096 fields');
    expect(signed.ms).toBeLessThan(BOUND_MS);
    expect(chainId).toMatchObject({ result: '0x7a69' });
    expect(chainId.ms).toBeLessThan(BOUND_MS);
  });

  test('a site never connected gets 4100 for the same request before anything is decoded', async () => {
    const answer = await timed(stranger, 'eth_signTypedData_v4', [ACCOUNTS.shopper.address, typeGraph(40)]);
    expect(answer.error.code).toBe(4100);
    expect(answer.ms).toBeLessThan(BOUND_MS);
    expect((await timed(stranger, 'eth_chainId')).result).toBe('0x7a69');
  });

  test('300 typed-data requests with random type graphs from a connected site: each is refused in words at once, or opens a window', async () => {
    // Every window a valid request opens is closed at once (a rejection, 4001).
    const closeWindows = (opened) => {
      if (opened.url().startsWith(wallet.url('approval.html'))) opened.close().catch(() => {});
    };
    wallet.context.on('page', closeWindows);
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
    const requests = typedDataGraphRequests({ count: 300, seed, account: ACCOUNTS.shopper.address });
    const answers = await page.evaluate(sendInPage, { requests, concurrency: 2, pauseMs: 40 });
    wallet.context.off('page', closeWindows);
    const codes = new Map();
    for (const answer of answers) codes.set(answer.code ?? answer.kind, (codes.get(answer.code ?? answer.kind) ?? 0) + 1);
    const refused = answers.filter((answer) => answer.code === -32602);
    const slowest = Math.max(...refused.map((answer) => answer.ms));
    console.log(`typed-data fuzz: seed ${seed}, ${requests.length} requests, answers`, Object.fromEntries(codes), `slowest refusal ${slowest.toFixed(1)} ms`);
    expect(answers).toHaveLength(300);
    for (const answer of answers) {
      // A refusal names what is wrong (-32602); a window closed unanswered is 4001; the site's request budget
      // may still answer -32005 on a slow machine, and a valid request that arrives while the window of the
      // one before it is still closing is refused as already waiting (-32002, as Approvals documents).
      // Never -32603 (the wallet failing on its own).
      expect([-32602, 4001, -32005, -32002], JSON.stringify(answer)).toContain(answer.code);
      expect(typeof answer.message === 'string' && answer.message.length > 0, JSON.stringify(answer)).toBe(true);
    }
    expect(refused.length).toBeGreaterThan(100);
    // Refusals come before any window, so they never wait on one: each within the bound, whatever the graph.
    expect(slowest).toBeLessThan(BOUND_MS * 2);
    expect((await timed(stranger, 'eth_chainId')).result).toBe('0x7a69');
  });

  test('type names such as "toString" are undeclared names (-32602), not a wallet error (-32603)', async () => {
    const data = { types: { EIP712Domain: [{ name: 'name', type: 'string' }], Mail: [{ name: 'x', type: 'toString' }] }, primaryType: 'Mail', domain: { name: 'x' }, message: { x: {} } };
    const answer = await request(page, 'eth_signTypedData_v4', [ACCOUNTS.shopper.address, JSON.stringify(data)]);
    expect(answer.error.code).toBe(-32602);
    expect(answer.error.message).toContain('neither built in nor declared');
  });
});

describe('what a token says reaches a person only sanitised', () => {
  test('a symbol with a direction override is shown without it: the window says DSUgc, never cgUSD, and the recipient reads as it is', async () => {
    const { popup, answer } = await withWindow(() => request(page, 'eth_sendTransaction', [transfer(tokens.reversed, parseUnits('5', 6))]));
    await expect.poll(() => popup.getByTestId('verdict-level').getAttribute('data-level')).not.toBeNull();
    expect(await popup.getByTestId('title').textContent()).toBe('Pay 5 DSUgc');
    expect(await popup.getByTestId('amount').textContent()).toBe('5 DSUgc');
    expect(await popup.getByTestId('recipient').textContent()).toBe(ACCOUNTS.merchant.address);
    const text = await popup.evaluate(() => document.body.innerText);
    expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    await screenshot(popup, 'reversed-symbol');
    await press(popup, 'reject');
    expect((await answer).error.code).toBe(4001);
  });

  test('a token that calls itself cgUSD or ETH but is not the listed one arrives with its address and a warning in words', async () => {
    for (const [token, name] of [[tokens.fakeUsd, 'cgUSD'], [tokens.fakeEth, 'ETH']]) {
      const { popup, answer } = await withWindow(() => request(page, 'eth_sendTransaction', [claim(token, parseUnits('100', name === 'ETH' ? 18 : 6))]));
      await expect.poll(() => popup.getByTestId('verdict-level').getAttribute('data-level')).toBe('warn');
      const short = `${token.slice(0, 6)}…${token.slice(-4)}`;
      expect(await popup.getByTestId('balance-changes').textContent()).toContain(`+100 ${name} (${short})`);
      expect(await rules(popup)).toContain('copycatToken');
      const reason = await popup.locator('[data-testid="reason"][data-rule="copycatToken"]').textContent();
      expect(reason).toContain(token);
      expect(reason).toContain(name === 'ETH' ? 'is not the network’s own coin, ETH' : 'is not the cgUSD your community lists');
      await screenshot(popup, `copycat-${name}`);
      await press(popup, 'reject');
      expect((await answer).error.code).toBe(4001);
    }
  });

  test('a token declaring 100,000 decimals is unreadable: a warning, amounts in smallest units, and neither the window nor the popup stalls', async () => {
    const started = Date.now();
    const { popup, answer } = await withWindow(() => request(page, 'eth_sendTransaction', [transfer(tokens.huge, 5n)]));
    await expect.poll(() => popup.getByTestId('verdict-level').getAttribute('data-level')).toBe('warn');
    // Formatting 100,000 decimals took 7.9 s (17.7 s on a busy 2-core machine); the whole window takes far less.
    expect(Date.now() - started).toBeLessThan(7_000);
    expect(await rules(popup)).toContain('unreadableToken');
    expect(await popup.getByTestId('amount').textContent()).toBe(`5 units of the unreadable token ${tokens.huge.slice(0, 6)}…${tokens.huge.slice(-4)}`);
    await press(popup, 'reject');
    expect((await answer).error.code).toBe(4001);
    const wallets = await wallet.context.newPage();
    const opened = Date.now();
    await wallets.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
    await expect.poll(() => wallets.locator('[data-testid="history-entry"]').first().innerText()).toContain('units of the unreadable token');
    expect(Date.now() - opened).toBeLessThan(7_000);
    await wallets.close();
  });

  test('the tokens the shopper received are listed in the popup’s balances, a copy with its address: read from the same logs as the poisoning checks', async () => {
    const wallets = await wallet.context.newPage();
    await wallets.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
    // Claimed in the setup: each claim is a Transfer to the shopper (the wallet did not send it).
    const copy = wallets.locator(`[data-testid="balance-row"][data-token="${tokens.fakeUsd}"]`);
    await expect.poll(() => copy.count()).toBe(1);
    expect(await copy.getByTestId('balance-address').textContent()).toBe(`Not listed by the community · ${tokens.fakeUsd}`);
    for (const token of [tokens.reversed, tokens.fakeEth]) expect(await wallets.locator(`[data-testid="balance-row"][data-token="${token}"]`).count()).toBe(1);
    await wallets.close();
  });
});

describe('every window names where a transaction goes', () => {
  test('a payment of 0 ETH names its recipient and the community’s word on it', async () => {
    const { popup, answer } = await withWindow(() => request(page, 'eth_sendTransaction', [{ from: ACCOUNTS.shopper.address, to: ACCOUNTS.merchant.address, value: '0x0' }]));
    await expect.poll(() => popup.getByTestId('verdict-level').getAttribute('data-level')).not.toBeNull();
    expect(await popup.getByTestId('title').textContent()).toBe('Pay 0 ETH');
    expect(await popup.getByTestId('recipient').textContent()).toBe(ACCOUNTS.merchant.address);
    expect(await popup.getByTestId('recipient-status').textContent()).toContain('Trusted by the community');
    await screenshot(popup, 'zero-payment');
    await press(popup, 'reject');
    expect((await answer).error.code).toBe(4001);
  });
});
