import { type Address, parseUnits } from 'viem';
import { describe, expect, test } from 'vitest';
import type { Effect } from '../effects/index.js';
import { checkPhishingList } from '../site/phishingList.js';
import { type AssessRequestInput, assessRequest, siteImitation, WELL_KNOWN_SITES, type RiskPolicy } from './index.js';

// The phishing lists and a Safe transaction's delegatecalls, each with its benign control.
const coffee: Address = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
const drainer: Address = '0xa513E6E4b8f2a923D98304ec87F64353C4D5C853';
const cgUsd: Address = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707';
const NOW = 1_800_000_000_000;
const policy: RiskPolicy = {
  version: 3n,
  warnAt: 40,
  blockAt: 80,
  unlimitedApprovalsAllowed: false,
  tokenLimits: [{ token: cgUsd, maxSinglePayment: parseUnits('500', 6), dailyCap: parseUnits('1000', 6), maxFirstPayment: parseUnits('100', 6) }],
};
const pay: Effect = { kind: 'assetOut', token: cgUsd, to: coffee, amount: parseUnits('5', 6) };

function at(origin: string, originStatus: AssessRequestInput['originStatus'] = 'unknown', overrides: Partial<AssessRequestInput> = {}): AssessRequestInput {
  return {
    effects: { basis: 'simulation', effects: [pay] },
    parties: {
      [coffee.toLowerCase()]: { status: 'trusted', note: 'Corner Coffee', isContract: false, isToken: false },
      [drainer.toLowerCase()]: { status: 'unknown', isContract: true, isToken: false },
    },
    tokens: { [cgUsd.toLowerCase()]: { symbol: 'cgUSD', decimals: 6 } },
    policy,
    origin,
    originStatus,
    siteImitation: siteImitation(origin, WELL_KNOWN_SITES),
    phishingList: checkPhishingList(origin, originStatus),
    history: [{ token: cgUsd, to: coffee, amount: parseUnits('5', 6), timestamp: NOW - 86_400_000, origin }],
    now: NOW,
    ...overrides,
  };
}

describe('the phishing lists in the verdict', () => {
  test('a site on the blocklist is blocked, and the reason names the list', () => {
    const result = assessRequest(at('https://nfts-mints.com'));
    expect(result.level).toBe('block');
    expect(result.reasons[0]).toMatchObject({ rule: 'phishingSite', class: 'danger' });
    expect(result.reasons[0]?.message).toMatch(/^The site nfts-mints\.com is listed as a phishing site by MetaMask’s eth-phishing-detect list \(version \d+\)\.$/);
  });

  test('a name close to a site phishers imitate warns, naming it, once even when the look-alike check agrees', () => {
    const fuzzy = assessRequest(at('https://myetherwal1et.com'));
    expect(fuzzy.level).toBe('warn');
    expect(fuzzy.reasons.filter((reason) => reason.rule === 'phishingSite' || reason.rule === 'lookAlikeSite')).toHaveLength(1);
    expect(fuzzy.reasons.find((reason) => reason.rule === 'phishingSite')?.message).toContain('named like myetherwallet.com');
    // etherscam.io: both the fuzzy list and the look-alike check (etherscan.io is well known) see it.
    const both = assessRequest(at('https://etherscam.io'));
    expect(both.reasons.filter((reason) => reason.rule === 'phishingSite' || reason.rule === 'lookAlikeSite').map((reason) => reason.rule)).toEqual(['lookAlikeSite']);
  });

  test('the community comes first: a site it trusts is never flagged by the lists; one it blocked stays blocked', () => {
    expect(assessRequest(at('https://nfts-mints.com', 'trusted')).reasons.map((reason) => reason.rule)).not.toContain('phishingSite');
    expect(assessRequest(at('https://etherscam.io', 'trusted')).level).toBe('allow');
    expect(assessRequest(at('https://example.com', 'blocked')).level).toBe('block');
  });

  test('benign: an ordinary site, and a site the lists vouch for, get no phishing or look-alike signal', () => {
    for (const origin of ['https://corner-coffee.example', 'https://app.uniswap.org', 'https://metamusk.io']) {
      const rules = assessRequest(at(origin)).reasons.map((reason) => reason.rule);
      expect(rules, origin).not.toContain('phishingSite');
      expect(rules, origin).not.toContain('lookAlikeSite');
    }
  });
});

describe('a Safe transaction that delegatecalls', () => {
  const signature = (delegateCalls: AssessRequestInput['delegateCalls']) => at('https://app.safe.global', 'unknown', { delegateCalls, effects: { basis: 'decoding', effects: [] } });

  test('to a contract that is not a Safe library blocks, naming it', () => {
    const result = assessRequest(signature([{ to: drainer, library: undefined }]));
    expect(result.level).toBe('block');
    expect(result.reasons[0]?.rule).toBe('safeDelegateCall');
    expect(result.reasons[0]?.message).toContain('runs the code of 0xa513…C853 as the Safe itself');
  });

  test('to a contract the community trusts, or to a Safe library, adds nothing', () => {
    expect(assessRequest(signature([{ to: coffee, library: undefined }])).reasons.map((reason) => reason.rule)).not.toContain('safeDelegateCall');
    expect(assessRequest(signature([{ to: drainer, library: 'MultiSendCallOnly 1.4.1' }])).reasons.map((reason) => reason.rule)).not.toContain('safeDelegateCall');
  });
});
