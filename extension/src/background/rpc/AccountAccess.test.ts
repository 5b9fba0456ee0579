import type { Address } from 'viem';
import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Approvals } from '../approvals/Approvals.js';
import { Keyring } from '../keyring/Keyring.js';
import { unlockedSessionItem, vaultItem } from '../keyring/storage.js';
import { Permissions } from '../permissions/Permissions.js';
import { permissionsItem } from '../permissions/storage.js';
import { AccountAccess, ONBOARDING_INTERVAL_MS } from './AccountAccess.js';
import { TURNED_DOWN_LIMIT, TURNED_DOWN_WINDOW_MS } from '../approvals/Approvals.js';
import { storageLocalArea } from '../store/areas.js';

// The wallet's storage.local area, over WXT's in-memory fake browser.
const localArea = Promise.resolve(storageLocalArea(fakeBrowser.storage.local));
const storedVault = vaultItem(localArea);

// The default anvil phrase, so the three accounts are known addresses.
const PHRASE = 'test test test test test test test test test test test junk';
const SITE = 'https://dapp.example';

async function setUp() {
  const keyring = new Keyring({ vault: storedVault, session: unlockedSessionItem, autoLockMs: () => 60_000 });
  await keyring.create({ password: 'correct horse battery', mnemonic: PHRASE });
  await keyring.addAccount();
  await keyring.addAccount();
  const [first, second, third] = keyring.accounts() as [Address, Address, Address];
  const permissions = new Permissions({ item: permissionsItem(localArea) });
  let selected: Address | null = first;
  // No request here opens a window: the site is connected and the wallet unlocked.
  const approvals = new Approvals({ windows: { open: async () => { throw new Error('no window expected'); }, focus: async () => {}, close: async () => {} } });
  const access = new AccountAccess({ keyring, permissions, approvals, selectedAccount: async () => selected, openOnboarding: async () => {} });
  return { keyring, permissions, access, accounts: { first, second, third }, select: (account: Address | null) => void (selected = account) };
}

describe('AccountAccess', () => {
  beforeEach(() => fakeBrowser.reset());

  test('the account picked in the popup comes first for a site that was given it', async () => {
    const { permissions, access, accounts, select } = await setUp();
    await permissions.grant(SITE, [accounts.first, accounts.third]);
    expect(await access.visibleAccounts(SITE)).toEqual([accounts.first, accounts.third]);
    select(accounts.third);
    expect(await access.visibleAccounts(SITE)).toEqual([accounts.third, accounts.first]);
    // …and it is the account a request without `from` acts for.
    expect(await access.accountFor(SITE, undefined, 'send')).toBe(accounts.third);
  });

  test('an account the site was not given stays hidden from it, whichever is picked', async () => {
    const { permissions, access, accounts, select } = await setUp();
    await permissions.grant(SITE, [accounts.first, accounts.third]);
    select(accounts.second);
    expect(await access.visibleAccounts(SITE)).toEqual([accounts.first, accounts.third]);
    await expect(access.accountFor(SITE, accounts.second, 'send')).rejects.toMatchObject({ code: 4100 });
    select(null);
    expect(await access.visibleAccounts(SITE)).toEqual([accounts.first, accounts.third]);
  });

  test('a locked wallet shows no accounts to any site', async () => {
    const { keyring, permissions, access, accounts } = await setUp();
    await permissions.grant(SITE, [accounts.first]);
    await keyring.lock();
    expect(await access.visibleAccounts(SITE)).toEqual([]);
  });

  test('the unlock window for a payment link names the site the link was clicked on', async () => {
    const keyring = new Keyring({ vault: storedVault, session: unlockedSessionItem, autoLockMs: () => 60_000 });
    await keyring.create({ password: 'correct horse battery', mnemonic: PHRASE });
    await keyring.lock();
    const shown: unknown[] = [];
    let approvals: Approvals;
    approvals = new Approvals({
      windows: {
        open: async (id) => {
          shown.push(approvals.get(id));
          return 1;
        },
        focus: async () => {},
        close: async () => {},
      },
    });
    const access = new AccountAccess({ keyring, permissions: new Permissions({ item: permissionsItem(localArea) }), approvals, selectedAccount: async () => null, openOnboarding: async () => {} });
    const pending = access.ownAccount('https://shop.example', 'pay with a payment link');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(shown).toEqual([expect.objectContaining({ kind: 'unlock', origin: 'https://shop.example', view: { origin: 'https://shop.example', reason: 'pay with a payment link' } })]);
    approvals.windowClosed(1);
    await expect(pending).rejects.toMatchObject({ code: 4001 });
  });

  test('with no wallet yet, a site opens the onboarding tab a few times at most, and all sites together once per interval', async () => {
    let now = 1_000_000;
    let tabs = 0;
    const keyring = new Keyring({ vault: storedVault, session: unlockedSessionItem, autoLockMs: () => 60_000 });
    const approvals = new Approvals({ windows: { open: async () => 1, focus: async () => {}, close: async () => {} } });
    const access = new AccountAccess({ keyring, permissions: new Permissions({ item: permissionsItem(localArea) }), approvals, selectedAccount: async () => null, openOnboarding: async () => void tabs++, now: () => now });
    const ask = (origin: string) => expect(access.ensureUnlocked(origin, 'connect')).rejects.toMatchObject({ code: 4100 });
    await ask('https://pushy.example');
    await ask('https://pushy.example');
    await ask('https://other.example');
    expect(tabs).toBe(1);
    for (let i = 1; i < TURNED_DOWN_LIMIT + 2; i++) {
      now += ONBOARDING_INTERVAL_MS;
      await ask('https://pushy.example');
    }
    expect(tabs).toBe(TURNED_DOWN_LIMIT);
    await ask('https://other.example');
    expect(tabs).toBe(TURNED_DOWN_LIMIT + 1);
    now += TURNED_DOWN_WINDOW_MS;
    await ask('https://pushy.example');
    expect(tabs).toBe(TURNED_DOWN_LIMIT + 2);
  });
});
