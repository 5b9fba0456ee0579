import type { communityFactoryAbi } from '@commonguard/sdk';
import type { Address, ContractFunctionArgs } from 'viem';
import { type DecisionFields, durationSeconds, wholeNumber } from './decisions.js';
import { type MemberRow, VOTE_DECIMALS } from './members.js';
import { type LevelFields, type LimitFields, limitAmount, score } from './payments.js';

/** What `createCommunity` and `checkConfig` take. */
export type CommunityConfig = ContractFunctionArgs<typeof communityFactoryAbi, 'nonpayable', 'createCommunity'>[0];

/** Everything the wizard asks, as typed. */
export type WizardFields = {
  name: string;
  tokenName: string;
  tokenSymbol: string;
  members: MemberRow[];
  decisions: DecisionFields;
  limits: LimitFields[];
  levels: LevelFields;
};

/**
 * Where a problem shows: a field of the config (as the factory names them, see the sdk's
 * `communityFactoryErrorField`), or one box of a token's limits (`tokenLimits.<index>.<box>`).
 */
export type ProblemKey = string;

export type BuiltConfig = {
  /** The config to check and send, once every box reads; `null` while something does not. */
  config: CommunityConfig | null;
  /** What does not read, by where it shows (local parsing only: the factory judges what is safe). */
  problems: Record<ProblemKey, string>;
};

/** Longest duration a box may hold: the governor keeps the voting period in 32 bits. */
const MAX_SECONDS = 2 ** 32 - 1;

/**
 * Turns the typed answers into the factory's config: durations into seconds, votes into token units
 * (× 10^18), limits into each token's base units. Only what cannot be read at all (a bad address, a
 * number with letters) is a problem here; whether a value is safe is the factory's answer
 * (`checkConfig`), so the rule lives in the contract alone.
 */
export function buildConfig(fields: WizardFields): BuiltConfig {
  const problems: Record<ProblemKey, string> = {};
  const memberProblems = fields.members.flatMap((row) => row.problems);
  if (memberProblems.length > 0) problems.holders = memberProblems.join(' ');

  const seconds = (key: keyof DecisionFields & string, field: DecisionFields['votingDelay']) => {
    const read = durationSeconds(field);
    if (!read.ok) problems[key] = read.error;
    else if (read.value > MAX_SECONDS) problems[key] = 'That is far too long: choose at most a few years.';
    return read.ok ? read.value : 0;
  };
  const votingDelay = seconds('votingDelay', fields.decisions.votingDelay);
  const votingPeriod = seconds('votingPeriod', fields.decisions.votingPeriod);
  const timelockDelay = seconds('timelockDelay', fields.decisions.timelockDelay);
  const lateQuorumExtension = seconds('lateQuorumExtension', fields.decisions.lateQuorumExtension);
  const quorum = wholeNumber(fields.decisions.quorum, 'The quorum');
  if (!quorum.ok) problems.quorumNumerator = quorum.error;
  const threshold = wholeNumber(fields.decisions.proposalThreshold, 'The number of votes needed to propose');
  if (!threshold.ok) problems.proposalThreshold = threshold.error;

  const warnAt = score(fields.levels.warnAt, 'The warning score');
  if (!warnAt.ok) problems.warnAt = warnAt.error;
  const blockAt = score(fields.levels.blockAt, 'The refusing score');
  if (!blockAt.ok) problems.blockAt = blockAt.error;

  const tokenLimits = fields.limits.map((limits, index) => {
    const read = (box: 'maxSinglePayment' | 'dailyCap' | 'maxFirstPayment') => {
      const amount = limitAmount(limits[box], limits.token);
      if (!amount.ok) problems[`tokenLimits.${index}.${box}`] = amount.error;
      return amount.ok ? amount.value : 0n;
    };
    return { token: limits.token.address, maxSinglePayment: read('maxSinglePayment'), dailyCap: read('dailyCap'), maxFirstPayment: read('maxFirstPayment') };
  });

  if (Object.keys(problems).length > 0) return { config: null, problems };
  return {
    problems,
    config: {
      name: fields.name.trim(),
      tokenName: fields.tokenName.trim(),
      tokenSymbol: fields.tokenSymbol.trim(),
      holders: fields.members.map((row) => row.address as Address),
      amounts: fields.members.map((row) => row.votes as bigint),
      votingDelay,
      votingPeriod,
      proposalThreshold: (threshold.ok ? threshold.value : 0n) * 10n ** BigInt(VOTE_DECIMALS),
      allowZeroProposalThreshold: false,
      quorumNumerator: quorum.ok ? quorum.value : 0n,
      lateQuorumExtension,
      timelockDelay: BigInt(timelockDelay),
      warnAt: warnAt.ok ? warnAt.value : 0,
      blockAt: blockAt.ok ? blockAt.value : 0,
      unlimitedApprovalsAllowed: false,
      tokenLimits,
      merchants: [],
      origins: [],
      domains: [],
    },
  };
}
