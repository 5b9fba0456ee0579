import { describe, expect, test } from 'vitest';
import { quorumDisplay } from './quorum.js';

const format = (v: bigint) => (v / 10n ** 18n).toString();
const e18 = (n: number) => BigInt(n) * 10n ** 18n;

describe('the quorum display', () => {
  test('before voting opens it says the quorum is not set, with an empty bar (not "0 of 0", full and green)', () => {
    expect(quorumDisplay({ counted: 0n, quorum: 0n, state: 'Pending', format })).toEqual({ kind: 'notOpen', text: 'Quorum: set when voting opens.', fill: 0 });
  });

  test('during voting it names the votes needed and the votes counted, each with its word', () => {
    expect(quorumDisplay({ counted: e18(250), quorum: e18(1000), state: 'Active', format })).toEqual({ kind: 'progress', reached: false, text: 'Quorum not reached yet: 1000 votes needed, 250 counted (for + abstain).', fill: 25 });
    // Not "1200 of 1000 votes": more counted than needed must not read as a fraction.
    expect(quorumDisplay({ counted: e18(1200), quorum: e18(1000), state: 'Succeeded', format })).toMatchObject({ reached: true, fill: 100, text: 'Quorum reached: 1000 votes needed, 1200 counted (for + abstain).' });
    expect(quorumDisplay({ counted: e18(250), quorum: e18(1000), state: 'Defeated', format })).toMatchObject({ reached: false, text: 'Quorum not reached: 1000 votes needed, 250 counted (for + abstain).' });
  });

  test('a zero quorum after voting opened reads as "no quorum needed"', () => {
    expect(quorumDisplay({ counted: 0n, quorum: 0n, state: 'Active', format })).toMatchObject({ reached: true, fill: 0, text: 'No quorum needed: 0 votes counted (for + abstain)' });
  });
});
