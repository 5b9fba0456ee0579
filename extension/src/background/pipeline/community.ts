import { communityGovernorAbi, communityTokenAbi, treasuryAbi } from '@commonguard/sdk';
import type { CommunityCall, CommunityContracts } from '@commonguard/sdk/decode';
import type { Address, PublicClient } from 'viem';
import type { JoinedCommunity } from '../communities/Communities.js';
import type { ActionWord, CommunityFacts } from './types.js';

export type CommunityDeployment = { contracts: CommunityContracts; deploymentBlock: bigint };

/**
 * A joined community's contracts, as the decoder and the fact reader take them. Its record was read from
 * the chain when the shopper joined it (`communities/`), so a community created after this wallet was
 * built is recognised like any other. Its proposals are looked up from the chain's first block.
 */
export function deploymentOf(community: Pick<JoinedCommunity, 'governor' | 'token' | 'timelock' | 'treasury' | 'policy'>): CommunityDeployment {
  const { governor, token, timelock, treasury, policy } = community;
  return { contracts: { governor, token, timelock, treasury, paymentPolicy: policy }, deploymentBlock: 0n };
}

/** The joined community whose contract `to` is, if any (a call to it may be one of the community's own). */
export function communityAt(communities: readonly CommunityDeployment[], to: Address | undefined): CommunityDeployment | null {
  if (!to) return null;
  return communities.find(({ contracts }) => Object.values(contracts).some((address) => address.toLowerCase() === to.toLowerCase())) ?? null;
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
