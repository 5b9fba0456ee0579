import type { Address, PublicClient } from 'viem';
import { paymentPolicyAbi } from '../chain/abis.js';

// TODO(sdk): use `readPolicy` from `@commonguard/sdk` for the snapshot once it lands.
export type PolicySnapshot = {
  version: bigint;
  warnAt: number;
  blockAt: number;
  unlimitedApprovalsAllowed: boolean;
  tokenLimits: { token: Address; maxSinglePayment: bigint; dailyCap: bigint; maxFirstPayment: bigint }[];
};
export type Listing<K extends string> = { status: 'Unknown' | 'Trusted' | 'Blocked'; note: string } & Record<K, string>;

const STATUSES = ['Unknown', 'Trusted', 'Blocked'] as const;
const PAGE = 100n;

export async function readPolicySnapshot(client: PublicClient, address: Address): Promise<PolicySnapshot> {
  const s = (await client.readContract({ address, abi: paymentPolicyAbi, functionName: 'snapshot' })) as any;
  return {
    version: BigInt(s.version),
    warnAt: Number(s.warnAt),
    blockAt: Number(s.blockAt),
    unlimitedApprovalsAllowed: s.unlimitedApprovalsAllowed,
    tokenLimits: s.tokenLimits.map((l: any) => ({ token: l.token, maxSinglePayment: l.maxSinglePayment, dailyCap: l.dailyCap, maxFirstPayment: l.maxFirstPayment })),
  };
}

/** Every listed merchant and origin, page by page through the policy's own views. */
export async function readListings(client: PublicClient, address: Address) {
  const merchants: Listing<'merchant'>[] = [];
  const origins: Listing<'origin'>[] = [];
  for (let offset = 0n; ; offset += PAGE) {
    const [page, total] = (await client.readContract({ address, abi: paymentPolicyAbi, functionName: 'merchants', args: [offset, PAGE] })) as [any[], bigint];
    merchants.push(...page.map((m) => ({ merchant: m.merchant, status: STATUSES[Number(m.status)], note: m.note })));
    if (offset + PAGE >= total) break;
  }
  for (let offset = 0n; ; offset += PAGE) {
    const [page, total] = (await client.readContract({ address, abi: paymentPolicyAbi, functionName: 'origins', args: [offset, PAGE] })) as [any[], bigint];
    origins.push(...page.map((o) => ({ origin: o.origin, status: STATUSES[Number(o.status)], note: o.note })));
    if (offset + PAGE >= total) break;
  }
  return { merchants, origins };
}
