/**
 * Encryption at rest for the wallet's secrets: PBKDF2-SHA256 (600,000 iterations, as OWASP advises
 * for 2023+) derives an AES-256-GCM key from the password; a fresh salt and IV for every save.
 * WebCrypto only, so the same code runs in the service worker and in Node tests.
 */

export const PBKDF2_ITERATIONS = 600_000;

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
  return JSON.parse(new TextDecoder().decode(plaintext)) as T;
}

function checkFormat(vault: EncryptedVault): void {
  if (vault?.version !== 1) throw new VaultFormatError(`version ${String(vault?.version)}`);
  if (vault.kdf?.name !== 'PBKDF2' || vault.kdf.hash !== 'SHA-256') throw new VaultFormatError('key derivation');
  if (!Number.isSafeInteger(vault.kdf.iterations) || vault.kdf.iterations < PBKDF2_ITERATIONS) throw new VaultFormatError('too few iterations');
  if (vault.cipher?.name !== 'AES-GCM') throw new VaultFormatError('cipher');
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
