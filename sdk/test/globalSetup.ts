// Starts one anvil on a free port, deploys CommonGuard with the real forge script, and gives the
// contracts some state to read. The policy changes here are made by impersonating the timelock:
// that is real chain state written by the real contracts, just without the week of governance the
// scripts package's seed goes through (its own tests cover that path).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { http, type Address, createPublicClient, createTestClient, createWalletClient, parseEther, publicActions } from 'viem';
import { foundry } from 'viem/chains';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { demoStablecoinAbi, paymentPolicyAbi, treasuryAbi } from '../src/abis/generated.js';
import type { Deployment } from '../src/deployments/parseDeployment.js';
import { deployContracts } from '../src/testing/deployContracts.js';
import { repositoryRoot } from '../src/testing/foundry.js';
import { startAnvil } from '../src/testing/startAnvil.js';
import { fixture } from './fixture.js';

declare module 'vitest' {
  export interface ProvidedContext {
    rpcUrl: string;
    deployment: Deployment;
    /** The block right after deployment, before the setup below changed anything. */
    deployedBlock: bigint;
  }
}

const localConfig = JSON.parse(readFileSync(join(repositoryRoot, 'contracts/config/local.json'), 'utf8')) as { policy: Record<string, unknown> } & Record<string, unknown>;

export default async function setup(project: TestProject) {
  const anvil = await startAnvil();
  try {
    // The local config without its token limits: the setup below writes every rule itself, so the policy
    // starts at version 1 and each change the tests expect is one of the setup's (as forge's SystemFixture does).
    const { tokenLimits: _, ...policy } = localConfig.policy;
    const deployment = await deployContracts({ rpcUrl: anvil.rpcUrl, config: { ...localConfig, policy } });
    const deployedBlock = await createPublicClient({ transport: http(anvil.rpcUrl) }).getBlockNumber();
    await arrange(anvil.rpcUrl, deployment);
    project.provide('rpcUrl', anvil.rpcUrl);
    project.provide('deployment', deployment);
    project.provide('deployedBlock', deployedBlock);
  } catch (error) {
    await anvil.stop();
    throw error;
  }
  return () => anvil.stop();
}

async function arrange(rpcUrl: string, deployment: Deployment) {
  const { paymentPolicy, treasury, timelock, demoStablecoin } = deployment.contracts;
  const cgUsd = demoStablecoin as Address;
  const testClient = createTestClient({ chain: foundry, mode: 'anvil', transport: http(rpcUrl) });
  const client = createWalletClient({ chain: foundry, transport: http(rpcUrl) }).extend(publicActions);
  const send = async (request: Parameters<typeof client.writeContract>[0]) => {
    const hash = await client.writeContract(request);
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    if (receipt.status !== 'success') throw new Error(`setup transaction ${request.functionName} reverted`);
  };

  await testClient.impersonateAccount({ address: timelock });
  await testClient.setBalance({ address: timelock, value: parseEther('10') });
  const asTimelock = { account: timelock, chain: foundry } as const;
  for (const limits of fixture.tokenLimits(cgUsd)) {
    await send({ ...asTimelock, address: paymentPolicy, abi: paymentPolicyAbi, functionName: 'setTokenLimits', args: limits });
  }
  for (const [merchant, status, note] of fixture.merchants) {
    await send({ ...asTimelock, address: paymentPolicy, abi: paymentPolicyAbi, functionName: 'setMerchantStatus', args: [merchant, status, note] });
  }
  for (const [origin, status, note] of fixture.origins) {
    await send({ ...asTimelock, address: paymentPolicy, abi: paymentPolicyAbi, functionName: 'setOriginStatus', args: [origin, status, note] });
  }
  for (const [domain, status, note] of fixture.domains) {
    await send({ ...asTimelock, address: paymentPolicy, abi: paymentPolicyAbi, functionName: 'setDomainStatus', args: [domain, status, note] });
  }
  await send({ ...asTimelock, address: treasury, abi: treasuryAbi, functionName: 'setBudget', args: [fixture.treasurer, cgUsd, 1_000_000_000n, 30n * 86_400n] });
  await testClient.stopImpersonatingAccount({ address: timelock });

  const deployer = { account: fixture.deployer, chain: foundry } as const;
  await send({ ...deployer, address: cgUsd, abi: demoStablecoinAbi, functionName: 'mint', args: [fixture.deployer, 5_000_000_000n] });
  await send({ ...deployer, address: cgUsd, abi: demoStablecoinAbi, functionName: 'approve', args: [treasury, 5_000_000_000n] });
  await send({ ...deployer, address: treasury, abi: treasuryAbi, functionName: 'deposit', args: [cgUsd, 5_000_000_000n] });
}
