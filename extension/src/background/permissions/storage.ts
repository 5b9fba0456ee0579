import { storage } from '#imports';
import type { PermissionMap } from './Permissions.js';

export const permissionsItem = storage.defineItem<PermissionMap>('local:permissions', { version: 1, fallback: {} });

/** The account the user picked in the popup: used for payment links and offered first when connecting. */
export const selectedAccountItem = storage.defineItem<`0x${string}`>('local:selectedAccount', { version: 1 });
