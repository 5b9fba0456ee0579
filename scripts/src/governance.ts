import { type Address, type Hex, type TransactionReceipt, keccak256, numberToHex, parseEventLogs, stringToHex } from 'viem';
import { type Deployment, type ProposalState, communityGovernorAbi, proposalStates } from '@commonguard/sdk';
import { type DemoAccount, demo } from './accounts.js';
import { type StackClients, createStackClients, sendAndWait } from './clients.js';

/** One call a proposal makes through the timelock. */
export type ProposalAction = { target: Address; value?: bigint | undefined; data: Hex };

/** A proposal as the governor identifies it: its actions and its description. */
export type Proposal = { actions: readonly ProposalAction[]; description: string };

/** How a member votes (Governor CountingSimple: 0 against, 1 for, 2 abstain). */
export type VoteSupport = 'against' | 'for' | 'abstain';

const supportValue = { against: 0, for: 1, abstain: 2 } as const;

type Context = { clients: StackClients; deployment: Deployment };

function parts(proposal: Proposal) {
  return {
    targets: proposal.actions.map((action) => action.target),
    values: proposal.actions.map((action) => action.value ?? 0n),
    calldatas: proposal.actions.map((action) => action.data),
    descriptionHash: keccak256(stringToHex(proposal.description)),
  };
}

/** Submits a proposal; resolves with its id and the receipt. */
export async function propose(
  { clients, deployment }: Context,
  proposal: Proposal,
  proposer: DemoAccount = demo.members[0],
): Promise<{ proposalId: bigint; receipt: TransactionReceipt }> {
  const { targets, values, calldatas } = parts(proposal);
  const receipt = await sendAndWait(clients, `Proposing "${firstLine(proposal.description)}"`, () =>
    clients.wallet(proposer).writeContract({
      address: deployment.contracts.communityGovernor,
      abi: communityGovernorAbi,
      functionName: 'propose',
      args: [targets, values, calldatas, proposal.description],
    }),
  );
  const [created] = parseEventLogs({ abi: communityGovernorAbi, eventName: 'ProposalCreated', logs: receipt.logs });
  if (!created) throw new Error('The governor emitted no ProposalCreated event.');
  return { proposalId: created.args.proposalId, receipt };
}

/** Casts one member's vote, with a reason when one is given. */
export async function castVote(
  { clients, deployment }: Context,
  proposalId: bigint,
  voter: DemoAccount,
  support: VoteSupport,
  reason?: string,
): Promise<TransactionReceipt> {
  const governor = { address: deployment.contracts.communityGovernor, abi: communityGovernorAbi } as const;
  return sendAndWait(clients, `${voter.label} voting ${support} on proposal ${short(proposalId)}`, () =>
    reason === undefined
      ? clients.wallet(voter).writeContract({ ...governor, functionName: 'castVote', args: [proposalId, supportValue[support]] })
      : clients
          .wallet(voter)
          .writeContract({ ...governor, functionName: 'castVoteWithReason', args: [proposalId, supportValue[support], reason] }),
  );
}

/** Queues a succeeded proposal in the timelock. */
export async function queue({ clients, deployment }: Context, proposal: Proposal): Promise<TransactionReceipt> {
  const { targets, values, calldatas, descriptionHash } = parts(proposal);
  return sendAndWait(clients, `Queueing "${firstLine(proposal.description)}"`, () =>
    clients.wallet(demo.members[0]).writeContract({
      address: deployment.contracts.communityGovernor,
      abi: communityGovernorAbi,
      functionName: 'queue',
      args: [targets, values, calldatas, descriptionHash],
    }),
  );
}

/** Executes a queued proposal whose timelock delay has passed. */
export async function execute({ clients, deployment }: Context, proposal: Proposal): Promise<TransactionReceipt> {
  const { targets, values, calldatas, descriptionHash } = parts(proposal);
  const value = values.reduce((sum, v) => sum + v, 0n);
  return sendAndWait(clients, `Executing "${firstLine(proposal.description)}"`, () =>
    clients.wallet(demo.members[0]).writeContract({
      address: deployment.contracts.communityGovernor,
      abi: communityGovernorAbi,
      functionName: 'execute',
      args: [targets, values, calldatas, descriptionHash],
      value,
    }),
  );
}

/** A proposal's state, as a word. */
export async function proposalState({ clients, deployment }: Context, proposalId: bigint): Promise<ProposalState> {
  const state = await clients.public.readContract({
    address: deployment.contracts.communityGovernor,
    abi: communityGovernorAbi,
    functionName: 'state',
    args: [proposalId],
  });
  const name = proposalStates[state];
  if (!name) throw new Error(`The governor reported an unknown proposal state ${state}.`);
  return name;
}

/**
 * Moves anvil's clock so that the next block is past `timestamp`, with `evm_increaseTime` and
 * `evm_mine`. Does nothing if the chain is already past it.
 */
export async function warpPast({ clients }: Pick<Context, 'clients'>, timestamp: bigint): Promise<void> {
  const latest = await clients.public.getBlock({ blockTag: 'latest' });
  if (latest.timestamp > timestamp) return;
  await clients.test.request({ method: 'evm_increaseTime', params: [numberToHex(timestamp - latest.timestamp + 1n)] });
  await clients.test.request({ method: 'evm_mine', params: undefined });
}

/** Warps past the proposal's snapshot, so that voting is open. */
export async function warpToVoting(context: Context, proposalId: bigint): Promise<void> {
  const snapshot = await context.clients.public.readContract({
    address: context.deployment.contracts.communityGovernor,
    abi: communityGovernorAbi,
    functionName: 'proposalSnapshot',
    args: [proposalId],
  });
  await warpPast(context, snapshot);
}

/** Warps past the proposal's deadline, so that voting is closed. */
export async function warpPastDeadline(context: Context, proposalId: bigint): Promise<void> {
  const deadline = await context.clients.public.readContract({
    address: context.deployment.contracts.communityGovernor,
    abi: communityGovernorAbi,
    functionName: 'proposalDeadline',
    args: [proposalId],
  });
  await warpPast(context, deadline);
}

/** Warps to the queued proposal's timelock ETA, so that it can be executed. */
export async function warpToEta(context: Context, proposalId: bigint): Promise<void> {
  const eta = await context.clients.public.readContract({
    address: context.deployment.contracts.communityGovernor,
    abi: communityGovernorAbi,
    functionName: 'proposalEta',
    args: [proposalId],
  });
  await warpPast(context, eta - 1n);
}

export type PassProposalParameters = (
  | Context
  | {
      /** The local anvil's RPC URL, instead of `clients`. */
      rpcUrl: string;
      deployment: Deployment;
      clients?: undefined;
    }
) &
  Proposal & {
    /** Who proposes; member 1 by default. */
    proposer?: DemoAccount | undefined;
    /** Who votes for it; the four members by default. */
    voters?: readonly DemoAccount[] | undefined;
    /** Receives a line per step. */
    log?: ((line: string) => void) | undefined;
  };

export type PassProposalReturnType = {
  proposalId: bigint;
  receipts: {
    propose: TransactionReceipt;
    votes: TransactionReceipt[];
    queue: TransactionReceipt;
    execute: TransactionReceipt;
  };
};

/**
 * Takes a proposal through the whole of governance on a local anvil: propose → warp past the voting
 * delay → every voter votes for → warp past the deadline → queue → warp past the timelock delay →
 * execute. Each step is a real transaction; only time is moved.
 *
 * The description must differ from every earlier proposal's with the same actions (the governor
 * derives the proposal id from both).
 *
 * @example
 * import { encodeFunctionData } from 'viem'
 * import { paymentPolicyAbi } from '@commonguard/sdk'
 * import { passProposal } from '@commonguard/scripts'
 *
 * await passProposal({
 *   rpcUrl, // or clients: createStackClients(rpcUrl)
 *   deployment,
 *   description: 'Lower the cgUSD max single payment to 50',
 *   actions: [{
 *     target: deployment.contracts.paymentPolicy,
 *     data: encodeFunctionData({ abi: paymentPolicyAbi, functionName: 'setTokenLimits', args: [cgUsd, 50_000_000n, 1_000_000_000n, 100_000_000n] }),
 *   }],
 * })
 */
export async function passProposal(parameters: PassProposalParameters): Promise<PassProposalReturnType> {
  const { deployment, actions, description } = parameters;
  const clients = parameters.clients ?? createStackClients(parameters.rpcUrl, deployment.chainId);
  const context = { clients, deployment };
  const proposal = { actions, description };
  const log = parameters.log ?? (() => {});
  const title = firstLine(description);

  const proposed = await propose(context, proposal, parameters.proposer);
  log(`proposed "${title}"`);
  await warpToVoting(context, proposed.proposalId);
  const votes: TransactionReceipt[] = [];
  for (const voter of parameters.voters ?? demo.members) {
    votes.push(await castVote(context, proposed.proposalId, voter, 'for'));
  }
  log(`${votes.length} members voted for`);
  await warpPastDeadline(context, proposed.proposalId);
  const queued = await queue(context, proposal);
  log('queued in the timelock');
  await warpToEta(context, proposed.proposalId);
  const executed = await execute(context, proposal);
  log('executed');
  return {
    proposalId: proposed.proposalId,
    receipts: { propose: proposed.receipt, votes, queue: queued, execute: executed },
  };
}

function firstLine(description: string): string {
  return (description.split('\n')[0] ?? '').replace(/^#+\s*/, '');
}

function short(proposalId: bigint): string {
  const text = proposalId.toString();
  return text.length > 12 ? `${text.slice(0, 6)}…${text.slice(-4)}` : text;
}
