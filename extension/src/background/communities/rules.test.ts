import type { Address } from 'viem';
import { describe, expect, test } from 'vitest';
import type { CachedPolicy } from '../policy/PolicyCache.js';
import { mergeRules, mergeStatus, NO_POLICY, OWN_MODEL_POLICY } from './rules.js';

const USD = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707' as Address;
const ETH = '0x0000000000000000000000000000000000000000' as Address;
const EUR = '0x00000000000000000000000000000000000000e0' as Address;

const policy = (address: string, snapshot: Partial<CachedPolicy['snapshot']>, readAt = 1_000): CachedPolicy => ({
  address: address as Address,
  readAt,
  snapshot: { version: 1n, warnAt: 40, blockAt: 80, unlimitedApprovalsAllowed: true, tokenLimits: [], ...snapshot },
});
const coop = { name: 'Corner Coop', governor: '0x00000000000000000000000000000000000000c1' as Address, policy: '0x00000000000000000000000000000000000000c2' as Address };
const river = { name: 'Riverside', governor: '0x00000000000000000000000000000000000000d1' as Address, policy: '0x00000000000000000000000000000000000000d2' as Address };
const limits = (token: Address, maxSinglePayment: bigint, dailyCap: bigint, maxFirstPayment: bigint) => ({ token, maxSinglePayment, dailyCap, maxFirstPayment });

describe('mergeRules: the rules guarding one network', () => {
  test('no community: the wallet’s own model, no limits, no community named', () => {
    const rules = mergeRules([], 5_000);
    expect(rules.communities).toEqual([]);
    expect(rules.policy).toEqual({ address: NO_POLICY, readAt: 5_000, snapshot: OWN_MODEL_POLICY });
    expect(rules.policy.snapshot.tokenLimits).toEqual([]);
  });

  test('one community: its policy unchanged, its name on every rule it sets', () => {
    const only = policy(coop.policy, { version: 7n, tokenLimits: [limits(USD, 100n, 250n, 20n)] });
    const rules = mergeRules([{ community: coop, cached: only }], 5_000);
    expect(rules.policy).toBe(only);
    expect(rules.communities).toEqual([{ ...coop, version: 7n }]);
    expect(rules.decidedBy.tokens[USD.toLowerCase()]).toEqual({ maxSinglePayment: ['Corner Coop'], dailyCap: ['Corner Coop'], maxFirstPayment: ['Corner Coop'] });
  });

  test('two communities: for each rule the stricter wins, and the window can name whose it is', () => {
    const a = policy(coop.policy, { version: 3n, warnAt: 30, blockAt: 90, unlimitedApprovalsAllowed: true, tokenLimits: [limits(USD, 100n, 500n, 0n), limits(ETH, 10n, 20n, 5n)] }, 1_000);
    const b = policy(river.policy, { version: 9n, warnAt: 50, blockAt: 70, unlimitedApprovalsAllowed: false, tokenLimits: [limits(USD, 200n, 250n, 20n), limits(EUR, 0n, 40n, 0n)] }, 900);
    const rules = mergeRules([{ community: coop, cached: a }, { community: river, cached: b }], 5_000);
    const snapshot = rules.policy.snapshot;
    expect(snapshot).toMatchObject({ warnAt: 30, blockAt: 70, unlimitedApprovalsAllowed: false, version: 12n });
    expect(rules.policy.readAt).toBe(900);
    // 0 is "no limit": Corner Coop's missing first-payment cap does not lift Riverside's.
    expect(snapshot.tokenLimits).toEqual([limits(USD, 100n, 250n, 20n), limits(ETH, 10n, 20n, 5n), limits(EUR, 0n, 40n, 0n)]);
    expect(rules.decidedBy).toEqual({
      warnAt: ['Corner Coop'],
      blockAt: ['Riverside'],
      unlimitedApprovalsAllowed: ['Riverside'],
      tokens: {
        [USD.toLowerCase()]: { maxSinglePayment: ['Corner Coop'], dailyCap: ['Riverside'], maxFirstPayment: ['Riverside'] },
        [ETH.toLowerCase()]: { maxSinglePayment: ['Corner Coop'], dailyCap: ['Corner Coop'], maxFirstPayment: ['Corner Coop'] },
        [EUR.toLowerCase()]: { maxSinglePayment: [], dailyCap: ['Riverside'], maxFirstPayment: [] },
      },
    });
    expect(rules.communities.map(({ name, version }) => [name, version])).toEqual([['Corner Coop', 3n], ['Riverside', 9n]]);
  });

  test('the same limit in both: both are named', () => {
    const a = policy(coop.policy, { tokenLimits: [limits(USD, 100n, 0n, 0n)] });
    const b = policy(river.policy, { tokenLimits: [limits(USD, 100n, 0n, 0n)] });
    expect(mergeRules([{ community: coop, cached: a }, { community: river, cached: b }], 0).decidedBy.tokens[USD.toLowerCase()]?.maxSinglePayment).toEqual(['Corner Coop', 'Riverside']);
  });

  test('the merged version grows whenever either community changes its rules', () => {
    const before = mergeRules([{ community: coop, cached: policy(coop.policy, { version: 3n }) }, { community: river, cached: policy(river.policy, { version: 9n }) }], 0);
    const after = mergeRules([{ community: coop, cached: policy(coop.policy, { version: 3n }) }, { community: river, cached: policy(river.policy, { version: 10n }) }], 0);
    expect(after.policy.snapshot.version).toBeGreaterThan(before.policy.snapshot.version);
  });
});

describe('mergeStatus: a site or an address', () => {
  test('blocked by any blocks, naming who blocked it, even if another trusts it', () => {
    expect(mergeStatus([{ name: 'Corner Coop', status: 'trusted', note: 'Our shop' }, { name: 'Riverside', status: 'blocked', note: 'Copies our shop' }])).toEqual({ status: 'blocked', note: 'Copies our shop', by: ['Riverside'] });
  });

  test('trusted by one and blocked by none is trusted (a community’s own site); nothing listed is unknown', () => {
    expect(mergeStatus([{ name: 'Corner Coop', status: 'trusted', note: 'Our dApp' }, { name: 'Riverside', status: 'unknown', note: '' }])).toEqual({ status: 'trusted', note: 'Our dApp', by: ['Corner Coop'] });
    expect(mergeStatus([{ name: 'Corner Coop', status: 'unknown', note: '' }])).toEqual({ status: 'unknown', note: '', by: [] });
    expect(mergeStatus([])).toEqual({ status: 'unknown', note: '', by: [] });
  });
});
