import type { HistoryOutcomeView } from '../../shared/views.js';
import type { HistoryEntry } from './History.js';

/** What became of a request, in the shopper's words (the popup's history and the CSV export). */
export const OUTCOME_LABEL: Record<HistoryOutcomeView, string> = {
  pending: 'Pending',
  confirmed: 'Confirmed',
  failed: 'Failed',
  rejected: 'Rejected by you',
  blocked: 'Blocked by the community',
  signed: 'Signed',
  unchecked: 'Not sent: could not check',
  suspicious: 'Suspicious',
};

/** What became of an entry, as the shopper would name it. */
export function outcomeOf(entry: HistoryEntry): HistoryOutcomeView {
  if (entry.outcome === 'sent') return 'pending';
  // The pipeline records a payment it could not verify as failed: it was never sent, nor reviewed.
  if (entry.outcome === 'failed' && entry.level === 'unverified' && !entry.hash) return 'unchecked';
  return entry.outcome;
}
