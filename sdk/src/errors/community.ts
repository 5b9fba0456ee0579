import type { Address } from 'viem';
import { CommonGuardError } from './base.js';

export type CommunityNotFoundErrorType = CommunityNotFoundError & { name: 'CommunityNotFoundError' };

/** Why an address does not lead to a CommonGuard community. */
export type CommunityNotFoundReason =
  /** No contract at the address. */
  | 'no-code'
  /** A contract, but not a CommonGuard governor (it does not answer `name()`, `token()`, `timelock()`). */
  | 'not-a-governor'
  /** A governor the given community factory did not create. */
  | 'not-from-factory'
  /** A governor no contract that claims to have created it (by the factory's event) did create. */
  | 'no-factory';

/**
 * The address given as a community's governor does not lead to a CommonGuard community: nothing is
 * there, the contract is not a governor (a policy or a treasury address pasted by mistake), or the
 * factory that should have created it does not know it.
 */
export class CommunityNotFoundError extends CommonGuardError {
  override name = 'CommunityNotFoundError' as const;
  readonly governor: Address;
  readonly chainId: number | undefined;
  readonly reason: CommunityNotFoundReason;
  readonly factory: Address | undefined;

  constructor({
    governor,
    chainId,
    reason,
    factory,
    cause,
  }: {
    governor: Address;
    chainId?: number | undefined;
    reason: CommunityNotFoundReason;
    factory?: Address | undefined;
    cause?: unknown;
  }) {
    const chain = chainId === undefined ? '' : ` on chain ${chainId}`;
    const shortMessage =
      reason === 'no-code'
        ? `There is no community at ${governor}${chain}: no contract lives at that address.`
        : reason === 'not-a-governor'
          ? `The contract at ${governor}${chain} is not the governor of a CommonGuard community.`
          : reason === 'no-factory'
            ? `No community factory${chain} created a community with the governor ${governor}.`
            : `The community factory at ${factory}${chain} did not create a community with the governor ${governor}.`;
    super(shortMessage, {
      cause,
      metaMessages: [
        'A community is found by its governor\'s address (the one in its link, /<chainId>/<governor>/).',
        'Check the address, and that it belongs to this network.',
      ],
    });
    this.governor = governor;
    this.chainId = chainId;
    this.reason = reason;
    this.factory = factory;
  }
}

export type CommunityMismatchErrorType = CommunityMismatchError & { name: 'CommunityMismatchError' };

/** A part of a community that is not tied to the rest, and how. */
export type CommunityMismatch = {
  /** The part that does not belong: `token`, `timelock`, `treasury` or `policy`. */
  part: 'token' | 'timelock' | 'treasury' | 'policy';
  /** One sentence saying what was found, e.g. "the treasury is owned by 0x…, not by the community's timelock 0x…". */
  problem: string;
};

/**
 * Contracts given as one community do not belong together: a treasury or policy owned by another
 * timelock, a governor that is not its timelock's proposer, a token another timelock mints. Each
 * mismatch is named in `mismatches`.
 */
export class CommunityMismatchError extends CommonGuardError {
  override name = 'CommunityMismatchError' as const;
  readonly governor: Address;
  readonly mismatches: readonly CommunityMismatch[];

  constructor({ governor, mismatches }: { governor: Address; mismatches: readonly CommunityMismatch[] }) {
    const parts = [...new Set(mismatches.map((m) => m.part))];
    super(`The ${joinWords(parts)} ${parts.length === 1 ? 'does' : 'do'} not belong to the community of the governor ${governor}.`, {
      metaMessages: [
        ...mismatches.map((m) => `- ${m.problem}`),
        '',
        'These addresses may come from two different communities; read the community from its governor alone',
        'with the factory that created it.',
      ],
    });
    this.governor = governor;
    this.mismatches = mismatches;
  }
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
