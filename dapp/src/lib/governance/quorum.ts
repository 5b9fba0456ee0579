import type { ProposalState } from '../indexer/types.js';

/** What the quorum bar says: how far the counted votes are, and whether quorum can be judged yet. */
export type QuorumDisplay =
  | { kind: 'notOpen'; text: string; fill: 0 }
  | { kind: 'progress'; reached: boolean; text: string; fill: number };

/**
 * The quorum line under a proposal's votes. Before voting opens the quorum is not fixed yet (the
 * governor reads it at the vote's start), and "0 of 0 votes" would read as reached: say so instead.
 * `fill` is 0–100 (percent of the bar).
 */
export function quorumDisplay({ counted, quorum, state, format }: { counted: bigint; quorum: bigint; state: ProposalState; format: (v: bigint) => string }): QuorumDisplay {
  if (state === 'Pending') return { kind: 'notOpen', text: 'Quorum: set when voting opens.', fill: 0 };
  if (quorum === 0n) {
    return { kind: 'progress', reached: true, text: `No quorum needed: ${format(counted)} votes counted (for + abstain)`, fill: counted > 0n ? 100 : 0 };
  }
  const reached = counted >= quorum;
  // Integer percent first: votes are 18-decimal numbers that lose precision as floats.
  const fill = reached ? 100 : Number((counted * 1000n) / quorum) / 10;
  // The quorum and the votes are named each, never "700,000 of 40,000", which reads as a fraction.
  const verdict = reached ? 'reached' : state === 'Active' ? 'not reached yet' : 'not reached';
  return { kind: 'progress', reached, text: `Quorum ${verdict}: ${format(quorum)} votes needed, ${format(counted)} counted (for + abstain).`, fill };
}
