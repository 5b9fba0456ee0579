import { zeroAddress, type Address, type PublicClient } from 'viem';
import { communityTokenAbi } from '../chain/abis.js';
import type { Deployment } from '../chain/config.js';

export type VotingAccount = { balance: bigint; votes: bigint; delegate: Address | null };

/** A member's tokens, current voting power and whom they delegate to. */
export async function readVotingAccount(client: PublicClient, deployment: Deployment, account: Address): Promise<VotingAccount> {
  const token = deployment.contracts.communityToken;
  const read = (functionName: string) => client.readContract({ address: token, abi: communityTokenAbi, functionName, args: [account] });
  const [balance, votes, delegate] = (await Promise.all([read('balanceOf'), read('getVotes'), read('delegates')])) as [bigint, bigint, Address];
  return { balance, votes, delegate: delegate === zeroAddress ? null : delegate };
}
