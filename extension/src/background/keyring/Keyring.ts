import { validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english';
import type { Address, Hex, TransactionSerializable, TypedDataDefinition } from 'viem';
import { english, generateMnemonic, type LocalAccount, mnemonicToAccount, privateKeyToAccount } from 'viem/accounts';
import { readSecret } from '../../shared/secretInput.js';
import { Emitter } from '../events.js';
import type { StoredValue } from '../store/StoredValue.js';
import { decryptVault, decryptWithKey, type EncryptedVault, encryptVault, encryptWithKey, fromBase64, toBase64, VaultFormatError } from './vault.js';

/** The decrypted contents of the vault. Never leaves this module. */
type VaultSecret = { mnemonic: string | null; hdCount: number; privateKeys: Hex[] };


/**
 * What an unlocked session keeps in session storage (memory only) to survive a service-worker restart.
 * `deadline` is written when the person uses the wallet and read back as it is: a restart never moves it.
 */
export type UnlockedSession = { key: string; deadline: number };

export class KeyringLockedError extends Error {
  override name = 'KeyringLockedError';
  constructor() {
    super('The wallet is locked.');
  }
}

export class KeyringInputError extends Error {
  override name = 'KeyringInputError';
}

export type KeyringOptions = {
  vault: StoredValue<EncryptedVault>;
  session: StoredValue<UnlockedSession>;
  /** Idle time before the wallet locks itself, read whenever the person uses the wallet (settings may change it). */
  autoLockMs: () => number;
  now?: () => number;
};

/**
 * `unlocked` after an unlock (or create, or restore), `locked` after a lock (by hand or auto-lock),
 * `removed` after the vault was deleted from this browser (it is locked first).
 */
export type KeyringEvents = { unlocked: []; locked: []; removed: [] };

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_HD_ACCOUNTS = 20;
/** Imported private keys a vault may hold (a bound on what a damaged vault can make the wallet derive). */
export const MAX_IMPORTED_KEYS = 100;

/**
 * Holds the wallet's secrets and signs with them. Everything else in the wallet sees addresses and
 * signatures only: no method returns a key or the phrase (except {@link Keyring.newPhrase}, which
 * makes a fresh phrase for onboarding to show once before it is stored).
 */
export class Keyring {
  #vault: StoredValue<EncryptedVault>;
  #session: StoredValue<UnlockedSession>;
  #autoLockMs: () => number;
  #now: () => number;
  #events = new Emitter<KeyringEvents>();
  #secret: VaultSecret | null = null;
  /** Counts calls of {@link lock}, so a restore that was already running when Lock was pressed can tell it lost. */
  #locks = 0;
  #key: CryptoKey | null = null;
  #accounts: LocalAccount[] = [];
  /** When the unlocked session ends (ms since the epoch); `null` while locked. */
  #deadline: number | null = null;
  #lockTimer: ReturnType<typeof setTimeout> | undefined;
  /** Session writes run one after another, so a late save can never undo a lock. */
  #sessionWrites: Promise<void> = Promise.resolve();

  constructor({ vault, session, autoLockMs, now = Date.now }: KeyringOptions) {
    this.#vault = vault;
    this.#session = session;
    this.#autoLockMs = autoLockMs;
    this.#now = now;
  }

  on<E extends keyof KeyringEvents>(event: E, listener: (...args: KeyringEvents[E]) => void): () => void {
    return this.#events.on(event, listener);
  }

  /** A fresh 12-word phrase for the onboarding page to show (it is not stored until {@link create}). */
  static newPhrase(): string {
    return generateMnemonic(english);
  }

  async hasVault(): Promise<boolean> {
    return (await this.#vault.getValue()) !== null;
  }

  /** Unlocked and within the auto-lock deadline (a timer that fired late, e.g. in a suspended worker, still counts). */
  get isUnlocked(): boolean {
    this.#lockIfDue();
    return this.#secret !== null;
  }

  /** When the session ends, or `null` while locked. */
  get deadline(): number | null {
    return this.isUnlocked ? this.#deadline : null;
  }

  /** Whether the unlocked wallet has a recovery phrase (not only imported keys). */
  get hasPhrase(): boolean {
    return typeof this.#secret?.mnemonic === 'string';
  }

  /** Creates the vault from a phrase or a private key, encrypted with `password`, and unlocks it. */
  async create({ password, mnemonic, privateKey }: { password: string; mnemonic?: string; privateKey?: string }): Promise<Address[]> {
    if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH)
      throw new KeyringInputError(`The password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
    if ((mnemonic === undefined) === (privateKey === undefined) || (mnemonic !== undefined && typeof mnemonic !== 'string') || (privateKey !== undefined && typeof privateKey !== 'string'))
      throw new KeyringInputError('Give either a recovery phrase or a private key.');
    let secret: VaultSecret;
    if (mnemonic !== undefined) {
      const phrase = mnemonic.trim().toLowerCase().split(/\s+/).join(' ');
      if (!validateMnemonic(phrase, wordlist))
        throw new KeyringInputError('This recovery phrase is not valid: check the words and their order (12 or 24 English words).');
      secret = { mnemonic: phrase, hdCount: 1, privateKeys: [] };
    } else {
      const key = (privateKey as string).trim();
      const normalised = (key.startsWith('0x') ? key : `0x${key}`).toLowerCase() as Hex;
      if (!/^0x[0-9a-f]{64}$/.test(normalised)) throw new KeyringInputError('A private key is 64 hex characters (optionally starting with 0x).');
      try {
        privateKeyToAccount(normalised);
      } catch {
        throw new KeyringInputError('This private key is not valid.');
      }
      secret = { mnemonic: null, hdCount: 0, privateKeys: [normalised] };
    }
    const { vault, key } = await encryptVault(secret, password);
    await this.#vault.setValue(vault);
    this.#open(secret, key, null);
    return this.accounts();
  }

  async unlock(password: string): Promise<Address[]> {
    const vault = await this.#vault.getValue();
    if (!vault) throw new KeyringInputError('There is no wallet yet. Create or import one first.');
    const { secret, key } = await decryptVault<unknown>(vault, password);
    this.#open(checkSecret(secret), key, null);
    return this.accounts();
  }

  /**
   * After a service-worker restart: reopens the vault if the session is still within its auto-lock
   * deadline. The deadline stays as it was stored: pages call this on every connection and every
   * `eth_accounts`, and a page's requests must never keep the wallet unlocked.
   */
  async restore(): Promise<boolean> {
    if (this.isUnlocked) return true;
    // Lock may be pressed while this runs: after each await, a lock since the start wins.
    const locks = this.#locks;
    const lockedMeanwhile = () => this.#locks !== locks;
    const [session, vault] = await Promise.all([this.#session.getValue(), this.#vault.getValue()]);
    if (lockedMeanwhile()) return false;
    if (!session || !vault) return false;
    const deadline = sessionDeadline(session, this.#now(), MAX_SESSION_MS);
    if (deadline === null) {
      await this.#writeSession(async () => this.#session.setValue(null));
      return false;
    }
    try {
      const key = await crypto.subtle.importKey('raw', fromBase64(session.key) as BufferSource, 'AES-GCM', true, ['encrypt', 'decrypt']);
      if (lockedMeanwhile()) return false;
      const secret = checkSecret(await decryptWithKey<unknown>(vault, key));
      if (lockedMeanwhile()) return false;
      // Unlocked meanwhile (another caller's restore, or the person): keep that session.
      if (this.#secret) return true;
      this.#open(secret, key, deadline);
      return true;
    } catch {
      // The person unlocked meanwhile: that session is theirs, not this stale one's to wipe.
      if (this.#secret) return true;
      if (lockedMeanwhile()) return false;
      await this.#writeSession(async () => this.#session.setValue(null));
      return false;
    }
  }

  async lock(): Promise<void> {
    this.#locks++;
    const wasUnlocked = this.#clear();
    await this.#writeSession(async () => this.#session.setValue(null));
    if (wasUnlocked) this.#events.emit('locked');
  }

  /**
   * The person used the wallet (unlocked it, answered a window, used the popup): the auto-lock deadline
   * moves to now + the auto-lock time and is stored. Only the wallet's own pages call this, never
   * anything a web page can start.
   */
  touch(): void {
    if (!this.isUnlocked) return;
    this.#setDeadline(this.#now() + this.#autoLockMs());
    void this.#saveSession();
  }

  accounts(): Address[] {
    return this.#accounts.map((account) => account.address);
  }

  /** Derives the next account from the phrase. */
  async addAccount(): Promise<Address> {
    const secret = this.#unlocked();
    if (!secret.mnemonic) throw new KeyringInputError('This wallet was imported from a private key: it has no phrase to derive more accounts from.');
    if (secret.hdCount >= MAX_HD_ACCOUNTS) throw new KeyringInputError(`At most ${MAX_HD_ACCOUNTS} accounts.`);
    await this.#reencrypt({ ...secret, hdCount: secret.hdCount + 1 });
    return this.#accounts[this.#accounts.length - 1]?.address as Address;
  }

  /**
   * Adds an account from a further private key to the unlocked wallet. A key already in the wallet (or
   * one of its phrase's accounts) is refused, so the same address never appears twice.
   */
  async importKey(privateKey: string): Promise<Address> {
    const secret = this.#unlocked();
    const read = readSecret(typeof privateKey === 'string' ? privateKey : '');
    if (read.kind !== 'privateKey') throw new KeyringInputError('Enter a private key (64 hex characters) to add its account.');
    const address = privateKeyToAccount(read.privateKey).address;
    if (this.accounts().includes(address)) throw new KeyringInputError(`The account ${address} is already in this wallet.`);
    if (secret.privateKeys.length >= MAX_IMPORTED_KEYS) throw new KeyringInputError(`At most ${MAX_IMPORTED_KEYS} imported keys.`);
    const next: VaultSecret = { ...secret, privateKeys: [...secret.privateKeys, read.privateKey] };
    await this.#reencrypt(next);
    return address;
  }

  /** The recovery phrase, for the shopper to write down again: only with the password, whatever the lock state. */
  async revealPhrase(password: string): Promise<string> {
    const { secret } = await this.#decrypt(password);
    if (!secret.mnemonic) throw new KeyringInputError('This wallet was imported from a private key: it has no recovery phrase to show.');
    return secret.mnemonic;
  }

  /** Re-encrypts the vault under a new password (with a new salt); the wallet stays unlocked with the new key. */
  async changePassword(current: string, next: string): Promise<void> {
    if (typeof next !== 'string' || next.length < MIN_PASSWORD_LENGTH) throw new KeyringInputError(`The new password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
    const { secret } = await this.#decrypt(current);
    const { vault, key } = await encryptVault(secret, next);
    await this.#vault.setValue(vault);
    // The person's session keeps its deadline; the stored session key must become the new one.
    const deadline = this.#deadline;
    this.#open(secret, key, deadline);
    if (deadline !== null) void this.#saveSession();
  }

  /** Deletes the vault from this browser after checking the password; the wallet is locked and empty. */
  async remove(password: string): Promise<void> {
    await this.#decrypt(password);
    await this.lock();
    await this.#vault.setValue(null);
    this.#events.emit('removed');
  }

  async signTransaction(address: Address, transaction: TransactionSerializable): Promise<Hex> {
    return this.#account(address).signTransaction(transaction);
  }

  async signMessage(address: Address, message: { raw: Hex } | string): Promise<Hex> {
    return this.#account(address).signMessage({ message });
  }

  async signTypedData(address: Address, typedData: TypedDataDefinition): Promise<Hex> {
    return this.#account(address).signTypedData(typedData);
  }

  /**
   * Opens the vault in memory. `deadline` is the stored one when restoring a session; `null` for an
   * unlock by the person, which starts a full auto-lock period and stores it.
   */
  #open(secret: VaultSecret, key: CryptoKey, deadline: number | null): void {
    this.#secret = secret;
    this.#key = key;
    this.#accounts = deriveAccounts(secret);
    if (deadline === null) {
      this.#setDeadline(this.#now() + this.#autoLockMs());
      void this.#saveSession();
    } else this.#setDeadline(deadline);
    this.#events.emit('unlocked');
  }

  #setDeadline(deadline: number): void {
    this.#deadline = deadline;
    clearTimeout(this.#lockTimer);
    this.#lockTimer = setTimeout(() => void this.lock(), Math.max(0, deadline - this.#now()));
  }

  /** Forgets the secrets in memory; whether there was anything to forget. */
  #clear(): boolean {
    clearTimeout(this.#lockTimer);
    const wasUnlocked = this.#secret !== null;
    this.#secret = null;
    this.#key = null;
    this.#accounts = [];
    this.#deadline = null;
    return wasUnlocked;
  }

  /** Past the deadline (the timer may not have run yet): lock now, before anything reads the secrets. */
  #lockIfDue(): void {
    if (this.#secret === null || this.#deadline === null || this.#deadline > this.#now()) return;
    this.#clear();
    void this.#writeSession(async () => this.#session.setValue(null));
    this.#events.emit('locked');
  }

  async #decrypt(password: string): Promise<{ secret: VaultSecret; key: CryptoKey }> {
    const vault = await this.#vault.getValue();
    if (!vault) throw new KeyringInputError('There is no wallet yet. Create or import one first.');
    if (typeof password !== 'string' || password === '') throw new KeyringInputError('Enter the wallet password.');
    return decryptVault<VaultSecret>(vault, password);
  }

  async #reencrypt(next: VaultSecret): Promise<void> {
    const vault = await this.#vault.getValue();
    if (!vault || !this.#key) throw new KeyringLockedError();
    await this.#vault.setValue(await encryptWithKey(next, this.#key, fromBase64(vault.kdf.salt), vault.kdf.iterations));
    this.#secret = next;
    this.#accounts = deriveAccounts(next);
  }

  #saveSession(): Promise<void> {
    const key = this.#key;
    const deadline = this.#deadline;
    return this.#writeSession(async () => {
      // Locked (or re-keyed) since this save was asked for: writing now would resurrect the session.
      if (!key || this.#key !== key || deadline === null) return;
      const raw = new Uint8Array(await crypto.subtle.exportKey('raw', key));
      if (this.#key !== key) return;
      await this.#session.setValue({ key: toBase64(raw), deadline });
    });
  }

  #writeSession(write: () => Promise<void>): Promise<void> {
    this.#sessionWrites = this.#sessionWrites.then(write, write);
    return this.#sessionWrites;
  }

  #unlocked(): VaultSecret {
    if (!this.isUnlocked || !this.#secret) throw new KeyringLockedError();
    return this.#secret;
  }

  /** Signing does not move the deadline: the person's answer in the window that came first already did. */
  #account(address: Address): LocalAccount {
    this.#unlocked();
    const account = this.#accounts.find((candidate) => candidate.address.toLowerCase() === address.toLowerCase());
    if (!account) throw new KeyringInputError(`This wallet has no account ${address}.`);
    return account;
  }
}

/** The longest an unlocked session can last: the longest auto-lock time the settings allow (24 hours). */
export const MAX_SESSION_MS = 24 * 60 * 60_000;

/**
 * The deadline of a stored session, or `null` when it is over or not believable: a number, and never
 * later than `maxMs` from now.
 */
export function sessionDeadline(session: unknown, now: number, maxMs: number): number | null {
  const { key, deadline } = (typeof session === 'object' && session !== null ? session : {}) as Partial<UnlockedSession>;
  if (typeof key !== 'string' || typeof deadline !== 'number' || !Number.isFinite(deadline) || deadline <= now) return null;
  return Math.min(deadline, now + maxMs);
}

/**
 * The decrypted vault has the fields this version needs, within bounds; anything else is a damaged vault.
 * Fields it does not know are kept as they are (a later version's, or another feature's), so that
 * re-encrypting the vault never drops them.
 */
export function checkSecret(value: unknown): VaultSecret {
  const { mnemonic, hdCount, privateKeys } = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (mnemonic !== null && (typeof mnemonic !== 'string' || mnemonic.length > 1000)) throw new VaultFormatError('recovery phrase');
  if (!Number.isSafeInteger(hdCount) || (hdCount as number) < 0 || (hdCount as number) > MAX_HD_ACCOUNTS || (mnemonic === null && hdCount !== 0))
    throw new VaultFormatError('account count');
  if (!Array.isArray(privateKeys) || privateKeys.length > MAX_IMPORTED_KEYS || !privateKeys.every((key) => typeof key === 'string' && /^0x[0-9a-fA-F]{64}$/.test(key)))
    throw new VaultFormatError('imported keys');
  return { ...(value as object), mnemonic: mnemonic as string | null, hdCount: hdCount as number, privateKeys: privateKeys as Hex[] };
}

function deriveAccounts(secret: VaultSecret): LocalAccount[] {
  const accounts: LocalAccount[] = [];
  if (secret.mnemonic) for (let i = 0; i < secret.hdCount; i++) accounts.push(mnemonicToAccount(secret.mnemonic, { addressIndex: i }));
  for (const key of secret.privateKeys) accounts.push(privateKeyToAccount(key));
  return accounts;
}
