import { spawn } from 'node:child_process';
import { repositoryRoot } from '@commonguard/sdk/testing';

/**
 * Runs a one-off command (a build) at the repository root and resolves when it succeeds. Its output
 * is kept quiet and shown, last lines only, in the error if it fails.
 */
export function runOnce(command: readonly [string, ...string[]]): Promise<void> {
  const [program, ...args] = command;
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${command.join(' ')} failed (exit code ${code}):\n${output.trim().split('\n').slice(-20).join('\n')}`));
    });
  });
}
