import { storage } from '#imports';
import type { WalletPreferences } from './Preferences.js';

export const preferencesItem = storage.defineItem<WalletPreferences>('local:preferences', { version: 1, fallback: { explorerUrl: null } });
