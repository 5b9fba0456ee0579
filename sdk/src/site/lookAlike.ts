/// <reference path="./punycode.d.ts" />
import { remove as skeletonOf } from 'confusables';
import punycode from 'punycode/punycode.js';

/**
 * Well-known sites of our field that phishing pages imitate most (DEXes, NFT markets, wallets, explorers,
 * Safe). Registrable domains: their subdomains are theirs too. A community adds its own trusted sites.
 */
export const WELL_KNOWN_SITES: readonly string[] = [
  'uniswap.org',
  'opensea.io',
  'metamask.io',
  'etherscan.io',
  'blur.io',
  'looksrare.org',
  'cow.fi',
  '1inch.io',
  'matcha.xyz',
  'safe.global',
  'aave.com',
  'lido.fi',
  'curve.fi',
  'coinbase.com',
  'binance.com',
  'rabby.io',
  'revoke.cash',
  'ens.domains',
  'pancakeswap.finance',
  'sushi.com',
  'compound.finance',
  'arbitrum.io',
  'optimism.io',
  'eigenlayer.xyz',
  'pendle.finance',
];

/** How a host imitates a site: the same skeleton in look-alike letters, a letter or two changed, or the real name inside another host. */
export type ImitationKind = 'homoglyph' | 'editDistance' | 'embedded';

export type SiteImitation = {
  /** The site it imitates (a host). */
  imitates: string;
  how: ImitationKind;
  /** The host as a person reads it (Unicode) and as the browser reports it (ASCII, punycode); equal for plain names. */
  unicodeHost: string;
  asciiHost: string;
};

/** Edit distance counts only for names at least this long: `cow.fi` is one letter from many honest names. */
const MIN_EDIT_LENGTH = 7;

/**
 * Whether the site at `origin` imitates one of `references` (hosts: the community's trusted sites and
 * {@link WELL_KNOWN_SITES}). A host that is a reference or a subdomain of one is that site, never an imitation.
 * Imitations: a host whose letters look like a reference's (punycode with homoglyphs: `uniswаp.org` with a
 * Cyrillic а), a host one or two edits from a reference (`uniswep.org`, `opnesea.io`; one edit under 11
 * characters), or a host that carries a reference's full name inside it (`uniswap.org.claim-airdrop.xyz`,
 * `uniswap-org.xyz`). Pure; `undefined` for an origin that is not a web address.
 *
 * @example
 * siteImitation('https://xn--uniswp-7nf.org', WELL_KNOWN_SITES) // { imitates: 'uniswap.org', how: 'homoglyph', … }
 */
export function siteImitation(origin: string | undefined, references: readonly string[]): SiteImitation | undefined {
  const asciiHost = hostOf(origin);
  // An IP address is no name to imitate: 127.0.0.2 is not a look-alike of 127.0.0.1.
  if (asciiHost === undefined || isIpAddress(asciiHost)) return undefined;
  const refs = references.map((ref) => ref.toLowerCase().replace(/\.$/, '')).filter((ref) => ref.includes('.') && !isIpAddress(ref));
  if (refs.some((ref) => isSameSite(asciiHost, ref))) return undefined;
  const unicodeHost = toUnicode(asciiHost);
  const found = (imitates: string, how: ImitationKind): SiteImitation => ({ imitates, how, unicodeHost, asciiHost });

  const skeleton = skeletonOf(unicodeHost).toLowerCase();
  for (const ref of refs) if (skeleton !== asciiHost && (skeleton === ref || skeleton.endsWith(`.${ref}`))) return found(ref, 'homoglyph');
  for (const ref of refs) {
    const labels = ref.split('.').length;
    const tail = asciiHost.split('.').slice(-labels).join('.');
    if (ref.length < MIN_EDIT_LENGTH) continue;
    const distance = editDistance(tail, ref, 2);
    if (distance > 0 && distance <= (ref.length < 11 ? 1 : 2)) return found(ref, 'editDistance');
  }
  for (const ref of refs) {
    if (asciiHost.startsWith(`${ref}.`) || asciiHost.includes(`.${ref}.`)) return found(ref, 'embedded');
    const hyphenated = ref.replaceAll('.', '-');
    if (asciiHost.split('.').some((label) => label === hyphenated || label.startsWith(`${hyphenated}-`))) return found(ref, 'embedded');
  }
  return undefined;
}

/** The host of a web origin, lower-case ASCII as browsers report it, without a trailing dot; `undefined` for anything else. */
export function hostOf(origin: string | undefined): string | undefined {
  if (origin === undefined) return undefined;
  try {
    const url = new URL(origin);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return url.hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

/** A dotted IPv4 address or a bracketed IPv6 one, as URL hostnames write them. */
export function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
}

function isSameSite(host: string, ref: string): boolean {
  return host === ref || host.endsWith(`.${ref}`);
}

/** The host as a person reads it: punycode labels (`xn--…`) decoded; a host that does not decode stays as it is. */
export function toUnicode(host: string): string {
  try {
    return punycode.toUnicode(host);
  } catch {
    return host;
  }
}

/** Damerau–Levenshtein distance (optimal string alignment: a swap of two neighbours is one edit), stopping early above `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((rows[i - 1]?.[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (rows[i - 1]?.[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? limit + 1;
}
