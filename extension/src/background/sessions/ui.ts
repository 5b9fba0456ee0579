import type { TokenInfo } from '@commonguard/sdk/risk';
import type { Address } from 'viem';
import { showAmount } from '../../shared/amounts.js';
import type { SessionSummaryView } from '../../shared/views.js';
import { currentPeriod, type PaymentSession, periodWords, remaining } from './rules.js';
import type { Sessions } from './Sessions.js';

/** The popup's list of active sessions: site, token, spent and left this period, payments, last payment. Pure. */
export function sessionSummaries(sessions: readonly PaymentSession[], tokenInfo: (token: Address) => TokenInfo, now: number): SessionSummaryView[] {
  return sessions.map((session) => {
    const token = tokenInfo(session.token);
    const current = currentPeriod(session, now);
    return {
      id: session.id,
      origin: session.origin,
      symbol: token.symbol,
      spent: showAmount(current.spent, token),
      left: showAmount(remaining(session, now), token),
      perPeriod: showAmount(session.amountPerPeriod, token),
      period: periodWords(session.periodSeconds),
      payments: session.payments,
      lastPaymentAt: session.lastPayment?.at ?? null,
      lastPayment: session.lastPayment ? showAmount(session.lastPayment.amount, token) : null,
      until: session.expiry * 1000,
      payee: session.payee,
      ended: session.ended?.reason ?? null,
    };
  });
}

/**
 * The popup's session tasks: list the active sessions of the network in use (a session pays only on the
 * chain it was granted on, and its token is read there) and those the community's new rules ended, with
 * why, and end or dismiss one at once (Revoke).
 */
export function sessionUiHandlers({
  sessions,
  chainId,
  tokenInfo,
  now = Date.now,
}: {
  sessions: Sessions;
  chainId: () => Promise<number>;
  tokenInfo: (token: Address) => Promise<TokenInfo>;
  now?: () => number;
}) {
  return {
    getSessions: async (): Promise<SessionSummaryView[]> => {
      const [all, inUse] = await Promise.all([sessions.list({ ended: true }), chainId()]);
      const active = all.filter((session) => session.chainId === inUse);
      const infos = new Map<string, TokenInfo>();
      await Promise.all(active.map(async (session) => infos.set(session.token.toLowerCase(), await tokenInfo(session.token))));
      return sessionSummaries(active, (token) => infos.get(token.toLowerCase()) ?? { symbol: '', decimals: 0 }, now());
    },
    revokeSession: async ({ id }: { id: string }): Promise<null> => {
      if (typeof id !== 'string') throw new Error('Choose the session to end.');
      await sessions.revoke(id);
      return null;
    },
  };
}
