import { describe, expect, test } from 'vitest';
import { voteClosedText } from './voteOutcome.js';

const e18 = (n: number) => BigInt(n) * 10n ** 18n;
const words = { format: (v: bigint) => (v / 10n ** 18n).toLocaleString('en-US'), date: (s: bigint) => `day ${s}`, countdown: (s: bigint) => `${s - 100n} s` };
const base = { voteStart: 200n, voteEnd: 300n, forVotes: e18(700_000), againstVotes: e18(5_000), abstainVotes: e18(1_000), quorum: e18(40_000) };

describe('why a proposal takes no votes', () => {
  test('while voting is open there is nothing to explain', () => {
    expect(voteClosedText({ ...base, state: 'Active' }, words)).toBeNull();
  });

  test('before voting opens it says when', () => {
    expect(voteClosedText({ ...base, state: 'Pending' }, words)).toBe('Voting has not opened yet: it opens in 100 s (day 200).');
  });

  test('a passed vote says when it closed, the tally, the quorum in words and what comes next', () => {
    expect(voteClosedText({ ...base, state: 'Succeeded' }, words)).toBe(
      'Voting closed on day 300. It passed: 700,000 votes for, 5,000 against, 1,000 abstaining (quorum: 40,000 votes needed, 701,000 counted). It waits to be queued in the timelock.',
    );
    expect(voteClosedText({ ...base, state: 'Executed' }, words)).toMatch(/It passed: .* The timelock has carried it out\.$/);
  });

  test('a rejected vote says why: more against, or too few votes', () => {
    expect(voteClosedText({ ...base, state: 'Defeated', forVotes: e18(50_000), againstVotes: e18(60_000) }, words)).toBe(
      'Voting closed on day 300. It was rejected: more votes were against it than for it. 50,000 votes for, 60,000 against, 1,000 abstaining (quorum: 40,000 votes needed, 51,000 counted).',
    );
    expect(voteClosedText({ ...base, state: 'Defeated', forVotes: e18(10_000), againstVotes: 0n, abstainVotes: 0n }, words)).toMatch(/It was rejected: too few votes took part\./);
  });

  test('a canceled proposal says so', () => {
    expect(voteClosedText({ ...base, state: 'Canceled' }, words)).toBe('Voting is closed: the proposal was canceled, so it will not be carried out.');
  });
});
