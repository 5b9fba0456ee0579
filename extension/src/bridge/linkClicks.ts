/**
 * Payment links open the wallet without a connected site, so only the person may start one: by a
 * trusted click (`isTrusted`, made by the user, not by `element.click()` or `dispatchEvent`) on the
 * `ethereum:` link itself. The bridge runs in the isolated world, where page scripts cannot reach: it
 * notes each trusted click on such a link, and a payment-link request is forwarded only for the link
 * just clicked, once. A recent click elsewhere on the page (user activation) is not enough.
 */

/** How long after the click its request may arrive (it is posted in the same click, so this is generous). */
export const LINK_CLICK_MAX_AGE_MS = 1000;

/** The `ethereum:` link an event's target is in (the link or any element inside it), as its href text. */
export function paymentLinkHref(target: unknown): string | null {
  const element = target as { closest?: (selector: string) => { getAttribute(name: string): string | null } | null } | null;
  const link = typeof element?.closest === 'function' ? element.closest('a[href]') : null;
  const href = link?.getAttribute('href')?.trim();
  return href && /^ethereum:/i.test(href) ? href : null;
}

type ClickLike = { isTrusted?: boolean; button?: number; target?: unknown };

export class TrustedLinkClicks {
  #last: { href: string; at: number } | null = null;
  #now: () => number;

  constructor({ now = () => performance.now() }: { now?: () => number } = {}) {
    this.#now = now;
  }

  /** Called for every click (capture phase, before page listeners run); keeps only trusted primary clicks on payment links. */
  note(event: ClickLike): void {
    if (event.isTrusted !== true || event.button !== 0) return;
    const href = paymentLinkHref(event.target);
    if (href) this.#last = { href, at: this.#now() };
  }

  /** Whether a request to open `href` follows a trusted click on that very link; each click opens at most one request. */
  consume(href: unknown): boolean {
    const last = this.#last;
    this.#last = null;
    return last !== null && typeof href === 'string' && href.trim() === last.href && this.#now() - last.at <= LINK_CLICK_MAX_AGE_MS;
  }
}
