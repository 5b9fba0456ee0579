import { showAmount } from '../../shared/amounts.js';
import type { HistoryView } from '../../shared/views.js';
import type { HistoryEntry } from '../history/History.js';

/**
 * The popup's history with each payment session's payments grouped into one readable entry (at the
 * place of its newest payment) with their count and total; each payment is still listed inside it.
 * `view`: how one entry is shown. Pure.
 */
export function groupedHistoryViews(entries: readonly HistoryEntry[], view: (entry: HistoryEntry) => HistoryView): HistoryView[] {
  const groups = new Map<string, HistoryEntry[]>();
  for (const entry of entries) if (entry.session) groups.set(entry.session, [...(groups.get(entry.session) ?? []), entry]);
  const shown: HistoryView[] = [];
  for (const entry of entries) {
    const payments = entry.session ? groups.get(entry.session) : undefined;
    if (!payments) {
      shown.push(view(entry));
      continue;
    }
    if (payments[0] !== entry) continue; // the group stands where its newest payment is
    const newest = view(entry);
    let total = 0n;
    for (const payment of payments) total += BigInt(payment.amount);
    const count = payments.length;
    shown.push({
      ...newest,
      id: `session-${entry.session}`,
      title: `Payment session: ${count} payment${count === 1 ? '' : 's'}, ${showAmount(total, entry)} in all`,
      session: { count, total: showAmount(total, entry), payments: payments.map(view) },
    });
  }
  return shown;
}
