// Shared pieces of the dApp's browser tests: a static server for the built SPA, and an injected
// EIP-6963 stand-in wallet that signs with an anvil key. The main flows use the real CommonGuard
// extension; the stand-in serves only what the extension cannot be made to do on purpose (a wrong
// network).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { chromiumPath } from '../extension/browser.mjs';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png' };

/** Serves the built SPA; unknown paths get index.html; /config.json points the app at the test chain. */
export async function serveApp(buildDir, runtimeConfig) {
  if (!existsSync(join(buildDir, 'index.html'))) throw new Error(`No built dApp in ${buildDir}: run "vite build" in dapp/ first.`);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/config.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(runtimeConfig));
      return;
    }
    let file = normalize(join(buildDir, path));
    if (!file.startsWith(buildDir) || !existsSync(file) || statSync(file).isDirectory()) file = join(buildDir, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

const ICON = 'data:image/svg+xml,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" rx="5" fill="#555"/><text x="12" y="16" font-size="10" fill="#fff" text-anchor="middle">T</text></svg>');

/** The page side of the test wallet: an EIP-1193 provider announced through EIP-6963. */
function inPageWallet({ chainId, rpcUrl, icon }) {
  const listeners = {};
  let currentChain = chainId;
  let accounts = [];
  // The networks the wallet knows: it serves only `chainId`, but learns others through wallet_addEthereumChain
  // (EIP-3085) and, like most wallets, does not switch when it adds one.
  const known = new Set([chainId]);
  const added = [];
  const emit = (event, value) => (listeners[event] ?? []).slice().forEach((fn) => fn(value));
  const rpc = async (method, params) => {
    const res = await fetch(rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: Date.now(), method, params: params ?? [] }) });
    const body = await res.json();
    if (body.error) throw Object.assign(new Error(body.error.message), { code: body.error.code, data: body.error.data });
    return body.result;
  };
  const provider = {
    async request({ method, params }) {
      switch (method) {
        case 'eth_requestAccounts':
          accounts = [await window.__testWalletAccount()];
          emit('connect', { chainId: '0x' + currentChain.toString(16) });
          return accounts;
        case 'eth_accounts':
          // Like a real wallet, it remembers that this site was allowed (across reloads).
          if (accounts.length === 0 && (await window.__testWalletAllowed())) accounts = [await window.__testWalletAccount()];
          return accounts;
        case 'eth_chainId':
          return '0x' + currentChain.toString(16);
        case 'net_version':
          return String(currentChain);
        case 'wallet_requestPermissions':
        case 'wallet_getPermissions':
          return [{ parentCapability: 'eth_accounts' }];
        case 'wallet_revokePermissions':
          return null;
        case 'wallet_addEthereumChain':
          added.push(params[0]);
          known.add(parseInt(params[0].chainId, 16));
          return null;
        case 'wallet_switchEthereumChain': {
          const next = parseInt(params[0].chainId, 16);
          if (next !== chainId || !known.has(next)) throw Object.assign(new Error('Unrecognized chain'), { code: 4902 });
          currentChain = next;
          emit('chainChanged', params[0].chainId);
          return null;
        }
        case 'eth_sendTransaction': {
          if (currentChain !== chainId) throw Object.assign(new Error('Wrong chain'), { code: 4901 });
          const result = await window.__testWalletSend(params[0]);
          if (result.error) throw Object.assign(new Error(result.error.message), { code: result.error.code });
          return result.hash;
        }
        default:
          return rpc(method, params);
      }
    },
    on(event, fn) {
      (listeners[event] ??= []).push(fn);
      return provider;
    },
    removeListener(event, fn) {
      listeners[event] = (listeners[event] ?? []).filter((f) => f !== fn);
      return provider;
    },
  };
  window.__testWallet = {
    setChain(id) {
      currentChain = id;
      emit('chainChanged', '0x' + id.toString(16));
    },
    forget(id) {
      known.delete(id);
    },
    added,
  };
  const info = Object.freeze({ uuid: crypto.randomUUID(), name: 'Test Wallet (anvil key)', icon, rdns: 'org.commonguard.test-wallet' });
  const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }));
  window.addEventListener('eip6963:requestProvider', announce);
  announce();
}

/**
 * Opens a page with the test wallet injected. `wallet.setChain(id)` moves it to another network,
 * `wallet.forget(id)` makes it answer 4902 for a network until a page adds it, and `wallet.added()`
 * lists the wallet_addEthereumChain parameters pages sent. The
 * account carries `address` and `privateKey` (a demo account of @commonguard/scripts).
 */
export async function openWithWallet(browser, { rpcUrl, chainId, account }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const wallet = {
    account,
    allowed: false,
    async setChain(id) {
      await page.evaluate((chain) => window.__testWallet.setChain(chain), id);
    },
    async forget(id) {
      await page.evaluate((chain) => window.__testWallet.forget(chain), id);
    },
    added() {
      return page.evaluate(() => window.__testWallet.added);
    },
  };
  await page.exposeFunction('__testWalletAccount', () => {
    wallet.allowed = true;
    return wallet.account.address;
  });
  await page.exposeFunction('__testWalletAllowed', () => wallet.allowed);
  await page.exposeFunction('__testWalletSend', async (tx) => {
    const client = createWalletClient({ chain: { ...foundry, id: chainId }, transport: http(rpcUrl), account: privateKeyToAccount(wallet.account.privateKey) });
    const hash = await client.sendTransaction({
      to: tx.to,
      data: tx.data ?? tx.input,
      value: tx.value ? BigInt(tx.value) : 0n,
      gas: tx.gas ? BigInt(tx.gas) : undefined,
    });
    return { hash };
  });
  await page.addInitScript(inPageWallet, { chainId, rpcUrl, icon: ICON });
  return { context, page, wallet };
}
