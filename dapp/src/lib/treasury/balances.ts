import { erc20Abi, zeroAddress, type Address } from 'viem';
import type { Deployment } from '../chain/config.js';
import type { AppClient } from '../chain/chain.js';

export type Balance = { token: Address; amount: bigint };

/** The treasury's ETH and ERC-20 balances for the tokens the app knows. */
export async function readTreasuryBalances(client: AppClient, deployment: Deployment, tokens: Address[]): Promise<Balance[]> {
  const treasury = deployment.contracts.treasury;
  return Promise.all(
    tokens.map(async (token) => ({
      token,
      amount: token === zeroAddress ? await client.getBalance({ address: treasury }) : await client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [treasury] }),
    })),
  );
}

/** The tokens the treasury page shows: ETH and the ERC-20s the policy limits or budgets use. */
export function treasuryTokens(deployment: Deployment, extra: Address[] = []): Address[] {
  const set = new Map<string, Address>();
  for (const t of [zeroAddress, ...(deployment.contracts.demoStablecoin ? [deployment.contracts.demoStablecoin] : []), ...extra]) set.set(t.toLowerCase(), t);
  return [...set.values()];
}
