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

/**
 * The lists, indexed once: the blocklist and the allowlist as sets of domains (a site matches its own name or
 * any parent domain's, as the library matches), and the library's own detector for the fuzzy list, which is
 * short. The library scans its 14,000-domain lists one by one on every check; the sets answer the same
 * question in a few lookups (`phishingList.test.ts` checks both agree).
 */
type ListIndex = { allow: Set<string>; block: Set<string>; fuzzy: PhishingDetector };
let index: ListIndex | undefined;

function listIndex(): ListIndex {
  index ??= {
    allow: new Set(lists.whitelist.map((domain) => domain.toLowerCase())),
    block: new Set(lists.blacklist.map((domain) => domain.toLowerCase())),
    fuzzy: new PhishingDetector([{ name: PHISHING_LIST_NAME, version: lists.version, fuzzylist: lists.fuzzylist, tolerance: lists.tolerance }]),
  };
  return index;
}

/** The host and each parent domain: `a.b.example` → `a.b.example`, `b.example`, `example`. */
function domainsOf(host: string): string[] {
  const labels = host.split('.');
  return labels.map((_, at) => labels.slice(at).join('.'));
}

/**
 * Checks the site at `origin` against the bundled eth-phishing-detect lists (blocklist, allowlist, and the
 * fuzzy list by edit distance), entirely on the device: nothing about the site or the shopper is sent
 * anywhere. The community's own word comes first: a site the community trusts is never flagged by the lists
 * (`communityStatus: 'trusted'` gives `undefined`), and a site it blocked stays blocked whatever the lists say.
 * `undefined` when no list names the site, or the origin is not a web address.
 *
 * One addition to the library's matching: a name is compared with the fuzzy list both whole and by its last two
 * labels, so a subdomain (`app.openseaa.io`) does not hide an imitation.
 *
 * The lists are indexed once, on the first call (about 14,000 domains); each check is then a few set lookups
 * and an edit distance to the 15 names of the fuzzy list.
 *
 * @example
 * checkPhishingList('https://nfts-mints.com') // { list: 'blocklist', listName: 'MetaMask’s eth-phishing-detect list', … }
 */
export function checkPhishingList(origin: string | undefined, communityStatus: MerchantStatus | undefined = undefined): PhishingListMatch | undefined {
  if (communityStatus === 'trusted') return undefined;
  const host = hostOf(origin);
  // IP addresses are not names the lists could hold.
  if (host === undefined || isIpAddress(host)) return undefined;
  const { allow, block, fuzzy } = listIndex();
  const listVersion = String(lists.version);
  const domains = domainsOf(host);
  // The library's order: the allowlist wins, then the blocklist, then the fuzzy list.
  if (domains.some((domain) => allow.has(domain))) return { list: 'allowlist', listName: PHISHING_LIST_NAME, listVersion, host };
  if (domains.some((domain) => block.has(domain))) return { list: 'blocklist', listName: PHISHING_LIST_NAME, listVersion, host };
  // The library compares the whole name (only `www.` dropped), so `app.openseaa.io` would pass: the last two
  // labels are compared too.
  const near = [host, domains.at(-2) ?? host].map((name) => fuzzy.check(name)).find((found) => found.result && found.type === 'fuzzy');
  if (near?.result && near.type === 'fuzzy') return { list: 'fuzzylist', imitates: near.match, listName: PHISHING_LIST_NAME, listVersion, host };
  return undefined;
}
