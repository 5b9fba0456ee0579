import { createServer } from 'node:net';
import { findFreePort, isPortFree } from '@commonguard/sdk/testing';
import { expect, test } from 'vitest';
import { processStep } from './processStep.js';
import { type StackContext, runStack } from './runStack.js';

/** A tiny HTTP server as the long-running program under test. */
const server = (port: number) =>
  [process.execPath, '-e', `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`] as const;

function quietOutput() {
  const lines = { out: '', err: '' };
  return { lines, output: { out: (t: string) => (lines.out += t), err: (t: string) => (lines.err += t) } };
}

test('runs a program until the stack stops, and adds its summary', async () => {
  const port = await findFreePort();
  const { lines, output } = quietOutput();
  let portBusyWhileUp = false;
  const code = await runStack<StackContext>({
    steps: [
      processStep({
        title: 'Serve the test page',
        command: () => server(port),
        port,
        summary: () => ({ title: 'Test page', lines: [`http://127.0.0.1:${port}`] }),
      }),
    ],
    context: { summary: [], log: () => {} },
    describeFailure: (error) => String(error),
    output,
    untilStopped: async () => {
      portBusyWhileUp = !(await isPortFree(port));
    },
  });
  expect(code).toBe(0);
  expect(portBusyWhileUp).toBe(true);
  expect(await isPortFree(port)).toBe(true);
  expect(lines.out).toContain(`Test page\n  http://127.0.0.1:${port}\n`);
  expect(lines.out).toContain('✔ stopped: Serve the test page');
});

test('a busy port fails the step before anything starts, and earlier steps are stopped', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  const first = await findFreePort();
  const { lines, output } = quietOutput();
  try {
    const code = await runStack<StackContext>({
      steps: [
        processStep({ title: 'First server', command: () => server(first), port: first }),
        processStep({ title: 'Second server', command: () => server(port), port }),
      ],
      context: { summary: [], log: () => {} },
      describeFailure: (error) => (error as Error).message,
      output,
      untilStopped: async () => {},
    });
    expect(code).toBe(1);
    expect(lines.err).toContain(`✖ Second server\n\n    Port ${port} is in use.`);
    expect(lines.out).toContain('✔ stopped: First server');
    expect(await isPortFree(first)).toBe(true);
  } finally {
    blocker.close();
  }
});

test('a program that exits early fails with its output', async () => {
  const port = await findFreePort();
  const { lines, output } = quietOutput();
  const code = await runStack<StackContext>({
    steps: [
      processStep({
        title: 'Broken server',
        command: () => [process.execPath, '-e', "console.error('cannot find vite'); process.exit(3)"],
        port,
      }),
    ],
    context: { summary: [], log: () => {} },
    describeFailure: (error) => (error as Error).message,
    output,
    untilStopped: async () => {},
  });
  expect(code).toBe(1);
  expect(lines.err).toContain(`it exited (code 3) before http://127.0.0.1:${port}/ answered`);
  expect(lines.err).toContain('cannot find vite');
});
