import type { ChildProcess } from 'node:child_process';

export type ProcessStopperParameters = {
  /** How long to wait after SIGTERM before SIGKILL, in milliseconds. Default 3 000. */
  killAfter?: number | undefined;
};

/**
 * Returns a function that stops `child` (SIGTERM, then SIGKILL if it is still running after
 * `killAfter`) and resolves once it has exited. Safe to call twice, or after the child exited by itself.
 *
 * @example
 * import { spawn } from 'node:child_process'
 * import { processStopper } from '@commonguard/sdk/testing'
 * const stop = processStopper(spawn('anvil'))
 * await stop()
 */
export function processStopper(child: ChildProcess, { killAfter = 3_000 }: ProcessStopperParameters = {}): () => Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), killAfter);
      await exited;
      clearTimeout(timer);
    }
  };
}
