import type { KeyValueArea } from '../store/areas.js';
import { storedValue } from '../store/StoredValue.js';
import type { WalletPreferences } from './Preferences.js';

export const preferencesItem = (area: Promise<KeyValueArea>) => storedValue<WalletPreferences>(area, 'preferences', { explorerUrl: null });
