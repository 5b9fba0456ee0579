import { describe, expect, test } from 'vitest';
import { checkAddress, checkAmount, checkDays, checkDomain, checkHex, checkNote, checkOrigin, checkPercent } from './validation.js';

describe('form validation as you type', () => {
  test('addresses, including the checksum', () => {
    expect(checkAddress('0x14dC79964da2C08b23698B3D3cc7Ca32193d9955')).toEqual({ ok: true, value: '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955' });
    expect(checkAddress('0x14dc79964da2c08b23698b3d3cc7ca32193d9955')).toEqual({ ok: true, value: '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955' });
    expect(checkAddress('0x14dC79964da2C08b23698B3D3cc7Ca32193d9956')).toMatchObject({ ok: false, error: expect.stringMatching(/typo/) });
    expect(checkAddress('0x14dC79964da2')).toEqual({ ok: false, error: 'An address has 40 characters after 0x; this one has 12.' });
    expect(checkAddress('coffee.eth')).toMatchObject({ ok: false });
    expect(checkAddress('')).toMatchObject({ ok: false, error: expect.stringMatching(/Enter an address/) });
    expect(checkAddress('0x0000000000000000000000000000000000000000')).toMatchObject({ ok: false, error: expect.stringMatching(/zero address/) });
  });

  test('amounts and decimals', () => {
    expect(checkAmount('1,250.5', 6)).toEqual({ ok: true, value: 1_250_500_000n });
    expect(checkAmount('0.1234567', 6, { symbol: 'cgUSD' })).toEqual({ ok: false, error: 'cgUSD has at most 6 decimals; you typed 7.' });
    expect(checkAmount('-5', 6)).toMatchObject({ ok: false, error: 'The amount cannot be negative.' });
    expect(checkAmount('1.2.3', 6)).toMatchObject({ ok: false });
    expect(checkAmount('0', 6)).toMatchObject({ ok: false, error: 'The amount must be more than zero.' });
    expect(checkAmount('0', 6, { allowZero: true })).toEqual({ ok: true, value: 0n });
    expect(checkAmount('abc', 18)).toMatchObject({ ok: false });
  });

  test('percentages, days, origins, notes and hex', () => {
    expect(checkPercent('35')).toEqual({ ok: true, value: 35 });
    expect(checkPercent('101', { label: 'Block at score' })).toEqual({ ok: false, error: 'Block at score must be from 0 to 100; you typed 101.' });
    expect(checkPercent('3.5')).toMatchObject({ ok: false });
    expect(checkDays('30')).toEqual({ ok: true, value: 2_592_000n });
    expect(checkDays('0')).toMatchObject({ ok: false });
    expect(checkOrigin('https://Shop.Example/')).toEqual({ ok: true, value: 'https://shop.example' });
    expect(checkOrigin('https://shop.example/pay')).toMatchObject({ ok: false, error: expect.stringMatching(/Only the origin/) });
    expect(checkOrigin('ftp://x.example')).toMatchObject({ ok: false });
    // The form a browser reports: no default port, no leading zeros, no trailing dot.
    expect(checkOrigin('https://Shop.Example.:0443')).toEqual({ ok: true, value: 'https://shop.example' });
    expect(checkOrigin('http://localhost:05174/')).toEqual({ ok: true, value: 'http://localhost:5174' });
    expect(checkOrigin('https://shop.example:70000')).toMatchObject({ ok: false, error: expect.stringMatching(/65535/) });
  });

  test('domains: a name of two parts or more, stored lower-case without a trailing dot', () => {
    expect(checkDomain('Scam.Example.')).toEqual({ ok: true, value: 'scam.example' });
    expect(checkDomain('example')).toMatchObject({ ok: false, error: expect.stringMatching(/two parts/) });
    expect(checkDomain('https://scam.example')).toMatchObject({ ok: false, error: expect.stringMatching(/no https/) });
    expect(checkNote('x'.repeat(281))).toEqual({ ok: false, error: 'The note is too long: 281 bytes, at most 280.' });
    expect(checkHex('0xabc')).toMatchObject({ ok: false, error: expect.stringMatching(/odd/) });
    expect(checkHex('0xabcd')).toEqual({ ok: true, value: '0xabcd' });
  });
});
