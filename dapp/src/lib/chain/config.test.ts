import { describe, expect, test } from 'vitest';
import { loadConfig } from './config.js';

const respond = (body: unknown, status = 200) =>
  (async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })) as unknown as typeof fetch;

describe('app configuration', () => {
  test('without config.json: build-time defaults and the committed deployments/31337.json', async () => {
    const config = await loadConfig(respond({ error: 'not found' }, 404));
    expect(config).toMatchObject({ rpcUrl: 'http://127.0.0.1:8545', chainId: 31337, subgraphUrl: null });
    expect(config.deployment?.contracts.treasury).toBe('0x856e4424f806D16E8CBC702B3c0F2ede5468eae5');
  });

  test('config.json overrides the RPC, the subgraph and the deployment', async () => {
    const deployment = {
      chainId: 31337,
      deploymentBlock: 7,
      contracts: {
        communityToken: '0x0000000000000000000000000000000000000001',
        communityGovernor: '0x0000000000000000000000000000000000000002',
        timelock: '0x0000000000000000000000000000000000000003',
        treasury: '0x0000000000000000000000000000000000000004',
        paymentPolicy: '0x0000000000000000000000000000000000000005',
      },
    };
    const config = await loadConfig(respond({ rpcUrl: 'http://node.example', subgraphUrl: 'http://graph.example/q', deployment }));
    expect(config).toMatchObject({ rpcUrl: 'http://node.example', subgraphUrl: 'http://graph.example/q', deployment: { deploymentBlock: 7 } });
  });

  test('a chain with no deployment gives none; a broken deployment says what is wrong', async () => {
    expect((await loadConfig(respond({ chainId: 5 }))).deployment).toBeNull();
    await expect(loadConfig(respond({ deployment: { chainId: 31337, deploymentBlock: 0, contracts: { treasury: 'nope' } } }))).rejects.toThrow(/treasury/);
  });
});
