import { type Address, parseEther, parseUnits } from 'viem';
import { describe, expect, test } from 'vitest';
import { NATIVE_TOKEN } from '../decode/index.js';
import type { Effect } from '../effects/index.js';
import { type AssessRequestInput, assessRequest, classifyTransfer, type PastPayment, type RiskPolicy } from './index.js';

const coffee: Address = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
const blocked: Address = '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f';
const router: Address = '0xa513E6E4b8f2a923D98304ec87F64353C4D5C853';
const cgUsd: Address = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707';
const NOW = 1_800_000_000_000;

const policy: RiskPolicy = {
  version: 7n,
  warnAt: 40,
  blockAt: 80,
  unlimitedApprovalsAllowed: false,
  tokenLimits: [
    { token: NATIVE_TOKEN, maxSinglePayment: parseEther('1'), dailyCap: parseEther('2'), maxFirstPayment: parseEther('0.25') },
    { token: cgUsd, maxSinglePayment: parseUnits('500', 6), dailyCap: parseUnits('1000', 6), maxFirstPayment: parseUnits('100', 6) },
  ],
};
const paidCoffee: PastPayment[] = [{ token: cgUsd, to: coffee, amount: parseUnits('5', 6), timestamp: NOW - 48 * 3_600_000 }];
const usd = (to: Address | null, amount: string): Effect => ({ kind: 'assetOut', token: cgUsd, to, amount: parseUnits(amount, 6) });

function input(effects: Effect[], overrides: Partial<AssessRequestInput> = {}): AssessRequestInput {
  return {
    effects: { basis: 'simulation', effects },
    parties: {
      [coffee.toLowerCase()]: { status: 'trusted', note: 'Corner Coffee', isContract: false, isToken: false },
      [blocked.toLowerCase()]: { status: 'blocked', note: 'Reported for fake invoices', isContract: false, isToken: false },
      [router.toLowerCase()]: { status: 'unknown', isContract: true, isToken: false },
    },
    tokens: { [cgUsd.toLowerCase()]: { symbol: 'cgUSD', decimals: 6 } },
    policy,
    originStatus: 'trusted',
    origin: 'http://localhost:5174',
    history: paidCoffee,
    now: NOW,
    ...overrides,
  };
}
const rules = (given: AssessRequestInput) => assessRequest(given).reasons.map((reason) => reason.rule);

describe('assessRequest', () => {
  test('a payment split into several transfers to one recipient meets the single-payment limit as one', () => {
    const result = assessRequest(input([usd(coffee, '300'), usd(coffee, '300')]));
    expect(result.level).toBe('block');
    expect(result.reasons[0]?.message).toBe("600 cgUSD to Corner Coffee (0x14dC…9955) is more than the community's maximum single payment of 500 cgUSD (policy version 7).");
  });

  test('a router that forwards an approved amount to a blocked merchant is blocked by the recipient and the limits', () => {
    const given = input([usd(blocked, '600')], { target: { address: router, recognised: 'unknown' } });
    expect(rules(given).slice(0, 3)).toEqual(['blockedMerchant', 'maxSinglePayment', 'firstPaymentCap']);
    expect(assessRequest(given).level).toBe('block');
  });

  test('outflows of one token to several recipients add up for the daily cap', () => {
    expect(rules(input([usd(coffee, '450'), usd(router, '90')]))).not.toContain('dailyCap');
    expect(rules(input([usd(coffee, '450'), usd(router, '90')], { history: [...paidCoffee, { token: cgUsd, to: router, amount: parseUnits('480', 6), timestamp: NOW - 3_600_000 }] }))).toContain('dailyCap');
  });

  test('an order that gives assets to whoever fills it is a first payment to an unknown recipient', () => {
    const given = input([usd(null, '150')]);
    expect(rules(given)).toContain('firstPaymentCap');
    expect(assessRequest(given).reasons.find((reason) => reason.rule === 'firstPayment')?.message).toBe('Whoever fills this order receives your assets; you cannot know them in advance.');
  });

  test('an operator approval to a plain account warns', () => {
    const given = input([{ kind: 'operator', token: router, operator: coffee.replace('14dC', '14dD') as Address, approved: true }]);
    expect(assessRequest(given).level).toBe('warn');
    expect(rules(given)).toEqual(['approvalToAccount', 'operatorApproval', 'trustedSite']);
  });

  test('a concern from the understanding step makes the verdict at least a warning', () => {
    const given = input([], { concerns: [{ rule: 'cannotTell', message: 'The wallet cannot tell what this does.' }] });
    expect(assessRequest(given)).toMatchObject({ level: 'warn', score: 0 });
    expect(rules(given)[0]).toBe('cannotTell');
  });

  test('a request with no effects on a trusted site is allowed with no payment rules', () => {
    expect(assessRequest(input([]))).toMatchObject({ level: 'allow', score: 0 });
  });
});

describe('the poisonedAddress signal', () => {
  const shopper: Address = '0x976EA74026E726554dB657fA54763abd0C3a0aa9';
  /** Corner Coffee's first and last four hex characters, the rest different: the poisoner's address. */
  const lookAlike: Address = '0x14dC000000000000000000000000000000009955';
  /** Another address with the same ends (a second look-alike the attacker may use). */
  const otherLookAlike: Address = '0x14Dc111111111111111111111111111111119955';
  const stranger: Address = '0x2546BcD3c84621e976D8185a91A922aE77ECEc30';
  const paid: PastPayment[] = [...paidCoffee, { token: cgUsd, to: coffee, amount: parseUnits('6', 6), timestamp: NOW - 96 * 3_600_000 }];
  // A zero-value transferFrom(shopper, lookAlike, 0) on the real token, as the wallet read it from the logs.
  const primer = classifyTransfer({ token: cgUsd, from: shopper, to: lookAlike, value: 0n, hash: `0x${'ab'.repeat(32)}`, logIndex: 3, blockNumber: 120n }, shopper, { symbol: 'cgUSD', decimals: 6 });
  if (primer === null) throw new Error('a zero-value transfer is a primer');
  const pay = (to: Address, history: PastPayment[] = paid, suspicious = [primer]) => input([usd(to, '5')], { history, suspiciousTransfers: suspicious, originStatus: 'unknown', origin: 'https://shop.example' });
  const reason = (given: AssessRequestInput) => assessRequest(given).reasons.find((found) => found.rule === 'poisonedAddress');

  test('paying the counterparty of a primer warns, names the primer and the merchant it imitates (with the look-alike danger)', () => {
    const result = assessRequest(pay(lookAlike));
    expect(result.level).not.toBe('allow');
    expect(result.reasons.map((found) => found.rule)).toEqual(expect.arrayContaining(['poisonedAddress', 'lookAlikeAddress']));
    expect(reason(pay(lookAlike))).toMatchObject({ class: 'danger', atLeast: 'warn' });
    expect(reason(pay(lookAlike))?.message).toBe(
      `${lookAlike} is the address in a transfer of 0 cgUSD you did not make, to 0x14dC…9955. It also looks like ${coffee}, which you paid before, but it is a different address. Someone may be trying to get you to copy it: check the address where you first got it, never from your history.`,
    );
  });

  test('paying another address with the same ends as a primer’s counterparty warns, even with no history', () => {
    expect(assessRequest(pay(otherLookAlike, [])).level).not.toBe('allow');
    expect(reason(pay(otherLookAlike, []))?.message).toContain(`${otherLookAlike} looks like ${lookAlike}, the address in a transfer of 0 cgUSD you did not make`);
  });

  test('a primer’s counterparty is never familiar: paying it with no history is still a first payment, and warns', () => {
    expect(rules(pay(lookAlike, []))).toEqual(expect.arrayContaining(['poisonedAddress', 'firstPayment']));
  });

  test('benign: paying the merchant the primer imitates, or a new address unlike any primer, adds nothing', () => {
    expect(reason(pay(coffee))).toBeUndefined();
    expect(rules(pay(coffee))).toEqual(rules(pay(coffee, paid, [])));
    expect(reason(pay(stranger))).toBeUndefined();
    expect(rules(pay(stranger))).toEqual(rules(pay(stranger, paid, [])));
  });
});
