import type { KeyValueArea } from '../store/areas.js';
import { storedValue } from '../store/StoredValue.js';
import type { WalletSettings } from './Settings.js';

export const settingsItem = (area: Promise<KeyValueArea>) => storedValue<WalletSettings>(area, 'settings');
