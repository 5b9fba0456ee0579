// A real anvil with the real contracts, deployed by the project's deploy script and seeded through
// real governance (the demo seed), for the extension's browser tests and benchmarks.
import { passProposal, seedDemo } from '@commonguard/scripts';
import { paymentPolicyAbi } from '@commonguard/sdk';
import { deployContracts, startAnvil } from '@commonguard/sdk/testing';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPublicClient, encodeFunctionData, erc20Abi, http } from 'viem';
import { foundry } from 'viem/chains';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Anvil's default accounts used by the demo (see the brief's account table). */
export const ACCOUNTS = {
  shopper: { address: '0x976EA74026E726554dB657fA54763abd0C3a0aa9', key: '0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e' },
  merchant: { address: '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955' },
  blockedMerchant: { address: '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f' },
  spare: { address: '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720' },
};

/**
 * Starts anvil on a free port, deploys the contracts and runs the demo seed. `chainId`: a second local
 * chain for the network tests (anvil's default is 31337; two chains must differ).
 */
export async function startChain({ chainId } = {}) {
  const anvil = await startAnvil(chainId === undefined ? {} : { chainId });
  try {
    const deployment = await deployContracts({ rpcUrl: anvil.rpcUrl });
    await seedDemo({ rpcUrl: anvil.rpcUrl, deployment });
    const publicClient = createPublicClient({ chain: { ...foundry, id: chainId ?? foundry.id }, transport: http(anvil.rpcUrl) });
    return { rpcUrl: anvil.rpcUrl, port: anvil.port, deployment, publicClient, stop: anvil.stop };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

/** Changes the community policy the only way it can change: a proposal, voted, queued and executed. */
export async function changePolicy(chain, description, calls) {
  const target = chain.deployment.contracts.paymentPolicy;
  await passProposal({
    rpcUrl: chain.rpcUrl,
    deployment: chain.deployment,
    description,
    actions: calls.map(([functionName, args]) => ({ target, value: 0n, data: encodeFunctionData({ abi: paymentPolicyAbi, functionName, args }) })),
  });
}

export function tokenBalance(chain, address) {
  return chain.publicClient.readContract({ address: chain.deployment.contracts.demoStablecoin, abi: erc20Abi, functionName: 'balanceOf', args: [address] });
}
