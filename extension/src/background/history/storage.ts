import type { KeyValueArea } from '../store/areas.js';
import { storedValue } from '../store/StoredValue.js';
import type { HistoryEntry } from './History.js';

export const historyItem = (area: Promise<KeyValueArea>) => storedValue<HistoryEntry[]>(area, 'history', []);
/** One of the newest entries, recorded apart until they are folded into `history` (see `HistoryOptions.recent`). */
export const historyRecentItem = (area: Promise<KeyValueArea>) => (slot: number) => storedValue<HistoryEntry>(area, `historyRecent.${slot}`);
