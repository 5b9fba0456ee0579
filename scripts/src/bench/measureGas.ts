import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Abi,
  type Address,
  type Hex,
  type TransactionReceipt,
  keccak256,
  parseEther,
  parseUnits,
  stringToHex,
  zeroAddress,
} from 'viem';
import { type Deployment, communityTokenAbi, demoStablecoinAbi, treasuryAbi } from '@commonguard/sdk';
import { repositoryRoot } from '@commonguard/sdk/testing';
import { demo } from '../accounts.js';
import { createStackClients, sendAndWait } from '../clients.js';
import {
  type Proposal,
  castVote,
  execute,
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
  reference?: { gas: number; what: string; approximate?: boolean | undefined } | undefined;
  /** The project's goal for this transaction, if it has one: at most this much gas. */
  goal?: number | undefined;
};

/** An address that has never held anything: payouts to it pay for a fresh balance slot ("cold"). */
function freshAddress(label: string): Address {
  return `0x${keccak256(stringToHex(`commonguard bench ${label}`)).slice(-40)}` as Address;
}

const stockPropose = { gas: 68_808, what: 'OZ Governor propose, 1 action' };
const stockCastVote = { gas: 83_200, what: 'OZ Governor castVote', approximate: true };
const stockExecute = { gas: 119_446, what: 'OZ Governor execute, ERC-20 payout, cold' };
const safeTransfer = { gas: 99_715, what: 'Safe execTransaction, ERC-20 transfer' };
const payoutGoal = 80_000;

/** The figures the benchmark compares with (TOOLCHAIN.md) and its goal: docs may quote these by hand. */
export const gasReferences = { stockPropose, stockCastVote, stockExecute, safeTransfer, payoutGoal } as const;
const reason = 'Within the policy, and long overdue.';

/**
 * Sends each transaction the gas benchmark covers on a seeded local chain and returns the receipts'
 * gasUsed. The chain must have been seeded with {@link seedDemo}; it is changed (time moves, funds move).
 *
 * Votes are measured in the three situations that cost differently under GovernorPreventLateQuorum
 * (before quorum, the vote that reaches it, after it), and against the stock OpenZeppelin governor
 * (`contracts/test/gas/GovernorVariants.sol`, compiled by `forge build`) on the same token and
 * proposal. The treasurer's budgets are set again by vote first, so the first payout of a new budget
 * is measured too.
 */
export async function measureGas({ rpcUrl, deployment }: { rpcUrl: string; deployment: Deployment }): Promise<GasRow[]> {
  const clients = createStackClients(rpcUrl, deployment.chainId);
  const context = { clients, deployment };
  const act = proposalActions(deployment);
  const { communityToken, treasury, timelock } = deployment.contracts;
  const cgUsd = deployment.contracts.demoStablecoin;
  if (!cgUsd) throw new Error('The gas benchmark needs the demo stablecoin (a local deployment).');
  const [member1, member2, member3, member4] = demo.members;
  const smallHolder = demo.spare;
  const merchant = demo.trustedMerchant.address;
  const deployer = clients.wallet(demo.deployer);
  const rows: GasRow[] = [];
  const add = (action: string, receipt: TransactionReceipt, extra: Omit<GasRow, 'action' | 'gasUsed'> = {}) =>
    rows.push({ action, gasUsed: receipt.gasUsed, ...extra });

  // A holder of 1,000 votes, far below the 4% quorum, casts the vote measured "below quorum".
  await sendAndWait(clients, 'Giving the small holder 1,000 votes', () =>
    clients.wallet(member4).writeContract({
      address: communityToken,
      abi: communityTokenAbi,
      functionName: 'transfer',
      args: [smallHolder.address, parseEther('1000')],
    }),
  );
  await sendAndWait(clients, 'Small holder delegating', () =>
    clients.wallet(smallHolder).writeContract({
      address: communityToken,
      abi: communityTokenAbi,
      functionName: 'delegate',
      args: [smallHolder.address],
    }),
  );

  // ---------------------------------------------------------------- governance
  const { limits, budgets } = demoSeed;
  // Budgets set again: the treasurer's next payouts are the first of a new budget.
  const setup: Proposal = {
    description: 'Demo limits and treasurer budgets',
    actions: [
      act.setTokenLimits(zeroAddress, limits.eth),
      act.setTokenLimits(cgUsd, limits.cgUsd),
      act.setBudget(demo.treasurer.address, cgUsd, budgets.cgUsd, budgets.period),
      act.setBudget(demo.treasurer.address, zeroAddress, budgets.eth, budgets.period),
    ],
  };
  const grant: Proposal = {
    description: 'Pay the grant',
    actions: [act.pay(cgUsd, merchant, parseUnits('100', 6), 'GRANT-1')],
  };
  const stricter: Proposal = { description: 'Stricter thresholds', actions: [act.setThresholds(45, 85)] };
  const grantToNewRecipient: Proposal = {
    description: 'Pay a grant to a new recipient',
    actions: [act.pay(cgUsd, freshAddress('vote'), parseUnits('100', 6), 'GRANT-2')],
  };
  const lowerCap: Proposal = {
    description: 'Lower the cgUSD daily cap to 900',
    actions: [act.setTokenLimits(cgUsd, { ...limits.cgUsd, dailyCap: parseUnits('900', 6) })],
  };

  const setupId = (await propose(context, setup, member1)).proposalId;
  const proposed = await propose(context, grant, member1);
  add('propose (1 action)', proposed.receipt, { reference: stockPropose });
  const grantId = proposed.proposalId;
  const stricterId = (await propose(context, stricter, member1)).proposalId;
  const grantToNewId = (await propose(context, grantToNewRecipient, member1)).proposalId;
  const lowerCapId = (await propose(context, lowerCap, member1)).proposalId;
  await warpToVoting(context, lowerCapId);

  add('castVote (below quorum)', await castVote(context, setupId, smallHolder, 'for'));
  add('castVote (reaches quorum)', await castVote(context, grantId, member1, 'for'), { reference: stockCastVote });
  add('castVote (quorum already reached)', await castVote(context, grantId, member3, 'for'));
  add('castVoteWithReason (quorum already reached)', await castVote(context, grantId, member2, 'for', reason));
  add('castVoteWithReason (reaches quorum)', await castVote(context, stricterId, member2, 'for', reason), {
    reference: { gas: 85_427, what: 'OZ Governor castVoteWithReason' },
  });
  for (const id of [setupId, grantToNewId, lowerCapId]) await castVote(context, id, member1, 'for');
  await warpPastDeadline(context, lowerCapId);

  await queue(context, setup);
  add('queue (1 action)', await queue(context, grant), { reference: { gas: 145_450, what: 'OZ Governor queue' } });
  for (const proposal of [stricter, grantToNewRecipient, lowerCap]) await queue(context, proposal);
  await warpToEta(context, lowerCapId);

  await execute(context, setup);
  add('execute (ERC-20 payout)', await execute(context, grant), { reference: stockExecute });
  add('execute (policy change)', await execute(context, stricter));
  add('execute (ERC-20 payout, recipient holds no cgUSD yet)', await execute(context, grantToNewRecipient), {
    reference: stockExecute,
  });
  add('execute (policy change: setTokenLimits)', await execute(context, lowerCap));

  // ---------------------------------------------------------------- treasurer payouts
  const payout = (token: Address, recipient: Address, amount: bigint, memo: string) =>
    sendAndWait(clients, `Treasurer paying "${memo}"`, () =>
      clients.wallet(demo.treasurer).writeContract({
        address: treasury,
        abi: treasuryAbi,
        functionName: 'payout',
        args: [token, recipient, amount, memo],
      }),
    );
  const payoutBatch = (payments: { recipient: Address; amount: bigint; memo: string }[]) =>
    sendAndWait(clients, 'Treasurer paying a batch', () =>
      clients.wallet(demo.treasurer).writeContract({
        address: treasury,
        abi: treasuryAbi,
        functionName: 'payoutBatch',
        args: [cgUsd, payments],
      }),
    );
  const newPayee = freshAddress('payout');
  add('treasurer payout ERC-20 (first payout of a new budget)', await payout(cgUsd, merchant, parseUnits('10', 6), 'INV-1'), {
    reference: safeTransfer,
    goal: payoutGoal,
  });
  add('treasurer payout ERC-20', await payout(cgUsd, merchant, parseUnits('120', 6), 'INV-2'), {
    reference: safeTransfer,
    goal: payoutGoal,
  });
  // A recipient the treasury never paid (the shopper, who holds cgUSD) pays for recording it; the
  // first-payment cap applies to it.
  add(
    'treasurer payout ERC-20 (first payment to a recipient)',
    await payout(cgUsd, demo.shopper.address, parseUnits('80', 6), 'INV-3a'),
    { reference: safeTransfer },
  );
  add(
    'treasurer payout ERC-20 (first payment, recipient holds no cgUSD yet)',
    await payout(cgUsd, newPayee, parseUnits('80', 6), 'INV-3'),
    { reference: safeTransfer },
  );
  // The ETH budget's first payout, so that the measured one is a usual payout.
  await payout(zeroAddress, newPayee, parseEther('0.01'), 'INV-4');
  add('treasurer payout ETH', await payout(zeroAddress, merchant, parseEther('0.1'), 'INV-5'));

  const payees = Array.from({ length: 10 }, (_, i) => `0x${(0xba7c4000 + i).toString(16).padStart(40, '0')}` as Address);
  for (const payee of payees) {
    await sendAndWait(clients, 'Minting cgUSD for a payee', () =>
      deployer.writeContract({ address: cgUsd, abi: demoStablecoinAbi, functionName: 'mint', args: [payee, parseUnits('1', 6)] }),
    );
  }
  add(
    'treasurer payoutBatch of 10 (ERC-20, first payments)',
    await payoutBatch(payees.map((recipient, i) => ({ recipient, amount: parseUnits('10', 6), memo: `INV-${100 + i}` }))),
  );
  add(
    'treasurer payoutBatch of 10 (ERC-20)',
    await payoutBatch(payees.map((recipient, i) => ({ recipient, amount: parseUnits('10', 6), memo: `INV-${200 + i}` }))),
  );
  add(
    'treasurer payoutBatch of 10 (ERC-20, new recipients)',
    await payoutBatch(
      Array.from({ length: 10 }, (_, i) => ({
        recipient: freshAddress(`batch ${i}`),
        amount: parseUnits('10', 6),
        memo: `INV-31${String(i).padStart(2, '0')}`,
      })),
    ),
  );

  // ---------------------------------------------------------------- the stock governor, like for like
  const stockGovernor = await deployStockGovernor(clients, communityToken, timelock);
  // The governance helpers work on any governor with the same interface: point them at the stock one.
  const stock = { clients, deployment: { ...deployment, contracts: { ...deployment.contracts, communityGovernor: stockGovernor } } };
  const stockProposed = await propose(stock, grant, member1);
  add('propose (1 action), stock OZ governor', stockProposed.receipt, { reference: stockPropose });
  const stockStricterId = (await propose(stock, stricter, member1)).proposalId;
  await warpToVoting(stock, stockStricterId);
  add('castVote (reaches quorum), stock OZ governor', await castVote(stock, stockProposed.proposalId, member1, 'for'), {
    reference: stockCastVote,
  });
  add('castVote (quorum already reached), stock OZ governor', await castVote(stock, stockProposed.proposalId, member3, 'for'));
  add(
    'castVoteWithReason (quorum already reached), stock OZ governor',
    await castVote(stock, stockProposed.proposalId, member2, 'for', reason),
  );
  add('castVote (below quorum), stock OZ governor', await castVote(stock, stockStricterId, smallHolder, 'for'));
  return rows;
}

/** Deploys `StockGovernor` from `contracts/test/gas/GovernorVariants.sol` on the same token and timelock. */
async function deployStockGovernor(
  clients: ReturnType<typeof createStackClients>,
  token: Address,
  timelock: Address,
): Promise<Address> {
  const file = join(repositoryRoot, 'contracts', 'out', 'GovernorVariants.sol', 'StockGovernor.json');
  let artifact: { abi: Abi; bytecode: { object: Hex } };
  try {
    artifact = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new Error('The stock governor is not compiled: run `npx forge build` at the repository root first.');
  }
  const receipt = await sendAndWait(clients, 'Deploying the stock OpenZeppelin governor', () =>
    clients.wallet(demo.deployer).deployContract({ abi: artifact.abi, bytecode: artifact.bytecode.object, args: [token, timelock] }),
  );
  if (!receipt.contractAddress) throw new Error('Deploying the stock OpenZeppelin governor created no contract.');
  return receipt.contractAddress;
}

/** The rows as an aligned text table. */
export function formatGasTable(rows: readonly GasRow[]): string {
  const header = ['action', 'gasUsed', 'reference', 'difference'];
  const body = rows.map((row) => [
    row.action,
    row.gasUsed.toLocaleString('en-US'),
    row.reference ? formatReference(row.reference) : '',
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

/** A reference figure as people read it: `≈83,200 (OZ Governor castVote)`. */
export function formatReference(reference: NonNullable<GasRow['reference']>): string {
  return `${reference.approximate ? '≈' : ''}${reference.gas.toLocaleString('en-US')} (${reference.what})`;
}

function percent(value: number, reference: number): string {
  const change = ((value - reference) / reference) * 100;
  return `${change >= 0 ? '+' : ''}${change.toFixed(1)}%`;
}
