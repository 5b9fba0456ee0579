import { type BudgetAlert } from '../budget/Budgets.js';
import { alertMessage } from '../budget/budget.js';
import type { TokenInfo } from '@commonguard/sdk/risk';
import type { HistoryEntry } from '../history/History.js';
import { showAmount } from '../../shared/amounts.js';

/** A notification as the browser shows it. */
export type Notice = { id: string; title: string; message: string };

/** The browser's own notifications (`notifications.create`), injected so the words can be tested. */
export type ShowNotice = (notice: Notice) => Promise<void>;

/** The words of a "payment blocked" notification, from the history entry the pipeline recorded. */
export function blockedNotice(entry: HistoryEntry, merchant: string | null): Notice {
  const amount = showAmount(BigInt(entry.amount), entry);
  const to = merchant ?? (entry.to ? `${entry.to.slice(0, 6)}…${entry.to.slice(-4)}` : 'a contract');
  const site = entry.origin ? ` on ${entry.origin}` : '';
  // The pipeline's detail names the rule and version, then the plain sentence after "): ".
  const reason = entry.detail?.includes('): ') ? entry.detail.slice(entry.detail.indexOf('): ') + 3) : (entry.detail ?? '');
  return {
    id: `blocked-${entry.id}`,
    title: 'Payment blocked',
    message: `CommonGuard blocked a payment of ${amount} to ${to}${site}. ${reason}`.trim().slice(0, 400),
  };
}

export function budgetNotice(alert: BudgetAlert, info: TokenInfo): Notice {
  return {
    id: `budget-${alert.budget.token}-${alert.budget.period}-${alert.threshold}-${Date.now()}`,
    title: alert.threshold >= 100 ? 'Budget used up' : 'Budget almost used',
    message: alertMessage(alert.budget, alert.threshold, alert.spent, info),
  };
}

export function policyNotice(sentences: string[], version: bigint): Notice {
  return { id: `policy-${version}`, title: 'Community rules changed', message: sentences.join(' ').slice(0, 400) };
}
