import { describe, expect, test } from 'vitest';
import { createPublicClient, custom } from 'viem';
import type { AppClient } from '../chain/chain.js';
import type { Network } from '../chain/networks.js';
import { type DirectoryEntry, mergeDirectory, networkCommunities, searchDirectory } from './communities.js';

const entry = (name: string, createdAt: number | null): DirectoryEntry => ({
  name,
  chainId: 31337,
  networkName: 'Local',
  governor: '0x0000000000000000000000000000000000000001',
  createdAt,
  href: '/31337/0x0000000000000000000000000000000000000001',
});
const network = (chainId: number) => ({ chainId, name: `Chain ${chainId}` }) as Network;

describe('directory', () => {
  test('merges networks newest first, those of unknown age last, and names the networks that did not answer', () => {
    const { entries, unreachable } = mergeDirectory([
      { network: network(1), entries: [entry('Old', 100), entry('Demo', null)] },
      { network: network(2), entries: [entry('New', 300)] },
      { network: network(3), error: new Error('down') },
    ]);
    expect(entries.map((e) => e.name)).toEqual(['New', 'Old', 'Demo']);
    expect(unreachable.map((n) => n.chainId)).toEqual([3]);
  });

  test('searches by name, in any letter case', () => {
    const entries = [entry('Riverside Food Co-op', 1), entry('Hillside Tenants', 2)];
    expect(searchDirectory(entries, '  river ').map((e) => e.name)).toEqual(['Riverside Food Co-op']);
    expect(searchDirectory(entries, 'SIDE').map((e) => e.name)).toEqual(['Riverside Food Co-op', 'Hillside Tenants']);
    expect(searchDirectory(entries, 'harbour')).toEqual([]);
    expect(searchDirectory(entries, '')).toHaveLength(2);
  });

  describe('a network with a subgraph', () => {
    const factory = '0x00000000000000000000000000000000000000fa';
    const indexedNetwork = { chainId: 11155111, name: 'Sepolia', subgraphUrl: 'https://subgraph.test/commonguard', factory, defaultCommunity: null } as unknown as Network;
    /** A client that records every RPC method asked of it and answers none. */
    const recordingClient = () => {
      const methods: string[] = [];
      const client = createPublicClient({
        transport: custom({ request: async ({ method }) => (methods.push(method), Promise.reject(new Error('the chain does not answer'))) }, { retryCount: 0 }),
      }) as unknown as AppClient;
      return { client, methods };
    };

    test('lists the communities the subgraph indexes, newest first, without reading the chain', async () => {
      const asked: { url: string; query: string; variables: unknown }[] = [];
      const fetcher = (async (url: string, init: RequestInit) => {
        const { query, variables } = JSON.parse(String(init.body));
        asked.push({ url, query, variables });
        const communities = [
          { id: '0x7ab4c4804197531f7ed6a6bc0f0781f706ff7953', name: 'Hillside Tenants', createdAt: '1770000000' },
          { id: '0x00000000000000000000000000000000000000aa', name: 'Riverside Food Co-op', createdAt: '1760000000' },
        ];
        return new Response(JSON.stringify({ data: { communities } }), { headers: { 'content-type': 'application/json' } });
      }) as typeof fetch;
      const { client, methods } = recordingClient();
      const entries = await networkCommunities(indexedNetwork, client, fetcher);
      expect(entries).toEqual([
        { name: 'Hillside Tenants', chainId: 11155111, networkName: 'Sepolia', governor: '0x7ab4C4804197531f7ed6A6bc0f0781f706ff7953', createdAt: 1770000000, href: '/11155111/0x7ab4C4804197531f7ed6A6bc0f0781f706ff7953' },
        { name: 'Riverside Food Co-op', chainId: 11155111, networkName: 'Sepolia', governor: '0x00000000000000000000000000000000000000AA', createdAt: 1760000000, href: '/11155111/0x00000000000000000000000000000000000000AA' },
      ]);
      expect(asked).toHaveLength(1);
      expect(asked[0].url).toBe('https://subgraph.test/commonguard');
      expect(asked[0].query).toContain('communities(');
      expect(asked[0].variables).toEqual({ first: 50 });
      expect(methods).toEqual([]);
    });

    test('reads the factory on chain when the subgraph does not answer', async () => {
      const down = (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch;
      const { client, methods } = recordingClient();
      await expect(networkCommunities(indexedNetwork, client, down)).rejects.toThrow();
      expect(methods.length).toBeGreaterThan(0);
    });
  });
});
