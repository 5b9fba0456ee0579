import { storage } from '#imports';
import type { WatchedToken } from './WatchedTokens.js';

export const watchedTokensItem = storage.defineItem<WatchedToken[]>('local:watchedTokens', { version: 1, fallback: [] });
