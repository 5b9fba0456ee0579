import { type Address, type TransactionReceipt, keccak256, parseEther, parseUnits, stringToHex } from 'viem';
import { type Deployment, treasuryAbi } from '@commonguard/sdk';
import { demo } from '../accounts.js';
import { createStackClients, sendAndWait } from '../clients.js';
import {
  type Proposal,
  castVote,
  execute,
  passProposal,
  propose,
  queue,
  warpPastDeadline,
  warpToEta,
  warpToVoting,
} from '../governance.js';
import { proposalActions } from '../proposalActions.js';
import { demoSeed } from '../seed.js';

export type GasRow = {
  action: string;
  gasUsed: bigint;
  /** The reference figure from the toolchain notes (stock OpenZeppelin governor, Safe), if any. */
  reference?: { gas: number; what: string } | undefined;
};

/** An address that has never held anything: payouts to it pay for a fresh balance slot ("cold"). */
function freshAddress(label: string): Address {
  return `0x${keccak256(stringToHex(`commonguard bench ${label}`)).slice(-40)}` as Address;
}

/**
 * Sends each transaction the gas benchmark covers on a seeded local chain and returns the receipts'
 * gasUsed. The chain must have been seeded with {@link seedDemo}; it is changed (time moves, funds move).
 */
export async function measureGas({ rpcUrl, deployment }: { rpcUrl: string; deployment: Deployment }): Promise<GasRow[]> {
  const clients = createStackClients(rpcUrl, deployment.chainId);
  const context = { clients, deployment };
  const act = proposalActions(deployment);
  const cgUsd = deployment.contracts.demoStablecoin;
  if (!cgUsd) throw new Error('The gas benchmark needs the demo stablecoin (a local deployment).');
  const rows: GasRow[] = [];
  const add = (action: string, receipt: TransactionReceipt, reference?: GasRow['reference']) =>
    rows.push({ action, gasUsed: receipt.gasUsed, reference });

  // Governance, one proposal with one ERC-20 payout by vote to a fresh recipient.
  const payByVote: Proposal = {
    description: 'Pay 100 cgUSD for the gas benchmark',
    actions: [act.pay(cgUsd, freshAddress('vote'), parseUnits('100', 6), 'bench')],
  };
  const proposed = await propose(context, payByVote);
  add('propose (1 action)', proposed.receipt, { gas: 68_808, what: 'OZ Governor propose, 1 action' });
  await warpToVoting(context, proposed.proposalId);
  add('castVote (first vote)', await castVote(context, proposed.proposalId, demo.members[0], 'for'), {
    gas: 83_200,
    what: 'OZ Governor castVote (≈)',
  });
  add('castVote', await castVote(context, proposed.proposalId, demo.members[2], 'for'), {
    gas: 83_200,
    what: 'OZ Governor castVote (≈)',
  });
  add(
    'castVoteWithReason',
    await castVote(context, proposed.proposalId, demo.members[1], 'for', 'Agreed at the meeting on Tuesday.'),
    { gas: 85_427, what: 'OZ Governor castVoteWithReason' },
  );
  await warpPastDeadline(context, proposed.proposalId);
  add('queue', await queue(context, payByVote), { gas: 145_450, what: 'OZ Governor queue' });
  await warpToEta(context, proposed.proposalId);
  add('execute (ERC-20 payout by vote, cold recipient)', await execute(context, payByVote), {
    gas: 119_446,
    what: 'OZ Governor execute with an ERC-20 payout (cold)',
  });

  // The treasurer, within the seeded budget (1,000 cgUSD and 0.5 ETH per 30 days, 245.50 cgUSD spent).
  const treasurer = clients.wallet(demo.treasurer);
  const treasury = { address: deployment.contracts.treasury, abi: treasuryAbi } as const;
  const safeTransfer = { gas: 99_715, what: 'Safe execTransaction ERC-20 transfer' };
  add(
    'treasurer ERC-20 payout (recipient paid before)',
    await sendAndWait(clients, 'ERC-20 payout', () =>
      treasurer.writeContract({
        ...treasury,
        functionName: 'payout',
        args: [cgUsd, demo.trustedMerchant.address, parseUnits('50', 6), 'INV-3001'],
      }),
    ),
    safeTransfer,
  );
  add(
    'treasurer ERC-20 payout (new recipient)',
    await sendAndWait(clients, 'ERC-20 payout', () =>
      treasurer.writeContract({
        ...treasury,
        functionName: 'payout',
        args: [cgUsd, freshAddress('payout'), parseUnits('50', 6), 'INV-3002'],
      }),
    ),
    safeTransfer,
  );
  add(
    'treasurer ETH payout',
    await sendAndWait(clients, 'ETH payout', () =>
      treasurer.writeContract({
        ...treasury,
        functionName: 'payout',
        args: ['0x0000000000000000000000000000000000000000', demo.spare.address, parseEther('0.1'), 'INV-3003'],
      }),
    ),
  );
  const batch = Array.from({ length: 10 }, (_, i) => ({
    recipient: freshAddress(`batch ${i}`),
    amount: parseUnits('10', 6),
    memo: `INV-31${String(i).padStart(2, '0')}`,
  }));
  add(
    'treasurer batch payout of 10 (ERC-20, new recipients)',
    await sendAndWait(clients, 'batch payout', () =>
      treasurer.writeContract({ ...treasury, functionName: 'payoutBatch', args: [cgUsd, batch] }),
    ),
  );

  // A policy change, through governance; the execute is what changes the policy.
  const policyChange = await passProposal({
    ...context,
    description: 'Lower the cgUSD daily cap to 900 (gas benchmark)',
    actions: [act.setTokenLimits(cgUsd, { ...demoSeed.limits.cgUsd, dailyCap: parseUnits('900', 6) })],
  });
  add('execute (policy change: setTokenLimits)', policyChange.receipts.execute);
  return rows;
}

/** The rows as an aligned text table. */
export function formatGasTable(rows: readonly GasRow[]): string {
  const header = ['action', 'gasUsed', 'reference', 'difference'];
  const body = rows.map((row) => [
    row.action,
    row.gasUsed.toLocaleString('en-US'),
    row.reference ? `${row.reference.gas.toLocaleString('en-US')} (${row.reference.what})` : '',
    row.reference ? percent(Number(row.gasUsed), row.reference.gas) : '',
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...body].map((cells) => (cells[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 1 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n');
}

function percent(value: number, reference: number): string {
  const change = ((value - reference) / reference) * 100;
  return `${change >= 0 ? '+' : ''}${change.toFixed(1)}%`;
}
