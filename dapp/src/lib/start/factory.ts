import {
  type CommunityConfigField,
  communityFactoryAbi,
  communityFactoryErrorField,
  decodeContractError,
  formatCommunityFactoryError,
  isCommunityFactoryError,
} from '@commonguard/sdk';
import { type Address, type Client, type TransactionReceipt, parseEventLogs } from 'viem';
import { estimateContractGas, getCode, getGasPrice, readContract } from 'viem/actions';
import type { TokenInfo } from '../chain/tokens.js';
import type { CommunityConfig } from './config.js';

/** The factory's answer to a config: safe, refused (in the sdk's words, with the field), or no answer. */
export type FactoryVerdict =
  | { kind: 'safe' }
  | { kind: 'refused'; field: CommunityConfigField | undefined; message: string }
  | { kind: 'unavailable'; message: string };

/** Symbol and decimals by address, so limits in a refusal read as "1,000 cgUSD". */
export function tokenDisplays(tokens: readonly TokenInfo[]) {
  return Object.fromEntries(tokens.map((t) => [t.address, { symbol: t.symbol, decimals: t.decimals }]));
}

/** Whether a factory's code is at `factory` (a pure call to an empty address would "pass" silently). */
export async function hasFactory(client: Client, factory: Address): Promise<boolean> {
  const code = await getCode(client, { address: factory });
  return !!code && code !== '0x';
}

/**
 * Asks the factory itself whether `config` is safe: `checkConfig` in one `eth_call`, which reverts with
 * the same error `createCommunity` would. The contract is the one truth; this only says its answer in
 * words. Any failure that is not a refusal (the network does not answer) is `unavailable`.
 */
export async function checkWithFactory(
  client: Client,
  factory: Address,
  config: CommunityConfig,
  tokens: readonly TokenInfo[],
  explain: (error: unknown) => string,
): Promise<FactoryVerdict> {
  try {
    await readContract(client, { address: factory, abi: communityFactoryAbi, functionName: 'checkConfig', args: [config] });
    return { kind: 'safe' };
  } catch (error) {
    const decoded = decodeContractError(error);
    if (decoded && isCommunityFactoryError(decoded)) {
      return {
        kind: 'refused',
        field: communityFactoryErrorField(decoded),
        message: formatCommunityFactoryError(decoded, { tokens: tokenDisplays(tokens) }),
      };
    }
    return { kind: 'unavailable', message: explain(error) };
  }
}

/** The network fee of creating the community: the gas it needs at today's gas price, in wei. */
export async function estimateCreationFee(client: Client, factory: Address, config: CommunityConfig, account: Address): Promise<bigint> {
  const [gas, price] = await Promise.all([
    estimateContractGas(client, { address: factory, abi: communityFactoryAbi, functionName: 'createCommunity', args: [config], account }),
    getGasPrice(client),
  ]);
  return gas * price;
}

/** The new community's governor (its address in links), from the factory's `CommunityCreated` event. */
export function createdGovernor(receipt: Pick<TransactionReceipt, 'logs'>, factory: Address): Address | null {
  const [event] = parseEventLogs({ abi: communityFactoryAbi, eventName: 'CommunityCreated', logs: receipt.logs }).filter(
    (log) => log.address.toLowerCase() === factory.toLowerCase(),
  );
  return event?.args.governor ?? null;
}

