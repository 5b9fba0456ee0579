import type { SiteImitation } from '../site/lookAlike.js';
import type { PhishingListMatch } from '../site/phishingList.js';
import type { MerchantStatus } from '../types/policy.js';
import { PHISHING_FUZZY_POINTS, SIGNAL_POINTS } from './constants.js';

export type SiteSignalsParameters = {
  /** The community's word on the site; a site it trusts gets no signal here. */
  originStatus?: MerchantStatus | undefined;
  siteImitation?: SiteImitation | undefined;
  phishingList?: PhishingListMatch | undefined;
};

/** A danger signal about the site itself, in words, with its points. */
export type SiteSignal = { rule: 'lookAlikeSite' | 'phishingSite'; message: string; points: number };

const IMITATION_WORDS: Record<SiteImitation['how'], string> = {
  homoglyph: ': its letters only look the same',
  editDistance: ': its name differs by a letter or two',
  embedded: ': the real name is only part of its address',
};

/**
 * What the wallet's own checks say about a site, whatever it asks for: an imitation of a site the community
 * trusts or a well-known one ({@link siteImitation}), and the phishing lists on the device
 * ({@link checkPhishingList}). The community's word comes first: a site it trusts gets nothing here. One
 * imitation seen by both the look-alike check and the lists' fuzzy list counts once, and a site the lists
 * vouch for (their allowlist) is not taken for an imitation. Pure; used by the verdict on every request and by
 * the connect window, so both say the same.
 */
export function siteSignals({ originStatus, siteImitation, phishingList }: SiteSignalsParameters): SiteSignal[] {
  if (originStatus === 'trusted') return [];
  const found: SiteSignal[] = [];
  const imitation = phishingList?.list === 'allowlist' ? undefined : siteImitation;
  if (imitation) {
    const shown = imitation.unicodeHost === imitation.asciiHost ? imitation.asciiHost : `${imitation.unicodeHost} (written ${imitation.asciiHost})`;
    found.push({ rule: 'lookAlikeSite', message: `The site ${shown} imitates ${imitation.imitates}${IMITATION_WORDS[imitation.how]}; it is not ${imitation.imitates}.`, points: SIGNAL_POINTS.lookAlikeSite });
  }
  if (phishingList?.list === 'blocklist')
    found.push({ rule: 'phishingSite', message: `The site ${phishingList.host} is listed as a phishing site by ${phishingList.listName} (version ${phishingList.listVersion}).`, points: SIGNAL_POINTS.phishingSite });
  else if (phishingList?.list === 'fuzzylist' && !imitation)
    found.push({
      rule: 'phishingSite',
      message: `The site ${phishingList.host} is named like ${phishingList.imitates}, a site phishers imitate (${phishingList.listName}, version ${phishingList.listVersion}); it is not ${phishingList.imitates}.`,
      points: PHISHING_FUZZY_POINTS,
    });
  return found;
}
