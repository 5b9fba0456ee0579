import type { KeyValueArea } from '../store/areas.js';
import { storedValue } from '../store/StoredValue.js';
import type { WatchedToken } from './WatchedTokens.js';

export const watchedTokensItem = (area: Promise<KeyValueArea>) => storedValue<WatchedToken[]>(area, 'watchedTokens', []);
