import type { ProposalDetail } from '../indexer/types.js';

/**
 * Why a proposal takes no votes now, and what the vote decided: shown in place of the vote form, so
 * a member never meets a greyed-out form without a reason. Null while voting is open.
 * `format` writes an amount of votes; `date` a timepoint of the governor's clock (seconds).
 */
export function voteClosedText(
  p: Pick<ProposalDetail, 'state' | 'voteStart' | 'voteEnd' | 'forVotes' | 'againstVotes' | 'abstainVotes' | 'quorum'>,
  { format, date, countdown }: { format: (votes: bigint) => string; date: (seconds: bigint) => string; countdown: (seconds: bigint) => string },
): string | null {
  if (p.state === 'Active') return null;
  if (p.state === 'Pending') return `Voting has not opened yet: it opens in ${countdown(p.voteStart)} (${date(p.voteStart)}).`;
  if (p.state === 'Canceled') return 'Voting is closed: the proposal was canceled, so it will not be carried out.';
  const closed = `Voting closed on ${date(p.voteEnd)}.`;
  const tally = `${format(p.forVotes)} votes for, ${format(p.againstVotes)} against, ${format(p.abstainVotes)} abstaining`;
  // GovernorCountingSimple: quorum counts For and Abstain; the vote passes when For beats Against.
  const counted = p.forVotes + p.abstainVotes;
  const quorum = `quorum: ${format(p.quorum)} votes needed, ${format(counted)} counted`;
  if (p.state === 'Defeated') {
    const why = counted < p.quorum ? 'too few votes took part' : p.againstVotes > p.forVotes ? 'more votes were against it than for it' : 'it needed more votes for than against';
    return `${closed} It was rejected: ${why}. ${tally} (${quorum}).`;
  }
  const next =
    p.state === 'Succeeded'
      ? 'It waits to be queued in the timelock.'
      : p.state === 'Queued'
        ? 'It is queued in the timelock.'
        : p.state === 'Executed'
          ? 'The timelock has carried it out.'
          : 'It was not executed in time and has expired.';
  return `${closed} It passed: ${tally} (${quorum}). ${next}`;
}
