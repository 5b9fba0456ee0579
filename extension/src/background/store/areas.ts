import { createStore, del, get, keys, set, setMany } from 'idb-keyval';

/** Where the wallet keeps its state: a key-value area, read and written one value at a time. */
export type KeyValueArea = {
  /** For logs and tests: which kind of storage this is. */
  readonly kind: 'storage.local' | 'indexedDB';
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
  /** Writes all of `items` at once: all of them are stored, or none (a migration's one step). */
  setMany(items: [string, unknown][]): Promise<void>;
};

/** The part of `browser.storage.local` this needs. */
export type LocalStorageArea = {
  get(keys: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
};

/** `browser.storage.local`: where the wallet's state lives when the browser lets only the wallet read it. */
export function storageLocalArea(local: LocalStorageArea): KeyValueArea {
  return {
    kind: 'storage.local',
    get: async (key) => (await local.get(key))[key],
    set: (key, value) => local.set({ [key]: value }),
    remove: (key) => local.remove(key),
    // One `set` call is one write: the browser stores every key of it or none.
    setMany: (items) => local.set(Object.fromEntries(items)),
  };
}

/** The wallet's IndexedDB area, with the extra call the move from storage.local needs. */
export type IndexedDbArea = KeyValueArea & {
  /** The keys stored (not their values: the history can be large, and this runs at every start). */
  keys(): Promise<string[]>;
};

export const WALLET_DATABASE = 'commonguard-wallet';
export const WALLET_OBJECT_STORE = 'items';

/**
 * IndexedDB of the extension's own origin. Content scripts use the page's IndexedDB, never the
 * extension's, so nothing stored here is readable from a web page's process.
 */
export function indexedDbArea(): IndexedDbArea {
  const store = createStore(WALLET_DATABASE, WALLET_OBJECT_STORE);
  return {
    kind: 'indexedDB',
    get: (key) => get(key, store),
    set: (key, value) => set(key, value, store),
    remove: (key) => del(key, store),
    keys: async () => (await keys(store)).map(String),
    setMany: (items) => setMany(items, store),
  };
}
