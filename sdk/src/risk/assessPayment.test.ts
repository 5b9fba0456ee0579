import { type Address, parseEther } from 'viem';
import { describe, expect, test } from 'vitest';
import { MAX_UINT256, NATIVE_TOKEN, type PayAction } from '../decode/index.js';
import { AMOUNT_MODEL_WINDOW, type AssessPaymentInput, assessPayment, type PastPayment, type RiskPolicy, SIGNAL_POINTS } from './index.js';

const coffee: Address = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
const stranger: Address = '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720';
const twinOfCoffee: Address = '0x14dC00000000000000000000000000000000995' + '5' as Address;
const cgUsd: Address = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;

const policy: RiskPolicy = {
  version: 7n,
  warnAt: 40,
  blockAt: 80,
  unlimitedApprovalsAllowed: false,
  tokenLimits: [
    { token: NATIVE_TOKEN, maxSinglePayment: parseEther('1'), dailyCap: parseEther('2'), maxFirstPayment: parseEther('0.25') },
    { token: cgUsd, maxSinglePayment: parseEther('500'), dailyCap: parseEther('1000'), maxFirstPayment: parseEther('100') },
  ],
};

const eth = (to: Address, amount: string): PayAction => ({ kind: 'nativeTransfer', token: NATIVE_TOKEN, to, amount: parseEther(amount) });
const usd = (to: Address, amount: string): PayAction => ({ kind: 'tokenTransfer', method: 'transfer', token: cgUsd, to, amount: parseEther(amount) });
const approve = (spender: Address, amount: bigint): PayAction => ({
  kind: 'tokenApproval', method: 'approve', token: cgUsd, spender, amount, unlimited: amount >= 2n ** 128n,
});
const paid = (to: Address, amount: string, hoursAgo: number, token: Address = NATIVE_TOKEN): PastPayment => ({
  token, to, amount: parseEther(amount), timestamp: NOW - hoursAgo * HOUR,
});
/** Five ordinary coffee payments, long ago: the shopper knows this merchant. */
const regular = [0.01, 0.012, 0.011, 0.009, 0.01].map((amount, i) => paid(coffee, String(amount), 48 + i));

function input(overrides: Partial<AssessPaymentInput>): AssessPaymentInput {
  return {
    action: eth(coffee, '0.01'),
    policy,
    merchantStatus: 'unknown',
    originStatus: undefined,
    origin: 'http://localhost:5174',
    recipient: { isContract: false, isToken: false },
    token: { symbol: 'ETH', decimals: 18 },
    history: regular,
    now: NOW,
    ...overrides,
  };
}

describe('assessPayment', () => {
  test.each<{ title: string; input: AssessPaymentInput; level: 'allow' | 'warn' | 'block'; score: number; rules: string[] }>([
    { title: 'a usual payment to a known recipient is allowed with no reasons', input: input({}), level: 'allow', score: 0, rules: [] },
    {
      title: 'a small first payment to a trusted merchant on a trusted site is allowed',
      input: input({ history: [], merchantStatus: 'trusted', originStatus: 'trusted' }),
      level: 'allow', score: 0, rules: ['firstPayment', 'trustedSite', 'trustedMerchant'],
    },
    {
      title: 'a first payment to an unknown recipient on an unreviewed site is allowed: familiarity signals alone stay below warnAt',
      input: input({ history: [], action: eth(stranger, '0.1'), originStatus: 'unknown' }),
      level: 'allow', score: 35, rules: ['firstPayment', 'unknownSite'],
    },
    {
      title: 'over the maximum single payment blocks',
      input: input({ action: eth(coffee, '1.5'), merchantStatus: 'trusted' }),
      level: 'block', score: 100, rules: ['maxSinglePayment', 'unusualAmount', 'trustedMerchant'],
    },
    {
      title: 'exactly the maximum single payment is not over it',
      input: input({ action: eth(coffee, '1'), history: [paid(coffee, '0.9', 100)] }),
      level: 'allow', score: 0, rules: [],
    },
    {
      title: 'over the daily cap (rolling 24 hours) blocks',
      input: input({ action: eth(coffee, '0.6'), history: [paid(coffee, '0.9', 2), paid(coffee, '0.9', 20)] }),
      level: 'block', score: 100, rules: ['dailyCap'],
    },
    {
      title: 'payments older than 24 hours do not count toward the daily cap',
      input: input({ action: eth(coffee, '0.6'), history: [paid(coffee, '0.9', 25), paid(coffee, '0.9', 30)] }),
      level: 'allow', score: 0, rules: [],
    },
    {
      title: 'a first payment over the first-payment cap blocks',
      input: input({ action: eth(stranger, '0.3'), merchantStatus: 'trusted' }),
      level: 'block', score: 100, rules: ['firstPaymentCap', 'unusualAmount', 'firstPayment', 'trustedMerchant'],
    },
    {
      title: 'a blocked merchant blocks',
      input: input({ merchantStatus: 'blocked' }),
      level: 'block', score: 100, rules: ['blockedMerchant'],
    },
    {
      title: 'a blocked site blocks even a usual payment',
      input: input({ originStatus: 'blocked', origin: 'http://scam.localhost:5174' }),
      level: 'block', score: 100, rules: ['blockedOrigin'],
    },
    {
      title: 'an unlimited approval blocks when the community forbids it',
      input: input({ action: approve(coffee, MAX_UINT256), token: { symbol: 'cgUSD', decimals: 18 }, recipient: { isContract: true, isToken: false } }),
      level: 'block', score: 100, rules: ['unlimitedApproval'],
    },
    {
      title: 'an unlimited approval is a danger signal when the community allows it: it warns',
      input: input({
        policy: { ...policy, unlimitedApprovalsAllowed: true },
        action: approve(coffee, MAX_UINT256),
        token: { symbol: 'cgUSD', decimals: 18 },
        recipient: { isContract: true, isToken: false },
        originStatus: 'unknown',
      }),
      level: 'warn', score: 55, rules: ['unlimitedApproval', 'unknownSite'],
    },
    {
      title: 'an approval to an account with no code warns',
      input: input({ action: approve(stranger, parseEther('10')), token: { symbol: 'cgUSD', decimals: 18 }, originStatus: 'unknown' }),
      level: 'warn', score: 65, rules: ['approvalToAccount', 'unknownSite'],
    },
    {
      title: 'an approval larger than the maximum single payment blocks',
      input: input({ action: approve(stranger, parseEther('600')), token: { symbol: 'cgUSD', decimals: 18 }, recipient: { isContract: true, isToken: false } }),
      level: 'block', score: 100, rules: ['maxSinglePayment'],
    },
    {
      title: 'sending tokens to a token contract warns',
      input: input({ action: usd(cgUsd, '5'), token: { symbol: 'cgUSD', decimals: 18 }, recipient: { isContract: true, isToken: true }, history: [paid(cgUsd, '5', 100, cgUsd)] }),
      level: 'warn', score: 50, rules: ['recipientIsToken'],
    },
    {
      title: 'an address that looks like one paid before (same first and last characters) warns',
      input: input({ action: eth(twinOfCoffee, '0.01') }),
      level: 'block', score: 80, rules: ['lookAlikeAddress', 'firstPayment'],
    },
    {
      title: 'many payments in a short time raise the score',
      input: input({ history: [...regular, ...[1, 2, 3, 4].map((m) => ({ ...paid(coffee, '0.01', 0), timestamp: NOW - m * 60_000 }))] }),
      level: 'allow', score: 25, rules: ['paymentBurst'],
    },
    {
      title: 'many payments in a short time plus a new recipient warn',
      input: input({ action: eth(stranger, '0.01'), history: [...regular, ...[1, 2, 3, 4].map((m) => ({ ...paid(coffee, '0.01', 0), timestamp: NOW - m * 60_000 }))] }),
      level: 'warn', score: 60, rules: ['paymentBurst', 'firstPayment'],
    },
    {
      title: 'an amount far above the shopper\'s usual ones raises the score',
      input: input({ action: eth(coffee, '0.5'), originStatus: 'unknown' }),
      level: 'warn', score: 55, rules: ['unusualAmount', 'unknownSite'],
    },
    {
      title: 'one past outlier does not make the next large-ish payment unusual (robust statistic)',
      input: input({ action: eth(coffee, '0.013'), history: [...regular, paid(coffee, '0.9', 60)] }),
      level: 'allow', score: 0, rules: [],
    },
    {
      title: 'the amount model ignores other tokens',
      input: input({ action: usd(coffee, '50'), token: { symbol: 'cgUSD', decimals: 18 } }),
      level: 'allow', score: 0, rules: [],
    },
    {
      title: 'a smaller-than-usual amount is not unusual',
      input: input({ action: eth(coffee, '0.0001') }),
      level: 'allow', score: 0, rules: [],
    },
    {
      title: 'a contract call the wallet cannot read, sending no value',
      input: input({ action: { kind: 'contractCall', to: cgUsd, value: 0n, data: '0x12345678', selector: '0x12345678' }, recipient: { isContract: true, isToken: false } }),
      level: 'allow', score: 10, rules: ['unknownContractCall'],
    },
    {
      title: 'value sent into an unreadable contract call counts as a native payment',
      input: input({ action: { kind: 'contractCall', to: stranger, value: parseEther('2.5'), data: '0x12345678', selector: '0x12345678' }, recipient: { isContract: true, isToken: false } }),
      level: 'block', score: 100, rules: ['maxSinglePayment', 'dailyCap', 'firstPaymentCap', 'unusualAmount', 'firstPayment', 'unknownContractCall'],
    },
    {
      title: 'a token with no limits in the policy only gets signals',
      input: input({ action: { kind: 'tokenTransfer', method: 'transfer', token: stranger, to: coffee, amount: 10n ** 30n }, token: { symbol: 'XYZ', decimals: 18 } }),
      level: 'allow', score: 0, rules: [],
    },
    {
      title: 'mild signals alone never block, even under a low blockAt: the score stops just below it',
      input: input({ policy: { ...policy, warnAt: 10, blockAt: 20 }, history: [], action: eth(stranger, '0.01') }),
      level: 'warn', score: 19, rules: ['firstPayment'],
    },
  ])('$title', ({ input: given, level, score, rules }) => {
    const result = assessPayment(given);
    expect(result.level).toBe(level);
    expect(result.score).toBe(score);
    expect(result.reasons.map((reason) => reason.rule)).toEqual(rules);
    expect(result.policyVersion).toBe(7n);
  });

  test('hard rules name the policy version and say what happened in plain words', () => {
    const result = assessPayment(input({ action: eth(coffee, '1.5') }));
    const reason = result.reasons[0];
    expect(reason).toMatchObject({ rule: 'maxSinglePayment', hard: true, policyVersion: 7n });
    expect(reason?.message).toBe("1.5 ETH to 0x14dC…9955 is more than the community's maximum single payment of 1 ETH (policy version 7).");
  });

  test('signals carry their points and no policy version unless the community set them', () => {
    const result = assessPayment(input({ history: [], merchantStatus: 'trusted', action: eth(stranger, '0.01') }));
    expect(result.reasons).toContainEqual(expect.objectContaining({ rule: 'firstPayment', points: SIGNAL_POINTS.firstPayment }));
    expect(result.reasons.find((reason) => reason.rule === 'firstPayment')).not.toHaveProperty('policyVersion');
    expect(result.reasons.find((reason) => reason.rule === 'trustedMerchant')).toMatchObject({ points: SIGNAL_POINTS.trustedMerchant, policyVersion: 7n, class: 'credit' });
  });

  test('the community\'s note names the merchant in the reason', () => {
    expect(assessPayment(input({ merchantStatus: 'trusted', merchantNote: 'Corner Coffee' })).reasons.at(-1)?.message).toBe('The community trusts Corner Coffee (0x14dC…9955) (policy version 7).');
    expect(assessPayment(input({ merchantStatus: 'blocked', merchantNote: 'Reported for fake invoices' })).reasons[0]?.message).toBe(
      'The community has blocked 0x14dC…9955 (“Reported for fake invoices”); payments to it are not allowed (policy version 7).',
    );
  });

  test('a blocked site is named in the reason', () => {
    const result = assessPayment(input({ originStatus: 'blocked', origin: 'http://scam.localhost:5174' }));
    expect(result.reasons[0]?.message).toBe('The community has blocked the site http://scam.localhost:5174; it cannot ask for payments (policy version 7).');
  });

  test('the amount model learns from the most recent payments (habits change)', () => {
    const recent = Array.from({ length: AMOUNT_MODEL_WINDOW }, (_, i) => paid(coffee, '0.5', 30 + i));
    const old = Array.from({ length: 100 }, (_, i) => paid(coffee, '0.01', 500 + i));
    expect(assessPayment(input({ action: eth(coffee, '0.6'), history: [...recent, ...old] })).reasons).toEqual([]);
    expect(assessPayment(input({ action: eth(coffee, '0.6'), history: old })).reasons.map((r) => r.rule)).toEqual(['unusualAmount']);
  });

  test('is pure: the same input gives the same answer and the history is not changed', () => {
    const history = [...regular];
    const given = input({ history, action: eth(coffee, '0.5') });
    expect(assessPayment(given)).toEqual(assessPayment(given));
    expect(history).toEqual(regular);
  });
});
