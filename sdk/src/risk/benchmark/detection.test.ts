import { describe, expect, test } from 'vitest';
import { generateShoppers, SCAM_FAMILIES } from './generate.js';
import { runDetectionBenchmark } from './run.js';

/**
 * The regression floor of the detection benchmark (`pnpm --dir sdk bench:detection` prints the real
 * rates on 1,000 shoppers). The floor sits well below the goals (every family ≥ 95 % caught, ordinary
 * payments ≤ 3 % warned, none blocked by mild signals) so that it fails on a real regression, not on noise.
 */
describe('detection benchmark', () => {
  const report = runDetectionBenchmark({ seed: 20261201, shoppers: 150 });

  test.each(SCAM_FAMILIES)('%s: at least 85 % warned or blocked', (family) => {
    expect(report.families[family].attempts).toBe(150);
    expect(report.families[family].caught).toBeGreaterThanOrEqual(0.85);
  });

  test('ordinary payments: at most 6 % warned, none blocked by mild signals alone', () => {
    expect(report.benign.payments).toBeGreaterThan(1500);
    expect(report.benign.warnedShare).toBeLessThanOrEqual(0.06);
    expect(report.benign.blockedByMild).toBe(0);
  });

  test('fair orders on every protocol (proceeds to the signer, a fair price) add no warning', () => {
    expect(report.benignByLabel.fairOrder?.payments).toBeGreaterThan(200);
    expect(report.benignByLabel.fairOrder?.warnedShare).toBeLessThanOrEqual(0.03);
    expect(report.benignByLabel.fairOrder?.blocked).toBe(0);
  });

  test('ordinary payments with address-poisoning primers in the shopper’s transfers (to their merchants, the imitated one among them, or new shops) add no warning', () => {
    expect(report.benignByLabel.amidPrimers?.payments).toBeGreaterThan(300);
    expect(report.benignByLabel.amidPrimers?.warnedShare).toBeLessThanOrEqual(0.03);
    expect(report.benignByLabel.amidPrimers?.blocked).toBe(0);
  });

  test('every kind of ordinary payment is represented', () => {
    expect(Object.keys(report.benignByLabel).sort()).toEqual(['amidPrimers', 'fairOrder', 'largerPurchase', 'marketStall', 'newShop', 'regular', 'routerApproval', 'safeBatch', 'subscription', 'swap']);
  });

  test('the same seed gives the same shoppers; another seed gives others', () => {
    const first = [...generateShoppers({ seed: 5, shoppers: 3 })];
    expect([...generateShoppers({ seed: 5, shoppers: 3 })]).toEqual(first);
    expect([...generateShoppers({ seed: 6, shoppers: 3 })]).not.toEqual(first);
  });
});
