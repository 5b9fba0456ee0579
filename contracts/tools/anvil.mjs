// Starts a throwaway anvil on a free 127.0.0.1 port for the contracts' own tools, and talks JSON-RPC to it.
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Path of a binary installed by `pnpm install` (forge, cast, anvil). */
export const bin = (tool) => join(root, 'node_modules', '.bin', tool);

/** Runs forge or cast from the repository root; returns stdout, throws with stderr on failure. */
export function run(tool, args, env = {}) {
  try {
    return execFileSync(bin(tool), args, {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    throw new Error(`${tool} ${args.slice(0, 2).join(' ')} failed:\n${error.stderr || error.message}`);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts anvil (default mnemonic, chain id 31337) and resolves once it answers. */
export async function startAnvil() {
  const port = await freePort();
  const rpcUrl = `http://127.0.0.1:${port}`;
  const child = spawn(bin('anvil'), ['--port', String(port), '--silent'], { stdio: 'ignore' });
  const stop = () => {
    if (child.exitCode === null) child.kill();
  };
  process.on('exit', stop);

  async function rpc(method, params = []) {
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    });
    const body = await response.json();
    if (body.error) throw new Error(`${method}: ${body.error.message}`);
    return body.result;
  }

  for (let attempt = 0; ; attempt++) {
    try {
      await rpc('eth_chainId');
      break;
    } catch (error) {
      if (child.exitCode !== null || attempt > 150) {
        stop();
        throw new Error(`anvil did not start on port ${port}: ${error.message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { port, rpcUrl, rpc, stop };
}
