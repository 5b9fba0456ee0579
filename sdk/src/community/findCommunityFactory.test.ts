import { http, type Address, createPublicClient, getAddress, getContractAddress } from 'viem';
import { foundry } from 'viem/chains';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { createCommunity, deployFactory, deployFromBuild } from '../../test/factory.js';
import { communityFactoryAbi } from '../abis/generated.js';
import { CommunityNotFoundError } from '../errors/community.js';
import { findCommunityFactory } from './findCommunityFactory.js';
import { readCommunity } from './readCommunity.js';

const rpcUrl = inject('rpcUrl');
const { contracts } = inject('deployment');
const client = createPublicClient({ chain: foundry, transport: http(rpcUrl) });
const members: Address[] = ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8', '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'];

let factory: Address;
let forged: Address;
let orchard: Address;

beforeAll(async () => {
  factory = await deployFactory(rpcUrl);
  // A forger who knows the factory's next nonce knows the next community's addresses (the parts are
  // cloned with CREATE: timelock, token, then governor), and emits its own CommunityCreated for that
  // governor first, with a treasury and a policy of its own that claim the community's timelock.
  const nonce = BigInt(await client.getTransactionCount({ address: factory }));
  const [timelock, token, governor] = [0n, 1n, 2n].map((offset) => getContractAddress({ from: factory, nonce: nonce + offset }));
  forged = await deployFromBuild(rpcUrl, 'ForgedFactory.sol', 'ForgedFactory', [governor, token, timelock]);
  orchard = await createCommunity(rpcUrl, { factory, name: 'Orchard Street Co-op', holders: members });
  expect(orchard).toBe(governor);
}, 60_000);

describe('findCommunityFactory', () => {
  test('finds the factory that created the governor, not the contract whose event for it came first', async () => {
    const events = await client.getContractEvents({ abi: communityFactoryAbi, eventName: 'CommunityCreated', args: { governor: orchard }, fromBlock: 0n });
    expect(events.map((event) => event.address.toLowerCase())).toEqual([forged.toLowerCase(), factory.toLowerCase()]);
    expect(await findCommunityFactory(client, { governor: orchard })).toBe(getAddress(factory));
    // So the community is read with the real treasury and policy, not the forger's.
    const record = await client.readContract({ address: factory, abi: communityFactoryAbi, functionName: 'communityOf', args: [orchard] });
    expect(await readCommunity(client, { governor: orchard, factory: await findCommunityFactory(client, { governor: orchard }) })).toMatchObject({ treasury: record.treasury, policy: record.policy });
  });

  test('a contract that only a forger claims to have created has no factory', async () => {
    // The first forger's contract, claimed by a second forger that did not create it.
    await deployFromBuild(rpcUrl, 'ForgedFactory.sol', 'ForgedFactory', [forged, contracts.communityToken, contracts.timelock]);
    const error = await findCommunityFactory(client, { governor: forged }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CommunityNotFoundError);
    expect(error).toMatchObject({ reason: 'no-factory', shortMessage: `No community factory on chain 31337 created a community with the governor ${forged}.` });
  });

  test('an address no contract claims has none', async () => {
    await expect(findCommunityFactory(client, { governor: '0x000000000000000000000000000000000000dEaD' })).rejects.toMatchObject({ reason: 'no-factory' });
  });
});
