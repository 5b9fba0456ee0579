import type { TokenInfo } from '@commonguard/sdk/risk';
import { type Address, formatUnits, getAddress } from 'viem';
import { rpcError } from '../../shared/rpcErrors.js';
import type { BacktestView } from '../../shared/views.js';
import type { Approvals } from '../approvals/Approvals.js';
import type { History } from '../history/History.js';
import type { AccountAccess } from '../rpc/AccountAccess.js';
import type { MethodTable } from '../rpc/ProviderRpc.js';
import { BACKTEST_METHOD, type BacktestRequest, parseBacktestParams } from './params.js';
import { singlesOut } from './privacy.js';
import { type BacktestResult, replayHistory } from './replay.js';

export type BacktestMethodsOptions = {
  access: AccountAccess;
  approvals: Approvals;
  history: History;
  /** A token's symbol and decimals (read from the chain), `null` when it cannot be read. */
  tokenInfo?: (token: Address) => Promise<TokenInfo | null>;
  now?: () => number;
};

/**
 * Backtests one site may ask for per {@link BACKTEST_WINDOW_MS}. Each answer needs the member's
 * consent, but a page could still try to learn single payments by asking again and again with rules
 * shaped to single one out (a cap just below an amount): beyond this, requests fail at once with
 * -32005 and no window opens.
 */
export const BACKTESTS_PER_WINDOW = 5;
export const BACKTEST_WINDOW_MS = 10 * 60_000;
const MAX_TRACKED_ORIGINS = 200;
const NATIVE = '0x0000000000000000000000000000000000000000';

/** What the page receives: counts, and per-token sums as hex quantities. */
export type BacktestAnswer = { payments: number; warned: number; blocked: number; amounts: Array<{ token: string; warned: string; blocked: string }> };

/**
 * `commonguard_backtestPolicy`: "what would these proposed rules have done to my own payments?".
 * The wallet replays its local history for the site's account, shows the member the totals it would
 * share, and answers only if the member agrees (4001 otherwise). Nothing about a single payment
 * leaves the wallet: no recipient, no date, no amount of its own.
 */
export function backtestMethods({ access, approvals, history, tokenInfo = async () => null, now = Date.now }: BacktestMethodsOptions): MethodTable {
  const asked = new Map<string, number[]>();
  const allow = (origin: string): boolean => {
    const t = now();
    const recent = (asked.get(origin) ?? []).filter((at) => t - at < BACKTEST_WINDOW_MS);
    if (recent.length >= BACKTESTS_PER_WINDOW) return false;
    recent.push(t);
    asked.delete(origin);
    asked.set(origin, recent);
    // Bounded: the oldest origin goes first.
    if (asked.size > MAX_TRACKED_ORIGINS) asked.delete(asked.keys().next().value as string);
    return true;
  };
  return {
    [BACKTEST_METHOD]: {
      access: 'public',
      handle: async ({ origin, signal }, params) => {
        const request = parseBacktestParams(params);
        if (!allow(origin)) throw rpcError.limitExceeded(`This site asked for ${BACKTESTS_PER_WINDOW} backtests in the last ${BACKTEST_WINDOW_MS / 60_000} minutes. Try again later.`);
        const account = await access.accountFor(origin, undefined, 'check a proposed rule against your payments', signal);
        const entries = await history.list();
        const result = replayHistory(entries, account, request);
        const known = new Map(entries.map((e) => [e.token.toLowerCase(), { symbol: e.symbol, decimals: e.decimals }]));
        // The rules' tokens the history never paid in: read, so the window says "100 cgUSD", not raw units.
        for (const { token } of request.policy.tokenLimits)
          if (!known.has(token.toLowerCase())) {
            const info = await tokenInfo(token).catch(() => null);
            if (info) known.set(token.toLowerCase(), info);
          }
        const refusal = singlesOut(result);
        const decision = await approvals.request(origin, { kind: 'backtest', view: backtestView(origin, account, request, result, known, refusal) }, { signal });
        // A refused answer reads to the page exactly like a member who chose not to share: it learns nothing from the refusal.
        if (!decision.approved || refusal !== null) throw rpcError.userRejected('The member chose not to share the totals.');
        return backtestAnswer(result);
      },
    },
  };
}

export function backtestAnswer(result: BacktestResult): BacktestAnswer {
  const hex = (v: bigint) => `0x${v.toString(16)}`;
  return {
    payments: result.payments,
    warned: result.warned,
    blocked: result.blocked,
    amounts: result.amounts.map((a) => ({ token: a.token, warned: hex(a.warned), blocked: hex(a.blocked) })),
  };
}

/** The consent window: the proposed rules in words and exactly the totals the site would receive. */
export function backtestView(
  origin: string,
  account: string,
  request: BacktestRequest,
  result: BacktestResult,
  known: ReadonlyMap<string, TokenInfo> = new Map(),
  refusal: string | null = null,
): BacktestView {
  const symbolOf = new Map<string, TokenInfo>([[NATIVE, { symbol: 'ETH', decimals: 18 }], ...known, ...result.amounts.map((a) => [a.token.toLowerCase(), a] as const)]);
  const tokenName = (token: string) => symbolOf.get(token.toLowerCase())?.symbol ?? `the token ${token}`;
  const limit = (value: bigint, token: string) => {
    const info = symbolOf.get(token.toLowerCase());
    // Without the token's decimals an amount cannot be written in tokens: say what is known, never raw units.
    return value === 0n ? 'no limit' : info ? `${formatUnits(value, info.decimals)} ${info.symbol}` : 'an amount the wallet cannot read (the token does not say its decimals)';
  };
  const rules = [
    `Warn at risk score ${request.policy.warnAt}, refuse at ${request.policy.blockAt}`,
    ...request.policy.tokenLimits.map((l) => `${tokenName(l.token)}: at most ${limit(l.maxSinglePayment, l.token)} per payment, ${limit(l.dailyCap, l.token)} per day, ${limit(l.maxFirstPayment, l.token)} for a first payment`),
  ];
  return {
    origin,
    account,
    rules,
    // Every address and site the proposal names: what the totals can tell the site about them is the member's to judge.
    addresses: [...request.merchants].map(([address, { status, note }]) => ({ address: getAddress(address), status, note })),
    sites: [...request.origins].map(([site, status]) => ({ origin: site, status })),
    refusal,
    payments: result.payments,
    warned: result.warned,
    blocked: result.blocked,
    amounts: result.amounts.map((a) => ({ symbol: a.symbol, warned: formatUnits(a.warned, a.decimals), blocked: formatUnits(a.blocked, a.decimals) })),
  };
}
