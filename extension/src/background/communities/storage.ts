import type { KeyValueArea } from '../store/areas.js';
import { storedValue } from '../store/StoredValue.js';
import type { JoinedCommunity } from './Communities.js';

export const communitiesItem = (area: Promise<KeyValueArea>) => storedValue<JoinedCommunity[]>(area, 'communities');
