import { readMerchantStatus as readMerchant, readSiteStatus } from '@commonguard/sdk';
import type { MerchantStatus } from '@commonguard/sdk/risk';
import { type Address, erc20Abi, type PublicClient } from 'viem';

/** A status and its note; `by`: the communities whose rule decided it, when communities guard the network. */
export type StatusRead = { status: MerchantStatus; note: string; by?: string[] | undefined };

export function readMerchantStatus(client: PublicClient, policy: Address, merchant: Address): Promise<StatusRead> {
  return readMerchant(client, { address: policy, merchant });
}

/** The site's status from its exact origin rule and every domain rule covering its host (a block anywhere wins). */
export async function readOriginStatus(client: PublicClient, policy: Address, origin: string): Promise<StatusRead> {
  const { status, note } = await readSiteStatus(client, { address: policy, origin });
  return { status, note };
}

/**
 * `fresh`: a contract that had no code {@link FRESH_CONTRACT_BLOCKS} blocks ago (created about a week ago
 * or later); `undefined` when the node cannot say (it keeps no state that old), then it is not taken as fresh.
 */
export type AccountFacts = { isContract: boolean; isToken: boolean; nonce: number; fresh?: boolean | undefined };

/** About a week of 12-second blocks: full nodes that keep recent state (geth's path scheme keeps 90,000 blocks) can answer for it. */
export const FRESH_CONTRACT_BLOCKS = 50_400n;

/** Code, nonce, and whether it answers like an ERC-20 (both calls go out in the same batch). */
export async function readAccountFacts(client: PublicClient, address: Address, { freshBlocks = FRESH_CONTRACT_BLOCKS }: { freshBlocks?: bigint } = {}): Promise<AccountFacts> {
  const [code, nonce, decimals, supply, latest] = await Promise.all([
    client.getCode({ address }),
    client.getTransactionCount({ address }),
    client.readContract({ address, abi: erc20Abi, functionName: 'decimals' }).then(() => true, () => false),
    client.readContract({ address, abi: erc20Abi, functionName: 'totalSupply' }).then(() => true, () => false),
    client.getBlockNumber().catch(() => undefined),
  ]);
  const isContract = code !== undefined && code !== '0x';
  const fresh = isContract && latest !== undefined ? await hadNoCodeAt(client, address, latest > freshBlocks ? latest - freshBlocks : 0n) : undefined;
  return { isContract, isToken: isContract && decimals && supply, nonce, ...(fresh !== undefined ? { fresh } : {}) };
}

/** Whether `address` had no code at `blockNumber`; `undefined` when the node keeps no state that old. */
async function hadNoCodeAt(client: PublicClient, address: Address, blockNumber: bigint): Promise<boolean | undefined> {
  try {
    const then = await client.getCode({ address, blockNumber });
    return then === undefined || then === '0x';
  } catch {
    return undefined;
  }
}

export type TokenInfo = { symbol: string; decimals: number };
