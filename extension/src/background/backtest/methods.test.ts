import { describe, expect, test } from 'vitest';
import { RpcErrorCode } from '../../shared/rpcErrors.js';
import type { ApprovalView } from '../../shared/views.js';
import type { Approvals } from '../approvals/Approvals.js';
import type { History, HistoryEntry } from '../history/History.js';
import type { AccountAccess } from '../rpc/AccountAccess.js';
import type { MethodHandler } from '../rpc/ProviderRpc.js';
import { BACKTESTS_PER_WINDOW, BACKTEST_WINDOW_MS, backtestMethods } from './methods.js';
import { BACKTEST_METHOD } from './params.js';

const me = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const cgUSD = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707';
const payment = (id: number, usd = 500): HistoryEntry => ({ id: String(id), at: id, account: me, origin: null, kind: 'tokenTransfer', token: cgUSD, symbol: 'cgUSD', decimals: 6, to: '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720', amount: String(usd * 1e6), score: 0, level: 'allow', policyVersion: '1', outcome: 'confirmed' });
// Six payments of 500 cgUSD, newest first: a cap of 100 per payment blocks all six.
const six = [6, 5, 4, 3, 2, 1].map((id) => payment(id));
const params = [{ policy: { warnAt: 40, blockAt: 80, unlimitedApprovalsAllowed: false, tokenLimits: [{ token: cgUSD, maxSinglePayment: '0x5f5e100', dailyCap: '0x0', maxFirstPayment: '0x0' }] } }];

// Stand-ins for the wallet's parts around the method (each has its own tests); the replay is real.
function setUp(approve: boolean, entries: HistoryEntry[] = six) {
  let clock = 0;
  const shown: ApprovalView[] = [];
  const table = backtestMethods({
    access: { accountFor: async () => me } as unknown as AccountAccess,
    approvals: { request: async (_origin: string, view: ApprovalView) => (shown.push(view), { approved: approve }) } as unknown as Approvals,
    history: { list: async () => entries } as unknown as History,
    now: () => clock,
  });
  const method = table[BACKTEST_METHOD] as Extract<MethodHandler, { handle: unknown }>;
  return { call: () => method.handle({ origin: 'https://dapp.example' }, params), shown, advance: (ms: number) => (clock += ms) };
}

describe('commonguard_backtestPolicy', () => {
  test('answers only counts and sums, after the member agreed in a window showing the same totals', async () => {
    const { call, shown } = setUp(true);
    const answer = await call();
    expect(answer).toEqual({ payments: 6, warned: 0, blocked: 6, amounts: [{ token: cgUSD, warned: '0x0', blocked: '0xb2d05e00' }] });
    expect(shown).toMatchObject([{ kind: 'backtest', view: { payments: 6, blocked: 6, refusal: null, amounts: [{ symbol: 'cgUSD', blocked: '3000' }] } }]);
  });

  test.each([
    ['fewer than 5 payments', [4, 3, 2, 1].map((id) => payment(id))],
    // One payment above the cap among small ones: its sum would be that payment's exact amount.
    ['one blocked payment', [payment(6), ...[5, 4, 3, 2, 1].map((id) => payment(id, 50))]],
  ])('an answer that would single out a payment (%s) is refused: the window says why, the page gets 4001 as if declined', async (_name, entries) => {
    const { call, shown } = setUp(true, entries);
    await expect(call()).rejects.toMatchObject({ code: RpcErrorCode.userRejected, message: 'The member chose not to share the totals.' });
    expect(shown).toHaveLength(1);
    expect((shown[0] as Extract<ApprovalView, { kind: 'backtest' }>).view.refusal).toMatch(/single payment/);
  });

  test('declined in the window, the page gets 4001 and nothing else', async () => {
    await expect(setUp(false).call()).rejects.toMatchObject({ code: RpcErrorCode.userRejected });
  });

  test(`a site gets at most ${BACKTESTS_PER_WINDOW} in ${BACKTEST_WINDOW_MS / 60_000} minutes, then -32005 without a window`, async () => {
    const { call, shown, advance } = setUp(true);
    for (let i = 0; i < BACKTESTS_PER_WINDOW; i++) await call();
    await expect(call()).rejects.toMatchObject({ code: RpcErrorCode.limitExceeded });
    expect(shown).toHaveLength(BACKTESTS_PER_WINDOW);
    advance(BACKTEST_WINDOW_MS);
    await expect(call()).resolves.toMatchObject({ payments: 6 });
  });
});
