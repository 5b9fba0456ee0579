import { storage } from '#imports';
import type { KeyValueArea } from '../store/areas.js';
import { storedValue } from '../store/StoredValue.js';
import type { UnlockedSession } from './Keyring.js';
import type { EncryptedVault } from './vault.js';

/** The encrypted vault, on disk, where only the wallet can read it (see store/walletArea.ts). */
export const vaultItem = (area: Promise<KeyValueArea>) => storedValue<EncryptedVault>(area, 'vault');

/**
 * The unlocked session's AES key, in session storage: held in memory by the browser, never written to
 * disk, cleared when the browser closes, and not readable by content scripts.
 */
export const unlockedSessionItem = storage.defineItem<UnlockedSession>('session:unlocked', { version: 1 });
