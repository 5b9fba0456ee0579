// Changes the community policy for the wallet's governance test.
import { asTimelock, policyAbi, root } from './chain.mjs';

/**
 * Passes a real governance proposal (propose → vote → queue → execute) with the project's governance
 * helper when it is available; otherwise applies the same calls as the timelock on anvil.
 * Returns which of the two it used.
 */
export async function changePolicy(chain, description, calls) {
  let helper;
  try {
    helper = await import('@commonguard/scripts');
  } catch {
    helper = undefined;
  }
  if (helper?.passProposal) {
    const { encodeFunctionData } = await import('viem');
    const target = chain.deployment.contracts.paymentPolicy;
    await helper.passProposal({
      rpcUrl: chain.rpcUrl,
      deployment: chain.deployment,
      description,
      actions: calls.map(([functionName, args]) => ({ target, value: 0n, data: encodeFunctionData({ abi: policyAbi, functionName, args }) })),
    });
    return 'a governance proposal';
  }
  await asTimelock(chain, calls);
  return `the timelock on anvil (governance helper not available in ${root ? 'this checkout' : ''})`;
}
