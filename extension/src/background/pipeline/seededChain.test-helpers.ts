// A real anvil with the contracts deployed and the demo seed run through governance, for the pipeline's
// tests that read the community (not a test file itself).
import { seedDemo, type SeedDemoReturnType } from '@commonguard/scripts';
import type { Deployment } from '@commonguard/sdk';
import { deployContracts, startAnvil } from '@commonguard/sdk/testing';
import type { Address } from 'viem';

/** The demo's people (anvil's development accounts). */
export const shopper: Address = '0x976EA74026E726554dB657fA54763abd0C3a0aa9';
export const member1: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
export const treasurer: Address = '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc';
export const coffee: Address = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';

export type SeededChain = { rpcUrl: string; deployment: Deployment; seeded: SeedDemoReturnType; stop: () => Promise<void> };

/** Starts anvil, deploys and seeds; call `stop` after the tests (allow it about three minutes). */
export async function startSeededChain(): Promise<SeededChain> {
  const anvil = await startAnvil();
  try {
    const deployment = await deployContracts({ rpcUrl: anvil.rpcUrl });
    const seeded = await seedDemo({ rpcUrl: anvil.rpcUrl, deployment });
    return { rpcUrl: anvil.rpcUrl, deployment, seeded, stop: anvil.stop };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}
