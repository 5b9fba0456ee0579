import { describe, expect, test } from 'vitest';
import type { KeyValueArea } from '../store/areas.js';
import { firstNetworks, migrateToNetworks } from './migrate.js';
import { localNetwork } from './network.js';

/** An in-memory area; `failRemovals` makes every removal fail, as a worker stopped right after the write would leave it. */
function memoryArea(initial: Record<string, unknown>, { failRemovals = false } = {}): KeyValueArea & { values: Map<string, unknown> } {
  const values = new Map(Object.entries(initial));
  return {
    kind: 'storage.local',
    values,
    get: async (key) => values.get(key),
    set: async (key, value) => void values.set(key, value),
    remove: async (key) => {
      if (failRemovals) throw new Error('stopped');
      values.delete(key);
    },
    setMany: async (items) => {
      for (const [key, value] of items) values.set(key, value);
    },
  };
}

const TOKEN = { address: '0x5FbDB2315678afecb367f032d93F642f64180aa3', symbol: 'cgUSD', decimals: 6, addedAt: 1 };
const BUDGETS = { budgets: [{ token: '0x0000000000000000000000000000000000000000', period: 'weekly', amount: '1000' }], alerted: [] };

describe('migrateToNetworks', () => {
  test("an earlier wallet's network becomes the first of the list, with its tokens and budgets", async () => {
    const area = memoryArea({
      settings: { rpcUrl: 'https://rpc.example/key', chainId: 100, paymentPolicy: null, autoLockMinutes: 15 },
      preferences: { explorerUrl: 'https://gnosisscan.io' },
      watchedTokens: [TOKEN],
      budgets: BUDGETS,
      history: [{ id: 'kept' }],
    });
    expect(await migrateToNetworks(area)).toEqual(['watchedTokens@100', 'budgets@100']);
    expect(area.values.get('networks')).toEqual({
      networks: [{ chainId: 100, name: 'Chain 100', rpcUrl: 'https://rpc.example/key', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, blockExplorerUrl: 'https://gnosisscan.io' }, localNetwork()],
      activeChainId: 100,
    });
    expect(area.values.get('watchedTokens@100')).toEqual([TOKEN]);
    expect(area.values.get('budgets@100')).toEqual(BUDGETS);
    expect(area.values.has('watchedTokens')).toBe(false);
    expect(area.values.has('budgets')).toBe(false);
    // What was not per network stays where it was.
    expect(area.values.get('history')).toEqual([{ id: 'kept' }]);
    expect(area.values.get('settings')).toMatchObject({ rpcUrl: 'https://rpc.example/key', chainId: 100 });
  });

  test('the local chain keeps the RPC Settings named', async () => {
    const area = memoryArea({ settings: { rpcUrl: 'http://127.0.0.1:9545', chainId: 31337 } });
    await migrateToNetworks(area);
    expect(area.values.get('networks')).toEqual({ networks: [localNetwork('http://127.0.0.1:9545')], activeChainId: 31337 });
  });

  test('a new wallet starts with the local chain', async () => {
    const area = memoryArea({});
    expect(await migrateToNetworks(area)).toEqual([]);
    expect(area.values.get('networks')).toEqual({ networks: [localNetwork()], activeChainId: 31337 });
  });

  test('a move stopped after its write is finished at the next start without reading the old values again', async () => {
    const area = memoryArea({ settings: { rpcUrl: 'http://127.0.0.1:8545', chainId: 31337 }, watchedTokens: [TOKEN], budgets: BUDGETS }, { failRemovals: true });
    await expect(migrateToNetworks(area)).rejects.toThrow('stopped');
    // The write happened as one: the list and the copies are there.
    expect(area.values.get('watchedTokens@31337')).toEqual([TOKEN]);
    expect(area.values.has('networks')).toBe(true);
    // Meanwhile the new copy changed (the person removed the token); the old value must not come back.
    area.values.set('watchedTokens@31337', []);
    const restarted = memoryArea(Object.fromEntries(area.values));
    expect(await migrateToNetworks(restarted)).toEqual([]);
    expect(restarted.values.get('watchedTokens@31337')).toEqual([]);
    expect([restarted.values.has('watchedTokens'), restarted.values.has('budgets')]).toEqual([false, false]);
  });

  test('a move whose write failed leaves everything as it was, and runs again', async () => {
    const area = memoryArea({ settings: { rpcUrl: 'http://127.0.0.1:8545', chainId: 31337 }, watchedTokens: [TOKEN] });
    area.setMany = async () => {
      throw new Error('quota');
    };
    await expect(migrateToNetworks(area)).rejects.toThrow('quota');
    expect([...area.values.keys()].sort()).toEqual(['settings', 'watchedTokens']);
    const again = memoryArea(Object.fromEntries(area.values));
    expect(await migrateToNetworks(again)).toEqual(['watchedTokens@31337']);
  });

  test('settings without a usable RPC keep the local chain in use', () => {
    expect(firstNetworks({ chainId: 5, rpcUrl: 'ftp://x' })).toEqual({ networks: [localNetwork()], activeChainId: 31337 });
  });
});
