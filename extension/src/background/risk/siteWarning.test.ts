import { describe, expect, test } from 'vitest';
import { siteWarningOf } from './siteWarning.js';

describe('siteWarningOf: the connect window hears the wallet’s own checks of a site', () => {
  test('a site on the phishing blocklist: the list named, Close only', () => {
    expect(siteWarningOf('https://nfts-mints.com', 'unknown')).toEqual({
      warning: { message: expect.stringMatching(/listed as a phishing site by MetaMask’s eth-phishing-detect list/), closeOnly: true },
    });
  });

  test('a look-alike of a well-known site warns, naming it, and may still be connected', () => {
    expect(siteWarningOf('https://uniswap-org.claim-airdrop.xyz', 'unknown')).toEqual({ warning: { message: expect.stringContaining('imitates uniswap.org'), closeOnly: false } });
  });

  test('a site the community trusts, and an ordinary site, get no warning', () => {
    expect(siteWarningOf('https://nfts-mints.com', 'trusted')).toEqual({});
    expect(siteWarningOf('http://localhost:5174', 'unknown')).toEqual({});
    expect(siteWarningOf('https://corner-coffee.example', undefined)).toEqual({});
  });
});
