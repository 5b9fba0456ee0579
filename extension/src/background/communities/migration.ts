import { type Address, getAddress, isAddress } from 'viem';
import type { KeyValueArea } from '../store/areas.js';
import type { JoinedCommunity } from './Communities.js';
import { NO_POLICY } from './rules.js';

/** Where the joined communities are stored; its presence says the move below has happened. */
export const COMMUNITIES_KEY = 'communities';
const SETTINGS_KEY = 'settings';

/** The name a community moved from the settings has until the wallet reads its own from the chain. */
export const MOVED_COMMUNITY_NAME = 'Your community (from your earlier settings)';

/**
 * The move from one policy address in the settings to joined communities, at the start of this version,
 * before anything reads either (as the storage move is):
 *
 * 1. If no communities are stored yet: the settings' PaymentPolicy (or, on a new wallet, the demo preset)
 *    becomes the first joined community, written in one `set` — the communities' presence is the record
 *    that this step happened, so it never runs twice (a community the shopper left does not come back).
 * 2. Then the settings' own policy address is cleared.
 *
 * Stopped between the two, the next start finds the communities stored and only finishes step 2; stopped
 * before step 1 finished, nothing changed. The policy address is never lost: it is cleared only once it
 * is stored as a community. A policy that is not the preset's is stored with what the settings knew (its
 * address and network); its governor is unknown (`NO_POLICY`) until it is joined again by its governor.
 * Returns the community moved, if any.
 */
export async function moveSettingsPolicy(area: KeyValueArea, preset: JoinedCommunity | null, now: () => number = Date.now): Promise<JoinedCommunity | null> {
  const settings = (await area.get(SETTINGS_KEY)) as { chainId?: unknown; paymentPolicy?: unknown } | undefined;
  let moved: JoinedCommunity | null = null;
  if ((await area.get(COMMUNITIES_KEY)) === undefined) {
    const policy = settings ? addressOrNull(settings.paymentPolicy) : (preset?.policy ?? null);
    const chainId = typeof settings?.chainId === 'number' ? settings.chainId : (preset?.chainId ?? null);
    if (policy && chainId !== null)
      moved =
        preset && preset.chainId === chainId && preset.policy.toLowerCase() === policy.toLowerCase()
          ? { ...preset, joinedAt: now() }
          : { chainId, governor: NO_POLICY, name: MOVED_COMMUNITY_NAME, token: NO_POLICY, timelock: NO_POLICY, treasury: NO_POLICY, policy, joinedAt: now() };
    await area.set(COMMUNITIES_KEY, moved ? [moved] : []);
  }
  if (settings && settings.paymentPolicy !== null && settings.paymentPolicy !== undefined) await area.set(SETTINGS_KEY, { ...settings, paymentPolicy: null });
  return moved;
}

function addressOrNull(value: unknown): Address | null {
  return typeof value === 'string' && isAddress(value, { strict: false }) ? getAddress(value) : null;
}
