/**
 * The detection benchmark: `pnpm --dir sdk bench:detection [--shoppers N] [--seed S] [--json]`.
 * Generates synthetic shoppers from a fixed seed (src/risk/benchmark/README.md), prints per scam family
 * the share warned or blocked, for ordinary payments the share warned and blocked, and what one review
 * costs with 0, 1,000 and 10,000 past payments.
 */
import { parseArgs } from 'node:util';
import { measureCost } from '../src/risk/benchmark/cost.js';
import { NEW_FAMILIES, type ScamFamily } from '../src/risk/benchmark/generate.js';
import { runDetectionBenchmark } from '../src/risk/benchmark/run.js';

const { values } = parseArgs({
  options: { shoppers: { type: 'string', default: '1000' }, seed: { type: 'string', default: '20261201' }, json: { type: 'boolean', default: false } },
});
const shoppers = Number(values.shoppers);
const seed = Number(values.seed);
if (!Number.isInteger(shoppers) || shoppers < 1 || !Number.isInteger(seed)) {
  console.error('Usage: bench:detection [--shoppers <positive integer>] [--seed <integer>] [--json]');
  process.exit(2);
}

const started = performance.now();
const report = runDetectionBenchmark({ shoppers, seed });
const seconds = (performance.now() - started) / 1000;
const cost = measureCost();
if (values.json) {
  console.log(JSON.stringify({ report, cost }, null, 2));
  process.exit(0);
}

const pct = (share: number) => `${(100 * share).toFixed(1)} %`.padStart(8);
console.log(`Detection benchmark: seed ${seed}, ${report.shoppers} shoppers, ${report.pastPayments} past payments, ${seconds.toFixed(1)} s\n`);
console.log('Scam family              attempts   warned  blocked   caught (goal ≥ 95 %)');
for (const [family, rate] of Object.entries(report.families))
  console.log(`${family.padEnd(24)} ${String(rate.attempts).padStart(8)} ${String(rate.warned).padStart(8)} ${String(rate.blocked).padStart(8)} ${pct(rate.caught)}${rate.caught < 0.95 ? '  below goal' : ''}${NEW_FAMILIES.includes(family as ScamFamily) ? '  (new: address-poisoning primers)' : ''}`);
const { benign } = report;
console.log(`\nOrdinary payments: ${benign.payments}; warned ${benign.warned} (${pct(benign.warnedShare).trim()}, goal ≤ 3 %); blocked ${benign.blocked} (${pct(benign.blockedShare).trim()}): by mild signals alone ${benign.blockedByMild} (goal 0), by community rules ${benign.blockedByHard}`);
console.log('\nKind of payment          payments   warned  blocked');
for (const [label, rate] of Object.entries(report.benignByLabel))
  console.log(`${label.padEnd(24)} ${String(rate?.payments).padStart(8)} ${pct(rate?.warnedShare ?? 0)} ${pct(rate?.blockedShare ?? 0)}`);
const wolves = Object.entries(report.benignWarnRules).sort((a, b) => b[1] - a[1]).slice(0, 8);
if (wolves.length > 0) {
  console.log('\nWhat warned on ordinary payments (most frequent):');
  for (const [rules, n] of wolves) console.log(`  ${String(n).padStart(5)}  ${rules}`);
}
const misses = Object.entries(report.missed);
if (misses.length > 0) {
  console.log('\nMissed attempts, by the reasons they did get:');
  for (const [family, byRules] of misses)
    for (const [rules, n] of Object.entries(byRules ?? {}).sort((a, b) => b[1] - a[1]).slice(0, 3)) console.log(`  ${family}: ${n} × ${rules}`);
}
console.log('\nReview cost by history size (median µs per review)');
console.log('past payments   with profile   from raw history   profile build   add one payment');
for (const row of cost)
  console.log(`${String(row.payments).padStart(13)}   ${row.withProfileMicros.toFixed(1).padStart(12)}   ${row.fromHistoryMicros.toFixed(1).padStart(16)}   ${row.buildMicros.toFixed(1).padStart(13)}   ${row.addMicros.toFixed(2).padStart(15)}`);
const [, thousand, tenThousand] = cost;
if (thousand && tenThousand)
  console.log(`10,000 vs 1,000 past payments, with the profile: ${(tenThousand.withProfileMicros / thousand.withProfileMicros).toFixed(2)} × (goal ≤ 2 ×)`);
