import type { Address } from 'viem';
import { app } from '../app.svelte.js';
import type { TokenInfo } from '../chain/tokens.js';

/**
 * The community factory on the app's network (`contracts.communityFactory` of its deployment), or
 * null where the network has none.
 */
export function factoryAddress(): Address | null {
  return app.deployment?.contracts.communityFactory ?? null;
}

/** The tokens this network lists (the native coin first), each of which gets first payment rules. */
export function listedTokens(): TokenInfo[] {
  const governance = app.dir.governanceToken?.toLowerCase();
  return [...app.dir.tokens.values()].filter((token) => token.address.toLowerCase() !== governance);
}
