import type { Chain, Client, Transport } from 'viem';
import type { SimulatedCall } from '../effects/fromSimulation.js';
import type { RpcUnreachableError } from '../errors/rpc.js';
import type { SimulationMalformedError, SimulationRefusedError, SimulationUnsupportedError } from '../errors/simulation.js';
import { type SimulateBlocksErrorType, type SimulateBlocksParameters, type SimulationCall, simulateBlocks } from './simulateBlocks.js';

export type { SimulationCall };

export type SimulateBlockParameters = {
  /** The calls, run one after the other in one block on top of the chosen block. */
  calls: readonly SimulationCall[];
  /** `baseFeePerGas`: the base fee the next block will have, so `tx.gasprice` is what the mined transaction pays. */
  blockOverrides?: { baseFeePerGas?: bigint | undefined } | undefined;
  /** Checks nonce, balance and fees as a real block would (and makes the fee fields count). */
  validation?: boolean | undefined;
  /** Reports native-coin movements as `Transfer` logs (see `NATIVE_TRANSFER_EMITTER`). */
  traceTransfers?: boolean | undefined;
} & ({ blockNumber?: bigint | undefined; blockTag?: undefined } | { blockNumber?: undefined; blockTag?: 'latest' | 'pending' | 'safe' | 'finalized' | undefined });

export type SimulateBlockReturnType = {
  /** Each call's outcome, in the order given. */
  calls: SimulatedCall[];
};

export type SimulateBlockErrorType = SimulateBlocksErrorType;

/**
 * Runs calls in one simulated block on top of the chain, without sending anything, and returns each
 * call's status, logs, gas used and revert reason (the one-block form of
 * {@link simulateBlocks}, with its typed errors).
 *
 * - Docs: sdk/README.md#simulateblock
 * - JSON-RPC Method: [`eth_simulateV1`](https://ethereum.github.io/execution-apis/api-documentation/)
 *
 * A node without the method throws {@link SimulationUnsupportedError}; an answer that is not one block
 * with exactly the calls asked for throws {@link SimulationMalformedError}; a node that refuses the calls
 * as given (validation on) throws {@link SimulationRefusedError}; a node that cannot be reached throws
 * {@link RpcUnreachableError}. A call that runs and reverts is not an error: its status is `failure`.
 *
 * @param client - Client to use.
 * @param parameters - {@link SimulateBlockParameters}
 * @returns The calls' outcomes. {@link SimulateBlockReturnType}
 *
 * @example
 * import { createPublicClient, http, parseEther } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { simulateBlock } from '@commonguard/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * const { calls } = await simulateBlock(client, { calls: [{ from, to, value: parseEther('0.1') }], traceTransfers: true })
 */
export async function simulateBlock(client: Client<Transport, Chain | undefined>, parameters: SimulateBlockParameters): Promise<SimulateBlockReturnType> {
  const { calls, blockOverrides, ...rest } = parameters;
  const { blocks } = await simulateBlocks(client, { ...rest, blocks: [{ calls, blockOverrides }] } as SimulateBlocksParameters);
  return { calls: blocks[0]?.calls ?? [] };
}
