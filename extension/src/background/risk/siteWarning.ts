import { checkPhishingList } from '@commonguard/sdk/phishing';
import { type MerchantStatus, SIGNAL_POINTS, siteImitation, siteSignals, WELL_KNOWN_SITES } from '@commonguard/sdk/risk';
import type { SiteStatusView } from '../../shared/views.js';

/**
 * The wallet's own checks of a site for the connect window (a look-alike of a well-known site, the phishing
 * lists on the device), in the same words as the payment verdict. A site the community trusts gets none; a
 * site on a phishing blocklist gets `closeOnly`, as a site the community blocked.
 */
export function siteWarningOf(origin: string, status: MerchantStatus | undefined): Pick<SiteStatusView, 'warning'> {
  const found = siteSignals({ originStatus: status, siteImitation: siteImitation(origin, WELL_KNOWN_SITES), phishingList: checkPhishingList(origin, status) });
  if (found.length === 0) return {};
  return { warning: { message: found.map((signal) => signal.message).join(' '), closeOnly: found.some((signal) => signal.points >= SIGNAL_POINTS.phishingSite) } };
}
