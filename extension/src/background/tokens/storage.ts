import { perNetworkValue } from '../store/perNetworkValue.js';
import type { KeyValueArea } from '../store/areas.js';
import type { WatchedToken } from './WatchedTokens.js';

/** Watched tokens are kept per network (a token address means nothing on another chain): `chainId` names the network in use. */
export const watchedTokensItem = (area: Promise<KeyValueArea>, chainId: () => Promise<number>) => perNetworkValue<WatchedToken[]>(area, 'watchedTokens', chainId, []);
