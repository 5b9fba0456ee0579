import { zeroAddress } from 'viem';
import { describe, expect, test } from 'vitest';
import { NATIVE, type TokenInfo } from '../chain/tokens.js';
import { buildConfig, type WizardFields } from './config.js';
import { describeDecisions, durationSeconds, presetFields, presets } from './decisions.js';
import { checkMembers, memberRow, parseMembersCsv, sharePercent } from './members.js';
import { defaultLevels, defaultLimits } from './payments.js';

const alice = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const bob = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const cgUsd: TokenInfo = { address: '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707', symbol: 'cgUSD', decimals: 6 };
const E18 = 10n ** 18n;

function fields(change: Partial<WizardFields> = {}): WizardFields {
  return {
    name: 'Elm Street Neighbours',
    tokenName: 'Elm Street Vote',
    tokenSymbol: 'ELM',
    members: [memberRow(alice, '300', 1), memberRow(bob, '100', 2)],
    decisions: presetFields('small'),
    limits: [defaultLimits(NATIVE), defaultLimits(cgUsd)],
    levels: { ...defaultLevels },
    ...change,
  };
}

describe('presets', () => {
  test('say their numbers in words, and turn into seconds', () => {
    expect(describeDecisions(presetFields('small'))).toBe('votes open after 1 day and last 3 days, changes wait 2 days');
    expect(presets.map((p) => p.id)).toEqual(['small', 'medium', 'cautious']);
    const { config } = buildConfig(fields({ decisions: presetFields('cautious') }));
    expect(config).toMatchObject({ votingDelay: 3 * 86_400, votingPeriod: 7 * 86_400, timelockDelay: 7n * 86_400n, lateQuorumExtension: 2 * 86_400, quorumNumerator: 25n });
  });

  test('a copy is edited, never the preset itself', () => {
    const copy = presetFields('small');
    copy.votingPeriod.amount = '9';
    expect(presetFields('small').votingPeriod.amount).toBe('3');
  });

  test('durations in minutes and hours, and a number with letters refused in words', () => {
    expect(durationSeconds({ amount: '30', unit: 'minutes' })).toEqual({ ok: true, value: 1_800 });
    expect(durationSeconds({ amount: '2', unit: 'hours' })).toEqual({ ok: true, value: 7_200 });
    expect(durationSeconds({ amount: '3x', unit: 'days' })).toEqual({ ok: false, error: 'Use a whole number of days, such as 3.' });
  });
});

describe('buildConfig', () => {
  test('turns shares into token amounts, the threshold into votes and limits into base units', () => {
    const { config, problems } = buildConfig(fields());
    expect(problems).toEqual({});
    expect(config?.holders).toEqual([alice, bob]);
    expect(config?.amounts).toEqual([300n * E18, 100n * E18]);
    expect(config?.proposalThreshold).toBe(1n * E18);
    expect(config?.tokenLimits).toEqual([
      { token: zeroAddress, maxSinglePayment: 1n * E18, dailyCap: 2n * E18, maxFirstPayment: E18 / 4n },
      { token: cgUsd.address, maxSinglePayment: 500_000_000n, dailyCap: 1_000_000_000n, maxFirstPayment: 100_000_000n },
    ]);
    expect(config).toMatchObject({ warnAt: 40, blockAt: 80, allowZeroProposalThreshold: false, quorumNumerator: 20n });
  });

  test('an empty limit box is "no limit" (0)', () => {
    const { config } = buildConfig(fields({ limits: [{ ...defaultLimits(cgUsd), dailyCap: '' }] }));
    expect(config?.tokenLimits[0]?.dailyCap).toBe(0n);
  });

  test('leaves what is safe to the factory: an unsafe but readable value is no local problem', () => {
    const { config, problems } = buildConfig(fields({ decisions: { ...presetFields('small'), votingPeriod: { amount: '30', unit: 'minutes' } } }));
    expect(problems).toEqual({});
    expect(config?.votingPeriod).toBe(1_800);
  });

  test('names each box that does not read, and builds no config', () => {
    const { config, problems } = buildConfig(
      fields({
        members: [memberRow('0x1234', '10', 1)],
        decisions: { ...presetFields('small'), quorum: '2O' },
        limits: [{ ...defaultLimits(cgUsd), maxFirstPayment: '1oo' }],
        levels: { warnAt: 'forty', blockAt: '80' },
      }),
    );
    expect(config).toBeNull();
    expect(Object.keys(problems).sort()).toEqual(['holders', 'quorumNumerator', 'tokenLimits.0.maxFirstPayment', 'warnAt']);
    expect(problems.holders).toBe('Row 1: An address has 40 characters after 0x; this one has 4.');
    expect(problems.quorumNumerator).toBe('The quorum is a whole number, such as 10.');
  });
});

describe('founding members', () => {
  test('pasted CSV goes through the strict reader: header, comments, quotes, and errors per line', () => {
    const rows = parseMembersCsv(['address,votes', `${alice}, "1,000"`, '# the treasurer', `${bob}, 1,000`, '0xabc, 5', `${bob}, ten`].join('\n'));
    expect(rows.map((r) => r.line)).toEqual([2, 4, 5, 6]);
    expect(rows[0]).toMatchObject({ address: alice, votes: 1_000n * E18, problems: [] });
    expect(rows[1]?.problems).toEqual([
      'Line 4 has 3 fields, not 2 (address, votes). Put a number with a thousands separator in double quotes: "1,000".',
    ]);
    expect(rows[2]?.problems).toEqual(['Line 5: An address has 40 characters after 0x; this one has 3.']);
    expect(rows[3]?.problems).toEqual(['Line 6: Use digits and at most one decimal point, e.g. 1250.50']);
  });

  test('an address listed twice is refused on its second line', () => {
    const check = checkMembers(parseMembersCsv(`${alice},10\n${alice.toLowerCase()},5`));
    expect(check.ok).toBe(false);
    expect(check.rows[1]?.problems).toEqual([`${alice} is already listed (line 1): give each member one line.`]);
    expect(check.total).toBe(10n * E18);
  });

  test('shares in percent', () => {
    expect(sharePercent(300n, 400n)).toBe('75%');
    expect(sharePercent(1n, 3n)).toBe('33.3%');
    expect(sharePercent(1n, 100_000n)).toBe('<0.1%');
  });
});
