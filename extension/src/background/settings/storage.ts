import { storage } from '#imports';
import type { WalletSettings } from './Settings.js';

export const settingsItem = storage.defineItem<WalletSettings>('local:settings', { version: 1 });
