import { validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english';
import type { Hex } from 'viem';

/** What the shopper typed as their secret, once understood. */
export type SecretInput = { kind: 'phrase'; phrase: string } | { kind: 'privateKey'; privateKey: Hex };

export class SecretInputError extends Error {
  override name = 'SecretInputError';
}

// secp256k1's group order: a private key must be in [1, n).
const CURVE_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/**
 * Tells a recovery phrase from a private key and checks it, with words that say which one it looked
 * like and what is wrong, so the onboarding page can say so before asking for a password (and the
 * keyring checks the same way before storing).
 */
export function readSecret(text: string): SecretInput {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed === '') throw new SecretInputError('Enter your recovery phrase (12 or 24 words) or a private key.');
  const hex = trimmed.replace(/^0x/i, '');
  if (!/\s/.test(trimmed) && /^[0-9a-fA-F]+$/.test(hex) && (/^0x/i.test(trimmed) || /[0-9]/.test(hex))) {
    if (hex.length !== 64) throw new SecretInputError(`A private key is 64 hex characters (optionally starting with 0x); this one has ${hex.length}.`);
    const value = BigInt(`0x${hex}`);
    if (value === 0n || value >= CURVE_ORDER) throw new SecretInputError('This is not a valid private key: check that you copied all of it.');
    return { kind: 'privateKey', privateKey: `0x${hex.toLowerCase()}` };
  }
  const words = trimmed.toLowerCase().split(/\s+/);
  const unknown = words.find((word) => !wordlist.includes(word));
  if (unknown !== undefined) throw new SecretInputError(`“${unknown.slice(0, 24)}” is not a recovery-phrase word: check its spelling.`);
  if (words.length !== 12 && words.length !== 24) throw new SecretInputError(`A recovery phrase has 12 or 24 words; this one has ${words.length}.`);
  const phrase = words.join(' ');
  if (!validateMnemonic(phrase, wordlist)) throw new SecretInputError('These words are not a valid recovery phrase: check their order and that none is missing or swapped.');
  return { kind: 'phrase', phrase };
}
