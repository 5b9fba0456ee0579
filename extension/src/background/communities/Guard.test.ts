import { describe, expect, test } from 'vitest';
import { PolicyCache } from '../policy/PolicyCache.js';
import { Communities, type JoinedCommunity } from './Communities.js';
import { Guard } from './Guard.js';

const community = (chainId: number, name: string, suffix: string): JoinedCommunity => ({
  chainId,
  name,
  governor: `0x00000000000000000000000000000000000000${suffix}`,
  token: '0x0000000000000000000000000000000000000001',
  timelock: '0x0000000000000000000000000000000000000002',
  treasury: '0x0000000000000000000000000000000000000003',
  policy: `0x00000000000000000000000000000000000000${suffix}`,
  joinedAt: 1,
});

function guardWith(joined: JoinedCommunity[]) {
  let stored: JoinedCommunity[] | null = joined;
  const communities = new Communities({ item: { getValue: async () => stored, setValue: async (value) => void (stored = value) } });
  return { guard: new Guard({ communities, policy: new PolicyCache() }), communities };
}

describe('Guard: which communities guard a network', () => {
  test('guardOf names the communities joined on that network only; none elsewhere', async () => {
    const { guard } = guardWith([community(31337, 'Corner Coop', 'c1'), community(31338, 'Harbour Club', 'd1'), community(31337, 'Riverside', 'e1')]);
    expect(await guard.guardOf(31337)).toEqual(['Corner Coop', 'Riverside']);
    expect(await guard.guardOf(31338)).toEqual(['Harbour Club']);
    expect(await guard.guardOf(1)).toEqual([]);
  });

  test('guardView says it in a network window’s words, and null where no community guards', async () => {
    const { guard, communities } = guardWith([community(31337, 'Corner Coop', 'c1')]);
    expect(await guard.guardView(31337)).toEqual({ community: 'Corner Coop', detail: 'Its rules check every payment on this network.' });
    await communities.join(community(31337, 'Riverside', 'e1'));
    expect(await guard.guardView(31337)).toEqual({ community: 'Corner Coop and Riverside', detail: 'Their rules check every payment on this network; where they differ, the stricter one counts.' });
    await communities.leave(31337, community(31337, 'Corner Coop', 'c1').governor);
    await communities.leave(31337, community(31337, 'Riverside', 'e1').governor);
    expect(await guard.guardView(31337)).toBeNull();
  });

  test('a network without a community is judged by the own model (no chain read needed)', async () => {
    const { guard } = guardWith([]);
    const rules = await guard.rules({} as never, 31337);
    expect(rules.communities).toEqual([]);
    expect(rules.policy.snapshot.tokenLimits).toEqual([]);
  });
});
