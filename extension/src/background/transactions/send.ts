import { type Address, createWalletClient, type Hex, http, type PublicClient } from 'viem';
import { toAccount } from 'viem/accounts';
import type { FeeView } from '../../shared/views.js';
import type { Keyring } from '../keyring/Keyring.js';
import { chainFor } from '../chain/ChainAccess.js';
import { describeChainError } from '../policy/PolicyCache.js';
import type { WalletSettings } from '../settings/Settings.js';
import { type FeeEstimate, type FeeFields, type FeePlan, formatMaxFee, maxFee, planFees } from './fees.js';
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
    const [estimate, gas] = await Promise.all([
      estimateFees(client, fields),
      fields.gas ?? client.estimateGas({ account, ...(call.to ? { to: call.to } : {}), value: call.value, data: call.data === '0x' ? undefined : call.data }),
    ]);
    const plan = planFees(fields, estimate, gas);
    return { plan, view: { maxFee: formatMaxFee(maxFee(plan)), note: null } };
  } catch (error) {
    // The page's fields cannot make a transaction (the estimate is above the gas cap, EIP-1559 fees on a
    // legacy chain): the page hears why (-32602) and no window opens.
    if (error instanceof ProviderRpcError) throw error;
    return { plan: null, view: { maxFee: null, note: `The network fee cannot be estimated: ${describeChainError(error).replace(/\.$/, '')}.` } };
  }
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
 * Fills in nonce, gas and fees with viem, signs inside the keyring and sends the raw transaction.
 * The key never leaves the keyring: viem sees an account that can only ask it for signatures.
 */
export async function signAndSend({
  keyring,
  settings,
  account,
  call,
  fees,
}: {
  keyring: Keyring;
  settings: WalletSettings;
  client: PublicClient;
  account: Address;
  call: { to: Address | undefined; value: bigint; data: Hex };
  /** From {@link quoteFees}: exactly the fees the window showed. Without one nothing is sent (the fee was not shown). */
  fees: FeePlan | null | undefined;
}): Promise<Hex> {
  if (!fees) throw new Error('the network fee could not be estimated, so the wallet did not send it');
  const signer = toAccount({
    address: account,
    signMessage: ({ message }) => keyring.signMessage(account, message as string),
    signTransaction: (transaction) => keyring.signTransaction(account, transaction),
    signTypedData: (typedData) => keyring.signTypedData(account, typedData as never),
  });
  const wallet = createWalletClient({ account: signer, chain: chainFor(settings), transport: http(settings.rpcUrl, { timeout: 10_000, retryCount: 0 }) });
  return wallet.sendTransaction({
    account: signer,
    chain: chainFor(settings),
    ...(call.to ? { to: call.to } : {}),
    value: call.value,
    data: call.data === '0x' ? undefined : call.data,
    ...feeFieldsOf(fees),
  } as never);
}

function feeFieldsOf(plan: FeePlan): Record<string, unknown> {
  if (plan.type === 'eip1559') return { type: 'eip1559', gas: plan.gas, maxFeePerGas: plan.maxFeePerGas, maxPriorityFeePerGas: plan.maxPriorityFeePerGas };
  return { type: plan.type, gas: plan.gas, gasPrice: plan.gasPrice };
}
