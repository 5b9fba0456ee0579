import { describe, expect, test } from 'vitest';
import { describePolicyChanges } from './changes.js';

const ETH = '0x0000000000000000000000000000000000000000';
const USD = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707';
const E = 10n ** 18n;
const info = (token: string) => (token === ETH ? { symbol: 'ETH', decimals: 18 } : { symbol: 'cgUSD', decimals: 6 });
const v8 = {
  version: 8n,
  warnAt: 40,
  blockAt: 80,
  unlimitedApprovalsAllowed: false,
  tokenLimits: [
    { token: ETH, maxSinglePayment: E, dailyCap: 2n * E, maxFirstPayment: E / 4n },
    { token: USD, maxSinglePayment: 500n * 10n ** 6n, dailyCap: 1000n * 10n ** 6n, maxFirstPayment: 100n * 10n ** 6n },
  ],
} as const;

describe('describePolicyChanges', () => {
  test('a lowered daily cap, in the words of the change and the version', () => {
    const v9 = { ...v8, version: 9n, tokenLimits: [{ ...v8.tokenLimits[0], dailyCap: (3n * E) / 2n }, v8.tokenLimits[1]] };
    expect(describePolicyChanges(v8, v9, info)).toEqual(['The community lowered the daily ETH cap to 1.5 ETH, policy version 9.']);
  });

  test('raised, removed and new limits; thresholds; approvals', () => {
    const v9 = {
      version: 9n,
      warnAt: 30,
      blockAt: 70,
      unlimitedApprovalsAllowed: true,
      tokenLimits: [{ ...v8.tokenLimits[0], maxSinglePayment: 2n * E, maxFirstPayment: 0n }],
    };
    expect(describePolicyChanges(v8, v9, info)).toEqual([
      'The community raised the maximum single ETH payment to 2 ETH, policy version 9.',
      'The community removed the ETH limit for a first payment to someone new, policy version 9.',
      'The community removed its limits for cgUSD, policy version 9.',
      'The community now warns from a score of 30 and blocks from 70, policy version 9.',
      'The community now allows unlimited token approvals, policy version 9.',
    ]);
  });

  test('a change outside the snapshot is named as a change of the lists', () => {
    expect(describePolicyChanges(v8, { ...v8, version: 9n }, info)).toEqual(['The community changed its list of trusted or blocked merchants and sites, policy version 9.']);
  });
});
