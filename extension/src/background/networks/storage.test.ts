import { expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { budgetItem } from '../budget/storage.js';
import { Budgets } from '../budget/Budgets.js';
import { storageLocalArea } from '../store/areas.js';
import { watchedTokensItem } from '../tokens/storage.js';
import { WatchedTokens } from '../tokens/WatchedTokens.js';

// WXT's in-memory browser storage: what the wallet keeps per network follows the network in use.
test('watched tokens and budgets are kept per network: each network shows its own', async () => {
  fakeBrowser.reset();
  const area = Promise.resolve(storageLocalArea(fakeBrowser.storage.local));
  let inUse = 31337;
  const watched = new WatchedTokens({ item: watchedTokensItem(area, async () => inUse) });
  const budgets = new Budgets({ item: budgetItem(area, async () => inUse), payments: async () => [] });
  await watched.add({ address: '0x5FbDB2315678afecb367f032d93F642f64180aa3', symbol: 'cgUSD', decimals: 6, addedAt: 1 });
  await budgets.set({ token: '0x0000000000000000000000000000000000000000', period: 'weekly', amount: '1000' });
  inUse = 31338;
  expect(await watched.list()).toEqual([]);
  expect(await budgets.list()).toEqual([]);
  inUse = 31337;
  expect((await watched.list()).map((token) => token.symbol)).toEqual(['cgUSD']);
  expect(await budgets.list()).toHaveLength(1);
  expect(Object.keys(await fakeBrowser.storage.local.get(null)).sort()).toEqual(['budgets@31337', 'watchedTokens@31337']);
});
