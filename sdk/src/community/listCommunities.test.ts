import { http, type Address, createPublicClient } from 'viem';
import { foundry } from 'viem/chains';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { createCommunity, deployFactory } from '../../test/factory.js';
import { InvalidParameterError } from '../errors/parameters.js';
import { ContractNotFoundError } from '../errors/rpc.js';
import { listCommunities } from './listCommunities.js';

const rpcUrl = inject('rpcUrl');
const client = createPublicClient({ chain: foundry, transport: http(rpcUrl) });
const holders: Address[] = ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8'];
const names = ['Riverside Food Co-op', 'Hillside Tenants', 'Harbour Rowing Club'];

let factory: Address;
const governors: Address[] = [];

beforeAll(async () => {
  factory = await deployFactory(rpcUrl);
  for (const name of names) governors.push(await createCommunity(rpcUrl, { factory, name, holders }));
}, 60_000);

describe('listCommunities', () => {
  test('lists every community newest first, with names and creation times', async () => {
    const { communities, total } = await listCommunities(client, { factory });
    expect(total).toBe(3n);
    expect(communities.map((c) => [c.name, c.governor])).toEqual([
      [names[2], governors[2]],
      [names[1], governors[1]],
      [names[0], governors[0]],
    ]);
    const block = await client.getBlock();
    for (const c of communities) {
      expect(c.createdAt).toBeGreaterThan(0n);
      expect(c.createdAt).toBeLessThanOrEqual(block.timestamp);
    }
    expect(communities[0]?.createdAt).toBeGreaterThanOrEqual(communities[2]?.createdAt ?? 0n);
  });

  test('pages from the newest', async () => {
    const second = await listCommunities(client, { factory, offset: 1, limit: 1 });
    expect(second.communities.map((c) => c.name)).toEqual([names[1]]);
    const rest = await listCommunities(client, { factory, offset: 2, limit: 5 });
    expect(rest.communities.map((c) => c.name)).toEqual([names[0]]);
    const beyond = await listCommunities(client, { factory, offset: 3 });
    expect(beyond).toEqual({ communities: [], total: 3n });
  });

  test('refuses a limit below 1', async () => {
    await expect(listCommunities(client, { factory, limit: 0 })).rejects.toBeInstanceOf(InvalidParameterError);
  });

  test('says there is no factory at an address without code', async () => {
    const error = await listCommunities(client, { factory: '0x000000000000000000000000000000000000dEaD' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractNotFoundError);
    expect((error as ContractNotFoundError).shortMessage).toBe(
      'No CommunityFactory contract at 0x000000000000000000000000000000000000dEaD on chain 31337: there is no code at that address.',
    );
  });
});
