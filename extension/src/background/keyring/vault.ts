/**
 * Encryption at rest for the wallet's secrets: PBKDF2-SHA256 (600,000 iterations, as OWASP advises
 * for 2023+) derives an AES-256-GCM key from the password; a fresh salt and IV for every save.
 * WebCrypto only, so the same code runs in the service worker and in Node tests.
 */

export const PBKDF2_ITERATIONS = 600_000;
/**
 * The most iterations a stored vault may ask for. A vault is only ever written with
 * {@link PBKDF2_ITERATIONS}; a damaged or tampered one asking for billions would make unlock hang.
 */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;
/** Bounds on the stored fields: salt and IV are fixed sizes, the ciphertext is a few kilobytes at most. */
export const SALT_BYTES = 16;
export const IV_BYTES = 12;
export const MAX_VAULT_DATA_CHARS = 1_000_000;

/** What is stored: nothing in it is readable without the password. */
export type EncryptedVault = {
  version: 1;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  cipher: { name: 'AES-GCM'; iv: string };
  data: string;
};

export class VaultPasswordError extends Error {
  override name = 'VaultPasswordError';
  constructor() {
    super('Wrong password.');
  }
}

export class VaultFormatError extends Error {
  override name = 'VaultFormatError';
  constructor(detail: string) {
    super(`The stored wallet is damaged or from an unknown version (${detail}).`);
  }
}

export async function deriveVaultKey(password: string, salt: Uint8Array, iterations = PBKDF2_ITERATIONS): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    // Extractable so an unlocked session survives a service-worker restart (kept in session storage only).
    true,
    ['encrypt', 'decrypt'],
  );
}

/** Encrypts `secret` (JSON) with a key derived from `password`. */
export async function encryptVault(secret: unknown, password: string): Promise<{ vault: EncryptedVault; key: CryptoKey }> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await deriveVaultKey(password, salt);
  return { vault: await encryptWithKey(secret, key, salt, PBKDF2_ITERATIONS), key };
}

export async function encryptWithKey(secret: unknown, key: CryptoKey, salt: Uint8Array, iterations: number): Promise<EncryptedVault> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plaintext = new TextEncoder().encode(JSON.stringify(secret));
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv as BufferSource }, key, plaintext));
  plaintext.fill(0);
  return {
    version: 1,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(iv) },
    data: toBase64(ciphertext),
  };
}

/** Decrypts with the password; a wrong password fails the GCM tag check and throws {@link VaultPasswordError}. */
export async function decryptVault<T>(vault: EncryptedVault, password: string): Promise<{ secret: T; key: CryptoKey }> {
  checkFormat(vault);
  const key = await deriveVaultKey(password, fromBase64(vault.kdf.salt), vault.kdf.iterations);
  return { secret: await decryptWithKey<T>(vault, key), key };
}

export async function decryptWithKey<T>(vault: EncryptedVault, key: CryptoKey): Promise<T> {
  checkFormat(vault);
  let plaintext: ArrayBuffer;
  try {
    plaintext = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(vault.cipher.iv) as BufferSource }, key, fromBase64(vault.data) as BufferSource);
  } catch {
    throw new VaultPasswordError();
  }
  try {
    return JSON.parse(new TextDecoder().decode(plaintext)) as T;
  } catch {
    // Only the holder of the key could have written this: it is damage, not a wrong password.
    throw new VaultFormatError('contents');
  }
}

/**
 * Every stored field within the bounds this version writes, checked before any key derivation: no
 * downgrade (fewer iterations, another hash or cipher) and no hang (a huge iteration count, a huge blob).
 */
export function checkFormat(vault: EncryptedVault): void {
  if (typeof vault !== 'object' || vault === null) throw new VaultFormatError('not a vault');
  if (vault.version !== 1) throw new VaultFormatError(`version ${String(vault.version).slice(0, 20)}`);
  if (vault.kdf?.name !== 'PBKDF2' || vault.kdf.hash !== 'SHA-256') throw new VaultFormatError('key derivation');
  if (!Number.isSafeInteger(vault.kdf.iterations) || vault.kdf.iterations < PBKDF2_ITERATIONS) throw new VaultFormatError('too few iterations');
  if (vault.kdf.iterations > MAX_PBKDF2_ITERATIONS) throw new VaultFormatError('too many iterations');
  if (vault.cipher?.name !== 'AES-GCM') throw new VaultFormatError('cipher');
  if (base64Length(vault.kdf.salt, 64) !== SALT_BYTES) throw new VaultFormatError('salt');
  if (base64Length(vault.cipher.iv, 64) !== IV_BYTES) throw new VaultFormatError('IV');
  const data = base64Length(vault.data, MAX_VAULT_DATA_CHARS);
  // AES-GCM appends a 16-byte tag: anything shorter cannot be a vault.
  if (data === null || data <= 16) throw new VaultFormatError('ciphertext');
}

/** The decoded length of a base64 text of at most `maxChars` characters, or `null` if it is not one. */
function base64Length(text: unknown, maxChars: number): number | null {
  if (typeof text !== 'string' || text.length > maxChars || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  return (text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
}

export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

export function fromBase64(text: string): Uint8Array {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}
