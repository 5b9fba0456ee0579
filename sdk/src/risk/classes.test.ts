import { type Address, parseEther, parseUnits } from 'viem';
import { describe, expect, test } from 'vitest';
import { MAX_UINT256, NATIVE_TOKEN } from '../decode/index.js';
import type { Effect } from '../effects/index.js';
import {
  type AssessRequestInput,
  assessRequest,
  type PartyFacts,
  type PastPayment,
  type RiskLevel,
  type RiskPolicy,
  type RiskRule,
  SIGNAL_POINTS,
  ShopperProfile,
  type SignalClass,
} from './index.js';

// Addresses: the shopper's regular café, a look-alike of it, strangers, a router, a token contract, a fresh drainer.
const cafe: Address = '0x14dc79964da2c08b23698b3d3cc7ca32193d9955';
const cafeTwin: Address = '0x14dc000000000000000000000000000000009955';
const stranger: Address = '0xa0ee7a142d267c1f36714e4a8f75612f20a79720';
const stall = (n: number): Address => `0x${(0x5a11 + n).toString(16).padStart(4, '0')}${'7'.repeat(32)}${n.toString(16).padStart(4, '0')}` as Address;
const router: Address = '0xa513e6e4b8f2a923d98304ec87f64353c4d5c853';
const grocer: Address = '0x6106000000000000000000000000000000000006';
const drainer: Address = '0xdead00000000000000000000000000000000beef';
const cgUsd: Address = '0x5fc8d32690cc91d4c39d9d3abcbd16989f875707';
const weth: Address = '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2';
const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const policy: RiskPolicy = {
  version: 9n,
  warnAt: 40,
  blockAt: 80,
  unlimitedApprovalsAllowed: true,
  tokenLimits: [
    { token: NATIVE_TOKEN, maxSinglePayment: parseEther('1'), dailyCap: parseEther('2'), maxFirstPayment: parseEther('0.25') },
    { token: cgUsd, maxSinglePayment: parseUnits('1000', 6), dailyCap: parseUnits('2000', 6), maxFirstPayment: parseUnits('150', 6) },
  ],
};
const usd = (amount: string) => parseUnits(amount, 6);
const paid = (to: Address, amount: string, ago: number, extra: Partial<PastPayment> = {}): PastPayment => ({ token: cgUsd, to, amount: usd(amount), timestamp: NOW - ago, origin: 'https://cafe.example', ...extra });
/** Thirty days of coffee (4–6 cgUSD) and a weekly grocery shop (40–60 cgUSD): newest first. */
const habits: PastPayment[] = [
  ...Array.from({ length: 30 }, (_, day) => paid(cafe, String(4 + (day % 3)), (day + 1) * DAY)),
  ...Array.from({ length: 4 }, (_, week) => paid(grocer, String(40 + week * 5), (week * 7 + 2) * DAY + HOUR, { origin: 'https://grocer.example' })),
].sort((a, b) => b.timestamp - a.timestamp);

const eoa: PartyFacts = { status: 'unknown', isContract: false, isToken: false };
const parties: Record<string, PartyFacts> = {
  [cafe]: { status: 'unknown', isContract: false, isToken: false },
  [router]: { status: 'unknown', isContract: true, isToken: false, fresh: false },
  [drainer]: { status: 'unknown', isContract: true, isToken: false, fresh: true },
  [cgUsd]: { status: 'unknown', isContract: true, isToken: true },
  [weth]: { status: 'unknown', isContract: true, isToken: true },
};
const out = (to: Address | null, amount: bigint, token: Address = cgUsd): Effect => ({ kind: 'assetOut', token, to, amount });
const back = (from: Address, amount: bigint, token: Address = weth): Effect => ({ kind: 'assetIn', token, standard: 'erc20', from, amount });
const allow = (spender: Address, amount: bigint, via: 'erc20' | 'permit' | 'permit2' = 'erc20'): Effect => ({ kind: 'allowance', token: cgUsd, spender, amount, unlimited: amount === MAX_UINT256, via });

function request(effects: Effect[], overrides: Partial<AssessRequestInput> = {}): AssessRequestInput {
  return {
    effects: { basis: 'simulation', effects },
    parties,
    tokens: { [cgUsd]: { symbol: 'cgUSD', decimals: 6 }, [weth]: { symbol: 'WETH', decimals: 18 } },
    policy,
    originStatus: 'unknown',
    origin: 'https://cafe.example',
    history: habits,
    now: NOW,
    ...overrides,
  };
}
const verdict = (given: AssessRequestInput) => {
  const result = assessRequest(given);
  return { level: result.level, score: result.score, rules: result.reasons.map((reason) => reason.rule) };
};
const trusted = { originStatus: 'trusted', origin: 'https://trusted.example' } as const;
const trustedParties = (...who: Address[]) => ({ ...parties, ...Object.fromEntries(who.map((address) => [address, { ...(parties[address] ?? eoa), status: 'trusted' as const }])) });

type Row = { title: string; given: AssessRequestInput; level: RiskLevel; score?: number; rules?: RiskRule[]; has?: RiskRule[] };
const check = ({ given, level, score, rules, has }: Row) => {
  const result = verdict(given);
  expect(result.level).toBe(level);
  if (score !== undefined) expect(result.score).toBe(score);
  if (rules) expect(result.rules).toEqual(rules);
  for (const rule of has ?? []) expect(result.rules).toContain(rule);
};

describe('hard community rules block, always, and name the policy version', () => {
  test.each<Row>([
    { title: 'over the maximum single payment, to a familiar merchant on a trusted site', given: request([out(cafe, usd('1200'))], { ...trusted, parties: trustedParties(cafe) }), level: 'block', score: 100, has: ['maxSinglePayment'] },
    { title: 'over the daily cap, counting a pending payment sent an hour ago', given: request([out(cafe, usd('900'))], { history: [paid(cafe, '1200', HOUR, { status: 'pending' }), ...habits] }), level: 'block', has: ['dailyCap'] },
    { title: 'a first payment over the first-payment cap', given: request([out(stranger, usd('200'))], { parties: { ...parties, [stranger]: eoa } }), level: 'block', has: ['firstPaymentCap'] },
    { title: 'a blocked recipient', given: request([out(cafe, usd('5'))], { parties: { ...parties, [cafe]: { ...eoa, status: 'blocked' } } }), level: 'block', rules: ['blockedMerchant'] },
    { title: 'a blocked site, even for a usual payment', given: request([out(cafe, usd('5'))], { originStatus: 'blocked', origin: 'https://evil.example' }), level: 'block', rules: ['blockedOrigin'] },
    { title: 'an unlimited approval when the community forbids them', given: request([allow(router, MAX_UINT256)], { policy: { ...policy, unlimitedApprovalsAllowed: false } }), level: 'block', has: ['unlimitedApproval'] },
  ])('$title', (row) => {
    check(row);
    const hard = assessRequest(row.given).reasons.filter((reason) => reason.class === 'hard');
    expect(hard.length).toBeGreaterThan(0);
    for (const reason of hard) expect(reason).toMatchObject({ hard: true, policyVersion: 9n, message: expect.stringContaining('(policy version 9)') });
  });
});

describe('danger signals warn, and nothing offsets them', () => {
  // Each on a trusted site, with every party trusted: the credits lower nothing.
  test.each<Row & { danger: RiskRule }>([
    { title: 'a look-alike of a merchant paid before', danger: 'lookAlikeAddress', given: request([out(cafeTwin, usd('5'))], { ...trusted, parties: trustedParties(cafeTwin) }), level: 'warn', score: 60, rules: ['lookAlikeAddress', 'firstPayment', 'trustedSite', 'trustedMerchant'] },
    { title: 'an approval to a plain account', danger: 'approvalToAccount', given: request([allow(stranger, usd('50'))], { ...trusted, parties: trustedParties(stranger) }), level: 'warn', score: 50 },
    { title: 'a permit signed to a plain account', danger: 'approvalToAccount', given: request([allow(stranger, usd('50'), 'permit')], trusted), level: 'warn', score: 50 },
    { title: 'a Permit2 allowance to a plain account', danger: 'approvalToAccount', given: request([allow(stranger, usd('50'), 'permit2')], trusted), level: 'warn', score: 50 },
    { title: 'an unlimited approval (the community allows them)', danger: 'unlimitedApproval', given: request([allow(router, MAX_UINT256)], { ...trusted, parties: trustedParties(router) }), level: 'warn', score: 40 },
    { title: 'tokens sent to a token contract', danger: 'recipientIsToken', given: request([out(cgUsd, usd('5'))], trusted), level: 'warn', has: ['recipientIsToken', 'firstPayment'] },
    {
      title: 'a call to a fresh contract that drains assets',
      danger: 'freshContractDrain',
      given: request([out(drainer, usd('80')), { kind: 'itemOut', token: stranger, standard: 'erc721', to: stranger, tokenId: 7n, amount: 1n }], { ...trusted, target: { address: drainer, recognised: 'unknown' } }),
      level: 'block',
      has: ['freshContractDrain', 'firstPayment', 'itemsLeaving', 'unknownContractCall'],
    },
    { title: 'an approval to a contract created only recently', danger: 'freshSpender', given: request([allow(drainer, usd('50'))], { ...trusted, parties: trustedParties(drainer) }), level: 'warn', score: 50 },
    { title: 'a Permit2 allowance to a contract created only recently', danger: 'freshSpender', given: request([allow(drainer, usd('50'), 'permit2')], trusted), level: 'warn', score: 50 },
    { title: 'an operator approval to a contract created only recently', danger: 'freshSpender', given: request([{ kind: 'operator', token: weth, operator: drainer, approved: true }], trusted), level: 'warn', has: ['freshSpender', 'operatorApproval'] },
  ])('$title', (row) => {
    check(row);
    const reason = assessRequest(row.given).reasons.find((r) => r.rule === row.danger);
    expect(reason).toMatchObject({ class: 'danger' satisfies SignalClass, atLeast: 'warn', points: SIGNAL_POINTS[row.danger as keyof typeof SIGNAL_POINTS] });
  });

  test('a danger signal warns even under a community warnAt above its points', () => {
    expect(verdict(request([allow(stranger, usd('50'))], { ...trusted, policy: { ...policy, warnAt: 70, blockAt: 90 } }))).toMatchObject({ level: 'warn', score: 50 });
  });

  test('an approval to a long-lived router (it had code a week ago) adds no danger', () => {
    expect(verdict(request([allow(router, usd('50'))], trusted))).toMatchObject({ level: 'allow', rules: ['trustedSite'] });
    expect(verdict(request([allow(router, usd('50'), 'permit2')], trusted)).rules).not.toContain('freshSpender');
  });

  test('a fresh contract that gives something back is not a drain but is no exchange either; an old unknown contract that takes assets is not a danger', () => {
    expect(verdict(request([out(drainer, usd('20')), back(drainer, parseEther('0.01'))], { target: { address: drainer, recognised: 'unknown' } }))).toMatchObject({
      level: 'warn',
      rules: ['freshContractSwap', 'firstPayment', 'unknownContractCall'],
    });
    expect(verdict(request([out(router, usd('20'))], { target: { address: router, recognised: 'unknown' } })).rules).not.toContain('freshContractDrain');
  });
});

describe('mild signals warn together or when strong, can be acknowledged, and never block on their own', () => {
  test.each<Row>([
    { title: 'a first payment alone is allowed', given: request([out(stranger, usd('5'))], { originStatus: undefined }), level: 'allow', score: 20, rules: ['firstPayment'] },
    { title: 'a first payment on a site neither the community nor the shopper knows is still allowed', given: request([out(stranger, usd('5'))], { origin: 'https://new.example' }), level: 'allow', score: 35, rules: ['firstPayment', 'unknownSite'] },
    { title: 'an unknown site the shopper has paid on before is not "unknown"', given: request([out(cafe, usd('5'))]), level: 'allow', score: 0, rules: [] },
    { title: 'an amount twenty times the usual, to the regular café, warns on its own', given: request([out(cafe, usd('100'))]), level: 'warn', score: 40, rules: ['unusualAmount'] },
    { title: 'paying the grocer its usual (larger) amount again is not unusual', given: request([out(grocer, usd('55'))], { origin: 'https://grocer.example' }), level: 'allow', score: 0, rules: [] },
    {
      title: 'the fourth payment in ten minutes, to a known merchant, raises the score but does not warn',
      given: request([out(cafe, usd('5'))], { history: [paid(cafe, '5', 60_000), paid(cafe, '5', 120_000), paid(cafe, '5', 180_000), ...habits] }),
      level: 'allow',
      score: 25,
      rules: ['paymentBurst'],
    },
    {
      title: 'many mild signals together warn but stop just below blockAt',
      given: request([out(stall(1), usd('120')), out(stall(2), usd('120')), out(stall(3), usd('120'))], {
        origin: 'https://new.example',
        target: { address: router, recognised: 'unknown' },
        history: [paid(stall(4), '5', 60_000, { status: 'pending' }), paid(stall(5), '5', 120_000, { status: 'pending' }), paid(stall(6), '5', 180_000, { status: 'pending' }), ...habits],
      }),
      level: 'warn',
      score: 79,
    },
  ])('$title', (row) => {
    check(row);
    for (const reason of assessRequest(row.given).reasons) expect(reason.class === 'mild' || reason.class === 'credit').toBe(true);
  });

  test('credits lower only the familiarity signals: a trusted site does not hide an unusual amount', () => {
    expect(verdict(request([out(cafe, usd('100'))], trusted))).toMatchObject({ level: 'warn', score: 40 });
    expect(verdict(request([out(stranger, usd('5'))], trusted))).toMatchObject({ level: 'allow', score: 5 });
    expect(verdict(request([out(stranger, usd('5'))], { ...trusted, parties: trustedParties(stranger) }))).toMatchObject({ level: 'allow', score: 0 });
  });

  test('the first-payment reason names a look-alike in full (its short form is the familiar address\'s)', () => {
    const reasons = assessRequest(request([out(cafeTwin, usd('5'))])).reasons;
    expect(reasons.find((reason) => reason.rule === 'firstPayment')?.message).toBe(`You have never paid ${cafeTwin} from this wallet.`);
  });

  test('a danger signal plus mild signals may block', () => {
    expect(verdict(request([out(cafeTwin, usd('5'))], { parties: { ...parties, [cafeTwin]: eoa } }))).toMatchObject({ level: 'block', score: 80, rules: ['lookAlikeAddress', 'firstPayment'] });
  });
});

describe('what the issue found, fixed', () => {
  test('history poisoning: a zero-value call makes nobody familiar; "claim for free, then mint for 0.9 ETH" meets the first-payment cap', () => {
    const claim: PastPayment = { token: NATIVE_TOKEN, to: drainer, amount: 0n, timestamp: NOW - 10 * 60_000, origin: 'https://claim.example' };
    const mint = request([out(drainer, parseEther('0.9'), NATIVE_TOKEN)], { history: [claim, ...habits], origin: 'https://claim.example', target: { address: drainer, recognised: 'unknown' }, parties: { ...parties, [drainer]: { ...eoa, isContract: true } } });
    expect(verdict(mint)).toMatchObject({ level: 'block', rules: expect.arrayContaining(['firstPaymentCap', 'firstPayment']) });
  });

  test('a zero-value transfer to a look-alike does not hide the look-alike', () => {
    const poison = paid(cafeTwin, '0', 5 * 60_000);
    expect(verdict(request([out(cafeTwin, usd('5'))], { history: [poison, ...habits], parties: { ...parties, [cafeTwin]: eoa } })).rules).toContain('lookAlikeAddress');
  });

  test('a payment that is still pending (or failed) does not make its recipient familiar', () => {
    const pending = paid(stranger, '5', DAY, { status: 'pending' });
    expect(verdict(request([out(stranger, usd('140'))], { history: [pending, ...habits], parties: { ...parties, [stranger]: eoa } })).rules).toContain('firstPayment');
    expect(verdict(request([out(stranger, usd('5'))], { history: [paid(stranger, '5', DAY), ...habits], parties: { ...parties, [stranger]: eoa } })).rules).not.toContain('firstPayment');
  });

  test('"pay a little first, then a lot": a tiny confirmed payment does not make a large one usual', () => {
    const tiny = paid(stranger, '0.5', 3 * HOUR, { origin: 'https://claim.example' });
    expect(verdict(request([out(stranger, usd('140'))], { history: [tiny, ...habits], ...trusted, parties: { ...parties, [stranger]: eoa } }))).toMatchObject({ level: 'warn', rules: expect.arrayContaining(['unusualAmount']) });
  });

  test('a trusted site does not cancel an approval to a plain account', () => {
    expect(verdict(request([allow(stranger, usd('30'))], trusted))).toMatchObject({ level: 'warn', score: 50, rules: ['approvalToAccount', 'trustedSite'] });
  });

  test('a hundred times the usual amount, under the single-payment limit, warns on a trusted site', () => {
    expect(verdict(request([out(cafe, usd('500'))], { ...trusted, parties: trustedParties(cafe) }))).toMatchObject({ level: 'warn', rules: ['unusualAmount', 'trustedSite', 'trustedMerchant'] });
  });

  test('a payment late in a fast burst to new recipients warns on a trusted site', () => {
    const burst = [1, 2, 3].map((n) => paid(stall(n), '5', n * 60_000, { status: 'pending', origin: 'https://trusted.example' }));
    expect(verdict(request([out(stall(9), usd('5'))], { ...trusted, history: [...burst, ...habits] }))).toMatchObject({ level: 'warn', rules: ['paymentBurst', 'firstPayment', 'trustedSite'] });
  });

  test('a market day: several new stalls on one market page, minutes apart, are allowed, and a block never comes from them', () => {
    const profile = ShopperProfile.fromHistory(habits);
    const levels: RiskLevel[] = [];
    for (let n = 0; n < 6; n++) {
      const now = NOW + n * 7 * 60_000;
      const given = request([out(stall(n), usd(String(3 + n)))], { origin: 'https://market.example', profile, now });
      levels.push(assessRequest(given).level);
      profile.add({ token: cgUsd, to: stall(n), amount: usd(String(3 + n)), timestamp: now, origin: 'https://market.example', status: 'pending', id: `m${n}` });
    }
    expect(levels).toEqual(['allow', 'allow', 'allow', 'allow', 'allow', 'allow']);
  });

  test('a small swap through a router never used is an exchange, not a first payment; the limits still apply to what leaves', () => {
    const swap = (amount: string) => request([out(router, usd(amount)), back(router, parseEther('0.01'))], { target: { address: router, recognised: 'unknown' }, origin: 'https://dex.example' });
    expect(verdict(swap('20'))).toMatchObject({ level: 'allow', rules: ['unknownSite', 'unknownContractCall'] });
    expect(verdict(swap('1500'))).toMatchObject({ level: 'block', rules: expect.arrayContaining(['maxSinglePayment']) });
    expect(verdict(swap('1500')).rules).not.toContain('firstPaymentCap');
  });

  test('value into a contract that keeps it is a payment: first payment, cap, amount model', () => {
    expect(verdict(request([out(router, usd('200'))], { target: { address: router, recognised: 'unknown' } })).rules).toEqual(expect.arrayContaining(['firstPaymentCap', 'firstPayment', 'unusualAmount']));
  });

  test('wrapping ETH (value to a token contract that returns the token) is not "assets to a token contract"', () => {
    const wrap = request([out(weth, parseEther('0.1'), NATIVE_TOKEN), back(weth, parseEther('0.1'))], { target: { address: weth, recognised: 'unknown' } });
    expect(verdict(wrap).rules).not.toContain('recipientIsToken');
  });
});

describe('every attack family of the benchmark is caught on a clear example', () => {
  const onTrusted = (effects: Effect[], extra: Partial<AssessRequestInput> = {}) => request(effects, { ...trusted, ...extra });
  test.each<{ family: string; given: AssessRequestInput; rule: RiskRule }>([
    { family: 'lookAlike', given: onTrusted([out(cafeTwin, usd('5'))]), rule: 'lookAlikeAddress' },
    { family: 'poisonedLookAlike', given: onTrusted([out(cafeTwin, usd('5'))], { history: [paid(cafeTwin, '0', 60_000), ...habits] }), rule: 'lookAlikeAddress' },
    { family: 'dustedLookAlike', given: onTrusted([out(cafeTwin, usd('5'))], { history: [paid(cafeTwin, '0.000001', 60_000, { origin: 'https://trusted.example' }), ...habits] }), rule: 'lookAlikeAddress' },
    { family: 'approvalToAccount', given: request([allow(stranger, usd('80'))]), rule: 'approvalToAccount' },
    { family: 'permitToAccount', given: request([allow(stranger, MAX_UINT256, 'permit2')]), rule: 'approvalToAccount' },
    { family: 'unlimitedApproval', given: request([allow(router, MAX_UINT256)]), rule: 'unlimitedApproval' },
    { family: 'contractDrain', given: onTrusted([out(stranger, usd('300'))], { target: { address: drainer, recognised: 'unknown' } }), rule: 'freshContractDrain' },
    { family: 'fakeSwapDrain', given: onTrusted([out(drainer, usd('8')), back(drainer, 1n, stranger)], { target: { address: drainer, recognised: 'unknown' } }), rule: 'freshContractSwap' },
    { family: 'suddenLargeAmount', given: onTrusted([out(cafe, usd('400'))]), rule: 'unusualAmount' },
    { family: 'burst', given: onTrusted([out(stall(9), usd('6'))], { history: [1, 2, 3, 4].map((n) => paid(stall(n), '6', n * 50_000)).concat(habits) }), rule: 'paymentBurst' },
    { family: 'recipientIsToken', given: onTrusted([out(cgUsd, usd('6'))]), rule: 'recipientIsToken' },
    { family: 'zeroValuePoisoning', given: request([out(drainer, parseEther('0.5'), NATIVE_TOKEN)], { history: [{ token: NATIVE_TOKEN, to: drainer, amount: 0n, timestamp: NOW - 60_000 }, ...habits], target: { address: drainer, recognised: 'unknown' } }), rule: 'firstPaymentCap' },
    { family: 'primedRecipient', given: request([out(stranger, usd('120'))], { history: [paid(stranger, '0.2', HOUR, { origin: 'https://claim.example' }), ...habits], origin: 'https://claim.example' }), rule: 'unusualAmount' },
    { family: 'trustedSiteOffset', given: onTrusted([allow(stranger, usd('40'), 'permit')], { parties: trustedParties(stranger) }), rule: 'approvalToAccount' },
    { family: 'operatorToAccount', given: onTrusted([{ kind: 'operator', token: router, operator: stranger, approved: true }]), rule: 'approvalToAccount' },
  ])('$family', ({ given, rule }) => {
    const result = assessRequest(given);
    expect(result.level).not.toBe('allow');
    expect(result.reasons.map((reason) => reason.rule)).toContain(rule);
  });
});
