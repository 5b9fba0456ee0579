import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { CommonGuardError } from '../errors/base.js';
import { type FoundryNotFoundErrorType, findFoundryBinary } from './foundry.js';

export type StartAnvilParameters = {
  /** Port on 127.0.0.1; a free one is picked when omitted. */
  port?: number | undefined;
  /** Chain id; anvil's default is 31337. */
  chainId?: number | undefined;
  /** How long to wait for anvil to answer, in milliseconds. Default 15 000. */
  timeout?: number | undefined;
  /** Extra anvil command-line arguments. */
  args?: readonly string[] | undefined;
};

export type StartAnvilReturnType = {
  rpcUrl: string;
  port: number;
  /** Stops anvil and waits until it has exited. Safe to call twice. */
  stop: () => Promise<void>;
};

export type StartAnvilErrorType = PortInUseErrorType | AnvilStartErrorType | FoundryNotFoundErrorType;

export type PortInUseErrorType = PortInUseError & { name: 'PortInUseError' };

/** Something else listens on the port anvil should use. */
export class PortInUseError extends CommonGuardError {
  override name = 'PortInUseError' as const;
  readonly port: number;

  constructor({ port }: { port: number }) {
    super(`Port ${port} is in use.`, {
      metaMessages: ['Stop the other process, or choose another port.'],
    });
    this.port = port;
  }
}

export type AnvilStartErrorType = AnvilStartError & { name: 'AnvilStartError' };

/** anvil exited or did not answer in time. */
export class AnvilStartError extends CommonGuardError {
  override name = 'AnvilStartError' as const;

  constructor({ reason, output }: { reason: string; output: string }) {
    super(`anvil did not start: ${reason}.`, { details: output.trim().split('\n').slice(-5).join('\n') || undefined });
  }
}

/**
 * Starts anvil (from `@foundry-rs/anvil`) on 127.0.0.1 and resolves once it answers JSON-RPC.
 * Node only.
 *
 * @example
 * import { startAnvil } from '@commonguard/sdk/testing'
 * const anvil = await startAnvil()
 * // … use anvil.rpcUrl …
 * await anvil.stop()
 */
export async function startAnvil(parameters: StartAnvilParameters = {}): Promise<StartAnvilReturnType> {
  const binary = findFoundryBinary('anvil');
  const port = parameters.port ?? (await findFreePort());
  if (parameters.port !== undefined && !(await isPortFree(port))) throw new PortInUseError({ port });

  const args = ['--host', '127.0.0.1', '--port', String(port), ...(parameters.args ?? [])];
  if (parameters.chainId !== undefined) args.push('--chain-id', String(parameters.chainId));
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    if (output.length < 20_000) output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    if (output.length < 20_000) output += chunk.toString();
  });

  const rpcUrl = `http://127.0.0.1:${port}`;
  const stop = stopper(child);
  try {
    await waitUntilReady(child, rpcUrl, parameters.timeout ?? 15_000, () => output);
  } catch (error) {
    await stop();
    if (/address already in use/i.test(output)) throw new PortInUseError({ port });
    throw error;
  }
  return { rpcUrl, port, stop };
}

/** Asks the OS for a free port on 127.0.0.1. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether nothing listens on `port` of 127.0.0.1. */
export async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function waitUntilReady(child: ChildProcess, rpcUrl: string, timeout: number, output: () => string) {
  const deadline = Date.now() + timeout;
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new AnvilStartError({ reason: `it exited with code ${child.exitCode}`, output: output() });
    try {
      const response = await fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
        signal: AbortSignal.timeout(1_000),
      });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new AnvilStartError({ reason: `no answer at ${rpcUrl} within ${timeout} ms`, output: output() });
}

function stopper(child: ChildProcess): () => Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    }
  };
}
