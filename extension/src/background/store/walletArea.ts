import { indexedDbArea, type IndexedDbArea, type KeyValueArea, type LocalStorageArea, storageLocalArea, WALLET_DATABASE } from './areas.js';
import { restrictStorageToWallet, type StorageProtection } from './storageAccess.js';

export type WalletArea = {
  area: KeyValueArea;
  protection: StorageProtection;
  /** Keys moved out of `storage.local` at this start (empty when there was nothing left to move). */
  moved: string[];
  /** True only when no storage closed to content scripts could be used: the popup and SECURITY.md say what that means. */
  readableByContentScripts: boolean;
};

export type WalletAreaOptions = {
  storage: { local: LocalStorageArea; session: unknown };
  /** Opens the IndexedDB area (a fake one in unit tests). */
  indexedDb?: () => IndexedDbArea;
  /** Whether the wallet's database exists already; `undefined` when the browser cannot tell. */
  databaseExists?: () => Promise<boolean | undefined>;
};

/**
 * Chooses where the vault, the history, the site permissions and the settings live, before anything
 * reads them, and moves them there if an earlier version kept them elsewhere.
 *
 * - Where the browser restricts `storage.local` to the wallet's own contexts (Chromium), it stays there.
 * - Where it cannot (Firefox lets content scripts read `storage.local`), they live in IndexedDB of the
 *   extension's origin, which content scripts never see. What `storage.local` holds is copied there once,
 *   in one transaction, and only then removed, so a stop at any moment loses nothing; a value already in
 *   IndexedDB (the live one) is never overwritten, and nothing written to `storage.local` later is read.
 * - Once the wallet's database exists it is used from then on, in any browser, so a browser that gains
 *   the restriction later does not look empty.
 */
export async function openWalletArea({ storage, indexedDb = indexedDbArea, databaseExists = walletDatabaseExists }: WalletAreaOptions): Promise<WalletArea> {
  const protection = await restrictStorageToWallet(storage);
  const local = storageLocalArea(storage.local);
  const existed = await databaseExists().catch(() => undefined);
  if (protection.local === 'trusted-only' && existed !== true) return { area: local, protection, moved: [], readableByContentScripts: false };
  const database = indexedDb();
  try {
    const moved = await moveIntoIndexedDb(storage.local, database);
    return { area: database, protection, moved, readableByContentScripts: false };
  } catch (error) {
    // The database exists (or the browser cannot say): it may hold the wallet, and reading anything else
    // would show an empty one, so every read fails (and says so) instead.
    if (existed !== false) throw new WalletStorageError(error);
    // No database, none can be opened: the wallet keeps working where it is (the vault is still
    // encrypted), and says that content scripts can read it.
    return { area: local, protection, moved: [], readableByContentScripts: protection.local !== 'trusted-only' };
  }
}

/** Written with the copies, in the same transaction: the move has happened, and never happens again. */
export const MOVED_MARKER = 'movedFromStorageLocal';

/**
 * The first time: copies every value of `storage.local` that IndexedDB does not hold yet, together with
 * {@link MOVED_MARKER}, in one transaction. Every time: removes whatever `storage.local` holds. After the
 * move `storage.local` is never read again: in Firefox a content script can write there, so a value
 * planted in it (another RPC, another policy, a connected site) is removed, never imported.
 * Throws only if the copy failed (then nothing was removed). WXT's version records (`key$`) are dropped.
 */
export async function moveIntoIndexedDb(local: LocalStorageArea, database: IndexedDbArea, now: () => number = Date.now): Promise<string[]> {
  const legacy = await local.get(null);
  const held = new Set(await database.keys());
  let copied: string[] = [];
  if (!held.has(MOVED_MARKER)) {
    const copies = Object.entries(legacy).filter(([key]) => !key.endsWith('$') && key !== MOVED_MARKER && !held.has(key));
    copied = copies.map(([key]) => key);
    await database.setMany([...copies, [MOVED_MARKER, { at: now(), keys: copied }]]);
  } else if (Object.keys(legacy).length > 0) {
    console.warn('CommonGuard: storage.local holds values again after the wallet moved out of it; they are removed, not read:', Object.keys(legacy).join(', '));
  }
  // Should this removal fail, the next start removes them: the values in IndexedDB are the ones in use.
  const leftovers = Object.keys(legacy);
  if (leftovers.length > 0) await local.remove(leftovers).catch((error: unknown) => console.warn('CommonGuard: old storage not cleared yet', error));
  return copied;
}

async function walletDatabaseExists(): Promise<boolean | undefined> {
  if (typeof indexedDB === 'undefined') return false;
  if (typeof indexedDB.databases !== 'function') return undefined;
  return (await indexedDB.databases()).some((database) => database.name === WALLET_DATABASE);
}

export class WalletStorageError extends Error {
  override name = 'WalletStorageError';
  constructor(cause: unknown) {
    super('The wallet cannot open its storage. Restart the browser; your wallet is still there.', { cause });
  }
}
