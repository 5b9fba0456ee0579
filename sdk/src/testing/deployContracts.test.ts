import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { http, createPublicClient } from 'viem';
import { expect, test } from 'vitest';
import { communityTokenAbi, paymentPolicyAbi } from '../abis/generated.js';
import { DeployFailedError, deployContracts } from './deployContracts.js';
import { repositoryRoot } from './foundry.js';
import { startAnvil } from './startAnvil.js';

const localConfig = {
  token: {
    name: 'Test Community',
    symbol: 'TST',
    holders: [{ account: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', amount: '5000000000000000000000' }],
  },
  governor: {
    name: 'Test Governor',
    votingDelay: 1,
    votingPeriod: 100,
    proposalThreshold: '0',
    quorumNumerator: 4,
    lateQuorumExtension: 0,
  },
  timelock: { minDelay: 10 },
  policy: { warnAt: 30, blockAt: 90, unlimitedApprovalsAllowed: true },
  demoStablecoin: false,
};

test('deploys from a config object and leaves no file behind', async () => {
  const anvil = await startAnvil();
  try {
    const before = readdirSync(join(repositoryRoot, 'deployments')).sort();
    const deployment = await deployContracts({ rpcUrl: anvil.rpcUrl, config: localConfig });
    expect(readdirSync(join(repositoryRoot, 'deployments')).sort()).toEqual(before);
    expect(deployment.contracts.demoStablecoin).toBeUndefined();
    const client = createPublicClient({ transport: http(anvil.rpcUrl) });
    const [symbol, warnAt] = await Promise.all([
      client.readContract({ address: deployment.contracts.communityToken, abi: communityTokenAbi, functionName: 'symbol' }),
      client.readContract({ address: deployment.contracts.paymentPolicy, abi: paymentPolicyAbi, functionName: 'warnAt' }),
    ]);
    expect({ symbol, warnAt }).toEqual({ symbol: 'TST', warnAt: 30 });
  } finally {
    await anvil.stop();
  }
});

test('a bad config fails with the script’s reason', async () => {
  const anvil = await startAnvil();
  try {
    const error = await deployContracts({
      rpcUrl: anvil.rpcUrl,
      config: { ...localConfig, policy: { warnAt: 90, blockAt: 30, unlimitedApprovalsAllowed: false } },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployFailedError);
    expect((error as DeployFailedError).shortMessage).toBe('The deploy script failed: forge exited with code 1.');
    expect((error as DeployFailedError).output).toContain('policy.warnAt must be below policy.blockAt');
  } finally {
    await anvil.stop();
  }
});
