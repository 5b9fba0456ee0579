import { describe, expect, test } from 'vitest';
import type { Networks } from './networks.js';
import { communityPath, legacyRedirect, parseCommunityRoute } from './route.js';

const governor = '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0';
const networks = {
  defaultChainId: 31337,
  list: [
    {
      chainId: 31337,
      name: 'Local',
      rpcUrl: 'http://127.0.0.1:8545',
      explorerUrl: null,
      subgraphUrl: null,
      factory: null,
      fromBlock: 0,
      defaultCommunity: { chainId: 31337, deploymentBlock: 0, contracts: { communityGovernor: governor } },
    },
  ],
} as unknown as Networks;

describe('community routes', () => {
  test('reads the chain id and the governor, checksumming the address', () => {
    expect(parseCommunityRoute({ chainId: '31337', governor: governor.toLowerCase() })).toEqual({ chainId: 31337, governor });
  });

  test('refuses what is not a chain id or an address', () => {
    expect(parseCommunityRoute({ chainId: 'proposals', governor })).toBeUndefined();
    expect(parseCommunityRoute({ chainId: '0', governor })).toBeUndefined();
    expect(parseCommunityRoute({ chainId: '031337', governor })).toBeUndefined();
    expect(parseCommunityRoute({ chainId: '99999999999999999', governor })).toBeUndefined();
    expect(parseCommunityRoute({ chainId: '31337', governor: '7' })).toBeUndefined();
    expect(parseCommunityRoute({ chainId: '31337', governor: `${governor}00` })).toBeUndefined();
    expect(parseCommunityRoute({ chainId: '31337' })).toBeUndefined();
  });

  test('builds a community page path', () => {
    expect(communityPath(31337, governor, '/proposals/7')).toBe(`/31337/${governor}/proposals/7`);
  });

  test('sends the old pages to the default community, and nothing else', () => {
    expect(legacyRedirect('/proposals', networks)).toBe(`/31337/${governor}/proposals`);
    expect(legacyRedirect('/proposals/12/', networks)).toBe(`/31337/${governor}/proposals/12`);
    expect(legacyRedirect('/proposals/new', networks)).toBe(`/31337/${governor}/proposals/new`);
    expect(legacyRedirect('/treasury', networks)).toBe(`/31337/${governor}/treasury`);
    expect(legacyRedirect('/policy', networks)).toBe(`/31337/${governor}/policy`);
    expect(legacyRedirect('/delegates', networks)).toBe(`/31337/${governor}/delegates`);
    expect(legacyRedirect('/treasuryx', networks)).toBeUndefined();
    expect(legacyRedirect('/nothing-here', networks)).toBeUndefined();
    expect(legacyRedirect('/proposals', { ...networks, defaultChainId: 1 })).toBeUndefined();
  });
});
