import { expect, test } from 'vitest';
import { CommandFailedError, runCommand } from './runCommand.js';

test('resolves with what the command printed, run at the repository root', async () => {
  const output = await runCommand({ command: process.execPath, args: ['-e', "console.log(require('node:fs').existsSync('foundry.toml'))"] });
  expect(output.trim()).toBe('true');
});

test('a failing command says which program and exit code, with its last output', async () => {
  const error = await runCommand({ command: process.execPath, args: ['-e', "console.error('broken build'); process.exit(3)"] }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CommandFailedError);
  expect((error as CommandFailedError).reason).toBe('node exited with code 3');
  expect((error as CommandFailedError).shortMessage).toBe('node exited with code 3.');
  expect((error as CommandFailedError).details).toBe('broken build');
});

test('a command over its time limit is killed and reported', async () => {
  const error = await runCommand({ command: process.execPath, args: ['-e', 'setTimeout(() => {}, 10_000)'], timeout: 200 }).catch((e: unknown) => e);
  expect((error as CommandFailedError).reason).toBe('no result within 200 ms');
});

test('a program that does not exist is reported, not thrown past the promise', async () => {
  const error = await runCommand({ command: 'commonguard-no-such-program', args: [] }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CommandFailedError);
  expect((error as CommandFailedError).reason).toContain('ENOENT');
});
