#!/usr/bin/env node
// Serves the demo shop. Usage: node serve.mjs [--port 5174] [--host 127.0.0.1] [--deployment ../../deployments/31337.json] [--rpc http://127.0.0.1:8545]
// The shop reads its token address from the deployment file through /config.json. With --rpc, it also
// sells over x402 (/x402/…, see x402.mjs), settled on that chain by a local facilitator.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { createX402App, PAID } from './x402.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };
const FILES = new Set(['/index.html', '/shop.js', '/newsletter.js', '/shop.css']);
/** Corner Coffee: anvil account 7, trusted by the community in the demo seed. */
export const MERCHANT = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';

/** Starts the shop's server; resolves once it listens. */
export async function startShop({ port = 5174, host = '127.0.0.1', deployment = join(here, '../../deployments/31337.json'), rpcUrl = undefined, facilitatorAccount = undefined } = {}) {
  const { chainId, contracts } = JSON.parse(await readFile(resolve(deployment), 'utf8'));
  // x402 needs the chain the facilitator settles on: only with an RPC address.
  const x402 = rpcUrl && contracts.demoStablecoin ? await createX402App({ rpcUrl, chainId, token: contracts.demoStablecoin, payTo: MERCHANT, ...(facilitatorAccount ? { facilitatorAccount } : {}) }) : null;
  let client;
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://shop').pathname;
    try {
      if (path === '/config.json') {
        response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        response.end(JSON.stringify({ chainId, merchant: MERCHANT, token: contracts.demoStablecoin ?? null, x402: x402 ? Object.entries(PAID).map(([path, paid]) => ({ path, description: paid.description, amount: paid.amount })) : [] }));
        return;
      }
      if (x402 && path.startsWith('/x402/')) {
        x402.app(request, response);
        return;
      }
      if (path === '/x402-client.js') {
        // The page's x402 client (the real @x402/fetch and @x402/evm), bundled once for the browser.
        client ??= bundleClient();
        response.writeHead(200, { 'content-type': TYPES['.js'], 'cache-control': 'no-store' });
        response.end(await client);
        return;
      }
      const file = path === '/' ? '/index.html' : path;
      if (!FILES.has(file)) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return;
      }
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      response.end(await readFile(join(here, file)));
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(`The shop could not answer: ${error.message}`);
    }
  });
  await new Promise((ready, fail) => {
    server.once('error', fail);
    server.listen(port, host, ready);
  });
  return { server, port: server.address().port, x402: x402 ? { facilitator: x402.facilitatorAddress, network: x402.network } : null, close: () => new Promise((done) => server.close(done)) };
}

async function bundleClient() {
  const result = await build({ entryPoints: [join(here, 'x402-client.src.js')], bundle: true, format: 'esm', platform: 'browser', write: false, minify: true, logLevel: 'silent' });
  return result.outputFiles[0].text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '5174' }, host: { type: 'string', default: '127.0.0.1' }, deployment: { type: 'string' }, rpc: { type: 'string' } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number, got "${values.port}"`);
    process.exit(1);
  }
  startShop({ port, host: values.host, ...(values.deployment ? { deployment: values.deployment } : {}), ...(values.rpc ? { rpcUrl: values.rpc } : {}) }).then(
    ({ port: actual, x402 }) => {
      console.log(`Demo shop: http://localhost:${actual} (blocked twin: http://scam.localhost:${actual})`);
      if (x402) console.log(`x402: http://localhost:${actual}/x402/newsletter, settled on ${x402.network} by the local facilitator ${x402.facilitator}`);
    },
    (error) => {
      console.error(`The demo shop could not start: ${error.message}`);
      process.exit(1);
    },
  );
}
