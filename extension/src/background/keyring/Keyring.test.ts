import { storage } from '#imports';
import { verifyMessage } from 'viem';
import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkSecret, Keyring, KeyringInputError, MAX_SESSION_MS, sessionDeadline } from './Keyring.js';
import { unlockedSessionItem, vaultItem } from './storage.js';
import { decryptVault, encryptVault, PBKDF2_ITERATIONS, VaultFormatError, VaultPasswordError } from './vault.js';
import { storageLocalArea } from '../store/areas.js';

// The wallet's storage.local area, over WXT's in-memory fake browser.
const localArea = Promise.resolve(storageLocalArea(fakeBrowser.storage.local));
const storedVault = vaultItem(localArea);

// The default anvil phrase: its first account is well known, so derivation is checked against a fixed answer.
const PHRASE = 'test test test test test test test test test test test junk';
const FIRST = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const SECOND = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const PASSWORD = 'correct horse battery';

function makeKeyring(now = () => Date.now()) {
  return new Keyring({ vault: storedVault, session: unlockedSessionItem, autoLockMs: () => 60_000, now });
}

describe('Keyring', () => {
  beforeEach(() => fakeBrowser.reset());

  test('creates a vault from a phrase, locks, and unlocks with the password (round trip)', async () => {
    const keyring = makeKeyring();
    expect(await keyring.create({ password: PASSWORD, mnemonic: ` ${PHRASE.toUpperCase()} ` })).toEqual([FIRST]);
    await keyring.lock();
    expect(keyring.isUnlocked).toBe(false);
    expect(await makeKeyring().unlock(PASSWORD)).toEqual([FIRST]);
  });

  test('a wrong password fails and leaves the wallet locked', async () => {
    const keyring = makeKeyring();
    await keyring.create({ password: PASSWORD, mnemonic: PHRASE });
    await keyring.lock();
    await expect(keyring.unlock('wrong password!')).rejects.toThrowError(VaultPasswordError);
    expect(keyring.isUnlocked).toBe(false);
    expect(() => keyring.accounts()).not.toThrow();
    expect(keyring.accounts()).toEqual([]);
  });

  test('stores no plaintext: neither the phrase, a word of it, the key nor the password', async () => {
    const keyring = makeKeyring();
    await keyring.create({ password: PASSWORD, privateKey: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80' });
    await keyring.lock();
    const phraseKeyring = makeKeyring();
    fakeBrowser.reset();
    await phraseKeyring.create({ password: PASSWORD, mnemonic: PHRASE });
    const everything = JSON.stringify({ local: await fakeBrowser.storage.local.get(), session: await fakeBrowser.storage.session.get() });
    expect(everything).not.toContain('junk');
    expect(everything).not.toContain('test test');
    expect(everything).not.toContain(PASSWORD);
    expect(everything.toLowerCase()).not.toContain('ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
    const vault = await storage.getItem<{ kdf: { name: string; hash: string; iterations: number }; cipher: { name: string } }>('local:vault');
    expect(vault?.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: PBKDF2_ITERATIONS });
    expect(vault?.cipher.name).toBe('AES-GCM');
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
  });

  test('imports a private key', async () => {
    const keyring = makeKeyring();
    expect(await keyring.create({ password: PASSWORD, privateKey: 'ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80' })).toEqual([FIRST]);
    await expect(keyring.addAccount()).rejects.toThrowError('has no phrase');
  });

  test.each([
    { input: { password: 'short', mnemonic: PHRASE }, message: 'at least 8 characters' },
    { input: { password: PASSWORD, mnemonic: 'test test test' }, message: 'This recovery phrase is not valid' },
    { input: { password: PASSWORD, privateKey: '0x1234' }, message: 'A private key is 64 hex characters' },
    { input: { password: PASSWORD }, message: 'Give either a recovery phrase or a private key' },
  ])('refuses bad input: $message', async ({ input, message }) => {
    await expect(makeKeyring().create(input)).rejects.toThrowError(KeyringInputError);
    await expect(makeKeyring().create(input)).rejects.toThrowError(message);
  });

  test('derives more accounts from the phrase and keeps them after unlocking again', async () => {
    const keyring = makeKeyring();
    await keyring.create({ password: PASSWORD, mnemonic: PHRASE });
    expect(await keyring.addAccount()).toBe(SECOND);
    await keyring.lock();
    expect(await keyring.unlock(PASSWORD)).toEqual([FIRST, SECOND]);
  });

  test('signs only while unlocked, and the signature verifies', async () => {
    const keyring = makeKeyring();
    await keyring.create({ password: PASSWORD, mnemonic: PHRASE });
    const signature = await keyring.signMessage(FIRST, 'hello');
    expect(await verifyMessage({ address: FIRST, message: 'hello', signature })).toBe(true);
    await keyring.lock();
    await expect(keyring.signMessage(FIRST, 'hello')).rejects.toThrowError('The wallet is locked.');
  });

  test('a restarted background restores an unlocked session until the auto-lock deadline, not after', async () => {
    let now = 1_000_000;
    const keyring = makeKeyring(() => now);
    await keyring.create({ password: PASSWORD, mnemonic: PHRASE });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const restarted = makeKeyring(() => now);
    expect(await restarted.restore()).toBe(true);
    expect(restarted.accounts()).toEqual([FIRST]);
    now += 61_000;
    const late = makeKeyring(() => now);
    expect(await late.restore()).toBe(false);
    expect(late.isUnlocked).toBe(false);
  });

  test('Lock pressed while a page-triggered restore is still running after a restart wins: the wallet stays locked', async () => {
    const keyring = makeKeyring();
    await keyring.create({ password: PASSWORD, mnemonic: PHRASE });
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Each await of the restore (storage read, key import, decryption) is a point where Lock can land.
    for (const ticks of [0, 1, 2, 5, 20]) {
      const restarted = makeKeyring();
      const restoring = restarted.restore();
      for (let tick = 0; tick < ticks; tick++) await Promise.resolve();
      await restarted.lock();
      expect(await restoring).toBe(false);
      expect(restarted.isUnlocked).toBe(false);
      expect(restarted.accounts()).toEqual([]);
      expect(await unlockedSessionItem.getValue()).toBeNull();
      // The session is gone: put it back for the next round, as a fresh unlock would.
      await makeKeyring().unlock(PASSWORD);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });

  test('locks itself after the idle time', async () => {
    const keyring = new Keyring({ vault: storedVault, session: unlockedSessionItem, autoLockMs: () => 50 });
    await keyring.create({ password: PASSWORD, mnemonic: PHRASE });
    expect(keyring.isUnlocked).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(keyring.isUnlocked).toBe(false);
  });

  test('a page that polls across service-worker restarts cannot keep the wallet unlocked: restore never moves the deadline', async () => {
    let now = 1_000_000;
    const keyring = makeKeyring(() => now);
    await keyring.create({ password: PASSWORD, mnemonic: PHRASE });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const stored = (await unlockedSessionItem.getValue())?.deadline;
    expect(stored).toBe(1_000_000 + 60_000);
    // The worker is stopped and started again between polls; each start restores, then answers eth_accounts.
    for (const at of [10_000, 25_000, 40_000, 55_000, 59_000]) {
      now = 1_000_000 + at;
      const restarted = makeKeyring(() => now);
      expect(await restarted.restore()).toBe(true);
      expect(await restarted.restore()).toBe(true);
      expect(restarted.deadline).toBe(stored);
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect((await unlockedSessionItem.getValue())?.deadline).toBe(stored);
    }
    now = 1_000_000 + 60_001;
    const late = makeKeyring(() => now);
    expect(await late.restore()).toBe(false);
    expect(late.accounts()).toEqual([]);
    expect(await unlockedSessionItem.getValue()).toBeNull();
  });

  test('the deadline holds in a worker that stayed alive, even if its timer has not run yet; only touch (the person) moves it', async () => {
    let now = 1_000_000;
    const keyring = makeKeyring(() => now);
    await keyring.create({ password: PASSWORD, mnemonic: PHRASE });
    now += 30_000;
    keyring.touch();
    expect(keyring.deadline).toBe(1_000_000 + 30_000 + 60_000);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await unlockedSessionItem.getValue())?.deadline).toBe(1_000_000 + 90_000);
    let locked = 0;
    keyring.on('locked', () => locked++);
    now += 60_000;
    expect(keyring.isUnlocked).toBe(false);
    await expect(keyring.signMessage(FIRST, 'late')).rejects.toThrowError('The wallet is locked.');
    expect(locked).toBe(1);
    // Nothing a page can do afterwards reopens it.
    expect(await keyring.restore()).toBe(false);
  });

  test('a stored session deadline is believed only if it is a number within the longest session from now', () => {
    expect(sessionDeadline({ key: 'k', deadline: 5_000 }, 1_000, 60_000)).toBe(5_000);
    expect(sessionDeadline({ key: 'k', deadline: 10 ** 12 }, 1_000, 60_000)).toBe(61_000);
    expect(sessionDeadline({ key: 'k', deadline: 1_000 }, 1_000, 60_000)).toBeNull();
    expect(sessionDeadline({ key: 'k', deadline: Number.NaN }, 1_000, 60_000)).toBeNull();
    expect(sessionDeadline({ key: 'k', deadline: '9999999999999' }, 1_000, 60_000)).toBeNull();
    expect(sessionDeadline(null, 1_000, 60_000)).toBeNull();
    // The longest session is the longest auto-lock the settings allow (1440 minutes).
    expect(MAX_SESSION_MS).toBe(1440 * 60_000);
  });

  test('fields of the vault this version does not know are kept when it is re-encrypted', async () => {
    const extra = { mnemonic: PHRASE, hdCount: 1, privateKeys: [], labels: { [FIRST]: 'Everyday' } };
    expect(checkSecret(extra)).toEqual(extra);
    const { vault } = await encryptVault(extra, PASSWORD);
    await storedVault.setValue(vault);
    const keyring = makeKeyring();
    await keyring.unlock(PASSWORD);
    await keyring.addAccount();
    await keyring.lock();
    const again = makeKeyring();
    expect(await again.unlock(PASSWORD)).toEqual([FIRST, SECOND]);
    const stored = await storedVault.getValue();
    expect((await decryptVault<Record<string, unknown>>(stored as never, PASSWORD)).secret.labels).toEqual({ [FIRST]: 'Everyday' });
  });

  test.each([
    { secret: { mnemonic: PHRASE, hdCount: 10_000, privateKeys: [] }, part: 'account count' },
    { secret: { mnemonic: PHRASE, hdCount: -1, privateKeys: [] }, part: 'account count' },
    { secret: { mnemonic: null, hdCount: 3, privateKeys: [] }, part: 'account count' },
    { secret: { mnemonic: 42, hdCount: 1, privateKeys: [] }, part: 'recovery phrase' },
    { secret: { mnemonic: PHRASE, hdCount: 1, privateKeys: ['0x12'] }, part: 'imported keys' },
    { secret: { mnemonic: PHRASE, hdCount: 1, privateKeys: Array(101).fill(`0x${'1'.repeat(64)}`) }, part: 'imported keys' },
    { secret: 'not an object', part: 'recovery phrase' },
  ])('a vault whose contents are out of bounds is reported as damaged ($part)', async ({ secret, part }) => {
    expect(() => checkSecret(secret)).toThrowError(VaultFormatError);
    expect(() => checkSecret(secret)).toThrowError(part);
    // Through unlock too: the person gets the damaged-vault message, not a hang or a wrong-password one.
    const { vault } = await encryptVault(secret, PASSWORD);
    await storedVault.setValue(vault);
    await expect(makeKeyring().unlock(PASSWORD)).rejects.toThrowError('The stored wallet is damaged');
  });
});
