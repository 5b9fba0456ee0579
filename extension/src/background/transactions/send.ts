import { type Address, BaseError, createPublicClient, type Hex, HttpRequestError, http, keccak256, type PublicClient, TimeoutError, type TransactionSerializable } from 'viem';
import type { FeeView } from '../../shared/views.js';
import type { Keyring } from '../keyring/Keyring.js';
import { chainFor } from '../chain/ChainAccess.js';
import { describeChainError } from '../policy/PolicyCache.js';
import type { WalletSettings } from '../settings/Settings.js';
import { type FeeEstimate, type FeeFields, type FeePlan, formatMaxFee, MIN_GAS_LIMIT, maxFee, planFees } from './fees.js';
import { ProviderRpcError } from '../../shared/rpcErrors.js';

export type FeeQuote = { plan: FeePlan | null; view: FeeView };

/**
 * The fees the transaction will be signed with, and what the window says about them: the page's
 * (checked) fields, the chain's estimate for the rest, the gas limit capped. When the chain cannot
 * estimate (the call would revert, the node is down), there is no plan and the window says so; when the
 * page's fields cannot make a transaction, -32602 is thrown.
 */
export async function quoteFees({
  client,
  account,
  call,
}: {
  client: PublicClient;
  account: Address;
  call: { to: Address | undefined; value: bigint; data: Hex; fees?: FeeFields | undefined };
}): Promise<FeeQuote> {
  const fields = call.fees ?? {};
  try {
    const estimate = await estimateFees(client, fields);
    // The gas is estimated with the fees it will pay: a contract that reads tx.gasprice takes the same path as when mined.
    const priced = planFees(fields, estimate, fields.gas ?? MIN_GAS_LIMIT);
    const gas =
      fields.gas ??
      (await client.estimateGas({ account, ...(call.to ? { to: call.to } : {}), value: call.value, data: call.data === '0x' ? undefined : call.data, ...priceFieldsOf(priced) } as never));
    const plan = planFees(fields, estimate, gas);
    const coin = client.chain?.nativeCurrency;
    return { plan, view: { maxFee: formatMaxFee(maxFee(plan), coin?.symbol, coin?.decimals), note: null } };
  } catch (error) {
    // The page's fields cannot make a transaction (the estimate is above the gas cap, EIP-1559 fees on a
    // legacy chain): the page hears why (-32602) and no window opens.
    if (error instanceof ProviderRpcError) throw error;
    return { plan: null, view: { maxFee: null, note: `The network fee cannot be estimated: ${describeChainError(error).replace(/\.$/, '')}.` } };
  }
}

/** A plan's price per gas, as transaction request fields. */
function priceFieldsOf(plan: FeePlan): { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint } | { gasPrice: bigint } {
  return plan.type === 'eip1559' ? { maxFeePerGas: plan.maxFeePerGas, maxPriorityFeePerGas: plan.maxPriorityFeePerGas } : { gasPrice: plan.gasPrice };
}

/** The chain's suggested fees: EIP-1559 where the chain has a base fee, else its gas price. */
async function estimateFees(client: PublicClient, fields: FeeFields): Promise<FeeEstimate> {
  const legacy = async () => ({ gasPrice: await client.getGasPrice() });
  if (fields.type === 'legacy' || fields.type === 'eip2930' || fields.gasPrice !== undefined) return legacy();
  try {
    const { maxFeePerGas, maxPriorityFeePerGas } = await client.estimateFeesPerGas();
    return { maxFeePerGas, maxPriorityFeePerGas };
  } catch {
    return legacy();
  }
}

/**
 * Where a transaction will be signed and simulated: the block it is checked on, the next block's base
 * fee (what `tx.gasprice` will be measured against when it is mined) and the sender's next nonce.
 */
export type SigningBase = { blockNumber: bigint; nextBaseFee: bigint | undefined; nonce: number };

/**
 * Reads the {@link SigningBase} in one round trip: `eth_feeHistory` over the latest block gives its number
 * and the next block's base fee (as the node computes it for its chain), `eth_getTransactionCount`
 * (pending) the nonce. A chain without base fees gives none.
 */
export async function readSigningBase(client: PublicClient, account: Address): Promise<SigningBase> {
  const [history, nonce] = await Promise.all([client.getFeeHistory({ blockCount: 1, rewardPercentiles: [] }), client.getTransactionCount({ address: account, blockTag: 'pending' })]);
  const next = history.baseFeePerGas[1];
  return { blockNumber: history.oldestBlock, nextBaseFee: next !== undefined && next > 0n ? next : undefined, nonce };
}

/** The fields a transaction is signed with, exactly: what the simulation ran and the window showed. */
export type SignedFields = { to: Address | undefined; value: bigint; data: Hex; nonce: number; plan: FeePlan };

/** A transaction's fees as the window shows them, and where it is simulated and signed (`null`: the chain could not be read). */
export type Signing = { fee: FeeQuote; base: SigningBase | null };

/**
 * Fixes what a transaction will be signed with before it is simulated: the fees (the page's checked
 * fields and the chain's estimate; `fee` when the window already showed some, which are then kept) and
 * the {@link SigningBase}, read in the same round trip.
 */
export async function prepareSigning(client: PublicClient, account: Address, call: Parameters<typeof quoteFees>[0]['call'], fee?: FeeQuote): Promise<Signing> {
  const base = readSigningBase(client, account).catch(() => null);
  return { fee: fee ?? (await quoteFees({ client, account, call })), base: await base };
}

/** A signed transaction and its hash, known before it is broadcast. */
export type SignedTransaction = { serialized: Hex; hash: Hex };

/**
 * Signs the transaction inside the keyring with exactly the given nonce, gas and fees (nothing is filled
 * in later, so what is sent is what was simulated) and computes its hash, so it can be recorded before
 * it leaves the wallet.
 */
export async function signTransaction({ keyring, settings, account, fields }: { keyring: Keyring; settings: WalletSettings; account: Address; fields: SignedFields }): Promise<SignedTransaction> {
  const { to, value, data, nonce, plan } = fields;
  const common = { chainId: settings.chainId, nonce, gas: plan.gas, value, ...(to ? { to } : {}), ...(data === '0x' ? {} : { data }) };
  const transaction: TransactionSerializable =
    plan.type === 'eip1559'
      ? { ...common, type: 'eip1559', maxFeePerGas: plan.maxFeePerGas, maxPriorityFeePerGas: plan.maxPriorityFeePerGas }
      : plan.type === 'eip2930'
        ? { ...common, type: 'eip2930', gasPrice: plan.gasPrice, accessList: [] }
        : { ...common, type: 'legacy', gasPrice: plan.gasPrice };
  const serialized = await keyring.signTransaction(account, transaction);
  return { serialized, hash: keccak256(serialized) };
}

/** What became of a broadcast: the node took it, refused it (it will never be mined), or its answer was lost. */
export type BroadcastResult = { kind: 'accepted' } | { kind: 'refused'; reason: string } | { kind: 'unknown'; reason: string };

/**
 * Sends a signed transaction to the node. A refusal (the node answered with an error) means it will
 * not be mined from this broadcast; a lost answer (no connection, a timeout) means it may have been:
 * only its receipt will tell.
 */
export async function broadcast(settings: WalletSettings, { serialized, hash }: SignedTransaction): Promise<BroadcastResult> {
  const client = createPublicClient({ chain: chainFor(settings), transport: http(settings.rpcUrl, { timeout: 10_000, retryCount: 0 }) });
  try {
    const answered = await client.sendRawTransaction({ serializedTransaction: serialized });
    if (answered.toLowerCase() !== hash.toLowerCase()) return { kind: 'unknown', reason: 'the node answered with another transaction hash' };
    return { kind: 'accepted' };
  } catch (error) {
    const lost = error instanceof BaseError && error.walk((cause) => cause instanceof HttpRequestError || cause instanceof TimeoutError) !== null;
    return { kind: lost ? 'unknown' : 'refused', reason: describeChainError(error).replace(/\.$/, '') };
  }
}
