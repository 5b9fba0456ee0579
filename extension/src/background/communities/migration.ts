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
 * before anything reads either (as the storage and network moves are): the settings' PaymentPolicy (or,
 * on a new wallet, the demo preset) becomes the first joined community, and the settings' own address is
 * cleared, in one write (`setMany`: both or neither). The communities' presence records that the move
 * happened, so it never runs twice (a community the shopper left does not come back); a wallet stopped
 * before the write finished moves at its next start, and one whose settings still name a policy after
 * the move (an earlier write cut short) only has it cleared. The policy address is never lost. A policy
 * that is not the preset's is stored with what the settings knew (its address and network; governor
 * unknown, `NO_POLICY`, until the shopper joins it by its governor): its rules apply at once.
 * Returns the community moved, if any.
 */
export async function moveSettingsPolicy(area: KeyValueArea, preset: JoinedCommunity | null, now: () => number = Date.now): Promise<JoinedCommunity | null> {
  const settings = (await area.get(SETTINGS_KEY)) as { chainId?: unknown; paymentPolicy?: unknown } | undefined;
  const stillNamed = settings !== undefined && settings.paymentPolicy !== null && settings.paymentPolicy !== undefined;
  const cleared: [string, unknown][] = stillNamed ? [[SETTINGS_KEY, { ...settings, paymentPolicy: null }]] : [];
  if ((await area.get(COMMUNITIES_KEY)) !== undefined) {
    if (cleared.length > 0) await area.setMany(cleared);
    return null;
  }
  const policy = settings ? addressOrNull(settings.paymentPolicy) : (preset?.policy ?? null);
  const chainId = typeof settings?.chainId === 'number' ? settings.chainId : (preset?.chainId ?? null);
  let moved: JoinedCommunity | null = null;
  if (policy && chainId !== null)
    moved =
      preset && preset.chainId === chainId && preset.policy.toLowerCase() === policy.toLowerCase()
        ? { ...preset, joinedAt: now() }
        : { chainId, governor: NO_POLICY, name: MOVED_COMMUNITY_NAME, token: NO_POLICY, timelock: NO_POLICY, treasury: NO_POLICY, policy, joinedAt: now() };
  await area.setMany([[COMMUNITIES_KEY, moved ? [moved] : []], ...cleared]);
  return moved;
}

function addressOrNull(value: unknown): Address | null {
  return typeof value === 'string' && isAddress(value, { strict: false }) ? getAddress(value) : null;
}
