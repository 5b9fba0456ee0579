import { describe, expect, test } from 'vitest';
import { LINK_CLICK_MAX_AGE_MS, paymentLinkHref, TrustedLinkClicks } from './linkClicks.js';

/** A stand-in for an element inside a link with `href` (only `closest` and `getAttribute` are used). */
function inLink(href: string | null) {
  return { closest: (selector: string) => (selector === 'a[href]' && href !== null ? { getAttribute: () => href } : null) };
}

const LINK = 'ethereum:0x14dC79964da2C08b23698B3D3cc7Ca32193d9955@31337?value=1e15';

describe('payment links open only on a trusted click on the link itself', () => {
  test('finds the ethereum: link around the click target, and nothing else', () => {
    expect(paymentLinkHref(inLink(` ${LINK} `))).toBe(LINK);
    expect(paymentLinkHref(inLink('https://shop.example/'))).toBeNull();
    expect(paymentLinkHref(inLink(null))).toBeNull();
    expect(paymentLinkHref(null)).toBeNull();
    expect(paymentLinkHref({})).toBeNull();
  });

  test('a trusted primary click on the link allows one request for that link, soon after', () => {
    let now = 0;
    const clicks = new TrustedLinkClicks({ now: () => now });
    clicks.note({ isTrusted: true, button: 0, target: inLink(LINK) });
    expect(clicks.consume(LINK)).toBe(true);
    expect(clicks.consume(LINK)).toBe(false);
    clicks.note({ isTrusted: true, button: 0, target: inLink(LINK) });
    now += LINK_CLICK_MAX_AGE_MS + 1;
    expect(clicks.consume(LINK)).toBe(false);
  });

  test.each([
    { title: 'a synthetic click (link.click(), dispatchEvent)', event: { isTrusted: false, button: 0, target: inLink(LINK) }, asked: LINK },
    { title: 'a trusted click elsewhere on the page', event: { isTrusted: true, button: 0, target: inLink(null) }, asked: LINK },
    { title: 'a trusted click on another link', event: { isTrusted: true, button: 0, target: inLink('ethereum:0x0000000000000000000000000000000000000001?value=1') }, asked: LINK },
    { title: 'a middle click', event: { isTrusted: true, button: 1, target: inLink(LINK) }, asked: LINK },
    { title: 'a request that is not a link text', event: { isTrusted: true, button: 0, target: inLink(LINK) }, asked: 42 },
  ])('refused: $title', ({ event, asked }) => {
    const clicks = new TrustedLinkClicks({ now: () => 0 });
    clicks.note(event);
    expect(clicks.consume(asked)).toBe(false);
  });

  test('a refused request also uses up the click (no retry with another link)', () => {
    const clicks = new TrustedLinkClicks({ now: () => 0 });
    clicks.note({ isTrusted: true, button: 0, target: inLink(LINK) });
    expect(clicks.consume('ethereum:0x0000000000000000000000000000000000000001?value=1')).toBe(false);
    expect(clicks.consume(LINK)).toBe(false);
  });
});
