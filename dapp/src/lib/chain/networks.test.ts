import { getAddress } from 'viem';
import { describe, expect, test } from 'vitest';
import { buildNetworks, findNetwork, loadNetworks, type NetworkEntry } from './networks.js';

const respond = (body: unknown, status = 200) =>
  (async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })) as unknown as typeof fetch;

const community = {
  communityToken: '0x0000000000000000000000000000000000000001',
  communityGovernor: '0x0000000000000000000000000000000000000002',
  timelock: '0x0000000000000000000000000000000000000003',
  treasury: '0x0000000000000000000000000000000000000004',
  paymentPolicy: '0x0000000000000000000000000000000000000005',
};
const build = { rpcUrl: 'http://127.0.0.1:8545', chainId: 31337, subgraphUrl: null };
const file: NetworkEntry[] = [
  { chainId: 31337, name: 'Local test network (Anvil)', rpcUrl: 'http://127.0.0.1:8545', explorerUrl: null, subgraphUrl: null },
  { chainId: 11155111, name: 'Sepolia', rpcUrl: 'https://rpc.sepolia.example', explorerUrl: 'https://sepolia.etherscan.io', subgraphUrl: 'https://graph.example/sepolia' },
];

describe('networks', () => {
  test('the committed config: the local network, with the community and factory of the committed deployments/31337.json', async () => {
    const networks = await loadNetworks(respond({ error: 'not found' }, 404));
    expect(networks.defaultChainId).toBe(31337);
    const local = findNetwork(networks, 31337);
    expect(local).toMatchObject({ name: 'Local test network (Anvil)', rpcUrl: 'http://127.0.0.1:8545', subgraphUrl: null, explorerUrl: null });
    expect(local?.defaultCommunity?.contracts.treasury).toBe('0xD79aE87F2c003Ec925fB7e9C11585709bfe41473');
    expect(local?.factory).toBe('0x0165878A594ca255338adfa4d48449f69242Eb8F');
  });

  test('every network of the config file, each with its explorer and subgraph', () => {
    const networks = buildNetworks({ file, build, runtime: {}, deployments: new Map() });
    expect(networks.list.map((n) => [n.chainId, n.name, n.explorerUrl, n.subgraphUrl])).toEqual([
      [31337, 'Local test network (Anvil)', null, null],
      [11155111, 'Sepolia', 'https://sepolia.etherscan.io', 'https://graph.example/sepolia'],
    ]);
  });

  test('the factory and the first block come from the deployment file; the community without the factory key', () => {
    const deployments = new Map<number, unknown>([
      [11155111, { chainId: 11155111, deploymentBlock: 42, contracts: { ...community, communityFactory: '0x00000000000000000000000000000000000000fa' } }],
    ]);
    const sepolia = findNetwork(buildNetworks({ file, build, runtime: {}, deployments }), 11155111);
    expect(sepolia).toMatchObject({ factory: getAddress('0x00000000000000000000000000000000000000fa'), fromBlock: 42 });
    expect(sepolia?.defaultCommunity?.contracts.communityGovernor).toBe(community.communityGovernor);
    expect(findNetwork(buildNetworks({ file, build, runtime: {}, deployments }), 31337)).toMatchObject({ factory: null, defaultCommunity: null, fromBlock: 0 });
  });

  test('a deployment file with only a factory gives a network with no default community', () => {
    const deployments = new Map<number, unknown>([[31337, { chainId: 31337, deploymentBlock: 0, contracts: { communityFactory: '0x00000000000000000000000000000000000000fa' } }]]);
    expect(findNetwork(buildNetworks({ file, build, runtime: {}, deployments }), 31337)).toMatchObject({ defaultCommunity: null });
  });

  test('config.json beside the app still overrides the RPC, the subgraph and the community of the default network', async () => {
    const deployment = { chainId: 31337, deploymentBlock: 7, contracts: community };
    const networks = await loadNetworks(respond({ rpcUrl: 'http://node.example', subgraphUrl: 'http://graph.example/q', deployment }));
    expect(findNetwork(networks, 31337)).toMatchObject({
      rpcUrl: 'http://node.example',
      subgraphUrl: 'http://graph.example/q',
      fromBlock: 7,
      defaultCommunity: { deploymentBlock: 7, contracts: { treasury: community.treasury } },
    });
  });

  test('config.json can add a network and make another chain the default', () => {
    const networks = buildNetworks({
      file,
      build,
      runtime: { chainId: 31338, networks: [{ chainId: 31338, name: 'Second test chain', rpcUrl: 'http://127.0.0.1:9545' }] },
      deployments: new Map(),
    });
    expect(networks.defaultChainId).toBe(31338);
    expect(findNetwork(networks, 31338)).toMatchObject({ name: 'Second test chain', rpcUrl: 'http://127.0.0.1:9545' });
    expect(findNetwork(networks, 31337)?.rpcUrl).toBe('http://127.0.0.1:8545');
  });

  test('a broken deployment or a network without an RPC URL says what is wrong', async () => {
    await expect(loadNetworks(respond({ deployment: { chainId: 31337, deploymentBlock: 0, contracts: { treasury: 'nope' } } }))).rejects.toThrow(/treasury/);
    expect(() => buildNetworks({ file, build, runtime: { networks: [{ chainId: 5 }] }, deployments: new Map() })).toThrow(
      'The network with chain id 5 has no RPC URL in the configuration.',
    );
    expect(() =>
      buildNetworks({ file, build, runtime: {}, deployments: new Map([[31337, { chainId: 31337, deploymentBlock: 0, contracts: { ...community, communityFactory: 'x' } }]]) }),
    ).toThrow('deployments/31337.json: contracts.communityFactory is not an address.');
  });
});
