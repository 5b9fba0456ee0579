import type { Address } from 'viem';
import { describe, expect, test } from 'vitest';
import type { KeyValueArea } from '../store/areas.js';
import type { JoinedCommunity } from './Communities.js';
import { COMMUNITIES_KEY, MOVED_COMMUNITY_NAME, moveSettingsPolicy } from './migration.js';
import { NO_POLICY } from './rules.js';

const PRESET: JoinedCommunity = {
  chainId: 31337,
  governor: '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0',
  name: 'CommonGuard demo community',
  token: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
  timelock: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  treasury: '0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9',
  policy: '0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9',
  joinedAt: 1,
};
const OTHER_POLICY = '0x00000000000000000000000000000000000000AB' as Address;

/** A storage area in memory; `failWrites` makes the next writes fail (the browser stopped mid-start). */
function memoryArea(contents: Record<string, unknown>) {
  const data = new Map(Object.entries(structuredClone(contents)));
  const state = { failWrites: false };
  const area: KeyValueArea = {
    kind: 'storage.local',
    get: async (key) => structuredClone(data.get(key)),
    set: async (key, value) => {
      if (state.failWrites) throw new Error('stopped');
      data.set(key, structuredClone(value));
    },
    remove: async (key) => void data.delete(key),
    setMany: async (items) => {
      if (state.failWrites) throw new Error('stopped');
      for (const [key, value] of items) data.set(key, structuredClone(value));
    },
  };
  return { area, data, state };
}

const SETTINGS = { rpcUrl: 'http://127.0.0.1:8545', chainId: 31337, paymentPolicy: PRESET.policy, autoLockMinutes: 15 };

describe('moveSettingsPolicy: one policy address becomes the first joined community', () => {
  test('an earlier wallet on the demo policy joins the demo community; the settings keep everything else', async () => {
    const { area, data } = memoryArea({ settings: SETTINGS, history: [{ id: 'a' }] });
    const moved = await moveSettingsPolicy(area, PRESET, () => 42);
    expect(moved).toEqual({ ...PRESET, joinedAt: 42 });
    expect(data.get(COMMUNITIES_KEY)).toEqual([{ ...PRESET, joinedAt: 42 }]);
    expect(data.get('settings')).toEqual({ ...SETTINGS, paymentPolicy: null });
    expect(data.get('history')).toEqual([{ id: 'a' }]);
  });

  test('another policy is kept with its network, its rules apply at once, its governor unknown', async () => {
    const { area, data } = memoryArea({ settings: { ...SETTINGS, chainId: 10, paymentPolicy: OTHER_POLICY.toLowerCase() } });
    await moveSettingsPolicy(area, PRESET, () => 42);
    expect(data.get(COMMUNITIES_KEY)).toEqual([{ chainId: 10, governor: NO_POLICY, name: MOVED_COMMUNITY_NAME, token: NO_POLICY, timelock: NO_POLICY, treasury: NO_POLICY, policy: OTHER_POLICY, joinedAt: 42 }]);
  });

  test('a new wallet starts in the demo community (the preset); a build without it starts in none', async () => {
    const fresh = memoryArea({});
    await moveSettingsPolicy(fresh.area, PRESET, () => 7);
    expect(fresh.data.get(COMMUNITIES_KEY)).toEqual([{ ...PRESET, joinedAt: 7 }]);
    expect(fresh.data.has('settings')).toBe(false);
    const bare = memoryArea({});
    expect(await moveSettingsPolicy(bare.area, null)).toBeNull();
    expect(bare.data.get(COMMUNITIES_KEY)).toEqual([]);
  });

  test('it happens once: a community the shopper left does not come back at the next start', async () => {
    const { area, data } = memoryArea({ settings: SETTINGS });
    await moveSettingsPolicy(area, PRESET);
    data.set(COMMUNITIES_KEY, []); // left it
    expect(await moveSettingsPolicy(area, PRESET)).toBeNull();
    expect(data.get(COMMUNITIES_KEY)).toEqual([]);
  });

  test('stopped before the write finished: nothing changed, and the next start moves it, losing nothing', async () => {
    const { area, data, state } = memoryArea({ settings: SETTINGS });
    state.failWrites = true;
    await expect(moveSettingsPolicy(area, PRESET)).rejects.toThrow('stopped');
    expect(data.has(COMMUNITIES_KEY)).toBe(false);
    expect(data.get('settings')).toEqual(SETTINGS);
    state.failWrites = false;
    await moveSettingsPolicy(area, PRESET, () => 9);
    expect(data.get(COMMUNITIES_KEY)).toEqual([{ ...PRESET, joinedAt: 9 }]);
    expect(data.get('settings')).toEqual({ ...SETTINGS, paymentPolicy: null });
  });

  test('settings that still name a policy after the move (an earlier version wrote it later) only lose the address', async () => {
    const joined = [{ ...PRESET, joinedAt: 3 }];
    const { area, data } = memoryArea({ settings: { ...SETTINGS, paymentPolicy: OTHER_POLICY }, [COMMUNITIES_KEY]: joined });
    expect(await moveSettingsPolicy(area, PRESET)).toBeNull();
    expect(data.get(COMMUNITIES_KEY)).toEqual(joined);
    expect(data.get('settings')).toEqual({ ...SETTINGS, paymentPolicy: null });
  });
});
