import { deployContracts, startAnvil } from '@commonguard/sdk/testing';
import { expect, test } from 'vitest';
import { seedDemo } from '../seed.js';
import { formatGasMarkdown, formatGasSummary, gasSummaryMarkers, gasTableMarkers, replaceGasTable, replaceMarkedBlock } from './gasTable.js';
import { formatGasTable, measureGas } from './measureGas.js';

test('measures every benchmarked transaction from its receipt', async () => {
  const anvil = await startAnvil();
  try {
    const deployment = await deployContracts({ rpcUrl: anvil.rpcUrl });
    await seedDemo({ rpcUrl: anvil.rpcUrl, deployment });
    const rows = await measureGas({ rpcUrl: anvil.rpcUrl, deployment });
    expect(rows.map((row) => row.action)).toEqual([
      'propose (1 action)',
      'castVote (below quorum)',
      'castVote (reaches quorum)',
      'castVote (quorum already reached)',
      'castVoteWithReason (quorum already reached)',
      'castVoteWithReason (reaches quorum)',
      'queue (1 action)',
      'execute (ERC-20 payout)',
      'execute (policy change)',
      'execute (ERC-20 payout, recipient holds no cgUSD yet)',
      'execute (policy change: setTokenLimits)',
      'treasurer payout ERC-20 (first payout of a new budget)',
      'treasurer payout ERC-20',
      'treasurer payout ERC-20 (first payment to a recipient)',
      'treasurer payout ERC-20 (first payment, recipient holds no cgUSD yet)',
      'treasurer payout ETH',
      'treasurer payoutBatch of 10 (ERC-20, first payments)',
      'treasurer payoutBatch of 10 (ERC-20)',
      'treasurer payoutBatch of 10 (ERC-20, new recipients)',
      'propose (1 action), stock OZ governor',
      'castVote (reaches quorum), stock OZ governor',
      'castVote (quorum already reached), stock OZ governor',
      'castVoteWithReason (quorum already reached), stock OZ governor',
      'castVote (below quorum), stock OZ governor',
    ]);
    // Every row is a real transaction: more than the 21,000 of a bare transfer.
    for (const row of rows) expect(row.gasUsed).toBeGreaterThan(21_000n);
    // A batch of ten shares the budget check: it costs less than ten single payouts to new recipients.
    const gas = (action: string) => rows.find((row) => row.action === action)?.gasUsed ?? 0n;
    const single = gas('treasurer payout ERC-20 (first payment, recipient holds no cgUSD yet)');
    const batch = gas('treasurer payoutBatch of 10 (ERC-20, new recipients)');
    expect(batch).toBeLessThan(single * 10n);
    // GovernorPreventLateQuorum: a vote costs most when it reaches quorum, less before, least after.
    expect(gas('castVote (reaches quorum)')).toBeGreaterThan(gas('castVote (below quorum)'));
    expect(gas('castVote (below quorum)')).toBeGreaterThan(gas('castVote (quorum already reached)'));
    expect(gas('castVote (reaches quorum), stock OZ governor')).toBeLessThan(gas('castVote (reaches quorum)'));
    expect(gas('castVote (below quorum), stock OZ governor')).toBeLessThan(gas('castVote (below quorum)'));
  } finally {
    await anvil.stop();
  }
});

test('prints an aligned table with the difference to the reference', () => {
  const table = formatGasTable([
    { action: 'queue', gasUsed: 150_000n, reference: { gas: 100_000, what: 'ref' } },
    { action: 'ETH payout', gasUsed: 7n },
  ]);
  expect(table).toMatchInlineSnapshot(`
    "action      gasUsed  reference      difference
    ----------  -------  -------------  ----------
    queue       150,000  100,000 (ref)  +50.0%
    ETH payout        7"
  `);
});

test('writes the GAS.md table with forge’s figure for the same operation', () => {
  const table = formatGasMarkdown(
    [
      { action: 'castVote (reaches quorum)', gasUsed: 122_804n, reference: { gas: 83_200, what: 'OZ', approximate: true } },
      { action: 'castVote (reaches quorum), stock OZ governor', gasUsed: 82_971n },
      { action: 'treasurer payout ERC-20', gasUsed: 62_352n, goal: 80_000 },
    ],
    { 'castVote (reaches quorum)': '101088', 'castVote first vote: stock OZ': '61255', 'queue by id (GovernorStorage)': '154099' },
  );
  expect(table).toMatchInlineSnapshot(`
    "| operation | forge (execution only) | receipt gasUsed on anvil | reference (TOOLCHAIN.md) |
    |---|---:|---:|---|
    | castVote (reaches quorum) | 101,088 | 122,804 | ≈83,200 (OZ) |
    | castVote (reaches quorum), stock OZ governor | 61,255 | 82,971 |  |
    | treasurer payout ERC-20 | – | 62,352 | goal < 80,000 |
    | policy change (setThresholds, by the timelock) | – | – (no transaction of its own) | |
    | policy snapshot() read (2 token limits) | – | – (no transaction of its own) | |
    | queue by id (GovernorStorage) | 154,099 | – (no transaction of its own) | |
    | policy setTokenLimits (a token not yet limited) | – | – (no transaction of its own) | |
    | policy setTokenLimits (replacing a token's limits) | – | – (no transaction of its own) | |
    | policy removeTokenLimits | – | – (no transaction of its own) | |
    | policy setMerchantStatus (add) | – | – (no transaction of its own) | |
    | policy setMerchantStatus (remove) | – | – (no transaction of its own) | |
    | policy setOriginStatus (add) | – | – (no transaction of its own) | |
    | policy setOriginStatus (remove) | – | – (no transaction of its own) | |
    | policy setDomainStatus (add) | – | – (no transaction of its own) | |
    | policy setDomainStatus (remove) | – | – (no transaction of its own) | |
    | policy siteStatus (4-level subdomain of a trusted domain) | – | – (no transaction of its own) | |
    | policy merchants page (2 entries) | – | – (no transaction of its own) | |
    | policy origins page (2 entries) | – | – (no transaction of its own) | |
    | community: create through the factory (execution only) | – | – (no transaction of its own) | |
    | community: deploy one by one (15 transactions, with intrinsic gas) | – | – (no transaction of its own) | |
    | community, parts made with new: castVote (reaches quorum) | – | – (no transaction of its own) | |
    | community, cloned parts: castVote (reaches quorum) | – | – (no transaction of its own) | |
    | community, parts made with new: treasurer payout ERC-20 | – | – (no transaction of its own) | |
    | community, cloned parts: treasurer payout ERC-20 | – | – (no transaction of its own) | |
    | community, parts made with new: policy checkPayment read | – | – (no transaction of its own) | |
    | community, cloned parts: policy checkPayment read | – | – (no transaction of its own) | |
    | community, parts made with new: policy snapshot() read (2 token limits) | – | – (no transaction of its own) | |
    | community, cloned parts: policy snapshot() read (2 token limits) | – | – (no transaction of its own) | |"
  `);
});

test('puts the table between the markers, and says so when they are missing', () => {
  const text = `# Gas\n\n${gasTableMarkers.start}\nold\n${gasTableMarkers.end}\n\nprose\n`;
  expect(replaceGasTable(text, 'new')).toBe(`# Gas\n\n${gasTableMarkers.start}\nnew\n${gasTableMarkers.end}\n\nprose\n`);
  expect(() => replaceGasTable('# Gas\n', 'new')).toThrow(
    'contracts/GAS.md has no "<!-- gas-table:start -->" line followed by a "<!-- gas-table:end -->" line to put the table between.',
  );
});

test('writes the summary the README and GAS.md share, from the rows it names', () => {
  const row = (action: string, gasUsed: bigint, extra = {}) => ({ action, gasUsed, ...extra });
  const rows = [
    row('castVote (below quorum)', 98_938n),
    row('castVote (below quorum), stock OZ governor', 82_971n),
    row('castVote (reaches quorum)', 122_804n),
    row('castVote (reaches quorum), stock OZ governor', 82_971n),
    row('castVote (quorum already reached)', 60_000n),
    row('castVote (quorum already reached), stock OZ governor', 65_871n),
    row('propose (1 action)', 376_558n),
    row('propose (1 action), stock OZ governor', 77_442n),
    row('treasurer payout ERC-20', 81_000n, { goal: 80_000, reference: { gas: 99_715, what: 'Safe' } }),
    row('treasurer payout ERC-20 (first payment to a recipient)', 95_248n),
    row('treasurer payout ERC-20 (first payment, recipient holds no cgUSD yet)', 112_336n),
  ];
  expect(formatGasSummary(rows)).toMatchInlineSnapshot(`
    "| castVote, receipt gasUsed | CommunityGovernor | stock OpenZeppelin Governor | difference |
    |---|---:|---:|---:|
    | before quorum is reached | 98,938 | 82,971 | +15,967 |
    | the vote that reaches quorum | 122,804 | 82,971 | +39,833 |
    | after quorum was reached | 60,000 | 65,871 | −5,871 |

    - \`propose\` (1 action): 376,558 (stock governor: 77,442).
    - A treasurer's policy-checked ERC-20 payout to a recipient paid before: 81,000 (goal: under 80,000: not met); for comparison 99,715 (Safe).
    - The first payment to a recipient: 95,248; to one that has never held the token: 112,336."
  `);
  expect(() => formatGasSummary(rows.slice(1))).toThrow('The gas benchmark measured no "castVote (below quorum)".');
  const readme = `# X\n${gasSummaryMarkers.start}\nold\n${gasSummaryMarkers.end}\n`;
  expect(replaceMarkedBlock(readme, gasSummaryMarkers, 'new', 'README.md')).toBe(`# X\n${gasSummaryMarkers.start}\nnew\n${gasSummaryMarkers.end}\n`);
  expect(() => replaceMarkedBlock('# X\n', gasSummaryMarkers, 'new', 'README.md')).toThrow('README.md has no "<!-- gas-summary:start -->" line');
});
