import { deployContracts, startAnvil } from '@commonguard/sdk/testing';
import { expect, test } from 'vitest';
import { seedDemo } from '../seed.js';
import { formatGasTable, measureGas } from './measureGas.js';

test('measures every benchmarked transaction from its receipt', async () => {
  const anvil = await startAnvil();
  try {
    const deployment = await deployContracts({ rpcUrl: anvil.rpcUrl });
    await seedDemo({ rpcUrl: anvil.rpcUrl, deployment });
    const rows = await measureGas({ rpcUrl: anvil.rpcUrl, deployment });
    expect(rows.map((row) => row.action)).toEqual([
      'propose (1 action)',
      'castVote (first vote)',
      'castVote',
      'castVoteWithReason',
      'queue',
      'execute (ERC-20 payout by vote, cold recipient)',
      'treasurer ERC-20 payout (recipient paid before)',
      'treasurer ERC-20 payout (new recipient)',
      'treasurer ETH payout',
      'treasurer batch payout of 10 (ERC-20, new recipients)',
      'execute (policy change: setTokenLimits)',
    ]);
    // Every row is a real transaction: more than the 21,000 of a bare transfer.
    for (const row of rows) expect(row.gasUsed).toBeGreaterThan(21_000n);
    // A batch of ten shares the budget check: it costs less than ten single payouts to new recipients.
    const single = rows.find((row) => row.action === 'treasurer ERC-20 payout (new recipient)')?.gasUsed ?? 0n;
    const batch = rows.find((row) => row.action.startsWith('treasurer batch'))?.gasUsed ?? 0n;
    expect(batch).toBeLessThan(single * 10n);
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
