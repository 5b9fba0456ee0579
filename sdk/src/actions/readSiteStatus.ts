import type { Address, Chain, Client, Transport } from 'viem';
import { readContract } from 'viem/actions';
import { paymentPolicyAbi } from '../abis/generated.js';
import type { ContractRevertedErrorType } from '../errors/contract.js';
import type { ChainMismatchErrorType, ContractNotFoundErrorType, RpcUnreachableErrorType } from '../errors/rpc.js';
import { normaliseOrigin } from '../site/normalise.js';
import { merchantStatuses, type SiteStatusEntry } from '../types/policy.js';
import { getReadError } from '../errors/getReadError.js';

export type ReadSiteStatusParameters = {
  /** The PaymentPolicy contract. */
  address: Address;
  /** The site's origin as the browser reports it (`window.location.origin`, or the sender's origin). */
  origin: string;
};

export type ReadSiteStatusReturnType = SiteStatusEntry;

export type ReadSiteStatusErrorType =
  | RpcUnreachableErrorType
  | ChainMismatchErrorType
  | ContractNotFoundErrorType
  | ContractRevertedErrorType
  | Error;

/**
 * Reads how the community regards a site: its exact origin rule and every domain rule covering its
 * host (`pay.scam.example` is covered by a rule for `scam.example`). A block anywhere wins over trust.
 * This is the check a wallet makes for the site asking for a payment.
 *
 * An origin that cannot be a listed origin (an opaque `null` origin, a `file:` page) is `unknown`
 * without a call: nothing can be listed for it.
 *
 * - Docs: sdk/README.md#readsitestatus
 * - JSON-RPC Method: [`eth_call`](https://ethereum.org/en/developers/docs/apis/json-rpc/#eth_call) to `siteStatus(string)`
 *
 * @param client - Client to use.
 * @param parameters - {@link ReadSiteStatusParameters}
 * @returns The status, the community's note, and the rule it comes from. {@link ReadSiteStatusReturnType}
 *
 * @example
 * import { createPublicClient, http } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { localDeployment, readSiteStatus } from '@commonguard/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const site = await readSiteStatus(client, {
 *   address: localDeployment.contracts.paymentPolicy,
 *   origin: 'http://pay.scam.localhost:5174',
 * })
 * // { status: 'blocked', note: '…', rule: { kind: 'domain', domain: 'scam.localhost' } }
 */
export async function readSiteStatus(
  client: Client<Transport, Chain | undefined>,
  parameters: ReadSiteStatusParameters,
): Promise<ReadSiteStatusReturnType> {
  const { address, origin } = parameters;
  const normalised = normaliseOrigin(origin);
  if (!normalised.ok) return { status: 'unknown', note: '', rule: undefined };
  try {
    const [status, note, rule] = await readContract(client, {
      address,
      abi: paymentPolicyAbi,
      functionName: 'siteStatus',
      args: [normalised.value],
    });
    const name = merchantStatuses[status] ?? 'unknown';
    if (name === 'unknown' || rule === '') return { status: 'unknown', note: '', rule: undefined };
    return {
      status: name,
      note,
      rule: rule.includes('://') ? { kind: 'origin', origin: rule } : { kind: 'domain', domain: rule },
    };
  } catch (error) {
    throw await getReadError(client, { error, address, contractName: 'PaymentPolicy' });
  }
}
