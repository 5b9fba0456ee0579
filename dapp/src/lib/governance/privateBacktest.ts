import { getConnection, type Config } from '@wagmi/core';
import type { ProposedRules } from './backtest.js';

/** The CommonGuard wallet's provider method (see sdk/README.md, "Private backtest"). */
export const BACKTEST_METHOD = 'commonguard_backtestPolicy';
/** CommonGuard announces itself with this EIP-6963 rdns. */
export const COMMONGUARD_RDNS = 'org.commonguard.wallet';

/** What the wallet answers: counts, and per-token sums in base units. */
export type PrivateBacktest = { payments: number; warned: number; blocked: number; amounts: { token: `0x${string}`; warned: bigint; blocked: bigint }[] };

const hex = (v: bigint) => `0x${v.toString(16)}`;

/** The request for the wallet: the proposed rules in the method's JSON shape (amounts as hex quantities). */
export function backtestParams(rules: ProposedRules, last = 50): unknown[] {
  return [
    {
      policy: {
        warnAt: rules.snapshot.warnAt,
        blockAt: rules.snapshot.blockAt,
        unlimitedApprovalsAllowed: rules.snapshot.unlimitedApprovalsAllowed,
        tokenLimits: rules.snapshot.tokenLimits.map((l) => ({ token: l.token, maxSinglePayment: hex(l.maxSinglePayment), dailyCap: hex(l.dailyCap), maxFirstPayment: hex(l.maxFirstPayment) })),
      },
      merchants: [...rules.merchants].map(([address, m]) => ({ address, status: m.status, note: m.note.slice(0, 280) })),
      origins: [...(rules.origins ?? new Map())].map(([origin, status]) => ({ origin, status })),
      last,
    },
  ];
}

/** Reads the wallet's answer, trusting nothing: anything but the documented shape is an error. */
export function readBacktestAnswer(answer: unknown): PrivateBacktest {
  const bad = () => new Error('The wallet answered the rule check in a form this app does not understand.');
  if (typeof answer !== 'object' || answer === null) throw bad();
  const a = answer as Record<string, unknown>;
  const count = (v: unknown) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw bad();
    return v;
  };
  const quantity = (v: unknown) => {
    if (typeof v !== 'string' || !/^0x[0-9a-f]+$/i.test(v)) throw bad();
    return BigInt(v);
  };
  if (!Array.isArray(a.amounts)) throw bad();
  return {
    payments: count(a.payments),
    warned: count(a.warned),
    blocked: count(a.blocked),
    amounts: a.amounts.map((x: any) => {
      if (typeof x?.token !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(x.token)) throw bad();
      return { token: x.token, warned: quantity(x.warned), blocked: quantity(x.blocked) };
    }),
  };
}

/** The connected wallet's EIP-6963 rdns (e.g. "org.commonguard.wallet"), when it announced one. */
export function connectedWalletId(config: Config): string | null {
  return getConnection(config).connector?.id ?? null;
}

/** Sends one request to the connected wallet itself (a wallet-specific method). Kept out of the
 * wallet connection so it loads only with the pages that use it. */
export async function requestWallet(config: Config, method: string, params: unknown[]): Promise<unknown> {
  const connector = getConnection(config).connector;
  if (!connector) throw new Error('Connect a wallet first.');
  const provider = (await connector.getProvider()) as { request(args: { method: string; params: unknown[] }): Promise<unknown> };
  return provider.request({ method, params });
}
