import { describe, expect, test } from 'vitest';
import type { Network } from '../chain/networks.js';
import { type DirectoryEntry, mergeDirectory, searchDirectory } from './communities.js';

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
});
