import { describe, expect, test } from 'vitest';
import { parseUnits, type Address } from 'viem';
import { testDeployment, testDirectory } from '../../../test/testDeployment.js';
import type { Payout } from '../indexer/types.js';
import { applyPayByVote, applySetBudget, applyTreasurerPayout, emptyLedger, ledgerKey } from '@commonguard/sdk';
import { backtestPayouts, chainOrder, listingAfter, type ProposedRules } from './backtest.js';

const dir = testDirectory();
const cgUSD = testDeployment.contracts.demoStablecoin!;
const usd = (n: string) => parseUnits(n, 6);
const A = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955' as Address;
const B = '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720' as Address;
const C = '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f' as Address;
const HOUR = 3600n;
/** A UTC midnight: the treasury counts whole UTC days. */
const MIDNIGHT = 20_000n * 86_400n;
const TREASURER = '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc' as Address;
const TIMELOCK = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707' as Address;
let block = 0n;
/** A payout `hours` after MIDNIGHT, each in its own block unless `at` places it (block, log index). */
const payout = (recipient: Address, amount: string, hours: number, more: Partial<Payout> = {}): Payout => ({
  executor: TREASURER,
  token: cgUSD,
  recipient,
  amount: usd(amount),
  memo: '',
  byVote: false,
  timestamp: MIDNIGHT + BigInt(hours) * HOUR,
  blockNumber: ++block,
  logIndex: 0,
  tx: `0x${block.toString(16).padStart(64, '0')}`,
  ...more,
});
const vote = (recipient: Address, amount: string, hours: number, more: Partial<Payout> = {}) => payout(recipient, amount, hours, { executor: TIMELOCK, byVote: true, ...more });
const rules = (limits: { max?: string; daily?: string; first?: string }, merchants: [Address, 'blocked' | 'trusted', string][] = []): ProposedRules => ({
  snapshot: { version: 9n, warnAt: 40, blockAt: 80, unlimitedApprovalsAllowed: false, tokenLimits: [{ token: cgUSD, maxSinglePayment: usd(limits.max ?? '0'), dailyCap: usd(limits.daily ?? '0'), maxFirstPayment: usd(limits.first ?? '0') }] },
  merchants: new Map(merchants.map(([a, status, note]) => [a.toLowerCase(), { status, note }])),
});

describe('what the proposed rules would have done to past payouts', () => {
  test('names each refused payout and why, newest first; totals what they add up to', () => {
    const result = backtestPayouts([payout(A, '300', 0), payout(B, '450', 1), payout(C, '20', 2)], rules({ max: '400' }, [[C, 'blocked', 'Sold fake tickets']]), dir);
    expect(result.checked).toBe(3);
    expect(result.refused.map((r) => [r.payout.recipient, r.reasons])).toEqual([
      [C, ['the recipient would be blocked: “Sold fake tickets”']],
      [B, ['450 cgUSD to this recipient within two days (UTC) is above the maximum single payment of 400 cgUSD']],
    ]);
    expect(result.refusedTotals.get(cgUSD.toLowerCase())).toBe(usd('470'));
  });

  test('the daily cap counts the current and the previous UTC day of each treasurer, and refused payouts do not count', () => {
    const other = '0x90F79bf6EB2c4F870365E785982E1f101E93b906' as Address;
    const result = backtestPayouts(
      [payout(A, '300', 1), payout(B, '300', 10), payout(C, '300', 20), payout(A, '100', 21, { executor: other }), payout(B, '300', 30), payout(C, '400', 48)],
      rules({ daily: '700' }),
      dir,
    );
    // Day D: 300 + 300 = 600; 20 h: 900 > 700 refused; another treasurer has its own cap. Day D + 1 (30 h):
    // D still counts, 600 + 300 refused. Day D + 2 (48 h): D is forgotten, D + 1 holds nothing.
    expect(result.refused.map((r) => r.payout.timestamp)).toEqual([MIDNIGHT + 30n * HOUR, MIDNIGHT + 20n * HOUR]);
    expect(result.refused[1].reasons).toEqual(['this treasurer would have paid 900 cgUSD within two days (UTC), above the daily cap of 700 cgUSD']);
  });

  test('the first-payment cap holds while the first payout is in the window, across payouts', () => {
    const result = backtestPayouts([payout(A, '50', 0), payout(A, '60', 1), payout(B, '100', 2), payout(A, '200', 49)], rules({ first: '100' }), dir);
    // A: 50 then 60 on the same day is 110 to a newcomer; two midnights later A is known.
    expect(result.refused.map((r) => [r.payout.recipient, r.reasons])).toEqual([[A, ['a first payment to this recipient may be at most 100 cgUSD, and this makes 110 cgUSD']]]);
  });

  test('payouts by vote meet only the blocked list and the max single payment, and make a recipient known', () => {
    const result = backtestPayouts([vote(A, '400', 0), payout(A, '120', 1), vote(B, '450', 2)], rules({ max: '400', daily: '100', first: '100' }), dir);
    expect(result.refused.map((r) => [r.payout.recipient, r.payout.byVote])).toEqual([
      [B, true],
      [A, false],
    ]);
    expect(result.refused[1].reasons[0]).toContain('daily cap');
  });

  test('payouts that share a timestamp replay in chain order, whatever order the indexer lists them in', () => {
    // The indexer lists newest first. The vote paid Corner Coffee (A) in the block before the
    // treasurer's 120, at the same second: A is known by then.
    const paid = vote(A, '10', 0, { blockNumber: 100n, logIndex: 3 });
    const later = payout(A, '120', 0, { blockNumber: 101n, logIndex: 0 });
    const sameBlock = payout(B, '5', 0, { blockNumber: 100n, logIndex: 1 });
    expect(chainOrder([later, paid, sameBlock])).toEqual([sameBlock, paid, later]);
    expect(backtestPayouts([later, paid, sameBlock], rules({ first: '100' }), dir).refused).toEqual([]);
  });

  test('a batch is refused as a whole, its rows to one recipient summed', () => {
    const tx = `0x${'ab'.repeat(32)}` as const;
    const rows = [payout(A, '60', 0, { tx, blockNumber: 7n, logIndex: 0 }), payout(B, '10', 0, { tx, blockNumber: 7n, logIndex: 1 }), payout(A, '60', 0, { tx, blockNumber: 7n, logIndex: 2 })];
    const result = backtestPayouts(rows, rules({ first: '100' }), dir);
    expect(result.refused.map((r) => r.payout.recipient)).toEqual([A, B, A]);
    expect(result.refused[1].reasons[0]).toMatch(/^it was paid together with a payout that would have been refused/);
  });

  test('agrees with the sdk treasury rules on random histories', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648), seed % n);
    const who = [A, B, C];
    for (let history = 0; history < 40; ++history) {
      const payouts: Payout[] = [];
      let hours = 0;
      for (let i = 0; i < 25; ++i) {
        hours += rand(20);
        const p = rand(5) === 0 ? vote(who[rand(3)], String(1 + rand(500)), hours) : payout(who[rand(3)], String(1 + rand(500)), hours, { executor: rand(2) === 0 ? TREASURER : TIMELOCK });
        payouts.push(p);
      }
      const proposed = rules({ max: '450', daily: '800', first: '100' }, rand(3) === 0 ? [[C, 'blocked', '']] : []);
      // The module, call by call, with the same limits.
      const policy = { limits: () => proposed.snapshot.tokenLimits[0], isBlocked: (r: Address) => proposed.merchants.get(r.toLowerCase())?.status === 'blocked' };
      let ledger = emptyLedger;
      const expected: Payout[] = [];
      for (const p of payouts) {
        if (!p.byVote && !ledger.budgets.has(ledgerKey(p.executor, p.token))) {
          const granted = applySetBudget(ledger, { treasurer: p.executor, token: p.token, amountPerPeriod: 2n ** 100n, period: 2n ** 40n, timestamp: p.timestamp });
          if (granted.ok) ledger = granted.ledger;
        }
        const outcome = p.byVote
          ? applyPayByVote(ledger, policy, p)
          : applyTreasurerPayout(ledger, policy, { treasurer: p.executor, token: p.token, rows: [p], batch: false, timestamp: p.timestamp });
        if (outcome.ok) ledger = outcome.ledger;
        else expected.push(p);
      }
      const result = backtestPayouts([...payouts].reverse(), proposed, dir);
      expect(result.refused.map((r) => r.payout).reverse()).toEqual(expected);
    }
  });

  test('the listing after a proposal applies its merchant changes in order', () => {
    const after = listingAfter([{ merchant: A, status: 'trusted', note: 'Corner Coffee' }], [
      { merchant: C, status: 'blocked', note: 'Sold fake tickets' },
      { merchant: A, status: 'unknown', note: '' },
    ]);
    expect([...after]).toEqual([[C.toLowerCase(), { status: 'blocked', note: 'Sold fake tickets' }]]);
  });
});
