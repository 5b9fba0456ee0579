import { communityGovernorAbi, communityTokenAbi, treasuryAbi } from '@commonguard/sdk';
import type { CommunityCall, CommunityContracts } from '@commonguard/sdk/decode';
import { type Address, getAddress, isAddress, type PublicClient } from 'viem';
import type { ActionWord, CommunityFacts } from './types.js';

/**
 * The repository's committed deployments, read at build time (as the settings' defaults are). The
 * wallet trusts them only for the deployment whose PaymentPolicy the person configured: pointed at
 * another policy, it recognises no community contracts rather than guessing.
 */
const deployments = import.meta.glob<{ chainId: number; deploymentBlock?: number; contracts?: Record<string, string> }>('../../../../deployments/*.json', { eager: true, import: 'default' });

export type CommunityDeployment = { contracts: CommunityContracts; deploymentBlock: bigint };

/** The community contracts of the deployment behind `paymentPolicy` on `chainId`, if the wallet knows it. */
export function communityDeploymentFor(chainId: number, paymentPolicy: Address | null, known = Object.values(deployments)): CommunityDeployment | null {
  if (!paymentPolicy) return null;
  for (const deployment of known) {
    const c = deployment?.contracts ?? {};
    if (deployment?.chainId !== chainId || typeof c.paymentPolicy !== 'string' || c.paymentPolicy.toLowerCase() !== paymentPolicy.toLowerCase()) continue;
    const names = { governor: c.communityGovernor, token: c.communityToken, timelock: c.timelock, treasury: c.treasury, paymentPolicy: c.paymentPolicy };
    if (!Object.values(names).every((address) => typeof address === 'string' && isAddress(address))) return null;
    const contracts = Object.fromEntries(Object.entries(names).map(([name, address]) => [name, getAddress(address as string)])) as CommunityContracts;
    return { contracts, deploymentBlock: BigInt(deployment.deploymentBlock ?? 0) };
  }
  return null;
}

/** Proposal titles never change: read once per governor and proposal. */
const titles = new Map<string, string>();

/**
 * Step 2 for a community call: the proposal's title (from its ProposalCreated event), the votes the
 * signer casts, what is left of a treasurer's budget. A read that fails leaves the fact out: the
 * description is then less specific, the verdict is unchanged.
 */
export async function readCommunityFacts(client: PublicClient, deployment: CommunityDeployment, call: CommunityCall, account: Address): Promise<CommunityFacts> {
  const { contracts } = deployment;
  const title = 'proposalId' in call ? proposalTitle(client, deployment, call.proposalId).catch(() => undefined) : Promise.resolve(undefined);
  switch (call.kind) {
    case 'vote': {
      const votes = client
        .readContract({ address: contracts.governor, abi: communityGovernorAbi, functionName: 'proposalSnapshot', args: [call.proposalId] })
        .then((snapshot) => client.readContract({ address: contracts.governor, abi: communityGovernorAbi, functionName: 'getVotes', args: [account, snapshot] }))
        .then(wholeVotes, () => undefined);
      const [proposalTitle, cast] = await Promise.all([title, votes]);
      return { proposalTitle, votes: cast };
    }
    case 'delegate': {
      const balance = await client.readContract({ address: contracts.token, abi: communityTokenAbi, functionName: 'balanceOf', args: [account] }).then(wholeVotes, () => undefined);
      return { votes: balance };
    }
    case 'treasurerPayout':
    case 'treasurerBatch': {
      const budget = await client.readContract({ address: contracts.treasury, abi: treasuryAbi, functionName: 'budget', args: [account, call.token] }).catch(() => undefined);
      return { budgetLeft: budget?.remaining };
    }
    default:
      return { proposalTitle: await title };
  }
}

async function proposalTitle(client: PublicClient, { contracts, deploymentBlock }: CommunityDeployment, proposalId: bigint): Promise<string | undefined> {
  const key = `${contracts.governor.toLowerCase()}:${proposalId}`;
  const known = titles.get(key);
  if (known) return known;
  const logs = await client.getContractEvents({ address: contracts.governor, abi: communityGovernorAbi, eventName: 'ProposalCreated', fromBlock: deploymentBlock, toBlock: 'latest' });
  for (const log of logs) {
    const args = log.args as { proposalId?: bigint; description?: string };
    if (args.proposalId !== undefined && args.description !== undefined) titles.set(`${contracts.governor.toLowerCase()}:${args.proposalId}`, titleOf(args.description));
  }
  return titles.get(key);
}

/** A proposal's title: the first line of its description, without a Markdown heading mark. */
export function titleOf(description: string): string {
  const line = description.split('\n').find((text) => text.trim() !== '') ?? '';
  const title = line.replace(/^#+\s*/, '').trim();
  return title.length > 120 ? `${title.slice(0, 119)}…` : title;
}

function wholeVotes(amount: bigint): string {
  return (amount / 10n ** 18n).toLocaleString('en-US');
}

/** The button's word for each community call. */
export function communityAction(call: CommunityCall): ActionWord {
  switch (call.kind) {
    case 'vote':
      return 'Vote';
    case 'delegate':
      return 'Delegate';
    case 'propose':
      return 'Propose';
    case 'queue':
      return 'Queue';
    case 'execute':
      return 'Execute';
    case 'cancel':
      return 'Cancel';
    case 'treasurerPayout':
    case 'treasurerBatch':
      return 'Pay';
  }
}

export type CommunityWords = {
  amountOf: (amount: bigint, token: Address) => string;
  nameOf: (address: Address) => string;
  account: Address;
};

/** The call in plain words: "Vote For on “Lower the daily ETH cap to 1.5 ETH” with 400,000 votes". */
export function describeCommunityCall(call: CommunityCall, facts: CommunityFacts | undefined, { amountOf, nameOf, account }: CommunityWords): string {
  const proposal = facts?.proposalTitle ? `“${facts.proposalTitle}”` : 'the proposal';
  // What the budget keeps after this payout: the figure a treasurer plans with.
  const left = (token: Address, paid: bigint) =>
    facts?.budgetLeft !== undefined ? ` (${amountOf(facts.budgetLeft > paid ? facts.budgetLeft - paid : 0n, token)} left this period)` : '';
  switch (call.kind) {
    case 'vote':
      return `Vote ${call.support === 'for' ? 'For' : call.support === 'against' ? 'Against' : 'Abstain'} on ${proposal}${facts?.votes ? ` with ${facts.votes} votes` : ''}`;
    case 'delegate':
      return call.delegatee.toLowerCase() === account.toLowerCase() ? 'Delegate your votes to yourself' : `Delegate your votes to ${nameOf(call.delegatee)}`;
    case 'propose':
      return `Propose: ${titleOf(call.description) || 'a proposal without a title'}`;
    case 'queue':
      return `Queue ${proposal} for execution`;
    case 'execute':
      return `Execute ${proposal}`;
    case 'cancel':
      return `Cancel ${proposal}`;
    case 'treasurerPayout':
      return `Pay ${amountOf(call.amount, call.token)} to ${nameOf(call.to)} from your treasurer budget${left(call.token, call.amount)}`;
    case 'treasurerBatch': {
      const total = call.payouts.reduce((sum, payout) => sum + payout.amount, 0n);
      return `Pay ${call.payouts.length} payouts, ${amountOf(total, call.token)} in all, from your treasurer budget${left(call.token, total)}`;
    }
  }
}
