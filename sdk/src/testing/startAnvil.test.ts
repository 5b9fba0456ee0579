import { createServer } from 'node:net';
import { http, createPublicClient } from 'viem';
import { expect, test } from 'vitest';
import { PortInUseError, findFreePort, isPortFree, startAnvil } from './startAnvil.js';

test('starts anvil on a free port and stops it', async () => {
  const anvil = await startAnvil();
  const client = createPublicClient({ transport: http(anvil.rpcUrl) });
  expect(await client.getChainId()).toBe(31337);
  expect(await isPortFree(anvil.port)).toBe(false);
  await anvil.stop();
  expect(await isPortFree(anvil.port)).toBe(true);
  await anvil.stop();
});

test('starts on the port and chain id asked for', async () => {
  const port = await findFreePort();
  const anvil = await startAnvil({ port, chainId: 4242 });
  try {
    expect(anvil.rpcUrl).toBe(`http://127.0.0.1:${port}`);
    expect(await createPublicClient({ transport: http(anvil.rpcUrl) }).getChainId()).toBe(4242);
  } finally {
    await anvil.stop();
  }
});

test('refuses a port that is in use, with a clear error', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  try {
    const error = await startAnvil({ port }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortInUseError);
    expect((error as PortInUseError).port).toBe(port);
    expect((error as PortInUseError).shortMessage).toBe(`Port ${port} is in use.`);
  } finally {
    server.close();
  }
});
