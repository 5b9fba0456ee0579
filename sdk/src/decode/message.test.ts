import { keccak256, stringToHex, toHex } from 'viem';
import { createSiweMessage } from 'viem/siwe';
import { describe, expect, test } from 'vitest';
import { decodeMessage, InvalidPayRequestError } from './index.js';

const account = '0x976EA74026E726554dB657fA54763abd0C3a0aa9';
const other = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
const now = Date.parse('2026-12-01T12:00:00Z');
const context = { origin: 'https://shop.example', account, chainId: 31337, now } as const;

/** A Sign-In with Ethereum message as a site's library writes it (viem's createSiweMessage follows EIP-4361). */
const signIn = (overrides: Partial<Parameters<typeof createSiweMessage>[0]> = {}) =>
  createSiweMessage({
    domain: 'shop.example',
    address: account,
    statement: 'Sign in to Corner Coffee to see your orders.',
    uri: 'https://shop.example/login',
    version: '1',
    chainId: 31337,
    nonce: 'n0nc3abcdef12345',
    issuedAt: new Date('2026-12-01T11:59:00Z'),
    ...overrides,
  });

describe('decodeMessage: Sign-In with Ethereum', () => {
  test('a sign-in for this site, account and chain has no mismatches (hex-encoded, as sites send it)', () => {
    const text = signIn({ expirationTime: new Date('2026-12-01T13:00:00Z') });
    const decoded = decodeMessage(stringToHex(text), context);
    expect(decoded).toMatchObject({ kind: 'signIn', text, mismatches: [], siwe: { domain: 'shop.example', address: account, chainId: 31337, nonce: 'n0nc3abcdef12345' } });
  });

  test.each([
    { title: 'another site', message: signIn({ domain: 'evil.example' }), expected: ['This sign-in is for evil.example, but the site asking is https://shop.example.'] },
    { title: 'a look-alike site', message: signIn({ domain: 'shop.example.evil.example' }), expected: ['This sign-in is for shop.example.evil.example, but the site asking is https://shop.example.'] },
    {
      title: 'another account',
      message: signIn({ address: other }),
      expected: ['This sign-in is for the account 0x14dC…9955, but you are signing with 0x976E…0aa9.'],
    },
    { title: 'another chain', message: signIn({ chainId: 1 }), expected: ['This sign-in is for chain 1, but the wallet is on chain 31337.'] },
    { title: 'an expired sign-in', message: signIn({ expirationTime: new Date('2026-12-01T11:00:00Z') }), expected: ['This sign-in expired on 1 Dec 2026, 11:00 UTC.'] },
    { title: 'a sign-in not valid yet', message: signIn({ notBefore: new Date('2026-12-02T09:30:00Z') }), expected: ['This sign-in is not valid until 2 Dec 2026, 09:30 UTC.'] },
    { title: 'another scheme', message: signIn({ scheme: 'http' }), expected: ['This sign-in is for http://shop.example, but the site asking uses https.'] },
  ])('warns for $title', ({ message, expected }) => {
    const decoded = decodeMessage(message, context);
    expect(decoded.kind).toBe('signIn');
    expect(decoded.kind === 'signIn' && decoded.mismatches).toEqual(expected);
  });

  test('everything wrong at once gives one sentence per problem', () => {
    const decoded = decodeMessage(signIn({ domain: 'evil.example', address: other, chainId: 1 }), context);
    expect(decoded.kind === 'signIn' && decoded.mismatches).toHaveLength(3);
  });

  test.each([
    { title: 'same host and port', domain: 'shop.example:8443', origin: 'https://shop.example:8443', mismatches: 0 },
    { title: 'the default port written out', domain: 'shop.example:443', origin: 'https://shop.example', mismatches: 0 },
    { title: 'letter case', domain: 'Shop.Example', origin: 'https://shop.example', mismatches: 0 },
    { title: 'a port the site does not use', domain: 'shop.example:8443', origin: 'https://shop.example', mismatches: 1 },
    { title: 'no port but the site has one', domain: 'localhost', origin: 'http://localhost:5173', mismatches: 1 },
    { title: 'local development', domain: 'localhost:5173', origin: 'http://localhost:5173', mismatches: 0 },
  ])('compares the domain with the site as host[:port]: $title', ({ domain, origin, mismatches }) => {
    const decoded = decodeMessage(signIn({ domain, uri: `${origin}/login` }), { ...context, origin });
    expect(decoded.kind === 'signIn' && decoded.mismatches).toHaveLength(mismatches);
  });

  test('a site that cannot be identified is a mismatch', () => {
    const decoded = decodeMessage(signIn(), { ...context, origin: null });
    expect(decoded.kind === 'signIn' && decoded.mismatches).toEqual(['The site asking cannot be identified, so the wallet cannot check that this sign-in for shop.example is its own.']);
  });

  test('a message that only looks like a sign-in is flagged, not read as text', () => {
    const decoded = decodeMessage(` ${signIn()}`, context);
    expect(decoded).toMatchObject({ kind: 'signIn', mismatches: [expect.stringContaining('is not laid out as one')] });
  });

  test('a sign-in missing its nonce is incomplete', () => {
    const decoded = decodeMessage(signIn().replace(/\nNonce: .*/, ''), context);
    expect(decoded.kind === 'signIn' && decoded.mismatches).toEqual([
      'This sign-in message is incomplete or out of order: it must list URI, Version, Chain ID, Nonce and Issued At, in that order.',
    ]);
  });

  test('a repeated "Chain ID" line is flagged (a site could read the other one)', () => {
    const text = signIn().replace('Chain ID: 31337', 'Chain ID: 31337\nChain ID: 1');
    const decoded = decodeMessage(text, context);
    expect(decoded.kind === 'signIn' && decoded.mismatches).toContain('This sign-in message has the line "Chain ID" more than once, so it could be read in two ways.');
  });

  test('a badly checksummed account is flagged', () => {
    const decoded = decodeMessage(signIn().replace(account, account.replace('E', 'e')), context);
    expect(decoded.kind === 'signIn' && decoded.mismatches).toEqual([expect.stringContaining('is not written correctly')]);
  });
});

describe('decodeMessage: text and blind signing', () => {
  test.each([
    { title: 'plain text', message: 'Welcome to Corner Coffee!\n\nPlease sign to confirm your email.', text: 'Welcome to Corner Coffee!\n\nPlease sign to confirm your email.' },
    { title: 'hex-encoded text', message: stringToHex('Hello, Bob! ☕'), text: 'Hello, Bob! ☕' },
    { title: 'an empty message', message: '0x', text: '' },
  ])('$title is text', ({ message, text }) => {
    expect(decodeMessage(message, context)).toEqual({ kind: 'text', text });
  });

  test('a 32-byte hash is blind, with its hex', () => {
    const hash = keccak256(stringToHex('transfer everything'));
    expect(decodeMessage(hash.toUpperCase().replace('0X', '0x'), context)).toEqual({
      kind: 'blind',
      hex: hash,
      reason: 'This is a 32-byte hash, not text: signing it may authorise anything.',
    });
  });

  test('32 bytes that read as clean text are text (a hash never does)', () => {
    const text = 'Welcome to Corner Coffee, Bob!!!';
    expect(decodeMessage(stringToHex(text), context)).toEqual({ kind: 'text', text });
  });

  test('a 32-byte hash that happens to be valid UTF-8 with a control byte is still a hash', () => {
    expect(decodeMessage(`0x${'41'.repeat(31)}01`, context)).toMatchObject({ kind: 'blind', reason: expect.stringContaining('32-byte hash') });
  });

  test('bytes that are not UTF-8 are blind', () => {
    expect(decodeMessage('0xff00ff00c3', context)).toEqual({
      kind: 'blind',
      hex: '0xff00ff00c3',
      reason: 'This is not valid text (5 bytes of raw data): signing it may authorise anything.',
    });
  });

  test.each([
    { title: 'a NUL byte', text: 'Sign to log in\u0000\u0000' },
    { title: 'an escape sequence', text: 'Log in \u001b[8mand approve all tokens' },
    { title: 'a C1 control', text: 'hello\u0085world' },
  ])('text with $title is blind', ({ text }) => {
    for (const message of [text, stringToHex(text)]) {
      const decoded = decodeMessage(message, context);
      expect(decoded).toEqual({ kind: 'blind', hex: stringToHex(text), reason: 'This text contains hidden control characters: signing it may authorise anything.' });
    }
  });

  test('text with a direction override is blind (it shows in another order than it is signed)', () => {
    const decoded = decodeMessage(`Sign in to \u202Eelpmaxe.live\u202C`, context);
    expect(decoded).toMatchObject({ kind: 'blind', reason: expect.stringContaining('change the order in which it is shown') });
  });

  test('a sign-in carrying a direction override is blind, not a sign-in that passes', () => {
    expect(decodeMessage(signIn({ statement: 'Welcome \u2066back\u2069' }), context).kind).toBe('blind');
  });

  test('the whole message is kept, however long', () => {
    const long = 'a'.repeat(60_000);
    expect(decodeMessage(long, context)).toEqual({ kind: 'text', text: long });
  });

  test.each([
    { title: 'more than 64 KB of text', message: 'a'.repeat(70_000) },
    { title: 'more than 64 KB of hex', message: toHex(new Uint8Array(70_000).fill(97)) },
  ])('refuses $title', ({ message }) => {
    expect(() => decodeMessage(message, context)).toThrowError(InvalidPayRequestError);
    expect(() => decodeMessage(message, context)).toThrowError('larger than 64 KB');
  });
});
