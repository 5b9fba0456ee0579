import { http, type Address, createPublicClient } from 'viem';
import { foundry, mainnet } from 'viem/chains';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { createCommunity, deployFactory, deployFromBuild } from '../../test/factory.js';
import { communityFactoryAbi } from '../abis/generated.js';
import { CommunityMismatchError, CommunityNotFoundError } from '../errors/community.js';
import { ChainMismatchError, RpcUnreachableError } from '../errors/rpc.js';
import { findFreePort } from '../testing/startAnvil.js';
import { readCommunity } from './readCommunity.js';

const rpcUrl = inject('rpcUrl');
const { contracts } = inject('deployment');
const client = createPublicClient({ chain: foundry, transport: http(rpcUrl) });
const members: Address[] = ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8', '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'];

let factory: Address;
let riverside: Address;
let hillside: Address;

beforeAll(async () => {
  factory = await deployFactory(rpcUrl);
  riverside = await createCommunity(rpcUrl, { factory, name: 'Riverside Food Co-op', holders: members });
  hillside = await createCommunity(rpcUrl, { factory, name: 'Hillside Tenants', holders: members });
}, 60_000);

describe('readCommunity', () => {
  test('reads a community from its governor and the factory that created it', async () => {
    const record = await client.readContract({ address: factory, abi: communityFactoryAbi, functionName: 'communityOf', args: [riverside] });
    expect(await readCommunity(client, { governor: riverside, factory })).toEqual({
      chainId: 31337,
      name: 'Riverside Food Co-op',
      governor: riverside,
      token: record.token,
      timelock: record.timelock,
      treasury: record.treasury,
      policy: record.policy,
    });
  });

  test('reads the deployed demo community from its governor and treasury', async () => {
    expect(await readCommunity(client, { governor: contracts.communityGovernor, treasury: contracts.treasury })).toEqual({
      chainId: 31337,
      name: 'CommonGuard Governor',
      governor: contracts.communityGovernor,
      token: contracts.communityToken,
      timelock: contracts.timelock,
      treasury: contracts.treasury,
      policy: contracts.paymentPolicy,
    });
  });

  test('refuses a policy address given as a governor, in words', async () => {
    const error = await readCommunity(client, { governor: contracts.paymentPolicy, factory }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommunityNotFoundError);
    expect((error as CommunityNotFoundError).reason).toBe('not-a-governor');
    expect((error as CommunityNotFoundError).shortMessage).toBe(
      `The contract at ${contracts.paymentPolicy} on chain 31337 is not the governor of a CommonGuard community.`,
    );
  });

  test('says when nothing is deployed at the address', async () => {
    const nowhere = '0x000000000000000000000000000000000000dEaD';
    const error = await readCommunity(client, { governor: nowhere, factory }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommunityNotFoundError);
    expect((error as CommunityNotFoundError).shortMessage).toBe(
      `There is no community at ${nowhere} on chain 31337: no contract lives at that address.`,
    );
  });

  test('refuses a governor the factory did not create', async () => {
    const error = await readCommunity(client, { governor: contracts.communityGovernor, factory }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommunityNotFoundError);
    expect((error as CommunityNotFoundError).shortMessage).toBe(
      `The community factory at ${factory} on chain 31337 did not create a community with the governor ${contracts.communityGovernor}.`,
    );
  });

  test('refuses the parts of two communities mixed, naming the parts that do not belong', async () => {
    const other = await readCommunity(client, { governor: hillside, factory });
    const mine = await readCommunity(client, { governor: riverside, factory });
    const error = await readCommunity(client, { governor: riverside, treasury: other.treasury }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommunityMismatchError);
    const mismatch = error as CommunityMismatchError;
    expect(mismatch.mismatches.map((m) => m.part)).toEqual(['treasury', 'policy']);
    expect(mismatch.shortMessage).toBe(`The treasury and policy do not belong to the community of the governor ${riverside}.`);
    expect(mismatch.message).toContain(
      `the treasury ${other.treasury} is owned by ${other.timelock}, not by the community's timelock ${mine.timelock}.`,
    );
  });

  test('refuses a governor that is not its timelock\'s proposer', async () => {
    // An impostor: a governor pointed at Riverside's real token and timelock, which never made it a proposer.
    const real = await readCommunity(client, { governor: riverside, factory });
    const impostor = await deployFromBuild(rpcUrl, 'CommunityGovernor.sol', 'CommunityGovernor', [
      'Riverside Food Co-op',
      real.token,
      real.timelock,
      { votingDelay: 86_400, votingPeriod: 259_200, proposalThreshold: 1n, quorumNumerator: 20n, lateQuorumExtension: 3_600 },
    ]);
    const error = await readCommunity(client, { governor: impostor, treasury: real.treasury }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommunityMismatchError);
    expect((error as CommunityMismatchError).mismatches).toEqual([
      {
        part: 'timelock',
        problem: `the governor is not a proposer of the timelock ${real.timelock}: its proposals could never be queued.`,
      },
    ]);
  });

  test('says the RPC endpoint is unreachable', async () => {
    const url = `http://127.0.0.1:${await findFreePort()}`;
    const offline = createPublicClient({ chain: foundry, transport: http(url, { retryCount: 0 }) });
    const error = await readCommunity(offline, { governor: riverside, factory }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcUnreachableError);
    expect((error as RpcUnreachableError).shortMessage).toBe(`Cannot reach the RPC endpoint at ${url}.`);
  });

  test('says the client expects another chain', async () => {
    const wrongChain = createPublicClient({ chain: mainnet, transport: http(rpcUrl) });
    const error = await readCommunity(wrongChain, { governor: riverside, factory }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChainMismatchError);
  });
});
