import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type GasRow, formatReference } from './measureGas.js';

/** The part of `contracts/GAS.md` this tool owns lies between these two lines. */
export const gasTableMarkers = { start: '<!-- gas-table:start -->', end: '<!-- gas-table:end -->' } as const;

/** Benchmark rows whose forge section snapshot has another name. */
const forgeNames: Record<string, string> = {
  'propose (1 action), stock OZ governor': 'propose: stock OZ',
  'castVote (reaches quorum), stock OZ governor': 'castVote first vote: stock OZ',
  'castVote (quorum already reached), stock OZ governor': 'castVote after quorum: stock OZ',
};

/** Section snapshots that measure a call inside another transaction: no receipt of their own. */
const forgeOnly = [
  'policy change (setThresholds, by the timelock)',
  'policy snapshot() read (2 token limits)',
  'queue by id (GovernorStorage)',
];

/** Every named section snapshot in `contracts/snapshots/*.json`, by name. */
export function readForgeSnapshots(folder: string): Record<string, string> {
  const snapshots: Record<string, string> = {};
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.json')).sort()) {
    Object.assign(snapshots, JSON.parse(readFileSync(join(folder, file), 'utf8')));
  }
  return snapshots;
}

/** The rows as the Markdown table of `contracts/GAS.md`, next to forge's figure for the same operation. */
export function formatGasMarkdown(rows: readonly GasRow[], snapshots: Readonly<Record<string, string>>): string {
  const fmt = (gas: string | bigint | undefined) => (gas === undefined ? '–' : Number(gas).toLocaleString('en-US'));
  const reference = (row: GasRow) =>
    [
      row.reference && formatReference(row.reference),
      row.goal !== undefined && `goal < ${row.goal.toLocaleString('en-US')}`,
    ]
      .filter(Boolean)
      .join('; ');
  return [
    '| operation | forge (execution only) | receipt gasUsed on anvil | reference (TOOLCHAIN.md) |',
    '|---|---:|---:|---|',
    ...rows.map(
      (row) => `| ${row.action} | ${fmt(snapshots[forgeNames[row.action] ?? row.action])} | ${fmt(row.gasUsed)} | ${reference(row)} |`,
    ),
    ...forgeOnly.map((name) => `| ${name} | ${fmt(snapshots[name])} | – (no transaction of its own) | |`),
  ].join('\n');
}

/** Puts `table` between the gas-table markers of `text` (the content of `contracts/GAS.md`). */
export function replaceGasTable(text: string, table: string): string {
  const start = text.indexOf(gasTableMarkers.start);
  const end = text.indexOf(gasTableMarkers.end);
  if (start === -1 || end < start) {
    throw new Error(`contracts/GAS.md has no "${gasTableMarkers.start}" line followed by a "${gasTableMarkers.end}" line to put the table between.`);
  }
  return `${text.slice(0, start + gasTableMarkers.start.length)}\n${table}\n${text.slice(end)}`;
}
