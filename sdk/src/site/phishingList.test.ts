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
