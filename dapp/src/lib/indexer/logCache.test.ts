import { describe, expect, test } from 'vitest';
import type { AppClient } from '../chain/chain.js';
import { LogCache } from './logCache.js';

// A scripted client (not anvil): the test needs to hold one read open while a block arrives, which
// a real node cannot be told to do. Each block has one log named after it.
function scriptedClient() {
  let head = 5n;
  const gates: (() => void)[] = [];
  const client = {
    getBlockNumber: async () => head,
    getLogs: async ({ fromBlock, toBlock }: { fromBlock: bigint; toBlock: bigint }) => {
      await new Promise<void>((resolve) => gates.push(resolve));
      const logs = [];
      for (let b = fromBlock; b <= toBlock; b++) logs.push({ blockNumber: b });
      return logs;
    },
  } as unknown as AppClient;
  return { client, mine: () => head++, release: () => gates.splice(0).forEach((open) => open()) };
}

describe('the log cache', () => {
  test('a caller that arrives during a read gets the newest block too, not the older answer', async () => {
    const { client, mine, release } = scriptedClient();
    const cache = new LogCache(client, '0x0000000000000000000000000000000000000001', [], 1n);
    const first = cache.all();
    await Promise.resolve();
    mine(); // block 6 arrives while the first read (up to 5) is still running
    const second = cache.all();
    const third = cache.all();
    for (let i = 0; i < 5; i++) {
      release();
      await new Promise((r) => setTimeout(r, 0));
    }
    expect((await first).map((l) => l.blockNumber)).toEqual([1n, 2n, 3n, 4n, 5n]);
    expect((await second).map((l) => l.blockNumber)).toEqual([1n, 2n, 3n, 4n, 5n, 6n]);
    expect(await third).toBe(await second);
  });
});
