import { spawn } from 'node:child_process';
import { expect, test } from 'vitest';
import { processStopper } from './processStopper.js';

const node = (script: string) => spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] });
const started = (child: ReturnType<typeof node>) => new Promise((resolve) => child.stdout.once('data', resolve));

test('stops a process with SIGTERM and waits until it has exited; a second call does nothing', async () => {
  const child = node('console.log("up"); setInterval(() => {}, 1000)');
  await started(child);
  const stop = processStopper(child);
  await stop();
  expect(child.signalCode).toBe('SIGTERM');
  await stop();
});

test('kills a process that ignores SIGTERM once killAfter has passed', async () => {
  const child = node('process.on("SIGTERM", () => {}); console.log("up"); setInterval(() => {}, 1000)');
  await started(child);
  const begun = Date.now();
  await processStopper(child, { killAfter: 200 })();
  expect(child.signalCode).toBe('SIGKILL');
  expect(Date.now() - begun).toBeGreaterThanOrEqual(150);
});

test('resolves at once for a process that already exited', async () => {
  const child = node('console.log("up")');
  await new Promise((resolve) => child.once('exit', resolve));
  await processStopper(child)();
  expect(child.exitCode).toBe(0);
});
