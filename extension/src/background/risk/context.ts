import { readMerchantStatus as readMerchant, readSiteStatus } from '@commonguard/sdk';
import type { MerchantStatus } from '@commonguard/sdk/risk';
import { type Address, decodeAbiParameters, erc20Abi, type Hex, type PublicClient } from 'viem';
const TRANSFER_TOPIC = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';
/** eth_simulateV1 with traceTransfers reports native-coin movements as Transfer logs from this address. */
const NATIVE_TRANSFER_EMITTER = '0xeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee';

export type StatusRead = { status: MerchantStatus; note: string };

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

export type SimulatedChange = { token: Address; delta: bigint };
export type Simulation = { ok: true; changes: SimulatedChange[] } | { ok: false; error: string };

/** Runs the call with `eth_simulateV1` (traceTransfers) and sums what enters and leaves `account`. */
export async function simulate(client: PublicClient, call: { from: Address; to: Address | undefined; value: bigint; data: Hex }): Promise<Simulation> {
  type SimResult = Array<{ calls: Array<{ status: Hex; logs?: Array<{ address: Hex; topics: Hex[]; data: Hex }>; error?: { message?: string } }> }>;
  const params = [
    {
      blockStateCalls: [{ calls: [{ from: call.from, ...(call.to ? { to: call.to } : {}), value: `0x${call.value.toString(16)}`, data: call.data }] }],
      traceTransfers: true,
      validation: false,
    },
    'latest',
  ];
  const result = (await client.request({ method: 'eth_simulateV1' as never, params: params as never })) as unknown as SimResult;
  const outcome = result?.[0]?.calls?.[0];
  if (!outcome) return { ok: false, error: 'the simulation returned nothing' };
  if (outcome.status !== '0x1') return { ok: false, error: outcome.error?.message?.slice(0, 200) ?? 'the transaction would fail' };
  const me = call.from.toLowerCase();
  const deltas = new Map<string, bigint>();
  for (const log of outcome.logs ?? []) {
    if (log.topics[0] !== TRANSFER_TOPIC || log.topics.length !== 3) continue;
    const from = `0x${log.topics[1]?.slice(26)}`.toLowerCase();
    const to = `0x${log.topics[2]?.slice(26)}`.toLowerCase();
    const [value] = decodeAbiParameters([{ type: 'uint256' }], log.data);
    const token = log.address.toLowerCase() === NATIVE_TRANSFER_EMITTER ? '0x0000000000000000000000000000000000000000' : log.address.toLowerCase();
    if (from === me) deltas.set(token, (deltas.get(token) ?? 0n) - value);
    if (to === me) deltas.set(token, (deltas.get(token) ?? 0n) + value);
  }
  return { ok: true, changes: [...deltas].filter(([, delta]) => delta !== 0n).map(([token, delta]) => ({ token: token as Address, delta })) };
}
