import { describe, expect, test } from 'vitest';
import { decryptVault, encryptVault, fromBase64, MAX_PBKDF2_ITERATIONS, PBKDF2_ITERATIONS, VaultFormatError, VaultPasswordError } from './vault.js';

describe('vault parameters', () => {
  test('PBKDF2-SHA256 with 600,000 iterations, a 16-byte salt, AES-256-GCM with a 12-byte IV, fresh for every save', async () => {
    const first = await encryptVault({ secret: 1 }, 'a long password');
    const second = await encryptVault({ secret: 1 }, 'a long password');
    expect(first.vault.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: PBKDF2_ITERATIONS });
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(fromBase64(first.vault.kdf.salt)).toHaveLength(16);
    expect(fromBase64(first.vault.cipher.iv)).toHaveLength(12);
    expect(first.key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    expect(second.vault.kdf.salt).not.toBe(first.vault.kdf.salt);
    expect(second.vault.cipher.iv).not.toBe(first.vault.cipher.iv);
    expect(second.vault.data).not.toBe(first.vault.data);
  });

  test('a stored vault cannot be downgraded: fewer iterations or another KDF or cipher is refused before any decryption', async () => {
    const { vault } = await encryptVault({ secret: 1 }, 'a long password');
    await expect(decryptVault({ ...vault, kdf: { ...vault.kdf, iterations: 1000 } }, 'a long password')).rejects.toBeInstanceOf(VaultFormatError);
    await expect(decryptVault({ ...vault, kdf: { ...vault.kdf, hash: 'SHA-1' as 'SHA-256' } }, 'a long password')).rejects.toBeInstanceOf(VaultFormatError);
    await expect(decryptVault({ ...vault, cipher: { ...vault.cipher, name: 'AES-CBC' as 'AES-GCM' } }, 'a long password')).rejects.toBeInstanceOf(VaultFormatError);
  });

  test('tampered ciphertext fails the GCM tag like a wrong password', async () => {
    const { vault } = await encryptVault({ secret: 1 }, 'a long password');
    const bytes = fromBase64(vault.data);
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    const tampered = { ...vault, data: btoa(String.fromCharCode(...bytes)) };
    await expect(decryptVault(tampered, 'a long password')).rejects.toBeInstanceOf(VaultPasswordError);
  });

  test.each([
    { change: (v: Vault) => ({ ...v, kdf: { ...v.kdf, iterations: 2 ** 40 } }), part: 'too many iterations' },
    { change: (v: Vault) => ({ ...v, kdf: { ...v.kdf, iterations: MAX_PBKDF2_ITERATIONS + 1 } }), part: 'too many iterations' },
    { change: (v: Vault) => ({ ...v, kdf: { ...v.kdf, iterations: '600000' as unknown as number } }), part: 'too few iterations' },
    { change: (v: Vault) => ({ ...v, kdf: { ...v.kdf, salt: 'AAAA' } }), part: 'salt' },
    { change: (v: Vault) => ({ ...v, kdf: { ...v.kdf, salt: 'A'.repeat(10_000_000) } }), part: 'salt' },
    { change: (v: Vault) => ({ ...v, cipher: { ...v.cipher, iv: '!!!!!!!!!!!!!!!!' } }), part: 'IV' },
    { change: (v: Vault) => ({ ...v, data: 'A'.repeat(2_000_000) }), part: 'ciphertext' },
    { change: (v: Vault) => ({ ...v, data: 'AAAA' }), part: 'ciphertext' },
    { change: (v: Vault) => ({ ...v, data: 12 as unknown as string }), part: 'ciphertext' },
    { change: () => null as unknown as Vault, part: 'not a vault' },
    { change: (v: Vault) => ({ ...v, version: 2 as 1 }), part: 'version 2' },
  ])('a damaged vault is refused at once, before any key derivation ($part)', async ({ change, part }) => {
    const { vault } = await encryptVault({ secret: 1 }, 'a long password');
    const started = performance.now();
    await expect(decryptVault(change(vault), 'a long password')).rejects.toThrowError(VaultFormatError);
    await expect(decryptVault(change(vault), 'a long password')).rejects.toThrowError(part);
    expect(performance.now() - started).toBeLessThan(200);
  });

  test('a vault at the bound is still accepted (the bound refuses hangs, not stronger settings)', async () => {
    const { vault } = await encryptVault({ secret: 1 }, 'a long password');
    expect(MAX_PBKDF2_ITERATIONS).toBeGreaterThan(PBKDF2_ITERATIONS);
    const withMore = { ...vault, kdf: { ...vault.kdf, iterations: PBKDF2_ITERATIONS + 1 } };
    // Same key derivation input but a different count: the right password fails the tag, proving the count was used.
    await expect(decryptVault(withMore, 'a long password')).rejects.toBeInstanceOf(VaultPasswordError);
  });
});

type Vault = Awaited<ReturnType<typeof encryptVault>>['vault'];
