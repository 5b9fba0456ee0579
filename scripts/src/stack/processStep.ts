import { type ChildProcess, spawn } from 'node:child_process';
import { PortInUseError, isPortFree, processStopper } from '@commonguard/sdk/testing';
import type { StackContext, StackStep } from './runStack.js';

export type ProcessStepParameters<context extends StackContext> = {
  title: string | ((context: context) => string);
  /** The program and its arguments, e.g. `['pnpm', '--dir', 'dapp', 'dev', '--port', '5173']`. */
  command: (context: context) => readonly [string, ...string[]];
  /** Working folder; the repository root's relative paths work when the dev command runs there. */
  cwd?: string | undefined;
  /** The program's environment; a function to build it from what earlier steps found (the RPC URL). */
  env?: NodeJS.ProcessEnv | ((context: context) => NodeJS.ProcessEnv) | undefined;
  /** The port it will listen on (127.0.0.1); checked first, so a busy port fails with a clear message. */
  port: number | ((context: context) => number);
  /** Polled with GET until it answers; default `http://127.0.0.1:<port>/`. */
  readyUrl?: string | undefined;
  /** How long to wait for it, in milliseconds. Default 60 000. */
  timeout?: number | undefined;
  /** Summary lines once it is up, e.g. `['dApp  http://localhost:5173']`. */
  summary?: ((context: context) => { title: string; lines: string[] }) | undefined;
};

/**
 * A stack step that runs a long-lived program (a dev server, a static file server) until the stack
 * stops: it checks the port, starts the program, waits until its URL answers, and stops it (SIGTERM,
 * then SIGKILL after 5 s) when the stack stops. For the dApp on 5173 and the demo shop on 5174.
 */
export function processStep<context extends StackContext>(
  parameters: ProcessStepParameters<context>,
): StackStep<context> {
  return {
    title: parameters.title,
    start: async (context) => {
      const port = typeof parameters.port === 'function' ? parameters.port(context) : parameters.port;
      if (!(await isPortFree(port))) throw new PortInUseError({ port });
      const [program, ...args] = parameters.command(context);
      const child = spawn(program, args, {
        cwd: parameters.cwd,
        env: typeof parameters.env === 'function' ? parameters.env(context) : (parameters.env ?? process.env),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const keep = (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-4_000);
      };
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      const stop = processStopper(child, { killAfter: 5_000 });
      try {
        await waitForUrl(child, parameters.readyUrl ?? `http://127.0.0.1:${port}/`, parameters.timeout ?? 60_000);
      } catch (error) {
        await stop();
        const tail = output.trim().split('\n').slice(-8).join('\n');
        throw new Error(`${(error as Error).message}${tail ? `\n\nIts last output:\n${tail}` : ''}`);
      }
      if (parameters.summary) context.summary.push(parameters.summary(context));
      return stop;
    },
  };
}

async function waitForUrl(child: ChildProcess, url: string, timeout: number) {
  const deadline = Date.now() + timeout;
  let exitCode: number | null = null;
  child.once('exit', (code) => {
    exitCode = code ?? -1;
  });
  child.once('error', () => {
    exitCode = -1;
  });
  while (Date.now() < deadline) {
    if (exitCode !== null) throw new Error(`it exited (code ${exitCode}) before ${url} answered`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1_000) });
      return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within ${Math.round(timeout / 1000)} s`);
}
