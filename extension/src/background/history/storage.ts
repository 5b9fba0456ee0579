import { storage } from '#imports';
import type { HistoryEntry } from './History.js';

export const historyItem = storage.defineItem<HistoryEntry[]>('local:history', { version: 1, fallback: [] });
