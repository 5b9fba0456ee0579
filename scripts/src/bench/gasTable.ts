import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type GasRow, formatReference } from './measureGas.js';

/** The part of `contracts/GAS.md` this tool owns lies between these two lines. */
export const gasTableMarkers = { start: '<!-- gas-table:start -->', end: '<!-- gas-table:end -->' } as const;

/** The summary of the figures people ask about, written into both `contracts/GAS.md` and `README.md`. */
export const gasSummaryMarkers = { start: '<!-- gas-summary:start -->', end: '<!-- gas-summary:end -->' } as const;

type Markers = { readonly start: string; readonly end: string };

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
  'policy setTokenLimits (a token not yet limited)',
  "policy setTokenLimits (replacing a token's limits)",
  'policy removeTokenLimits',
  'policy setMerchantStatus (add)',
  'policy setMerchantStatus (remove)',
  'policy setOriginStatus (add)',
  'policy setOriginStatus (remove)',
  'policy setDomainStatus (add)',
  'policy setDomainStatus (remove)',
  'policy siteStatus (4-level subdomain of a trusted domain)',
  'policy merchants page (2 entries)',
  'policy origins page (2 entries)',
  'community: create through the factory (execution only)',
  'community: deploy one by one (15 transactions, with intrinsic gas)',
  'community, parts made with new: castVote (reaches quorum)',
  'community, cloned parts: castVote (reaches quorum)',
  'community, parts made with new: treasurer payout ERC-20',
  'community, cloned parts: treasurer payout ERC-20',
  'community, parts made with new: policy checkPayment read',
  'community, cloned parts: policy checkPayment read',
  'community, parts made with new: policy snapshot() read (2 token limits)',
  'community, cloned parts: policy snapshot() read (2 token limits)',
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

/**
 * The figures the README and GAS.md discuss, from the benchmark's receipts: the vote comparison with the
 * stock governor, `propose`, and the treasurer payouts against their goal. Throws if a row is missing.
 */
export function formatGasSummary(rows: readonly GasRow[]): string {
  const gas = (action: string) => {
    const row = rows.find((candidate) => candidate.action === action);
    if (!row) throw new Error(`The gas benchmark measured no "${action}".`);
    return row;
  };
  const fmt = (value: bigint | number) => Number(value).toLocaleString('en-US');
  const signed = (value: bigint) => `${value >= 0n ? '+' : '−'}${fmt(value >= 0n ? value : -value)}`;
  const votes = [
    ['before quorum is reached', 'castVote (below quorum)'],
    ['the vote that reaches quorum', 'castVote (reaches quorum)'],
    ['after quorum was reached', 'castVote (quorum already reached)'],
  ].map(([label, action]) => {
    const ours = gas(action!).gasUsed;
    const stock = gas(`${action}, stock OZ governor`).gasUsed;
    return `| ${label} | ${fmt(ours)} | ${fmt(stock)} | ${signed(ours - stock)} |`;
  });
  const payout = gas('treasurer payout ERC-20');
  const goal = payout.goal === undefined ? '' : ` (goal: under ${fmt(payout.goal)}: ${payout.gasUsed < BigInt(payout.goal) ? 'met' : 'not met'})`;
  const safe = payout.reference ? `; for comparison ${formatReference(payout.reference)}` : '';
  return [
    '| castVote, receipt gasUsed | CommunityGovernor | stock OpenZeppelin Governor | difference |',
    '|---|---:|---:|---:|',
    ...votes,
    '',
    `- \`propose\` (1 action): ${fmt(gas('propose (1 action)').gasUsed)} (stock governor: ${fmt(gas('propose (1 action), stock OZ governor').gasUsed)}).`,
    `- A treasurer's policy-checked ERC-20 payout to a recipient paid before: ${fmt(payout.gasUsed)}${goal}${safe}.`,
    `- The first payment to a recipient: ${fmt(gas('treasurer payout ERC-20 (first payment to a recipient)').gasUsed)}; ` +
      `to one that has never held the token: ${fmt(gas('treasurer payout ERC-20 (first payment, recipient holds no cgUSD yet)').gasUsed)}.`,
  ].join('\n');
}

/** Puts `content` between the `markers` lines of `text` (the content of `file`). */
export function replaceMarkedBlock(text: string, markers: Markers, content: string, file: string): string {
  const start = text.indexOf(markers.start);
  const end = text.indexOf(markers.end);
  if (start === -1 || end < start) {
    throw new Error(`${file} has no "${markers.start}" line followed by a "${markers.end}" line to put the table between.`);
  }
  return `${text.slice(0, start + markers.start.length)}\n${content}\n${text.slice(end)}`;
}

/** Puts `table` between the gas-table markers of `text` (the content of `contracts/GAS.md`). */
export function replaceGasTable(text: string, table: string): string {
  return replaceMarkedBlock(text, gasTableMarkers, table, 'contracts/GAS.md');
}

/**
 * The parts of `text` no benchmark writes: everything outside the marked blocks. A gas figure there was
 * written by hand and goes stale; `docsFigures.test.ts` reads it.
 */
export function textOutsideMarkedBlocks(text: string): string {
  let rest = text;
  for (const markers of [gasTableMarkers, gasSummaryMarkers]) {
    const start = rest.indexOf(markers.start);
    const end = rest.indexOf(markers.end);
    if (start !== -1 && end > start) rest = rest.slice(0, start) + rest.slice(end + markers.end.length);
  }
  return rest;
}
