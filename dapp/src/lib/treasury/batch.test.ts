import { describe, expect, test } from 'vitest';
import { parseUnits } from 'viem';
import { testDeployment, testDirectory } from '../../../test/testDeployment.js';
import { checkPayouts, parsePayoutCsv } from './batch.js';

const dir = testDirectory();
const cgUSD = dir.token(testDeployment.contracts.demoStablecoin!)!;
const usd = (n: string) => parseUnits(n, 6);
const rules = { token: cgUSD, remaining: usd('1000'), maxSinglePayment: usd('500'), balance: usd('12000'), blocked: new Set(['0x23618e81e3f5cdf7f54c3d65f7fbc0abf5b21e8f']), maxBatchSize: 50 };

describe('batch payouts from pasted CSV', () => {
  test('parses rows, skipping the header and blank lines; a quoted memo may hold commas', () => {
    const rows = parsePayoutCsv('recipient,amount,memo\n\n0x14dC79964da2C08b23698B3D3cc7Ca32193d9955, 120.5, "Flyers, posters"\n', cgUSD);
    expect(rows).toEqual([
      { line: 3, recipientText: '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955', amountText: '120.5', memo: 'Flyers, posters', recipient: '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955', amount: usd('120.5'), problems: [] },
    ]);
  });

  test('an unquoted thousands separator is refused with its line, never read as a smaller amount', () => {
    const [row] = parsePayoutCsv('recipient,amount,memo\n0x14dC79964da2C08b23698B3D3cc7Ca32193d9955,1,000.50,memo', cgUSD);
    expect(row.line).toBe(2);
    expect(row.amount).toBeNull();
    expect(row.problems).toEqual([
      'Line 2 has 4 fields, not 3 (recipient, amount, memo). Put an amount with a thousands separator, or a memo with commas, in double quotes: "1,000.50", "Hall rent, March".',
    ]);
    expect(checkPayouts([row], rules, dir).ok).toBe(false);
  });

  test('a quoted amount with thousands separators is read exactly; an unclear grouping is refused', () => {
    const rows = parsePayoutCsv('0x14dC79964da2C08b23698B3D3cc7Ca32193d9955,"1,000.50",memo\r\n0x14dC79964da2C08b23698B3D3cc7Ca32193d9955, "1,00", x\n# a comment\n0x14dC79964da2C08b23698B3D3cc7Ca32193d9955,"12,000",y', cgUSD);
    expect(rows.map((r) => [r.line, r.amount])).toEqual([
      [1, usd('1000.50')],
      [2, null],
      [4, usd('12000')],
    ]);
    expect(rows[1].problems).toEqual(['"1,00" is not a clear amount: write it as 1000.50 or 1,000.50 (commas only between groups of three digits).']);
  });

  test('refused rows do not count towards the total or the budget; a blocked recipient shows the community note', () => {
    const rows = parsePayoutCsv(
      ['0x14dC79964da2C08b23698B3D3cc7Ca32193d9955,400,ok', '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f,300,blocked', '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720,500,ok too'].join('\n'),
      cgUSD,
    );
    const notes = new Map([['0x23618e81e3f5cdf7f54c3d65f7fbc0abf5b21e8f', 'Sold fake tickets']]);
    const result = checkPayouts(rows, { ...rules, notes }, dir);
    expect(result.total).toBe(usd('900'));
    expect(result.refused).toBe(1);
    expect(result.rows[1].problems).toEqual(['Recipient blocked: the community has blocked 0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f: “Sold fake tickets”.']);
    expect(result.rows[2].problems).toEqual([]);
  });

  test('a batch within budget passes', () => {
    const rows = parsePayoutCsv('0x14dC79964da2C08b23698B3D3cc7Ca32193d9955,300,a\n0xa0Ee7A142d267C1f36714E4a8F75612F20a79720,200,b', cgUSD);
    const result = checkPayouts(rows, rules, dir);
    expect(result.ok).toBe(true);
    expect(result.total).toBe(usd('500'));
  });

  test('each problem shows on its row', () => {
    const rows = parsePayoutCsv(
      [
        '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955,450,ok',
        '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f,10,blocked one',
        '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720,600,too big',
        'not-an-address,1.0000001,bad',
      ].join('\n'),
      cgUSD,
    );
    const result = checkPayouts(rows, rules, dir);
    expect(result.ok).toBe(false);
    expect(result.rows.map((r) => r.problems)).toEqual([
      [],
      ['Recipient blocked: the community has blocked 0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f.'],
      ['Above the limit: 600 cgUSD is more than the maximum single payment of 500 cgUSD.'],
      ['An address starts with 0x and contains only 0–9 and a–f.', 'cgUSD has at most 6 decimals; you typed 7.'],
    ]);
  });

  test('an empty batch, or one larger than the treasury holds, is refused', () => {
    expect(checkPayouts([], rules, dir).problems).toEqual(['Add at least one payment.']);
    const rows = parsePayoutCsv('0x14dC79964da2C08b23698B3D3cc7Ca32193d9955,300,a', cgUSD);
    expect(checkPayouts(rows, { ...rules, balance: usd('100') }, dir).problems).toEqual(['Not enough in the treasury: it holds 100 cgUSD but the payments total 300 cgUSD.']);
  });
});
