import { describe, expect, test } from 'vitest';
import { readSecret } from './secretInput.js';

const PHRASE = 'test test test test test test test test test test test junk';
const KEY = '0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e';

describe('readSecret', () => {
  test('a phrase, in any case and spacing', () => {
    expect(readSecret(`  ${PHRASE.toUpperCase().replaceAll(' ', '  ')} `)).toEqual({ kind: 'phrase', phrase: PHRASE });
  });

  test('a private key, with or without 0x', () => {
    expect(readSecret(KEY)).toEqual({ kind: 'privateKey', privateKey: KEY });
    expect(readSecret(KEY.slice(2).toUpperCase())).toEqual({ kind: 'privateKey', privateKey: KEY });
  });

  test('each mistake named in the words of what it looked like', () => {
    expect(() => readSecret(KEY.slice(0, 40))).toThrow('A private key is 64 hex characters (optionally starting with 0x); this one has 38.');
    expect(() => readSecret(`0x${'0'.repeat(64)}`)).toThrow('This is not a valid private key');
    expect(() => readSecret(`0x${'f'.repeat(64)}`)).toThrow('This is not a valid private key');
    expect(() => readSecret(PHRASE.replace('junk', 'jnuk'))).toThrow('“jnuk” is not a recovery-phrase word: check its spelling.');
    expect(() => readSecret('test test test')).toThrow('A recovery phrase has 12 or 24 words; this one has 3.');
    expect(() => readSecret(PHRASE.replace('junk', 'test'))).toThrow('not a valid recovery phrase: check their order');
    expect(() => readSecret('   ')).toThrow('Enter your recovery phrase');
  });
});
