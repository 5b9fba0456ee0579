import { decodeContractError, formatContractError } from '@commonguard/sdk';
import { BaseError } from 'viem';
import type { Directory } from './chain/tokens.js';
import { PROPOSAL_STATES } from './indexer/types.js';

/** A message a person can act on: a short title and one or two sentences. */
export type Readable = { title: string; message: string; kind: 'rejected' | 'reverted' | 'network' | 'wrong-chain' | 'other' };

/** A contract's custom error, decoded: its name and arguments. */
export type DecodedRevert = { name: string; args: readonly unknown[] };

/** Finds revert data anywhere in an error's cause chain and decodes it (the sdk's decoder). */
export function decodeRevert(error: unknown): DecodedRevert | null {
  const decoded = decodeContractError(error);
  return decoded ? { name: decoded.errorName, args: decoded.args ?? [] } : null;
}

/** Plain words for a decoded custom error. */
export function describeRevert(revert: DecodedRevert, dir: Directory): string {
  const a = revert.args as any[];
  switch (revert.name) {
    case 'TreasuryBudgetExceeded':
      return `Over budget: ${dir.amount(a[3], a[1])} over (${dir.amount(a[2], a[1])} left in this period).`;
    case 'TreasuryNoBudget':
      return `No budget: ${dir.account(a[0])} has no ${dir.tokenName(a[1])} budget to pay from.`;
    case 'TreasuryInsufficientBalance':
      return `Not enough in the treasury: it holds ${dir.amount(a[1], a[0])} but this needs ${dir.amount(a[2], a[0])}.`;
    case 'TreasuryInvalidBatchSize':
      return `A batch must have between 1 and ${a[1]} payments; this one has ${a[0]}.`;
    case 'TreasuryInvalidBudget':
      return 'The budget is invalid: the period must be at least one second and the amounts within range.';
    case 'TreasuryNativeTransferFailed':
      return `The recipient ${dir.account(a[0])} refused the ETH payment.`;
    case 'TreasuryZeroAddress':
      return 'An address is missing (the zero address was given).';
    case 'TreasuryZeroAmount':
      return 'The amount must be more than zero.';
    case 'PaymentPolicyRecipientBlocked':
      return `Recipient blocked: the community has blocked ${dir.account(a[0])}.`;
    case 'PaymentPolicyAmountAboveMax':
      return `Above the limit: ${dir.amount(a[2], a[0])} to ${dir.account(a[1])} is ${dir.amount(a[4], a[0])} more than the maximum single payment of ${dir.amount(a[3], a[0])} (rows to one recipient count together).`;
    case 'PaymentPolicyFirstPaymentAboveMax':
      return `First payment too large: the treasury has never paid ${dir.account(a[1])}, so at most ${dir.amount(a[3], a[0])}; ${dir.amount(a[2], a[0])} is ${dir.amount(a[4], a[0])} too much.`;
    case 'PaymentPolicyDailyCapExceeded':
      return `Daily cap reached: ${dir.amount(a[1], a[0])} already paid plus ${dir.amount(a[2], a[0])} is ${dir.amount(a[4], a[0])} over the daily cap of ${dir.amount(a[3], a[0])}.`;
    case 'PaymentPolicyInvalidDomain':
      return `"${a[0]}" is not a domain. Use a name of at least two parts, like scam.example, without https:// or a port.`;
    case 'PaymentPolicyRenounceOwnershipDisabled':
    case 'TreasuryRenounceOwnershipDisabled':
      return 'This contract cannot be left without an owner: the community could never change it again.';
    case 'PaymentPolicyInvalidThresholds':
      return `Invalid thresholds: the warning score (${a[0]}) must be below the blocking score (${a[1]}), which is at most 100.`;
    case 'PaymentPolicyInvalidOrigin':
      return `"${a[0]}" is not a site origin a browser reports. Use the form https://shop.example, with no path and a port from 0 to 65535.`;
    case 'PaymentPolicyInvalidMerchant':
      return 'The merchant address is missing (the zero address was given).';
    case 'PaymentPolicyNoteTooLong':
      return `The note is too long: ${a[0]} bytes, at most ${a[1]}.`;
    case 'PaymentPolicyTokenNotLimited':
      return `${dir.tokenName(a[0])} has no limits to remove.`;
    case 'GovernorUnexpectedProposalState': {
      const expected = PROPOSAL_STATES.filter((_, i) => (BigInt(a[2]) >> BigInt(i)) & 1n);
      // No expected state: the governor wanted no proposal with this id at all.
      if (expected.length === 0) {
        return 'A proposal with exactly these actions and this description already exists. Change the description to propose it again.';
      }
      return `The proposal is ${PROPOSAL_STATES[Number(a[1])]?.toLowerCase()}; this step needs it to be ${expected.map((s) => s.toLowerCase()).join(' or ')}.`;
    }
    case 'GovernorAlreadyCastVote':
      return 'You have already voted on this proposal.';
    case 'GovernorInsufficientProposerVotes':
      return `You need at least ${dir.amount(a[2], dirGovernance(dir))} votes to make a proposal; you have ${dir.amount(a[1], dirGovernance(dir))}.`;
    case 'GovernorNonexistentProposal':
      return 'This proposal does not exist.';
    case 'GovernorInvalidProposalLength':
      return 'The proposal\'s actions are malformed (targets, values and call data differ in number).';
    case 'GovernorRestrictedProposer':
      return 'This account may not make this proposal.';
    case 'GovernorInvalidVoteType':
      return 'That is not a valid vote (use for, against or abstain).';
    case 'GovernorOnlyExecutor':
      return 'Only the timelock can do this, through a passed proposal.';
    case 'GovernorQueueNotImplemented':
      return 'This governor does not queue proposals.';
    case 'TimelockUnexpectedOperationState':
      return 'The timelock is not ready for this step (the proposal may not be queued yet, or is already done).';
    case 'TimelockUnexecutedPredecessor':
      return 'An earlier operation must be executed first.';
    case 'TimelockInsufficientDelay':
      return `The delay is too short: at least ${a[1]} seconds are required.`;
    case 'OwnableUnauthorizedAccount':
      return `${dir.account(a[0])} is not allowed to do this: only the community, by vote, can.`;
    case 'AccessControlUnauthorizedAccount':
      return `${dir.account(a[0])} is not allowed to do this.`;
    case 'ERC20InsufficientBalance':
      return `Not enough tokens: ${dir.account(a[0])} holds ${a[1]} units and this needs ${a[2]}.`;
    case 'ERC20InsufficientAllowance':
      return 'The token allowance is too low. Approve the amount first.';
    case 'ERC20ExceededSafeSupply':
      return 'Minting this much would exceed the largest supply votes can count.';
    case 'Error':
      return `The transaction was refused: ${String(a[0])}`;
    default: {
      // Anything without a dApp-specific sentence: the sdk's own wording.
      const decoded = { errorName: revert.name, args: revert.args } as unknown as Parameters<typeof formatContractError>[0];
      return formatContractError(decoded);
    }
  }
}

function dirGovernance(dir: Directory): string {
  return dir.governanceToken ?? '0x0000000000000000000000000000000000000001';
}

/** An error and its causes, outermost first (at most 12 deep: a cycle must not hang the page). */
function* causeChain(error: unknown): Generator<any> {
  let current: any = error;
  for (let depth = 0; current && depth < 12; depth++) {
    yield current;
    current = current.cause;
  }
}

/**
 * The code of the wallet's own answer: the innermost error of the cause chain that carries a numeric
 * EIP-1193 code. Libraries wrap that answer, and not always faithfully: wagmi reports a wallet that
 * could not add a network as a user rejection (4001) around the wallet's real answer.
 */
export function walletAnswerCode(error: unknown): number | null {
  let code: number | null = null;
  for (const e of causeChain(error)) if (typeof e.code === 'number') code = e.code;
  return code;
}

/** Whether the person declined in their wallet (the wallet itself answered 4001). */
export function isUserRejection(error: unknown): boolean {
  return walletAnswerCode(error) === 4001;
}

/** Turns any error from a wallet, the RPC or a contract into a readable message. */
export function readableError(error: unknown, dir: Directory, context: { rpcUrl?: string; chainName?: string } = {}): Readable {
  const walk = (predicate: (e: any) => boolean): any => {
    for (const e of causeChain(error)) if (predicate(e)) return e;
    return null;
  };
  if (isUserRejection(error)) {
    return { kind: 'rejected', title: 'Request declined', message: 'You declined the request in your wallet. Nothing was sent.' };
  }
  if (walk((e) => e.name === 'ChainMismatchError' || e.name === 'ChainNotConfiguredError' || e.name === 'SwitchChainError' || e.code === 4902)) {
    return {
      kind: 'wrong-chain',
      title: 'Wrong network',
      message: `Your wallet is on another network. Switch it to ${context.chainName ?? 'the community\'s network'} and try again.`,
    };
  }
  const revert = decodeRevert(error);
  if (revert) return { kind: 'reverted', title: 'The contract refused', message: describeRevert(revert, dir) };
  if (walk((e) => e.name === 'HttpRequestError' || e.name === 'TimeoutError' || e.name === 'WebSocketRequestError' || /fetch failed|Failed to fetch|NetworkError|ECONNREFUSED/.test(e.message ?? ''))) {
    return {
      kind: 'network',
      title: 'Cannot reach the network',
      message: `The blockchain node${context.rpcUrl ? ` at ${context.rpcUrl}` : ''} does not answer. Check your connection; the page will keep trying.`,
    };
  }
  if (walk((e) => e.name === 'ContractFunctionRevertedError' || e.name === 'ExecutionRevertedError')) {
    const reason = walk((e) => typeof e.reason === 'string')?.reason;
    return { kind: 'reverted', title: 'The contract refused', message: reason ? `The transaction would fail: ${reason}` : 'The transaction would fail (no reason given).' };
  }
  const message = error instanceof BaseError ? error.shortMessage : error instanceof Error ? error.message : String(error);
  return { kind: 'other', title: 'Something went wrong', message };
}
