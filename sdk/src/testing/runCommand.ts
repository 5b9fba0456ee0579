import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import { CommonGuardError } from '../errors/base.js';
import { repositoryRoot } from './foundry.js';

export type RunCommandParameters = {
  /** The program, e.g. the path `findFoundryBinary('forge')` returns, or `pnpm`. */
  command: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv | undefined;
  /** Time limit in milliseconds; the program is killed after it. Default: none. */
  timeout?: number | undefined;
};

/** Everything the program printed (stdout and stderr, interleaved as it came). */
export type RunCommandReturnType = string;

export type RunCommandErrorType = CommandFailedError & { name: 'CommandFailedError' };

/** A command failed, did not start, or ran out of time; `output` holds what it printed. */
export class CommandFailedError extends CommonGuardError {
  override name = 'CommandFailedError' as const;
  /** Why, in a few words: "forge exited with code 1", "no result within 1000 ms", … */
  readonly reason: string;
  readonly output: string;

  constructor({ reason, output }: { reason: string; output: string }) {
    const lastLines = output.trim().split('\n').filter(Boolean).slice(-20).join('\n');
    super(`${reason}.`, { details: lastLines || undefined });
    this.reason = reason;
    this.output = output;
  }
}

/**
 * Runs a one-off command (a build, a forge script) at the repository root and resolves with what it
 * printed once it exits with code 0. Node only.
 *
 * @example
 * import { findFoundryBinary, runCommand } from '@commonguard/sdk/testing'
 * await runCommand({ command: findFoundryBinary('forge'), args: ['build'] })
 */
export function runCommand(parameters: RunCommandParameters): Promise<RunCommandReturnType> {
  const name = basename(parameters.command);
  return new Promise((resolve, reject) => {
    const child = spawn(parameters.command, parameters.args, {
      cwd: repositoryRoot,
      env: parameters.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer =
      parameters.timeout === undefined
        ? undefined
        : setTimeout(() => {
            child.kill('SIGKILL');
            reject(new CommandFailedError({ reason: `no result within ${parameters.timeout} ms`, output }));
          }, parameters.timeout);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new CommandFailedError({ reason: error.message, output }));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new CommandFailedError({ reason: `${name} exited with code ${code}`, output }));
    });
  });
}
