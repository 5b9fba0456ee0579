import { assessRequest } from '../assessRequest.js';
import { ShopperProfile } from '../profile.js';
import type { Assessment, PastPayment } from '../types.js';
import { type BenignLabel, type GeneratorOptions, generateShoppers, SCAM_FAMILIES, type ScamFamily } from './generate.js';

export type FamilyRate = { attempts: number; warned: number; blocked: number; /** Share warned or blocked, 0–1. */ caught: number };
export type BenignRate = {
  payments: number;
  warned: number;
  blocked: number;
  /** Blocked with neither a hard rule nor a danger signal: mild signals alone (the goal is none). */
  blockedByMild: number;
  /** Blocked by a community rule (a limit or a blocked party): the community's choice, counted apart. */
  blockedByHard: number;
  /** Shares of `payments`, 0–1. */
  warnedShare: number;
  blockedShare: number;
};
export type DetectionReport = {
  shoppers: number;
  pastPayments: number;
  families: Record<ScamFamily, FamilyRate>;
  benign: BenignRate;
  benignByLabel: Partial<Record<BenignLabel, BenignRate>>;
  /** For each benign warning: the rules that raised it and how often (to see what cries wolf). */
  benignWarnRules: Record<string, number>;
  /** For each family: the rule sets of the attempts it missed (to see why). */
  missed: Partial<Record<ScamFamily, Record<string, number>>>;
};

/**
 * Runs the detection benchmark: for each synthetic shopper, builds the profile from its history once,
 * assesses its next ordinary payments one by one (recording each in the profile, as the wallet does) and
 * each scam attempt against a profile that also holds the attempt's prelude. Pure apart from the time it takes.
 */
export function runDetectionBenchmark(options: GeneratorOptions): DetectionReport {
  const families = Object.fromEntries(SCAM_FAMILIES.map((family) => [family, { attempts: 0, warned: 0, blocked: 0, caught: 0 }])) as Record<ScamFamily, FamilyRate>;
  const benign = emptyBenign();
  const benignByLabel: Partial<Record<BenignLabel, BenignRate>> = {};
  const benignWarnRules: Record<string, number> = {};
  const missed: Partial<Record<ScamFamily, Record<string, number>>> = {};
  let shoppers = 0;
  let pastPayments = 0;
  for (const shopper of generateShoppers(options)) {
    shoppers++;
    pastPayments += shopper.history.length;
    for (const scam of shopper.scams) {
      const profile = ShopperProfile.fromHistory(shopper.history);
      for (const payment of scam.prelude) profile.add(payment);
      const result = assessRequest({ ...scam.input, profile });
      const rate = families[scam.family];
      rate.attempts++;
      if (result.level === 'warn') rate.warned++;
      if (result.level === 'block') rate.blocked++;
      if (result.level === 'allow') {
        const byFamily = (missed[scam.family] ??= {});
        const key = rulesOf(result) || '(no reasons)';
        byFamily[key] = (byFamily[key] ?? 0) + 1;
      }
    }
    const profile = ShopperProfile.fromHistory(shopper.history);
    for (const { label, input, payment } of shopper.benign) {
      const result = assessRequest({ ...input, profile });
      count(benign, result);
      count((benignByLabel[label] ??= emptyBenign()), result);
      if (result.level !== 'allow') {
        const key = `${label}: ${rulesOf(result)}`;
        benignWarnRules[key] = (benignWarnRules[key] ?? 0) + 1;
      }
      if (payment) record(profile, payment);
    }
  }
  for (const rate of Object.values(families)) rate.caught = rate.attempts === 0 ? 0 : (rate.warned + rate.blocked) / rate.attempts;
  for (const rate of [benign, ...Object.values(benignByLabel)]) {
    rate.warnedShare = rate.payments === 0 ? 0 : rate.warned / rate.payments;
    rate.blockedShare = rate.payments === 0 ? 0 : rate.blocked / rate.payments;
  }
  return { shoppers, pastPayments, families, benign, benignByLabel, benignWarnRules, missed };
}

/** The wallet records a sent payment as pending and settles it when the receipt arrives; here at once. */
function record(profile: ShopperProfile, payment: PastPayment): void {
  profile.add({ ...payment, status: 'pending' });
  if (payment.id !== undefined) profile.settle(payment.id, 'confirmed');
}

function emptyBenign(): BenignRate {
  return { payments: 0, warned: 0, blocked: 0, blockedByMild: 0, blockedByHard: 0, warnedShare: 0, blockedShare: 0 };
}

function count(rate: BenignRate, result: Assessment): void {
  rate.payments++;
  if (result.level === 'warn') rate.warned++;
  if (result.level !== 'block') return;
  rate.blocked++;
  if (result.reasons.some((reason) => reason.hard)) rate.blockedByHard++;
  else if (!result.reasons.some((reason) => reason.class === 'danger')) rate.blockedByMild++;
}

function rulesOf(result: Assessment): string {
  return result.reasons.map((reason) => reason.rule).join('+');
}
