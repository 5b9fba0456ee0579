import { storage } from '#imports';
import type { UnlockedSession } from './Keyring.js';
import type { EncryptedVault } from './vault.js';

/** The encrypted vault, on disk. */
export const vaultItem = storage.defineItem<EncryptedVault>('local:vault', { version: 1 });

/**
 * The unlocked session's AES key, in session storage: held in memory by the browser, never written to
 * disk, cleared when the browser closes, and not readable by content scripts.
 */
export const unlockedSessionItem = storage.defineItem<UnlockedSession>('session:unlocked', { version: 1 });
