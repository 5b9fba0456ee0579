// A real anvil with the real deployment (the forge deploy script) and the demo seed (through real
// governance), for the dApp's tests and benchmark.
import type { Deployment } from '@commonguard/sdk';
import { deployContracts, startAnvil } from '@commonguard/sdk/testing';
import { type SeedDemoReturnType, type StackClients, anvilMnemonic, createStackClients, demo, seedDemo } from '@commonguard/scripts';
import { communityGovernorAbi, timelockControllerAbi } from '@commonguard/sdk';
import { numberToHex } from 'viem';

export { anvilMnemonic, demo };

export type SeededChain = {
  rpcUrl: string;
  deployment: Deployment;
  seeded: SeedDemoReturnType;
  clients: StackClients;
  /** The governor's and timelock's timing, read from the chain (seconds). */
  timing: { votingDelay: bigint; votingPeriod: bigint; timelockDelay: bigint };
  stop: () => Promise<void>;
};

export async function startSeededChain(): Promise<SeededChain> {
  const { rpcUrl, deployment, stop } = await startDeployedChain();
  try {
    const seeded = await seedDemo({ rpcUrl, deployment });
    const clients = createStackClients(rpcUrl, deployment.chainId);
    const read = (address: `0x${string}`, abi: any, functionName: string) => clients.public.readContract({ address, abi, functionName }) as Promise<bigint>;
    const [votingDelay, votingPeriod, timelockDelay] = await Promise.all([
      read(deployment.contracts.communityGovernor, communityGovernorAbi, 'votingDelay'),
      read(deployment.contracts.communityGovernor, communityGovernorAbi, 'votingPeriod'),
      read(deployment.contracts.timelock, timelockControllerAbi, 'getMinDelay'),
    ]);
    return { rpcUrl, deployment, seeded, clients, timing: { votingDelay, votingPeriod, timelockDelay }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A fresh anvil with the real deployment and no seed. With another `chainId` it is a second network
 * with the same contracts at the same addresses (the deploy is deterministic): somewhere to move a
 * wallet to put it on the wrong network on purpose.
 */
export async function startDeployedChain(chainId?: number): Promise<{ rpcUrl: string; deployment: Deployment; stop: () => Promise<void> }> {
  const anvil = await startAnvil({ chainId });
  try {
    const deployment = await deployContracts({ rpcUrl: anvil.rpcUrl });
    return { rpcUrl: anvil.rpcUrl, deployment, stop: anvil.stop };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

/** Moves the chain's clock forward and mines a block. */
export async function warp(clients: StackClients, seconds: bigint): Promise<void> {
  await clients.test.request({ method: 'evm_increaseTime', params: [numberToHex(seconds)] });
  await clients.test.request({ method: 'evm_mine', params: undefined });
}
