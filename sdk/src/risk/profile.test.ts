import type { Address } from 'viem';
import { describe, expect, test } from 'vitest';
import { generateShoppers } from './benchmark/generate.js';
import { normaliseOrigin, siteKey } from '../site/normalise.js';
import { assessRequest, type PastPayment, ShopperProfile } from './index.js';

const token: Address = '0x5fc8d32690cc91d4c39d9d3abcbd16989f875707';
const cafe: Address = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
const twin: Address = '0x14dc000000000000000000000000000000009955';
const NOW = 1_800_000_000_000;
const pay = (to: Address, amount: bigint, minutesAgo: number, extra: Partial<PastPayment> = {}): PastPayment => ({ token, to, amount, timestamp: NOW - minutesAgo * 60_000, origin: 'https://cafe.example/', ...extra });

describe('ShopperProfile', () => {
  test('a site is one site whatever form its origin takes: the same key as the policy\'s site rules (default port, case, trailing dot)', () => {
    const profile = ShopperProfile.fromHistory([pay(cafe, 5n, 2, { origin: 'https://shop.example:443' }), pay(cafe, 5n, 1, { origin: 'HTTPS://Shop.Example./' })]);
    expect(profile.site('https://shop.example')).toMatchObject({ origin: 'https://shop.example', count: 2 });
    const policyForm = normaliseOrigin('https://shop.example:443');
    expect(policyForm.ok && profile.site(policyForm.value)).toMatchObject({ count: 2 });
    // Another port is another site, for both.
    expect(profile.site('https://shop.example:8443')).toBeUndefined();
    expect(siteKey('https://shop.example:8443')).toBe('https://shop.example:8443');
    // Text that is not an origin still keys only itself.
    expect(siteKey(' Not An Origin/ ')).toBe('not an origin');
  });

  test('only confirmed, non-zero payments make a recipient and a site familiar', () => {
    const profile = ShopperProfile.fromHistory([pay(twin, 0n, 1), pay(cafe, 5n, 2, { status: 'pending', id: 'p' })]);
    expect(profile.recipient(twin)).toBeUndefined();
    expect(profile.recipient(cafe)).toBeUndefined();
    expect(profile.site('https://cafe.example')).toBeUndefined();
    expect(profile.recent().map((payment) => payment.to)).toEqual([cafe]); // the pending one counts toward spending
    expect(profile.settle('p', 'confirmed')).toBe(true);
    expect(profile.recipient(cafe.toLowerCase())).toMatchObject({ address: cafe, count: 1 });
    expect(profile.site('HTTPS://CAFE.EXAMPLE')).toMatchObject({ count: 1 });
    expect(profile.settle('p', 'confirmed')).toBe(false);
  });

  test('a payment without a status is taken as confirmed (histories that record only what went out)', () => {
    expect(ShopperProfile.fromHistory([pay(cafe, 5n, 10)]).recipient(cafe)?.count).toBe(1);
  });

  test('a failed payment is forgotten: it neither counts toward spending nor makes anyone familiar', () => {
    const profile = new ShopperProfile();
    profile.add(pay(cafe, 5n, 1, { status: 'pending', id: 'f' }));
    expect(profile.settle('f', 'failed')).toBe(true);
    expect(profile.recent()).toEqual([]);
    expect(profile.recipient(cafe)).toBeUndefined();
  });

  test('reads the history newest first, keeps first and latest payment times, and amounts per recipient', () => {
    const profile = ShopperProfile.fromHistory([pay(cafe, 7n, 10), pay(cafe, 5n, 60 * 48), pay(cafe, 6n, 60 * 72)]);
    expect(profile.recipient(cafe)).toMatchObject({ count: 3, firstAt: NOW - 72 * 3_600_000, lastAt: NOW - 600_000 });
    expect(profile.recipientAmounts(cafe, token)).toMatchObject({ count: 3, typical: 6n, max: 7n });
    expect(profile.shopperAmounts(token)?.count).toBe(3);
    // Only the last 24 hours stay in the spending window.
    expect(profile.recent().map((payment) => payment.amount)).toEqual([7n]);
  });

  test('finds a familiar look-alike, never the address itself', () => {
    const profile = ShopperProfile.fromHistory([pay(cafe, 5n, 10)]);
    expect(profile.lookAlikeOf(twin)).toBe(cafe);
    expect(profile.lookAlikeOf(cafe)).toBeUndefined();
    expect(profile.lookAlikeOf('0x14dc000000000000000000000000000000009956')).toBeUndefined();
  });

  test('the amount windows keep only the most recent payments', () => {
    const profile = new ShopperProfile();
    for (let i = 0; i < 100; i++) profile.add(pay(cafe, i < 80 ? 1n : 1000n, 10_000 - i));
    expect(profile.recipientAmounts(cafe, token)).toMatchObject({ count: 20, typical: 1000n });
    expect(profile.shopperAmounts(token)).toMatchObject({ count: 50 });
    expect(profile.size).toBe(100);
  });

  test('with a profile, the review does not read the history at all', () => {
    const profile = ShopperProfile.fromHistory([pay(cafe, 5n, 10)]);
    const untouchable = new Proxy([] as PastPayment[], { get: () => { throw new Error('the history was read'); } });
    const input = {
      effects: { basis: 'simulation' as const, effects: [{ kind: 'assetOut' as const, token, to: cafe, amount: 5n }] },
      parties: {},
      tokens: {},
      policy: { version: 1n, warnAt: 40, blockAt: 80, unlimitedApprovalsAllowed: false, tokenLimits: [] },
      now: NOW,
    };
    expect(assessRequest({ ...input, profile, history: untouchable }).reasons).toEqual([]);
  });

  test('a profile updated payment by payment gives the same verdicts as one rebuilt from the history each time', () => {
    for (const shopper of generateShoppers({ seed: 11, shoppers: 25 })) {
      const profile = ShopperProfile.fromHistory(shopper.history);
      let history = shopper.history;
      for (const { input, payment } of shopper.benign) {
        expect(assessRequest({ ...input, profile })).toEqual(assessRequest({ ...input, history }));
        if (!payment) continue;
        profile.add({ ...payment, status: 'pending' });
        profile.settle(payment.id ?? '', 'confirmed');
        history = [payment, ...history];
      }
    }
  });
});
