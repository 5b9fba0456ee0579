import { describe, expect, test } from 'vitest';
import { checkPhishingList, PHISHING_LIST_NAME } from './phishingList.js';

describe('checkPhishingList: the eth-phishing-detect lists, on the device', () => {
  test('a listed phishing site and its subdomains match the blocklist, named with the list', () => {
    for (const origin of ['https://nfts-mints.com', 'https://claim.nfts-mints.com', 'http://NFTS-MINTS.com.']) {
      expect(checkPhishingList(origin)).toMatchObject({ list: 'blocklist', listName: PHISHING_LIST_NAME, host: expect.stringMatching(/nfts-mints\.com$/) });
    }
  });

  test('a name a letter away from a site phishers imitate matches the fuzzy list, naming that site', () => {
    expect(checkPhishingList('https://etherscam.io')).toMatchObject({ list: 'fuzzylist', imitates: 'etherscan.io' });
    expect(checkPhishingList('https://myetherwal1et.com')).toMatchObject({ list: 'fuzzylist', imitates: 'myetherwallet.com' });
    // On a subdomain too, which the library alone misses (it compares the whole name).
    expect(checkPhishingList('https://app.myetherwal1et.com')).toMatchObject({ list: 'fuzzylist', imitates: 'myetherwallet.com' });
  });

  test('the real sites are on the allowlist, never flagged', () => {
    expect(checkPhishingList('https://metamask.io')).toMatchObject({ list: 'allowlist' });
    expect(checkPhishingList('https://portfolio.metamask.io')).toMatchObject({ list: 'allowlist' });
  });

  test('the community comes first: a site it trusts is never flagged by the lists', () => {
    expect(checkPhishingList('https://etherscam.io', 'trusted')).toBeUndefined();
    expect(checkPhishingList('https://nfts-mints.com', 'trusted')).toBeUndefined();
    // A site the community blocked stays blocked (the hard rule); the list may still name it.
    expect(checkPhishingList('https://nfts-mints.com', 'blocked')).toMatchObject({ list: 'blocklist' });
  });

  test('ordinary sites, local names, IP addresses and non-web origins are named by no list', () => {
    for (const origin of ['https://example.com', 'https://corner-coffee.example', 'http://localhost:5174', 'http://shop.localhost:5174', 'http://127.0.0.1:8545', 'chrome-extension://abc', 'not a url', undefined]) {
      expect(checkPhishingList(origin), String(origin)).toBeUndefined();
    }
  });
});

describe('checkPhishingList agrees with the eth-phishing-detect library', () => {
  test('on every 25th listed domain, their subdomains, the allowlist, near-misses of the fuzzy list and ordinary names', async () => {
    const { default: PhishingDetector } = await import('eth-phishing-detect/src/detector.js');
    const { default: lists } = await import('eth-phishing-detect/src/config.json');
    const library = new PhishingDetector([{ name: PHISHING_LIST_NAME, version: lists.version, allowlist: lists.whitelist, blocklist: lists.blacklist, fuzzylist: lists.fuzzylist, tolerance: lists.tolerance }]);
    const hosts = [
      ...lists.blacklist.filter((_, at) => at % 25 === 0).flatMap((domain) => [domain, `login.${domain}`]),
      ...lists.whitelist.filter((_, at) => at % 10 === 0),
      ...lists.fuzzylist.flatMap((domain) => [domain.replace(/[aeiou]/, 'x'), `www.${domain.replace(/.\./, '.')}`, `${domain}.evil.example`]),
      ...Array.from({ length: 200 }, (_, at) => `shop-${at * 7919}.example`),
    ];
    let compared = 0;
    for (const host of hosts) {
      const expected = library.check(host);
      const mine = checkPhishingList(`https://${host}`);
      const kind = expected.type === 'allowlist' ? 'allowlist' : expected.result ? (expected.type === 'fuzzy' ? 'fuzzylist' : 'blocklist') : undefined;
      expect(mine?.list, host).toBe(kind);
      if (kind === 'fuzzylist') expect(mine?.imitates, host).toBe(expected.match);
      compared++;
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
