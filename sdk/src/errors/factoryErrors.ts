import { type DecodeErrorResultReturnType, isAddressEqual, zeroAddress } from 'viem';
import { communityFactoryAbi } from '../abis/generated.js';
import { type TokenDisplays, formatTokenAmount, tokenDisplay } from './tokenDisplay.js';
import { durationText } from '../utils/durationText.js';

/**
 * The CommunityFactory's refusals in words a person can act on: each custom error of the factory
 * (`checkConfig` and `createCommunity` revert with them) becomes one sentence that names the setting in
 * plain words and its safe range in human units, e.g. "Votes must stay open for at least 1 hour (you
 * chose 30 minutes)." The bounds come from the error's own arguments, so the contract stays the one
 * truth about what is safe; this module only says it.
 */

type FactoryAbiError = Extract<(typeof communityFactoryAbi)[number], { type: 'error' }>;

/** The name of a custom error of CommunityFactory. */
export type CommunityFactoryErrorName = FactoryAbiError['name'];

/** A decoded CommunityFactory revert (from viem's `decodeErrorResult`, or the sdk's `decodeContractError`). */
export type DecodedCommunityFactoryError = Extract<
  DecodeErrorResultReturnType<typeof communityFactoryAbi>,
  { errorName: CommunityFactoryErrorName }
>;

/** A field of the factory's `CommunityConfig` that a refusal can be about. */
export type CommunityConfigField =
  | 'name'
  | 'tokenName'
  | 'tokenSymbol'
  | 'holders'
  | 'votingDelay'
  | 'votingPeriod'
  | 'lateQuorumExtension'
  | 'quorumNumerator'
  | 'timelockDelay'
  | 'proposalThreshold'
  | 'thresholds'
  | 'tokenLimits';

/** Options of {@link formatCommunityFactoryError}. */
export type FormatCommunityFactoryErrorOptions = {
  /** Symbol and decimals by token address, for token limits; the zero address is ETH by default. */
  tokens?: TokenDisplays | undefined;
};

type FieldWords =
  /** A text that must not be empty. */
  | { kind: 'text'; label: string; empty: string }
  /** A number with a safe range: `rule(range)` completes the sentence ("… at least 1 hour"). */
  | { kind: 'duration' | 'percent'; label: string; rule: (range: string) => string; maxIs?: string }
  /** One of a token's payment limits (base units of that token). */
  | { kind: 'limit'; label: string };

/**
 * The words for each field the factory's errors name (the `field` argument of
 * `CommunityFactoryValueOutOfRange`, `CommunityFactoryEmptyField` and `CommunityFactoryContradictoryLimits`).
 */
export const communityFactoryFieldWords = {
  name: { kind: 'text', label: "the community's name", empty: 'The community needs a name.' },
  tokenName: { kind: 'text', label: "the voting token's name", empty: 'The voting token needs a name.' },
  tokenSymbol: {
    kind: 'text',
    label: "the voting token's symbol",
    empty: 'The voting token needs a symbol, a short code such as NBV.',
  },
  votingDelay: {
    kind: 'duration',
    label: 'the wait before voting opens',
    rule: (range) => `Voting must open ${range} after a proposal is made`,
  },
  votingPeriod: {
    kind: 'duration',
    label: 'how long votes stay open',
    rule: (range) => `Votes must stay open for ${range}`,
  },
  lateQuorumExtension: {
    kind: 'duration',
    label: 'the extra voting time when the quorum is reached late',
    rule: (range) => `The extra voting time when the quorum is reached late must be ${range}`,
    maxIs: 'the voting period',
  },
  quorumNumerator: {
    kind: 'percent',
    label: 'the quorum',
    rule: (range) => `The quorum, the share of all votes that must take part, must be ${range}`,
  },
  timelockDelay: {
    kind: 'duration',
    label: 'the wait before a passed decision takes effect',
    rule: (range) => `Passed decisions must wait ${range} before they take effect`,
  },
  maxSinglePayment: { kind: 'limit', label: 'the largest single payment' },
  dailyCap: { kind: 'limit', label: 'the daily cap' },
  maxFirstPayment: { kind: 'limit', label: 'the largest first payment to a new recipient' },
} as const satisfies Record<string, FieldWords>;

/** A bound this large is a type's limit, not a safe range a person needs to hear about. */
const NO_UPPER_BOUND = 2n ** 32n - 1n;

type ArgsOf<N extends CommunityFactoryErrorName> = Extract<DecodedCommunityFactoryError, { errorName: N }>['args'];

type Sentences = {
  [N in CommunityFactoryErrorName]: (args: ArgsOf<N>, tokens: TokenDisplays | undefined) => string;
};

/** One sentence per custom error of the factory. Typed over the ABI's error names, so none can be missing. */
const sentences: Sentences = {
  CommunityFactoryValueOutOfRange: ([field, value, min, max]) => rangeSentence(field, value, min, max),
  CommunityFactoryEmptyField: ([field]) => {
    const words = fieldWords(field);
    return words?.kind === 'text' ? words.empty : `${field} must not be empty.`;
  },
  CommunityFactoryZeroProposalThreshold: () =>
    'Making a proposal must need more than 0 votes: with 0, anyone could propose without holding any.',
  CommunityFactoryInvalidThresholds: ([warnAt, blockAt]) =>
    `The risk score that warns must be below the score that blocks, and the score that blocks at most 100 (you chose warn at ${warnAt}, block at ${blockAt}).`,
  CommunityFactoryNoHolders: () => 'Add at least one founding member with votes: without one, nobody could ever vote.',
  CommunityFactoryAllocationMismatch: ([holders, amounts]) =>
    `Every founding member needs a number of votes (there are ${holders} members and ${amounts} numbers of votes).`,
  CommunityFactoryInvalidHolder: ([index, holder, amount]) => {
    const member = `Founding member ${index + 1n}`;
    if (isAddressEqual(holder, zeroAddress)) return `${member} has no address: enter the address of their wallet.`;
    return `${member} (${holder}) must get more than 0 votes (you chose ${amount}).`;
  },
  CommunityFactoryContradictoryLimits: ([token, field, value, limitField, limit], tokens) => {
    const symbol = tokenDisplay(token, tokens)?.symbol ?? token;
    const amount = (x: bigint) => formatTokenAmount(token, x, tokens);
    return `For ${symbol}, ${limitLabel(field)} must be at most ${limitLabel(limitField)}, ${amount(limit)} (you chose ${amount(value)}).`;
  },
  CommunityFactoryDuplicateTokenLimits: ([token], tokens) =>
    `${tokenDisplay(token, tokens)?.symbol ?? token} has payment limits twice: keep one set of limits per token.`,
  CommunityFactoryUnknownCommunity: ([governor]) =>
    `${governor} is not the governor of a community this factory created.`,
  // Only when the factory itself is deployed, or a clone cannot be made: never about a community's settings.
  CommunityFactoryInvalidImplementation: ([implementation]) =>
    `The factory cannot be set up: ${implementation} holds no contract to copy the community's parts from.`,
  FailedDeployment: () => 'The network could not create the community\'s contracts; try again, or ask the factory\'s maintainers.',
  InsufficientBalance: ([balance, needed]) =>
    `The factory does not hold enough of the network's coin to create the community (it has ${balance}, needs ${needed}).`,
};

/** The names of every CommunityFactory error these words cover (one per custom error of the factory). */
export const communityFactoryErrorNames = Object.keys(sentences) as CommunityFactoryErrorName[];

/** Whether `decoded` is a CommunityFactory error (and so has a sentence here). */
export function isCommunityFactoryError(decoded: { errorName: string }): decoded is DecodedCommunityFactoryError {
  return Object.hasOwn(sentences, decoded.errorName);
}

/**
 * Says a CommunityFactory refusal in one sentence for a person: the setting in plain words, its safe
 * range in human units (durations in minutes, hours or days, the quorum in percent, limits in the
 * token's own units when `tokens` knows it) and what was chosen.
 *
 * @example
 * import { decodeContractError, formatCommunityFactoryError, isCommunityFactoryError } from '@commonguard/sdk'
 * const decoded = decodeContractError(error)
 * if (decoded && isCommunityFactoryError(decoded)) console.log(formatCommunityFactoryError(decoded))
 * // "Votes must stay open for at least 1 hour (you chose 30 minutes)."
 */
export function formatCommunityFactoryError(
  decoded: DecodedCommunityFactoryError,
  options: FormatCommunityFactoryErrorOptions = {},
): string {
  const sentence = sentences[decoded.errorName] as (args: unknown, tokens: TokenDisplays | undefined) => string;
  return sentence(decoded.args, options.tokens);
}

/**
 * The field of the `CommunityConfig` a refusal is about, so a form can show the sentence next to it:
 * `'votingPeriod'`, `'holders'`, `'tokenLimits'`… `undefined` for an error that is about no field of the
 * config (an unknown community), or a field this version does not know.
 */
export function communityFactoryErrorField(decoded: DecodedCommunityFactoryError): CommunityConfigField | undefined {
  switch (decoded.errorName) {
    case 'CommunityFactoryValueOutOfRange':
    case 'CommunityFactoryEmptyField': {
      const field = decoded.args[0];
      return Object.hasOwn(communityFactoryFieldWords, field) ? (field as CommunityConfigField) : undefined;
    }
    case 'CommunityFactoryZeroProposalThreshold':
      return 'proposalThreshold';
    case 'CommunityFactoryInvalidThresholds':
      return 'thresholds';
    case 'CommunityFactoryNoHolders':
    case 'CommunityFactoryAllocationMismatch':
    case 'CommunityFactoryInvalidHolder':
      return 'holders';
    case 'CommunityFactoryContradictoryLimits':
    case 'CommunityFactoryDuplicateTokenLimits':
      return 'tokenLimits';
    case 'CommunityFactoryUnknownCommunity':
    case 'CommunityFactoryInvalidImplementation':
    case 'FailedDeployment':
    case 'InsufficientBalance':
      return undefined;
  }
}

function fieldWords(field: string): FieldWords | undefined {
  return Object.hasOwn(communityFactoryFieldWords, field)
    ? communityFactoryFieldWords[field as keyof typeof communityFactoryFieldWords]
    : undefined;
}

function limitLabel(field: string): string {
  const words = fieldWords(field);
  return words?.kind === 'limit' ? words.label : field;
}

function rangeSentence(field: string, value: bigint, min: bigint, max: bigint): string {
  const words = fieldWords(field);
  if (words?.kind !== 'duration' && words?.kind !== 'percent') {
    return `${field} must be between ${min} and ${max} (you chose ${value}).`;
  }
  const unit = words.kind === 'duration' ? durationText : (x: bigint) => `${x}%`;
  const maxText = words.maxIs ? `${words.maxIs}, ${unit(max)}` : unit(max);
  const bounded = max < NO_UPPER_BOUND;
  const range =
    min > 0n && bounded
      ? `between ${unit(min)} and ${maxText}`
      : min > 0n
        ? `at least ${unit(min)}`
        : `at most ${maxText}`;
  return `${words.rule(range)} (you chose ${unit(value)}).`;
}
