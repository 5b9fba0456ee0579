import { describe, expect, test } from 'vitest';
import type { ChainAccess } from './ChainAccess.js';
import { chainInstanceReader, GENESIS_TTL_MS } from './chainInstance.js';

// A stand-in for the node (the browser test restarts a real anvil): counts genesis reads.
function node(genesis: () => `0x${string}` | Error) {
  let reads = 0;
  const chain = {
    current: async () => ({
      settings: { chainId: 31337, rpcUrl: 'http://127.0.0.1:8545' },
      client: {
        getBlock: async () => {
          reads++;
          const answer = genesis();
          if (answer instanceof Error) throw answer;
          return { hash: answer };
        },
      },
    }),
  } as unknown as ChainAccess;
  return { chain, reads: () => reads };
}

describe('the chain instance', () => {
  test('is read once per interval; a wiped chain (new genesis) is seen after it; a node that is down answers null, also cached', async () => {
    let clock = 0;
    let genesis: `0x${string}` | Error = `0x${'01'.repeat(32)}`;
    const { chain, reads } = node(() => genesis);
    const read = chainInstanceReader(chain, () => clock);
    expect(await read()).toEqual({ chainId: 31337, genesis: `0x${'01'.repeat(32)}` });
    genesis = `0x${'02'.repeat(32)}`;
    expect((await read())?.genesis).toBe(`0x${'01'.repeat(32)}`);
    expect(reads()).toBe(1);
    clock += GENESIS_TTL_MS;
    expect((await read())?.genesis).toBe(`0x${'02'.repeat(32)}`);
    genesis = new Error('connection refused');
    clock += GENESIS_TTL_MS;
    expect(await read()).toBeNull();
    expect(await read()).toBeNull();
    expect(reads()).toBe(3);
  });

  test('a fresh read sees a chain wiped within the interval, and the reads after it keep the new instance', async () => {
    let clock = 0;
    let genesis: `0x${string}` | Error = `0x${'01'.repeat(32)}`;
    const { chain, reads } = node(() => genesis);
    const read = chainInstanceReader(chain, () => clock);
    expect((await read())?.genesis).toBe(`0x${'01'.repeat(32)}`);
    // The local chain is wiped and started again a moment later (well within the interval).
    genesis = `0x${'02'.repeat(32)}`;
    clock += 1_000;
    expect((await read({ fresh: true }))?.genesis).toBe(`0x${'02'.repeat(32)}`);
    expect((await read())?.genesis).toBe(`0x${'02'.repeat(32)}`);
    expect(reads()).toBe(2);
  });
});
