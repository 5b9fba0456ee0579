/// <reference path="./ethPhishingDetect.d.ts" />
import PhishingDetector from 'eth-phishing-detect/src/detector.js';
import lists from 'eth-phishing-detect/src/config.json';
import type { MerchantStatus } from '../types/policy.js';
import { hostOf, isIpAddress } from './lookAlike.js';

/** The public lists the wallet checks on the device, as their maintainers name them. */
export const PHISHING_LIST_NAME = 'MetaMask’s eth-phishing-detect list';

/**
 * What the phishing lists say about a site:
 * - `blocklist`: the site (or a parent domain) is listed as a phishing site;
 * - `fuzzylist`: its name is within a few letters of a site phishers often imitate (`imitates`);
 * - `allowlist`: the lists vouch for it (it is never flagged by them).
 */
export type PhishingListMatch = {
  list: 'blocklist' | 'fuzzylist' | 'allowlist';
  /** The listed site it imitates (fuzzy list only). */
  imitates?: string | undefined;
  /** The lists' name and version, for the window ("which list matched"). */
  listName: string;
  listVersion: string;
  host: string;
};

let detector: PhishingDetector | undefined;

/**
 * Checks the site at `origin` against the bundled eth-phishing-detect lists (blocklist, allowlist, and the
 * fuzzy list by edit distance), entirely on the device: nothing about the site or the shopper is sent
 * anywhere. The community's own word comes first: a site the community trusts is never flagged by the lists
 * (`communityStatus: 'trusted'` gives `undefined`), and a site it blocked stays blocked whatever the lists say.
 * `undefined` when no list names the site, or the origin is not a web address.
 *
 * The lists are parsed once, on the first call (about 14,000 domains).
 *
 * @example
 * checkPhishingList('https://nfts-mints.com') // { list: 'blocklist', listName: 'MetaMask’s eth-phishing-detect list', … }
 */
export function checkPhishingList(origin: string | undefined, communityStatus: MerchantStatus | undefined = undefined): PhishingListMatch | undefined {
  if (communityStatus === 'trusted') return undefined;
  const host = hostOf(origin);
  // IP addresses are not names the lists could hold.
  if (host === undefined || isIpAddress(host)) return undefined;
  detector ??= new PhishingDetector([
    {
      name: PHISHING_LIST_NAME,
      version: lists.version,
      allowlist: lists.whitelist,
      blocklist: lists.blacklist,
      fuzzylist: lists.fuzzylist,
      tolerance: lists.tolerance,
    },
  ]);
  const found = detector.check(host);
  const listVersion = String(lists.version);
  if (found.type === 'allowlist') return { list: 'allowlist', listName: PHISHING_LIST_NAME, listVersion, host };
  if (!found.result) return undefined;
  if (found.type === 'fuzzy') return { list: 'fuzzylist', imitates: found.match, listName: PHISHING_LIST_NAME, listVersion, host };
  return { list: 'blocklist', listName: PHISHING_LIST_NAME, listVersion, host };
}
