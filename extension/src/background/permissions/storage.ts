import type { KeyValueArea } from '../store/areas.js';
import { storedValue } from '../store/StoredValue.js';
import type { PermissionMap } from './Permissions.js';

export const permissionsItem = (area: Promise<KeyValueArea>) => storedValue<PermissionMap>(area, 'permissions', {});

/** The account the user picked in the popup: used for payment links and offered first when connecting. */
export const selectedAccountItem = (area: Promise<KeyValueArea>) => storedValue<`0x${string}`>(area, 'selectedAccount');
