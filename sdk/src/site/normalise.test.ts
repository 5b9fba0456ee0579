import { expect, test } from 'vitest';
import { isWithinDomain, normaliseDomain, normaliseOrigin } from './normalise.js';

const value = (result: ReturnType<typeof normaliseOrigin>) => (result.ok ? result.value : `refused: ${result.reason}`);

test.each([
  ['https://shop.example:443', 'https://shop.example'],
  ['http://shop.example:80', 'http://shop.example'],
  ['wss://shop.example:443', 'wss://shop.example'],
  ['http://shop.example:443', 'http://shop.example:443'],
  ['https://shop.example:80', 'https://shop.example:80'],
  ['http://localhost:05174', 'http://localhost:5174'],
  ['https://shop.example:0443', 'https://shop.example'],
  ['http://localhost:', 'http://localhost'],
  ['http://localhost:0', 'http://localhost:0'],
  ['http://[::1]:080', 'http://[::1]'],
  ['https://Shop.Example./', 'https://shop.example'],
  ['HTTPS://SHOP.EXAMPLE.:443', 'https://shop.example'],
  ['HTTP://LocalHost:5174/', 'http://localhost:5174'],
  ['chrome-extension://abc_def', 'chrome-extension://abc_def'],
  ['web+pay://x.y', 'web+pay://x.y'],
])('normalises %s to what a browser reports: %s', (input, expected) => {
  expect(value(normaliseOrigin(input))).toBe(expected);
});

test.each([
  'https://shop.example:65536',
  'https://shop.example:44a',
  'https://shop..example',
  'https://.shop.example',
  'https://.',
  'https://shop.example#x',
  'https://shop.example/pay',
  'https://shop.example?x=1',
  'https://user@shop.example',
  'https://shop.example//',
  'https://shöp.example',
  'https://[::1',
  'https://:443',
  'a://',
  'shop.example',
  '1http://shop.example',
])('refuses %s with a reason', (input) => {
  const result = normaliseOrigin(input);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.reason.length).toBeGreaterThan(10);
});

test('normalising twice changes nothing', () => {
  const once = normaliseOrigin('HTTP://Pay.Scam.Example.:0080/');
  expect(once).toEqual({ ok: true, value: 'http://pay.scam.example' });
  if (once.ok) expect(normaliseOrigin(once.value)).toEqual(once);
});

test('domains: lower-case, no trailing dot, two labels or more', () => {
  expect(normaliseDomain('Scam.Example.')).toEqual({ ok: true, value: 'scam.example' });
  for (const bad of ['example', 'https://scam.example', 'scam.example:443', 'scam.example/path', 'scam..example', '10.0.0.1', '']) {
    expect(normaliseDomain(bad).ok, bad).toBe(false);
  }
});

test('a domain covers itself and its subdomains, not look-alikes', () => {
  expect(isWithinDomain('scam.example', 'scam.example')).toBe(true);
  expect(isWithinDomain('pay.scam.example', 'scam.example')).toBe(true);
  expect(isWithinDomain('notscam.example', 'scam.example')).toBe(false);
  expect(isWithinDomain('scam.example.org', 'scam.example')).toBe(false);
});
