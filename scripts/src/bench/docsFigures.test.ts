import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '@commonguard/sdk/testing';
import { expect, test } from 'vitest';
import { textOutsideMarkedBlocks } from './gasTable.js';
import { gasReferences } from './measureGas.js';

// A gas figure in the docs is either written by the gas benchmark (between its markers) or is a fixed
// number that no measurement changes: a reference figure, the goal, or a cost from the EVM's gas schedule.
const evmSchedule = {
  intrinsicTransaction: 21_000,
  coldStorageRead: 2_100,
  zeroToNonZeroColdStore: 22_100,
};
const fixedFigures = new Set<number>([
  ...Object.values(evmSchedule),
  ...Object.values(gasReferences).map((reference) => (typeof reference === 'number' ? reference : reference.gas)),
]);

/** Numbers written with thousands separators ("72,743"): how the docs write gas. */
function figuresIn(text: string): number[] {
  return [...text.matchAll(/\d{1,3}(?:,\d{3})+/g)].map((match) => Number(match[0].replaceAll(',', '')));
}

function section(text: string, heading: string): string {
  const start = text.indexOf(`\n${heading}\n`);
  if (start === -1) throw new Error(`No "${heading}" section.`);
  const next = text.indexOf('\n## ', start + heading.length + 2);
  return text.slice(start, next === -1 ? undefined : next);
}

const gasMd = readFileSync(join(repositoryRoot, 'contracts', 'GAS.md'), 'utf8');
const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');

test.each([
  ['contracts/GAS.md', gasMd],
  ['README.md, Benchmarks', section(readme, '## Benchmarks').split('Figures for the other parts')[0]!],
])('%s quotes no gas figure by hand outside the benchmark-written blocks', (_file, text) => {
  const handWritten = figuresIn(textOutsideMarkedBlocks(text)).filter((figure) => !fixedFigures.has(figure));
  expect(handWritten).toEqual([]);
});

test('the README and GAS.md carry the same benchmark-written summary', () => {
  const summary = (text: string) => text.slice(text.indexOf('<!-- gas-summary:start -->'), text.indexOf('<!-- gas-summary:end -->'));
  expect(summary(readme)).toContain('<!-- gas-summary:start -->');
  expect(summary(readme)).toBe(summary(gasMd));
});

test('finds figures written the way the docs write gas', () => {
  expect(figuresIn('costs 62,352, or 1,079,452 (was 999)')).toEqual([62_352, 1_079_452]);
  expect(figuresIn(textOutsideMarkedBlocks('a 1,234\n<!-- gas-table:start -->\n5,678\n<!-- gas-table:end -->\n'))).toEqual([1_234]);
});
