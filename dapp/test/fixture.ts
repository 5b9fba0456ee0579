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
  const anvil = await startAnvil();
  try {
    const deployment = await deployContracts({ rpcUrl: anvil.rpcUrl });
    const seeded = await seedDemo({ rpcUrl: anvil.rpcUrl, deployment });
    const clients = createStackClients(anvil.rpcUrl, deployment.chainId);
    const read = (address: `0x${string}`, abi: any, functionName: string) => clients.public.readContract({ address, abi, functionName }) as Promise<bigint>;
    const [votingDelay, votingPeriod, timelockDelay] = await Promise.all([
      read(deployment.contracts.communityGovernor, communityGovernorAbi, 'votingDelay'),
      read(deployment.contracts.communityGovernor, communityGovernorAbi, 'votingPeriod'),
      read(deployment.contracts.timelock, timelockControllerAbi, 'getMinDelay'),
    ]);
    return { rpcUrl: anvil.rpcUrl, deployment, seeded, clients, timing: { votingDelay, votingPeriod, timelockDelay }, stop: anvil.stop };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

/**
 * A second chain with the same contracts at the same addresses (the deploy is deterministic), under
 * another chain id: a network a wallet can be moved to, to put it on the wrong network on purpose.
 */
export async function startOtherChain(chainId: number): Promise<{ rpcUrl: string; stop: () => Promise<void> }> {
  const anvil = await startAnvil({ chainId });
  try {
    await deployContracts({ rpcUrl: anvil.rpcUrl });
    return { rpcUrl: anvil.rpcUrl, stop: anvil.stop };
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
