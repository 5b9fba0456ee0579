import type { KeyValueArea } from '../store/areas.js';
import { storedValue } from '../store/StoredValue.js';
import type { HistoryEntry } from './History.js';
import type { PrimerRecord } from './SuspiciousTransfers.js';

export const historyItem = (area: Promise<KeyValueArea>) => storedValue<HistoryEntry[]>(area, 'history', []);

/** Transfers the wallet did not make that look like address-poisoning primers (`SuspiciousTransfers`). */
export const suspiciousTransfersItem = (area: Promise<KeyValueArea>) => storedValue<PrimerRecord[]>(area, 'suspiciousTransfers', []);

/** One of the newest entries, recorded apart until they are folded into `history` (see `HistoryOptions.recent`). */
export const historyRecentItem = (area: Promise<KeyValueArea>) => (slot: number) => storedValue<HistoryEntry>(area, `historyRecent.${slot}`);
