import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, test } from 'vitest';
import { indexedDbArea, type IndexedDbArea, type LocalStorageArea, WALLET_DATABASE } from './areas.js';
import { storedValue } from './StoredValue.js';
import { MOVED_MARKER, moveIntoIndexedDb, openWalletArea, WalletStorageError } from './walletArea.js';

// IndexedDB is fake-indexeddb here (Node has none); the real one is exercised by the Firefox browser
// tests, where the wallet keeps everything in it.
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

/** What an earlier version left in storage.local: WXT items, each with its `key$` version record. */
const LEGACY = {
  vault: { version: 1, kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000, salt: 'c2FsdA==' }, cipher: { name: 'AES-GCM', iv: 'aXY=' }, data: 'ZGF0YQ==' },
  'vault$': { v: 1 },
  history: [{ id: 'a', to: '0x00000000000000000000000000000000000000aa', amount: '1', outcome: 'pending' }],
  'history$': { v: 1 },
  permissions: { 'https://shop.example': { accounts: ['0x00000000000000000000000000000000000000bb'], grantedAt: 1 } },
  settings: { rpcUrl: 'http://127.0.0.1:8545', chainId: 31337, paymentPolicy: null, autoLockMinutes: 15 },
  selectedAccount: '0x00000000000000000000000000000000000000bb',
  budgets: { budgets: [], alerted: [] },
};

type FakeLocal = LocalStorageArea & { data: Map<string, unknown>; setAccessLevel?: (options: unknown) => Promise<void>; failRemove?: boolean };

/** storage.local as a Map; `restricted` says whether the browser can close it to content scripts (Chromium can, Firefox cannot). */
function fakeLocal(contents: Record<string, unknown>, restricted: boolean): FakeLocal {
  const data = new Map(Object.entries(structuredClone(contents)));
  const local: FakeLocal = {
    data,
    get: async (keys) => (keys === null ? Object.fromEntries(data) : data.has(keys) ? { [keys]: data.get(keys) } : {}),
    set: async (items) => void Object.entries(items).forEach(([key, value]) => data.set(key, value)),
    remove: async (keys) => {
      if (local.failRemove) throw new Error('disk full');
      for (const key of [keys].flat()) data.delete(key);
    },
  };
  local.setAccessLevel = restricted ? async () => {} : async () => Promise.reject(new Error('Only supported for session storage.'));
  return local;
}

const session = { setAccessLevel: async () => {} };
const databaseNames = async () => (await indexedDB.databases()).map((database) => database.name);
/** What IndexedDB holds, without the move's own record. */
const everything = async (area: IndexedDbArea) =>
  Object.fromEntries(await Promise.all((await area.keys()).filter((key) => key !== MOVED_MARKER).map(async (key) => [key, await area.get(key)] as const)));
const WITHOUT_VERSION_RECORDS = Object.fromEntries(Object.entries(LEGACY).filter(([key]) => !key.endsWith('$')));

describe('openWalletArea: where the wallet keeps its state', () => {
  test('a browser that closes storage.local to content scripts (Chromium) keeps it there: nothing moves, no database is made', async () => {
    const local = fakeLocal(LEGACY, true);
    const opened = await openWalletArea({ storage: { local, session } });
    expect(opened.area.kind).toBe('storage.local');
    expect(opened).toMatchObject({ protection: { local: 'trusted-only', session: 'trusted-only' }, moved: [], readableByContentScripts: false });
    expect(Object.fromEntries(local.data)).toEqual(LEGACY);
    expect(await databaseNames()).toEqual([]);
    expect(await storedValue(Promise.resolve(opened.area), 'settings').getValue()).toEqual(LEGACY.settings);
  });

  test('a browser that cannot (Firefox) gets everything moved into IndexedDB, storage.local emptied, every value the same', async () => {
    const local = fakeLocal(LEGACY, false);
    const opened = await openWalletArea({ storage: { local, session } });
    expect(opened.area.kind).toBe('indexedDB');
    expect(opened.protection.local).toBe('unsupported');
    expect(opened.readableByContentScripts).toBe(false);
    expect(opened.moved.sort()).toEqual(Object.keys(WITHOUT_VERSION_RECORDS).sort());
    // What a content script could read from now on: nothing.
    expect(Object.fromEntries(local.data)).toEqual({});
    expect(await everything(indexedDbArea())).toEqual(WITHOUT_VERSION_RECORDS);
    const area = Promise.resolve(opened.area);
    expect(await storedValue(area, 'vault').getValue()).toEqual(LEGACY.vault);
    expect(await storedValue(area, 'history', []).getValue()).toEqual(LEGACY.history);
  });

  test('the next start finds nothing left to move and keeps using IndexedDB; new writes stay there', async () => {
    const local = fakeLocal(LEGACY, false);
    const first = await openWalletArea({ storage: { local, session } });
    await storedValue(Promise.resolve(first.area), 'selectedAccount').setValue('0x00000000000000000000000000000000000000cc');
    const second = await openWalletArea({ storage: { local, session } });
    expect(second.area.kind).toBe('indexedDB');
    expect(second.moved).toEqual([]);
    expect(local.data.size).toBe(0);
    expect(await storedValue(Promise.resolve(second.area), 'selectedAccount').getValue()).toBe('0x00000000000000000000000000000000000000cc');
  });

  test('the move is recorded with the copies, in the same transaction: the wallet values already in IndexedDB are never overwritten', async () => {
    const database = indexedDbArea();
    const newer = [...LEGACY.history, { id: 'b', to: '0x00000000000000000000000000000000000000aa', amount: '2', outcome: 'pending' }];
    await database.setMany([['history', newer]]);
    const local = fakeLocal(LEGACY, false);
    const opened = await openWalletArea({ storage: { local, session } });
    expect(opened.moved).not.toContain('history');
    expect(opened.moved).toContain('vault');
    expect(await storedValue(Promise.resolve(opened.area), 'history', []).getValue()).toEqual(newer);
    expect(await database.get(MOVED_MARKER)).toEqual({ at: expect.any(Number), keys: opened.moved });
    expect(local.data.size).toBe(0);
  });

  test('after the move storage.local is never read again: what a content script plants there (another RPC, policy, site) is removed, not imported', async () => {
    const local = fakeLocal({ vault: LEGACY.vault }, false);
    await openWalletArea({ storage: { local, session } });
    // A content script writes where Firefox lets it: keys the wallet has not stored yet, and one it has.
    const planted = {
      settings: { rpcUrl: 'https://attacker.example', chainId: 31337, paymentPolicy: '0x00000000000000000000000000000000000000ee', autoLockMinutes: 1440 },
      permissions: { 'https://attacker.example': { accounts: ['0x00000000000000000000000000000000000000bb'], grantedAt: 1 } },
      preferences: { explorerUrl: 'https://attacker.example' },
      vault: { ...LEGACY.vault, data: 'cGxhbnRlZA==' },
    };
    for (const [key, value] of Object.entries(planted)) local.data.set(key, value);
    const next = await openWalletArea({ storage: { local, session } });
    expect(next.moved).toEqual([]);
    expect(local.data.size).toBe(0);
    const area = Promise.resolve(next.area);
    expect(await storedValue(area, 'settings').getValue()).toBeNull();
    expect(await storedValue(area, 'permissions', {}).getValue()).toEqual({});
    expect(await storedValue(area, 'preferences').getValue()).toBeNull();
    expect(await storedValue(area, 'vault').getValue()).toEqual(LEGACY.vault);
  });

  test('a copy that fails removes nothing: the wallet keeps working from storage.local and says content scripts can read it', async () => {
    const local = fakeLocal(LEGACY, false);
    const failing = (): IndexedDbArea => ({ ...indexedDbArea(), setMany: async () => Promise.reject(new Error('QuotaExceededError')) });
    const opened = await openWalletArea({ storage: { local, session }, indexedDb: failing });
    expect(opened.area.kind).toBe('storage.local');
    expect(opened.readableByContentScripts).toBe(true);
    expect(Object.fromEntries(local.data)).toEqual(LEGACY);
    expect(await storedValue(Promise.resolve(opened.area), 'vault').getValue()).toEqual(LEGACY.vault);
  });

  test('a failed clean-up after the copy still uses IndexedDB (the copies are the live ones); the next start clears what is left', async () => {
    const local = fakeLocal(LEGACY, false);
    local.failRemove = true;
    const opened = await openWalletArea({ storage: { local, session } });
    expect(opened.area.kind).toBe('indexedDB');
    expect(local.data.size).toBe(Object.keys(LEGACY).length);
    local.failRemove = false;
    const next = await openWalletArea({ storage: { local, session } });
    expect(next.moved).toEqual([]);
    expect(local.data.size).toBe(0);
    expect(await everything(indexedDbArea())).toEqual(WITHOUT_VERSION_RECORDS);
  });

  test('once the wallet database exists it is used in every browser, even one that can now restrict storage.local', async () => {
    await moveIntoIndexedDb(fakeLocal(LEGACY, false), indexedDbArea());
    const local = fakeLocal({}, true);
    const opened = await openWalletArea({ storage: { local, session } });
    expect(opened.area.kind).toBe('indexedDB');
    expect(await storedValue(Promise.resolve(opened.area), 'settings').getValue()).toEqual(LEGACY.settings);
  });

  test('a wallet database that exists but cannot be opened fails every read with a clear error, and removes nothing', async () => {
    const local = fakeLocal({ leftover: 1 }, false);
    const broken = (): IndexedDbArea => ({ ...indexedDbArea(), keys: async () => Promise.reject(new Error('UnknownError')) });
    await expect(openWalletArea({ storage: { local, session }, indexedDb: broken, databaseExists: async () => true })).rejects.toThrow(WalletStorageError);
    await expect(openWalletArea({ storage: { local, session }, indexedDb: broken, databaseExists: async () => true })).rejects.toThrow('The wallet cannot open its storage');
    expect(Object.fromEntries(local.data)).toEqual({ leftover: 1 });
  });

  test('the move makes one database, named for the wallet', async () => {
    await openWalletArea({ storage: { local: fakeLocal(LEGACY, false), session } });
    expect(await databaseNames()).toEqual([WALLET_DATABASE]);
  });
});

describe('storedValue', () => {
  test('reads the fallback while nothing is stored; null removes the value', async () => {
    const local = fakeLocal({}, true);
    const area = openWalletArea({ storage: { local, session } }).then((opened) => opened.area);
    const history = storedValue<unknown[]>(area, 'history', []);
    expect(await history.getValue()).toEqual([]);
    await history.setValue([1]);
    expect(local.data.get('history')).toEqual([1]);
    await history.setValue(null);
    expect(local.data.has('history')).toBe(false);
    expect(await storedValue(area, 'vault').getValue()).toBeNull();
  });

  test('a read made before the area is chosen waits for it, and reads the moved value', async () => {
    const local = fakeLocal(LEGACY, false);
    const area = openWalletArea({ storage: { local, session } }).then((opened) => opened.area);
    // Asked for at once, in the same tick as the start: it must not read the emptied storage.local.
    expect(await storedValue(area, 'settings').getValue()).toEqual(LEGACY.settings);
  });
});
