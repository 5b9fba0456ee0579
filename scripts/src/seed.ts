import { type Address, type Hash, parseEther, parseUnits, zeroAddress } from 'viem';
import { type Deployment, communityTokenAbi, demoStablecoinAbi, treasuryAbi } from '@commonguard/sdk';
import { demo } from './accounts.js';
import { type StackClients, createStackClients, sendAndWait } from './clients.js';
import {
  type Proposal,
  castVote,
  passProposal,
  propose,
  warpPast,
  warpPastDeadline,
  warpToVoting,
} from './governance.js';
import { proposalActions } from './proposalActions.js';

const DAY = 86_400n;

/** cgUSD has 6 decimals. */
const cgUsd = (amount: string) => parseUnits(amount, 6);

/** What the demo seed puts on chain; tests and the dev command's summary read it from here. */
export const demoSeed = {
  shopperCgUsd: cgUsd('2000'),
  treasuryCgUsd: cgUsd('12000'),
  treasuryEth: parseEther('20'),
  budgets: { cgUsd: cgUsd('1000'), eth: parseEther('0.5'), period: 30n * DAY },
  limits: {
    eth: { maxSinglePayment: parseEther('1'), dailyCap: parseEther('2'), maxFirstPayment: parseEther('0.25') },
    cgUsd: { maxSinglePayment: cgUsd('500'), dailyCap: cgUsd('1000'), maxFirstPayment: cgUsd('100') },
  },
  trustedOrigin: { origin: 'http://localhost:5174', note: 'CommonGuard demo shop' },
  /** The community's own dApp where the dev stack serves it: votes, proposals and payouts are asked from there. */
  communityApp: { origin: 'http://localhost:5173', note: "The community's own app" },
  blockedOrigin: { origin: 'http://scam.localhost:5174', note: 'Look-alike of the demo shop' },
  trustedMerchantNote: 'Corner Coffee',
  blockedMerchantNote: 'Reported for fake invoices',
  payouts: [
    // The treasury has never paid Corner Coffee before its first invoice, so that one stays within the
    // first-payment cap (100 cgUSD); the bigger invoice comes once it is a known recipient: two UTC
    // midnights after its first payout (`knownAfterFirst`), when that payout has left the treasury's
    // recipient window.
    { recipient: demo.trustedMerchant.address, amount: cgUsd('45.5'), memo: 'INV-2041 coffee for the volunteer meetup' },
    { recipient: demo.spare.address, amount: cgUsd('80'), memo: 'INV-2042 flyers for the spring fair' },
    { recipient: demo.trustedMerchant.address, amount: cgUsd('120'), memo: 'INV-2043 tea and cake, board meeting', knownAfterFirst: true },
  ],
} as const;

export type SeedDemoParameters = {
  rpcUrl: string;
  deployment: Deployment;
  /** Receives one line per step. */
  log?: ((line: string) => void) | undefined;
};

export type SeedDemoReturnType = {
  proposals: { executed: bigint; defeated: bigint; succeeded: bigint; active: bigint };
  payouts: Hash[];
};

/**
 * Seeds a freshly deployed local system for the demo, through real governance only: the members
 * delegate, the deployer funds the shopper and the treasury, one proposal (proposed, voted, queued
 * and executed after anvil time warps) sets the payment rules and the treasurer's budgets, the
 * treasurer pays three invoices, and three more proposals are left defeated, succeeded and active.
 */
export async function seedDemo(parameters: SeedDemoParameters): Promise<SeedDemoReturnType> {
  const { deployment } = parameters;
  const log = parameters.log ?? (() => {});
  const clients = createStackClients(parameters.rpcUrl, deployment.chainId);
  const context = { clients, deployment };
  const { treasury, communityToken } = deployment.contracts;
  const stablecoin = deployment.contracts.demoStablecoin;
  if (!stablecoin) throw new Error('This deployment has no demo stablecoin: the demo seed is for local chains only.');

  // 1. Voting power only counts once delegated.
  for (const member of demo.members) {
    await sendAndWait(clients, `${member.label} delegating`, () =>
      clients.wallet(member).writeContract({
        address: communityToken,
        abi: communityTokenAbi,
        functionName: 'delegate',
        args: [member.address],
      }),
    );
  }
  // Voting power counts from the next second on (the governor looks at clock() - 1): let one pass.
  await warpPast(context, (await clients.public.getBlock()).timestamp);
  log('members 1–4 delegated their votes to themselves');

  // 2. Money: cgUSD for the shopper, cgUSD and ETH for the treasury.
  await fund(clients, stablecoin, treasury);
  log('minted 2,000 cgUSD to the shopper; deposited 12,000 cgUSD and 20 ETH in the treasury');

  // 3. The founding proposal: payment rules and the treasurer's budgets.
  const act = proposalActions(deployment);
  const { limits, budgets } = demoSeed;
  const founding: Proposal = {
    description: [
      '# Set up the community payment rules',
      '',
      "Corner Coffee trusted, a reported address blocked, the demo shop and the community's own app trusted,",
      "the shop's look-alike blocked, and a monthly budget for the treasurer (1,000 cgUSD and 0.5 ETH). The",
      'limits for ETH and cgUSD came with the community (contracts/config/local.json).',
    ].join('\n'),
    actions: [
      act.setMerchantStatus(demo.trustedMerchant.address, 'trusted', demoSeed.trustedMerchantNote),
      act.setMerchantStatus(demo.blockedMerchant.address, 'blocked', demoSeed.blockedMerchantNote),
      act.setOriginStatus(demoSeed.trustedOrigin.origin, 'trusted', demoSeed.trustedOrigin.note),
      act.setOriginStatus(demoSeed.communityApp.origin, 'trusted', demoSeed.communityApp.note),
      act.setOriginStatus(demoSeed.blockedOrigin.origin, 'blocked', demoSeed.blockedOrigin.note),
      act.setBudget(demo.treasurer.address, stablecoin, budgets.cgUsd, budgets.period),
      act.setBudget(demo.treasurer.address, zeroAddress, budgets.eth, budgets.period),
    ],
  };
  const executed = await passProposal({ ...context, ...founding, log: (line) => log(`founding proposal: ${line}`) });

  // 4. The treasurer pays three invoices out of the new budget.
  const payouts: Hash[] = [];
  for (const payout of demoSeed.payouts) {
    if ('knownAfterFirst' in payout) {
      const now = (await clients.public.getBlock()).timestamp;
      await warpPast(context, (now / DAY + 2n) * DAY - 1n);
    }
    const receipt = await sendAndWait(clients, `Treasurer paying "${payout.memo}"`, () =>
      clients.wallet(demo.treasurer).writeContract({
        address: treasury,
        abi: treasuryAbi,
        functionName: 'payout',
        args: [stablecoin, payout.recipient, payout.amount, payout.memo],
      }),
    );
    payouts.push(receipt.transactionHash);
  }
  log('the treasurer paid 3 invoices (245.50 cgUSD)');

  // 5. One proposal the members turn down, one they pass but nobody queues yet.
  const defeatedProposal: Proposal = {
    description: '# Raise the cgUSD single-payment limit to 5,000\n\nLets members pay for bigger purchases in one go.',
    actions: [
      act.setTokenLimits(stablecoin, { ...limits.cgUsd, maxSinglePayment: cgUsd('5000'), dailyCap: cgUsd('10000') }),
    ],
  };
  const succeededProposal: Proposal = {
    description: '# Pay Corner Coffee 300 cgUSD for the summer fair stall\n\nInvoice INV-2050, agreed at the last meeting.',
    actions: [act.pay(stablecoin, demo.trustedMerchant.address, cgUsd('300'), 'INV-2050 summer fair stall')],
  };
  const defeated = await propose(context, defeatedProposal, demo.members[1]);
  const succeeded = await propose(context, succeededProposal, demo.members[2]);
  await warpToVoting(context, succeeded.proposalId);
  const [member1, member2, member3, member4] = demo.members;
  await castVote(context, defeated.proposalId, member1, 'against', 'A stolen phone could then lose 5,000 in one payment.');
  await castVote(context, defeated.proposalId, member2, 'for', 'The caterer asks for 1,200 up front.');
  await castVote(context, defeated.proposalId, member3, 'against');
  await castVote(context, succeeded.proposalId, member1, 'for');
  await castVote(context, succeeded.proposalId, member2, 'for', 'They did a great job last year.');
  await castVote(context, succeeded.proposalId, member4, 'abstain');
  await warpPastDeadline(context, succeeded.proposalId);
  await warpPastDeadline(context, defeated.proposalId);
  log('proposal "Raise the cgUSD single-payment limit" defeated; "Pay Corner Coffee 300 cgUSD" succeeded (not queued)');

  // 6. One proposal still open for votes.
  const activeProposal: Proposal = {
    description: '# Lower the daily ETH cap to 1.5 ETH\n\nMost of our payments are small; a lower cap limits the damage of a stolen key.',
    actions: [act.setTokenLimits(zeroAddress, { ...limits.eth, dailyCap: parseEther('1.5') })],
  };
  const active = await propose(context, activeProposal, demo.members[3]);
  await warpToVoting(context, active.proposalId);
  await castVote(context, active.proposalId, member2, 'for', 'Nobody here pays more than 1 ETH a day.');
  await castVote(context, active.proposalId, member4, 'against', 'Market days need more than that.');
  log('proposal "Lower the daily ETH cap to 1.5 ETH" is open for votes (2 votes with reasons so far)');

  return {
    proposals: {
      executed: executed.proposalId,
      defeated: defeated.proposalId,
      succeeded: succeeded.proposalId,
      active: active.proposalId,
    },
    payouts,
  };
}

async function fund(clients: StackClients, stablecoin: Address, treasury: Address) {
  const deployer = clients.wallet(demo.deployer);
  const token = { address: stablecoin, abi: demoStablecoinAbi } as const;
  await sendAndWait(clients, 'Minting cgUSD for the shopper', () =>
    deployer.writeContract({ ...token, functionName: 'mint', args: [demo.shopper.address, demoSeed.shopperCgUsd] }),
  );
  await sendAndWait(clients, 'Minting cgUSD for the treasury', () =>
    deployer.writeContract({ ...token, functionName: 'mint', args: [demo.deployer.address, demoSeed.treasuryCgUsd] }),
  );
  await sendAndWait(clients, 'Approving the treasury', () =>
    deployer.writeContract({ ...token, functionName: 'approve', args: [treasury, demoSeed.treasuryCgUsd] }),
  );
  await sendAndWait(clients, 'Depositing cgUSD in the treasury', () =>
    deployer.writeContract({
      address: treasury,
      abi: treasuryAbi,
      functionName: 'deposit',
      args: [stablecoin, demoSeed.treasuryCgUsd],
    }),
  );
  // A plain transfer is a deposit: the treasury's receive() emits Deposited.
  await sendAndWait(clients, 'Sending ETH to the treasury', () =>
    deployer.sendTransaction({ to: treasury, value: demoSeed.treasuryEth }),
  );
}
