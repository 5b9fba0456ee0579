import type { KeyValueArea } from '../store/areas.js';
import { storedValue } from '../store/StoredValue.js';
import type { StoredSession } from './Sessions.js';

export const sessionsItem = (area: Promise<KeyValueArea>) => storedValue<StoredSession[]>(area, 'paymentSessions', []);
