import { type Address, zeroAddress } from 'viem';
import { applyTreasurerPayout, ledgerFromViews } from '@commonguard/sdk';
import { describe, expect, test } from 'vitest';
import { precheckPayouts, totalsByRecipient, type PrecheckFigures } from './precheck';

const COFFEE = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955' as Address;
const HALL = '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720' as Address;
const NEW = '0x976EA74026E726554dB657fA54763abd0C3a0aa9' as Address;
const usd = (n: number) => BigInt(Math.round(n * 1e6));

const words = {
  amount: (v: bigint) => `${(Number(v) / 1e6).toLocaleString('en-US')} cgUSD`,
  account: (a: Address) => (a === COFFEE ? 'Corner Coffee' : `${a.slice(0, 6)}…`),
};
const figures = (over: Partial<PrecheckFigures> = {}): PrecheckFigures => ({
  maxSinglePayment: usd(500),
  dailyCap: usd(1000),
  maxFirstPayment: usd(100),
  dailySpent: usd(300),
  recipientWindow: (a) => ({ paid: 0n, isNew: a === NEW }),
  ...over,
});
const row = (line: number, recipient: Address, amount: number) => ({ line, recipient, amount: usd(amount) });

describe('precheckPayouts', () => {
  test('says what applies: the daily window and a first payment', () => {
    const check = precheckPayouts([row(1, COFFEE, 120), row(2, NEW, 80)], figures(), words);
    expect(check.ok).toBe(true);
    expect(check.notes).toEqual([
      'Today 300 cgUSD of 1,000 cgUSD daily cap already paid (the treasury counts today and yesterday, UTC).',
      'First payment to 0x976E…: capped at 100 cgUSD.',
    ]);
  });

  test('refuses a batch that splits one over-limit payment, on every row of it', () => {
    const check = precheckPayouts([row(1, COFFEE, 300), row(2, HALL, 50), row(3, COFFEE.toLowerCase() as Address, 250)], figures({ dailySpent: 0n }), words);
    expect(check.ok).toBe(false);
    const text =
      'Lines 1 and 3 pay Corner Coffee 550 cgUSD together: that is 50 cgUSD over the maximum single payment of 500 cgUSD. Rows to one recipient count as one payment.';
    expect(check.rowProblems).toEqual([[text], [], [text]]);
  });

  test('a single over-limit row is left to the row checks', () => {
    expect(precheckPayouts([row(1, COFFEE, 600)], figures({ dailySpent: 0n }), words).rowProblems).toEqual([[]]);
  });

  test('a first payment above the cap, also when split over rows', () => {
    const check = precheckPayouts([row(4, NEW, 60), row(5, NEW, 60)], figures(), words);
    expect(check.rowProblems[0]).toEqual([
      'First payment to 0x976E…: the treasury has never paid them, so at most 100 cgUSD; these rows pay 120 cgUSD, 20 cgUSD too much.',
    ]);
    expect(check.ok).toBe(false);
  });

  test('no first-payment claim while it is unknown whether the treasury paid the recipient', () => {
    const check = precheckPayouts([row(1, NEW, 400)], figures({ recipientWindow: () => undefined }), words);
    expect(check.ok).toBe(true);
    expect(check.notes).toHaveLength(1);
  });

  test('the daily cap counts the whole batch on top of the window', () => {
    const check = precheckPayouts([row(1, COFFEE, 400), row(2, HALL, 400)], figures(), words);
    expect(check.problems).toEqual([
      'Daily cap: 300 cgUSD already paid plus 800 cgUSD now is 100 cgUSD over the daily cap of 1,000 cgUSD. Pay the rest tomorrow, or ask for a vote.',
    ]);
    expect(precheckPayouts([row(1, COFFEE, 400), row(2, HALL, 300)], figures(), words).problems).toEqual([]);
  });

  test('counts what treasurers already paid the recipient today and yesterday', () => {
    const paidToday = figures({ recipientWindow: (a) => (a === COFFEE ? { paid: usd(450), isNew: false } : a === NEW ? { paid: usd(60), isNew: true } : { paid: 0n, isNew: false }) });
    const check = precheckPayouts([row(1, COFFEE, 100), row(2, NEW, 50)], paidToday, words);
    expect(check.ok).toBe(false);
    expect(check.rowProblems).toEqual([
      ['Corner Coffee was already paid 450 cgUSD by treasurers today or yesterday (UTC); with 100 cgUSD more that is 550 cgUSD, 50 cgUSD over the maximum single payment of 500 cgUSD. One recipient gets at most that within two days.'],
      ['First payment to 0x976E…: 0x976E… was already paid 60 cgUSD by treasurers today or yesterday (UTC); a new recipient gets at most 100 cgUSD until two midnights (UTC) after its first payment, and this makes 110 cgUSD, 10 cgUSD too much.'],
    ]);
    expect(precheckPayouts([row(1, COFFEE, 50), row(2, NEW, 40)], paidToday, words).ok).toBe(true);
    const rows = precheckPayouts([row(3, COFFEE, 30), row(4, COFFEE, 30)], paidToday, words);
    expect(rows.rowProblems[0]).toEqual([
      'Lines 3 and 4 pay Corner Coffee 60 cgUSD together; with the 450 cgUSD treasurers already paid them today or yesterday (UTC) that is 510 cgUSD, 10 cgUSD over the maximum single payment of 500 cgUSD. One recipient gets at most that within two days.',
    ]);
  });

  test('agrees with the sdk treasury rules on random rows and figures', () => {
    let seed = 11;
    const rand = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648), seed % n);
    const who = [COFFEE, HALL, NEW];
    for (let i = 0; i < 300; ++i) {
      const rows = Array.from({ length: 1 + rand(4) }, (_, line) => row(line + 1, who[rand(3)], 1 + rand(600)));
      const windows = new Map(who.map((a) => [a, { paid: usd(rand(3) === 0 ? 0 : rand(500)), isNew: rand(2) === 0 }]));
      const f = figures({ dailySpent: usd(rand(900)), recipientWindow: (a) => windows.get(a) });
      const check = precheckPayouts(rows, f, words);
      // The module on its own: a ledger with these figures and the same rows as one batch.
      const ledger = ledgerFromViews({
        timestamp: 0n,
        budgets: [{ treasurer: COFFEE, token: zeroAddress, amountPerPeriod: 10n ** 30n, period: 10n ** 9n, periodStart: 0n, spent: 0n, spentInWindow: f.dailySpent }],
        recipients: who.map((a) => ({ recipient: a, token: zeroAddress, paidInWindow: windows.get(a)!.paid, isNew: windows.get(a)!.isNew })),
      });
      const outcome = applyTreasurerPayout(ledger, { limits: () => f, isBlocked: () => false }, { treasurer: COFFEE, token: zeroAddress, rows: rows.map((r) => ({ recipient: r.recipient, amount: r.amount })), batch: true, timestamp: 0n });
      expect(check.ok, JSON.stringify(rows, (_, v) => (typeof v === 'bigint' ? v.toString() : v))).toBe(outcome.ok);
      // Whenever the module refuses, the person is told why (a row problem, the daily cap, or a lone row over the max the row checks name).
      if (!outcome.ok) {
        const told = check.problems.length > 0 || check.rowProblems.some((p) => p.length > 0);
        const loneRowOverMax = outcome.error.errorName === 'PaymentPolicyAmountAboveMax' && rows.filter((r) => r.recipient === outcome.error.args[1]).length === 1 && windows.get(outcome.error.args[1] as Address)!.paid === 0n;
        expect(told || loneRowOverMax).toBe(true);
      }
    }
  });

  test('limits of 0 mean no limit', () => {
    const check = precheckPayouts(
      [row(1, COFFEE, 900), row(2, COFFEE, 900), row(3, NEW, 900)],
      figures({ maxSinglePayment: 0n, dailyCap: 0n, maxFirstPayment: 0n }),
      words,
    );
    expect(check).toEqual({ ok: true, rowProblems: [[], [], []], problems: [], notes: [] });
  });
});

test('totalsByRecipient groups case-insensitively and skips invalid rows', () => {
  const groups = totalsByRecipient([row(1, COFFEE, 1), { line: 2, recipient: null, amount: usd(5) }, row(3, COFFEE.toLowerCase() as Address, 2)]);
  expect(groups).toEqual([{ recipient: COFFEE, lines: [1, 3], indexes: [0, 2], total: usd(3) }]);
});
