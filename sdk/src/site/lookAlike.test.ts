import { describe, expect, test } from 'vitest';
import { NATIVE_TOKEN } from '../decode/types.js';
import { assessRequest } from '../risk/assessRequest.js';
import { siteImitation, toUnicode, WELL_KNOWN_SITES } from './lookAlike.js';

// A community's own trusted sites come in beside the well-known list.
const references = [...WELL_KNOWN_SITES, 'corner-coffee.example', 'market.commonguard.example', '127.0.0.1'];

describe('look-alike sites', () => {
  test.each([
    ['a Cyrillic а in punycode', 'https://xn--uniswp-7nf.org', 'uniswap.org', 'homoglyph'],
    ['a subdomain of a punycode look-alike', 'https://app.xn--uniswp-7nf.org', 'uniswap.org', 'homoglyph'],
    ['one letter changed', 'https://uniswep.org', 'uniswap.org', 'editDistance'],
    ['two letters swapped', 'https://opnesea.io', 'opensea.io', 'editDistance'],
    ['one letter added, on a subdomain', 'https://app.uniswapp.org', 'uniswap.org', 'editDistance'],
    ['a community-trusted café, one letter off', 'https://corner-cofee.example', 'corner-coffee.example', 'editDistance'],
    ['the real name inside another host', 'https://uniswap.org.claim-airdrop.xyz', 'uniswap.org', 'embedded'],
    ['the real name, hyphenated, as a label', 'https://opensea-io.xyz', 'opensea.io', 'embedded'],
  ])('%s imitates the real site', (_what, origin, imitates, how) => {
    expect(siteImitation(origin, references)).toMatchObject({ imitates, how });
  });

  test('the window can show both forms of a punycode host', () => {
    expect(siteImitation('https://xn--uniswp-7nf.org', references)).toEqual({ imitates: 'uniswap.org', how: 'homoglyph', unicodeHost: 'uniswаp.org', asciiHost: 'xn--uniswp-7nf.org' });
    expect(toUnicode('shop.example')).toBe('shop.example');
  });

  test.each([
    ['the real site', 'https://uniswap.org'],
    ['a subdomain of the real site', 'https://app.uniswap.org'],
    ['an ordinary shop', 'https://shop.example'],
    ['an ordinary site whose name is close to nothing trusted', 'https://bakery-on-main.example'],
    ['a name that contains a short trusted name (cow.fi)', 'https://cowboy-boots.example'],
    ['a short name one letter from a short trusted one', 'https://con.fi'],
    ['an honest site with a longer word around a trusted brand', 'https://opensearch.org'],
    ['a local shop', 'http://localhost:5173'],
    ['an IP address', 'http://127.0.0.1:8080'],
    ['an IP address one digit from a trusted one', 'http://127.0.0.2:8080'],
    ['an international name that imitates nothing', 'https://xn--bcher-kva.example'],
  ])('%s is not a look-alike', (_what, origin) => {
    expect(siteImitation(origin, references)).toBeUndefined();
  });

  test('no origin (the wallet itself) or a non-web origin is never a look-alike', () => {
    expect(siteImitation(undefined, references)).toBeUndefined();
    expect(siteImitation('chrome-extension://abc', references)).toBeUndefined();
  });
});

describe('a look-alike site is a danger signal that names the site it imitates', () => {
  const judge = (origin: string, originStatus: 'unknown' | 'trusted' | 'blocked' = 'unknown') =>
    assessRequest({
      effects: { basis: 'simulation', effects: [{ kind: 'assetOut', token: NATIVE_TOKEN, to: '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955', amount: 10n ** 15n }] },
      parties: {},
      tokens: {},
      policy: { version: 3n, warnAt: 40, blockAt: 80, unlimitedApprovalsAllowed: true, tokenLimits: [] },
      originStatus,
      origin,
      siteImitation: siteImitation(origin, references),
      history: [],
      now: 1_800_000_000_000,
    });

  test('a punycode look-alike warns and shows the host in Unicode and in punycode', () => {
    const result = judge('https://xn--uniswp-7nf.org');
    const reason = result.reasons.find((r) => r.rule === 'lookAlikeSite');
    expect(reason).toMatchObject({ class: 'danger', atLeast: 'warn' });
    expect(reason?.message).toBe('The site uniswаp.org (written xn--uniswp-7nf.org) imitates uniswap.org: its letters only look the same; it is not uniswap.org.');
    expect(result.level).not.toBe('allow');
  });

  test('a community-trusted site one letter off warns', () => {
    expect(judge('https://corner-cofee.example').reasons.map((r) => r.rule)).toContain('lookAlikeSite');
  });

  test('an ordinary site adds no look-alike signal; a site the community trusts is never overruled', () => {
    expect(judge('https://bakery-on-main.example').reasons.map((r) => r.rule)).not.toContain('lookAlikeSite');
    expect(judge('https://uniswep.org', 'trusted').reasons.map((r) => r.rule)).not.toContain('lookAlikeSite');
  });
});
