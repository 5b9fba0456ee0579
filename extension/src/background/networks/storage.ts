import type { KeyValueArea } from '../store/areas.js';
import { storedValue } from '../store/StoredValue.js';
import type { NetworkState } from './network.js';

export const NETWORKS_KEY = 'networks';

export const networksItem = (area: Promise<KeyValueArea>) => storedValue<NetworkState>(area, NETWORKS_KEY);
