import {
  type Address,
  type DecodeErrorResultReturnType,
  type Hex,
  decodeErrorResult,
  formatUnits,
  isHex,
  zeroAddress,
} from 'viem';
import {
  communityFactoryAbi,
  communityGovernorAbi,
  communityTokenAbi,
  demoStablecoinAbi,
  paymentPolicyAbi,
  timelockControllerAbi,
  treasuryAbi,
} from '../abis/generated.js';
import { formatCommunityFactoryError, isCommunityFactoryError } from './factoryErrors.js';
import { proposalStates } from '../types/governance.js';
import { CommonGuardError } from './base.js';
import { type TokenDisplay, type TokenDisplays, formatTokenAmount, tokenDisplay } from './tokenDisplay.js';

export type { TokenDisplay };

type AnyCommonGuardAbiItem =
  | (typeof paymentPolicyAbi)[number]
  | (typeof treasuryAbi)[number]
  | (typeof communityGovernorAbi)[number]
  | (typeof communityTokenAbi)[number]
  | (typeof timelockControllerAbi)[number]
  | (typeof demoStablecoinAbi)[number]
  | (typeof communityFactoryAbi)[number];

/** One custom error any CommonGuard contract (or the OpenZeppelin code inside it) can revert with. */
export type CommonGuardErrorAbiItem = Extract<AnyCommonGuardAbiItem, { type: 'error' }>;

/**
 * Every custom error of the CommonGuard contracts, once each. Pass it as `abi` to viem's
 * `decodeErrorResult`, or use {@link decodeContractError}.
 */
export const commonGuardErrorsAbi: readonly CommonGuardErrorAbiItem[] = dedupeErrors([
  ...paymentPolicyAbi,
  ...treasuryAbi,
  ...communityGovernorAbi,
  ...communityTokenAbi,
  ...timelockControllerAbi,
  ...demoStablecoinAbi,
  ...communityFactoryAbi,
]);

/** A decoded revert: `errorName` narrows `args` to that error's argument types. */
export type DecodedContractError = DecodeErrorResultReturnType<typeof commonGuardErrorsAbi>;

/** The name of any CommonGuard contract error. */
export type ContractErrorName = CommonGuardErrorAbiItem['name'];


/** Options of {@link formatContractError}. */
export type FormatContractErrorOptions = {
  /**
   * Symbol and decimals by token address (any letter case). Amounts in tokens not listed are shown in
   * base units. The zero address (the native coin) defaults to ETH with 18 decimals.
   */
  tokens?: TokenDisplays | undefined;
};

/**
 * Finds revert data in `value` and decodes it against {@link commonGuardErrorsAbi}.
 *
 * `value` is revert data (`0x…`) or an error thrown by viem (or any error whose `cause` chain carries
 * the revert data, as `data` or `raw`). Returns `undefined` when there is no revert data, or it is not
 * a CommonGuard error.
 *
 * @example
 * import { decodeContractError } from '@commonguard/sdk'
 * const decoded = decodeContractError(error)
 * if (decoded?.errorName === 'TreasuryBudgetExceeded') console.log(decoded.args[3]) // the excess
 */
export function decodeContractError(value: unknown): DecodedContractError | undefined {
  const data = findRevertData(value);
  if (!data) return undefined;
  try {
    return decodeErrorResult({ abi: commonGuardErrorsAbi, data });
  } catch {
    return undefined;
  }
}

/**
 * Says what a decoded contract error means in plain words, e.g. "Over budget by 200 cgUSD: only
 * 50 cgUSD of 0x…'s budget is left this period." Errors without a sentence of their own are shown as
 * `Name(arg, …)`.
 *
 * @example
 * import { decodeContractError, formatContractError } from '@commonguard/sdk'
 * const decoded = decodeContractError(error)
 * if (decoded) alert(formatContractError(decoded, { tokens: { [cgUsd]: { symbol: 'cgUSD', decimals: 6 } } }))
 */
export function formatContractError(decoded: DecodedContractError, options: FormatContractErrorOptions = {}): string {
  const amount = (token: Address, value: bigint) => formatTokenAmount(token, value, options.tokens);
  const tokenName = (token: Address) => tokenDisplay(token, options.tokens)?.symbol ?? token;
  // The factory's refusals have their own table of words (settings and safe ranges).
  if (isCommunityFactoryError(decoded)) return formatCommunityFactoryError(decoded, options);
  switch (decoded.errorName) {
    case 'TreasuryBudgetExceeded': {
      const [treasurer, token, available, excess] = decoded.args;
      return `Over budget by ${amount(token, excess)}: only ${amount(token, available)} of ${treasurer}'s budget is left this period.`;
    }
    case 'TreasuryNoBudget': {
      const [treasurer, token] = decoded.args;
      return `${treasurer} has no treasurer budget in ${tokenName(token)}.`;
    }
    case 'TreasuryInvalidBudget': {
      const [amountPerPeriod, period] = decoded.args;
      return `Invalid budget: ${amountPerPeriod} per ${period} seconds. The period must be more than zero and both values must fit in storage.`;
    }
    case 'TreasuryInvalidBatchSize': {
      const [size, maxSize] = decoded.args;
      return `A batch must hold 1 to ${maxSize} payments, not ${size}.`;
    }
    case 'TreasuryInsufficientBalance': {
      const [token, balance, needed] = decoded.args;
      return `The treasury holds only ${amount(token, balance)}, but the payout needs ${amount(token, needed)}.`;
    }
    case 'TreasuryNativeTransferFailed': {
      const [recipient, value] = decoded.args;
      return `${recipient} refused the payment of ${amount(zeroAddress, value)}.`;
    }
    case 'TreasuryZeroAddress':
      return 'An address is missing: the zero address was given where an account is required.';
    case 'TreasuryZeroAmount':
      return 'The amount must be more than zero.';
    case 'PaymentPolicyAmountAboveMax': {
      const [token, recipient, value, max, excess] = decoded.args;
      return `Max single payment: ${amount(token, value)} to ${recipient} is ${amount(token, excess)} above the community's limit of ${amount(token, max)} (rows of one batch to the same recipient count together).`;
    }
    case 'PaymentPolicyFirstPaymentAboveMax': {
      const [token, recipient, value, max, excess] = decoded.args;
      return `First-payment cap: the treasury has never paid ${recipient}, and a first payment may be at most ${amount(token, max)}; ${amount(token, value)} is ${amount(token, excess)} too much.`;
    }
    case 'PaymentPolicyDailyCapExceeded': {
      const [token, spent, value, cap, excess] = decoded.args;
      return `Daily cap: ${amount(token, spent)} already paid in the daily window, plus ${amount(token, value)}, is ${amount(token, excess)} over the community's daily cap of ${amount(token, cap)}.`;
    }
    case 'PaymentPolicyInvalidDomain':
      return `"${decoded.args[0]}" is not a domain: a domain rule is a name of at least two parts, like scam.example, with no https://, port or path.`;
    case 'PaymentPolicyRenounceOwnershipDisabled':
      return 'The payment policy cannot be left without an owner: its rules could never change again.';
    case 'TreasuryRenounceOwnershipDisabled':
      return 'The treasury cannot be left without an owner: no payment by vote or budget change could ever happen again.';
    case 'PaymentPolicyRecipientBlocked':
      return `The community has blocked payments to ${decoded.args[0]}.`;
    case 'PaymentPolicyInvalidThresholds': {
      const [warnAt, blockAt] = decoded.args;
      return `Invalid thresholds (warn at ${warnAt}, block at ${blockAt}): warn at must be below block at, and block at at most 100.`;
    }
    case 'PaymentPolicyInvalidOrigin':
      return `"${decoded.args[0]}" is not a site origin a browser reports: it must look like https://shop.example or http://localhost:5174, with no path, user name or invalid port.`;
    case 'PaymentPolicyInvalidMerchant':
      return 'The merchant address must not be the zero address.';
    case 'PaymentPolicyNoteTooLong': {
      const [length, maxLength] = decoded.args;
      return `The note is ${length} bytes long; at most ${maxLength} are allowed.`;
    }
    case 'PaymentPolicyTokenNotLimited':
      return `${tokenName(decoded.args[0])} has no limits to remove.`;
    case 'OwnableUnauthorizedAccount':
      return `${decoded.args[0]} may not do this: only the contract's owner can (for the community's contracts, the timelock, that is, a passed vote).`;
    case 'GovernorUnexpectedProposalState': {
      const [proposalId, current, expectedStates] = decoded.args;
      const expected = statesInBitmap(expectedStates);
      const state = proposalStates[current] ?? `in state ${current}`;
      // No expected state: the governor wanted no proposal with this id at all (a duplicate proposal).
      if (expected.length === 0) {
        return `Proposal ${proposalId} already exists (${state}): a new proposal needs other actions or another description.`;
      }
      return `Proposal ${proposalId} is ${state}; this needs it to be ${expected.join(' or ')}.`;
    }
    case 'GovernorAlreadyCastVote':
      return `${decoded.args[0]} has already voted on this proposal.`;
    case 'GovernorInsufficientProposerVotes': {
      const [proposer, votes, threshold] = decoded.args;
      return `${proposer} has ${formatUnits(votes, 18)} votes, but a proposal needs at least ${formatUnits(threshold, 18)}. Delegate to yourself first if you hold tokens.`;
    }
    case 'GovernorNonexistentProposal':
      return `There is no proposal ${decoded.args[0]}.`;
    case 'GovernorRestrictedProposer':
      return `${decoded.args[0]} may not make this proposal.`;
    case 'ERC20InsufficientBalance': {
      const [sender, balance, needed] = decoded.args;
      return `${sender} holds ${balance} base units of the token, but ${needed} are needed.`;
    }
    case 'ERC20InsufficientAllowance': {
      const [spender, allowance, needed] = decoded.args;
      return `${spender} may spend only ${allowance} base units of the token, but ${needed} are needed: approve more first.`;
    }
    case 'TimelockUnexpectedOperationState':
      return 'The timelock operation is not in the right state: its delay has not passed yet, or it was already executed or cancelled.';
    default:
      return `${decoded.errorName}(${(decoded.args ?? []).map(String).join(', ')})`;
  }
}

export type ContractRevertedErrorType = ContractRevertedError & { name: 'ContractRevertedError' };

/**
 * A CommonGuard contract reverted with one of its custom errors. `errorName` and `args` are the
 * decoded error; `shortMessage` says it in plain words (see {@link formatContractError}).
 */
export class ContractRevertedError extends CommonGuardError {
  override name = 'ContractRevertedError' as const;
  readonly decoded: DecodedContractError;
  readonly errorName: ContractErrorName;
  readonly args: DecodedContractError['args'];

  constructor({
    decoded,
    cause,
    tokens,
  }: { decoded: DecodedContractError; cause?: unknown } & FormatContractErrorOptions) {
    super(formatContractError(decoded, { tokens }), {
      cause,
      details: `${decoded.errorName}(${(decoded.args ?? []).map(String).join(', ')})`,
    });
    this.decoded = decoded;
    this.errorName = decoded.errorName;
    this.args = decoded.args;
  }
}

/**
 * Turns any error into a {@link ContractRevertedError} when it carries a CommonGuard revert; returns
 * `undefined` otherwise.
 */
export function toContractRevertedError(
  error: unknown,
  options: FormatContractErrorOptions = {},
): ContractRevertedError | undefined {
  const decoded = decodeContractError(error);
  return decoded ? new ContractRevertedError({ decoded, cause: error, tokens: options.tokens }) : undefined;
}

function findRevertData(value: unknown, depth = 0): Hex | undefined {
  if (depth > 12 || value === null || value === undefined) return undefined;
  if (typeof value === 'string') return isHex(value) && value.length >= 10 ? value : undefined;
  if (typeof value !== 'object') return undefined;
  const record = value as { raw?: unknown; data?: unknown; cause?: unknown };
  return (
    findRevertData(record.raw, depth + 1) ??
    (typeof record.data === 'string' ? findRevertData(record.data, depth + 1) : undefined) ??
    (record.data && typeof record.data === 'object' ? findRevertData((record.data as { data?: unknown }).data, depth + 1) : undefined) ??
    findRevertData(record.cause, depth + 1)
  );
}

function dedupeErrors(items: readonly AnyCommonGuardAbiItem[]): CommonGuardErrorAbiItem[] {
  const seen = new Set<string>();
  const errors: CommonGuardErrorAbiItem[] = [];
  for (const item of items) {
    if (item.type !== 'error') continue;
    const signature = `${item.name}(${item.inputs.map((input) => input.type).join(',')})`;
    if (seen.has(signature)) continue;
    seen.add(signature);
    errors.push(item);
  }
  return errors;
}

function statesInBitmap(bitmap: Hex): string[] {
  const bits = BigInt(bitmap);
  return proposalStates.filter((_, index) => (bits >> BigInt(index)) & 1n);
}
