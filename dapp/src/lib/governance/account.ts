import { zeroAddress, type Address } from 'viem';
import { communityTokenAbi } from '../chain/abis.js';
import type { Deployment } from '../chain/config.js';
import type { AppClient } from '../chain/chain.js';

export type VotingAccount = { balance: bigint; votes: bigint; delegate: Address | null };

/** A member's tokens, current voting power and whom they delegate to. */
export async function readVotingAccount(client: AppClient, deployment: Deployment, account: Address): Promise<VotingAccount> {
  const token = deployment.contracts.communityToken;
  const read = (functionName: string) => client.readContract({ address: token, abi: communityTokenAbi, functionName, args: [account] });
  const [balance, votes, delegate] = (await Promise.all([read('balanceOf'), read('getVotes'), read('delegates')])) as [bigint, bigint, Address];
  return { balance, votes, delegate: delegate === zeroAddress ? null : delegate };
}
