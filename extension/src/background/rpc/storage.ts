import { storage } from '#imports';
import type { CallBatch } from './CallBatches.js';

/** Batches sent with wallet_sendCalls, for wallet_getCallsStatus: session storage (memory only, gone with the browser). */
export const callBatchesItem = storage.defineItem<CallBatch[]>('session:callBatches', { version: 1, fallback: [] });
