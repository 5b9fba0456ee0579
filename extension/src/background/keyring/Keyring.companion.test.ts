import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Keyring, KeyringInputError } from './Keyring.js';
import { unlockedSessionItem, vaultItem } from './storage.js';
import { VaultPasswordError } from './vault.js';
import { storageLocalArea } from '../store/areas.js';

// The wallet's storage.local area, over WXT's in-memory fake browser.
const localArea = Promise.resolve(storageLocalArea(fakeBrowser.storage.local));
const storedVault = vaultItem(localArea);

const PHRASE = 'test test test test test test test test test test test junk';
const FIRST = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const SHOPPER_KEY = '0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e';
const SHOPPER = '0x976EA74026E726554dB657fA54763abd0C3a0aa9';
// The phrase's second account, as a private key: already in the wallet once a second account is derived.
const SECOND_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const PASSWORD = 'correct horse battery';

const makeKeyring = () => new Keyring({ vault: storedVault, session: unlockedSessionItem, autoLockMs: () => 60_000 });

describe('Keyring: keys after onboarding', () => {
  beforeEach(() => fakeBrowser.reset());

  test('imports a further private key; it is kept after unlocking again; a duplicate is refused', async () => {
    const keyring = makeKeyring();
    await keyring.create({ password: PASSWORD, mnemonic: PHRASE });
    expect(await keyring.importKey(SHOPPER_KEY.slice(2))).toBe(SHOPPER);
    expect(keyring.accounts()).toEqual([FIRST, SHOPPER]);
    await expect(keyring.importKey(SHOPPER_KEY)).rejects.toThrow(`The account ${SHOPPER} is already in this wallet.`);
    await keyring.addAccount();
    await expect(keyring.importKey(SECOND_KEY)).rejects.toThrow('already in this wallet');
    await expect(keyring.importKey(PHRASE)).rejects.toThrow(KeyringInputError);
    await keyring.lock();
    await expect(keyring.importKey(SHOPPER_KEY)).rejects.toThrow('locked');
    expect(await makeKeyring().unlock(PASSWORD)).toHaveLength(3);
  });

  test('shows the phrase only with the right password, even while unlocked', async () => {
    const keyring = makeKeyring();
    await keyring.create({ password: PASSWORD, mnemonic: PHRASE });
    await expect(keyring.revealPhrase('wrong password')).rejects.toThrow(VaultPasswordError);
    await expect(keyring.revealPhrase('')).rejects.toThrow('Enter the wallet password.');
    expect(await keyring.revealPhrase(PASSWORD)).toBe(PHRASE);
  });

  test('a wallet imported from a key has no phrase to show', async () => {
    const keyring = makeKeyring();
    await keyring.create({ password: PASSWORD, privateKey: SHOPPER_KEY });
    await expect(keyring.revealPhrase(PASSWORD)).rejects.toThrow('no recovery phrase');
  });

  test('changes the password: the old one stops working, the new one unlocks, the accounts stay', async () => {
    const keyring = makeKeyring();
    await keyring.create({ password: PASSWORD, mnemonic: PHRASE });
    await expect(keyring.changePassword('wrong password', 'a new password')).rejects.toThrow(VaultPasswordError);
    await expect(keyring.changePassword(PASSWORD, 'short')).rejects.toThrow('at least 8');
    await keyring.changePassword(PASSWORD, 'a new password');
    expect(keyring.isUnlocked).toBe(true);
    await keyring.lock();
    await expect(makeKeyring().unlock(PASSWORD)).rejects.toThrow(VaultPasswordError);
    expect(await makeKeyring().unlock('a new password')).toEqual([FIRST]);
  });

  test('removes the wallet only with the password; afterwards a new one can be created', async () => {
    const keyring = makeKeyring();
    const events: string[] = [];
    keyring.on('locked', () => events.push('locked'));
    keyring.on('removed', () => events.push('removed'));
    await keyring.create({ password: PASSWORD, mnemonic: PHRASE });
    await expect(keyring.remove('wrong password')).rejects.toThrow(VaultPasswordError);
    expect(await keyring.hasVault()).toBe(true);
    await keyring.remove(PASSWORD);
    expect(events).toEqual(['locked', 'removed']);
    expect(await keyring.hasVault()).toBe(false);
    expect(keyring.isUnlocked).toBe(false);
    expect(await unlockedSessionItem.getValue()).toBeNull();
    expect(await keyring.create({ password: 'another password', privateKey: SHOPPER_KEY })).toEqual([SHOPPER]);
  });
});
