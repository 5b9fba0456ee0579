import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort, isPortFree } from '@commonguard/sdk/testing';
import { expect, test } from 'vitest';

const scriptsFolder = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs the dev command as a user would (through tsx), collecting what it prints. */
function startDev(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/dev.ts', ...args], {
    cwd: scriptsFolder,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, COMMONGUARD_DEBUG: '' },
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output, exited };
}

async function waitFor(check: () => boolean, child: ChildProcess, timeout = 45_000) {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (child.exitCode !== null) throw new Error('the dev command exited early');
    if (Date.now() > deadline) throw new Error('timed out waiting for the dev command');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('a busy port gets a clear message and no stack trace', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  try {
    const dev = startDev(['--port', String(port)]);
    expect(await dev.exited).toBe(1);
    expect(dev.output.stderr).toContain(`port ${port} is in use — stop the other process or run with --port ${port + 1}`);
    expect(dev.output.stderr + dev.output.stdout).not.toMatch(/^\s+at /m);
  } finally {
    server.close();
  }
});

test('a bad --port value is explained', async () => {
  const dev = startDev(['--port', 'eighty']);
  expect(await dev.exited).toBe(2);
  expect(dev.output.stderr.trim()).toBe('--port must be a port number from 1 to 65535, got "eighty".');
});

test('starts the chain, deploys, seeds, builds the wallet, serves the shop and the dApp, prints what is where, and stops it all on Ctrl-C', async () => {
  const [port, dappPort, shopPort] = [await findFreePort(), await findFreePort(), await findFreePort()];
  const dev = startDev([`--port=${port}`, '--dapp-port', String(dappPort), '--shop-port', String(shopPort)]);
  try {
    // Builds the extension and starts the dApp's dev server too: allow for a slow, busy machine.
    await waitFor(() => dev.output.stdout.includes('Press Ctrl-C to stop.'), dev.child, 150_000);
    const printed = dev.output.stdout;
    expect(printed).toContain(`RPC URL   http://127.0.0.1:${port}`);
    expect(printed).toContain('chain id  31337');
    expect(printed).toContain('PaymentPolicy       0xc8CB5439c767A63aca1c01862252B2F3495fDcFE');
    expect(printed).toMatch(/5 {2}treasurer +0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc {2}0x8b3a350c/);
    expect(printed).toContain('active     Lower the daily ETH cap to 1.5 ETH (voting open)');
    expect(printed).toContain('Load unpacked');
    expect(await isPortFree(port)).toBe(false);
    const shop = await fetch(`http://127.0.0.1:${shopPort}/`);
    expect(shop.status).toBe(200);
    expect(await shop.text()).toContain('Corner Coffee');
    // The shop sells over x402 on the same chain: an unpaid request gets 402 and what to pay.
    expect(printed).toContain('micropayments (x402)');
    const unpaid = await fetch(`http://127.0.0.1:${shopPort}/x402/newsletter`);
    expect(unpaid.status).toBe(402);
    expect(unpaid.headers.get('payment-required')).toBeTruthy();
    const dapp = await fetch(`http://127.0.0.1:${dappPort}/`);
    expect(dapp.status).toBe(200);
  } finally {
    dev.child.kill('SIGINT');
  }
  expect(await dev.exited).toBe(0);
  expect(dev.output.stdout).toContain('✔ stopped: Start anvil');
  expect(dev.output.stdout).toContain('✔ stopped: Serve the dApp');
  expect(dev.output.stdout).toContain('✔ stopped: Serve the demo shop');
  for (const used of [port, dappPort, shopPort]) expect(await isPortFree(used)).toBe(true);
}, 200_000);
