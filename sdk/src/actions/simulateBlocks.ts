import { type Address, BaseError, type Chain, type Client, type Hex, HttpRequestError, type Log, MethodNotFoundRpcError, MethodNotSupportedRpcError, TimeoutError, type Transport, UnsupportedProviderMethodError } from 'viem';
import { simulateBlocks as viemSimulateBlocks } from 'viem/actions';
import type { SimulatedCall } from '../effects/fromSimulation.js';
import { RpcUnreachableError, type RpcUnreachableErrorType } from '../errors/rpc.js';
import {
  SimulationMalformedError,
  type SimulationMalformedErrorType,
  SimulationRefusedError,
  type SimulationRefusedErrorType,
  SimulationUnsupportedError,
  type SimulationUnsupportedErrorType,
} from '../errors/simulation.js';

/**
 * One call of the simulated block. For a transaction as it will be signed, give every field it will be
 * signed with (`nonce`, `gas` and the fee fields) and turn `validation` on: then a contract sees inside
 * the simulation the same `tx.gasprice`, gas and nonce as when it is mined.
 */
export type SimulationCall = {
  from: Address;
  to: Address;
  data?: Hex | undefined;
  value?: bigint | undefined;
  gas?: bigint | undefined;
  nonce?: number | undefined;
} & (
  | { maxFeePerGas?: bigint | undefined; maxPriorityFeePerGas?: bigint | undefined; gasPrice?: undefined }
  | { gasPrice?: bigint | undefined; maxFeePerGas?: undefined; maxPriorityFeePerGas?: undefined }
);

/** One simulated block: its calls run one after the other, on top of the block before. */
export type SimulationBlock = {
  calls: readonly SimulationCall[];
  /** `baseFeePerGas`: the base fee the block will have, so `tx.gasprice` is what a mined transaction pays. */
  blockOverrides?: { baseFeePerGas?: bigint | undefined } | undefined;
};

export type SimulateBlocksParameters = {
  /** The blocks, each built on top of the one before (the first on top of the chosen block). */
  blocks: readonly SimulationBlock[];
  /** Checks nonce, balance and fees as a real block would (and makes the fee fields count). */
  validation?: boolean | undefined;
  /** Reports native-coin movements as `Transfer` logs (see `NATIVE_TRANSFER_EMITTER`). */
  traceTransfers?: boolean | undefined;
} & ({ blockNumber?: bigint | undefined; blockTag?: undefined } | { blockNumber?: undefined; blockTag?: 'latest' | 'pending' | 'safe' | 'finalized' | undefined });

export type SimulateBlocksReturnType = {
  /** Each block's calls' outcomes, in the order given. */
  blocks: Array<{ calls: SimulatedCall[] }>;
};

export type SimulateBlocksErrorType = SimulationUnsupportedErrorType | SimulationMalformedErrorType | SimulationRefusedErrorType | RpcUnreachableErrorType;

/**
 * Runs blocks of calls on top of the chain, without sending anything, and returns each call's status,
 * logs, gas used, and for a call that reverts its reason and revert data (viem's `simulateBlocks`). The
 * one place the project speaks `eth_simulateV1`; {@link simulateBlock} is its one-block form.
 *
 * - Docs: sdk/README.md#simulateblocks
 * - JSON-RPC Method: [`eth_simulateV1`](https://ethereum.github.io/execution-apis/api-documentation/)
 *
 * A node without the method throws {@link SimulationUnsupportedError}; an answer that does not hold
 * exactly the blocks and calls asked for throws {@link SimulationMalformedError}; a node that refuses the
 * calls as given (validation on) throws {@link SimulationRefusedError}; a node that cannot be reached
 * throws {@link RpcUnreachableError}. A call that runs and reverts is not an error: its status is `failure`.
 *
 * @param client - Client to use.
 * @param parameters - {@link SimulateBlocksParameters}
 * @returns Each block's calls' outcomes. {@link SimulateBlocksReturnType}
 *
 * @example
 * import { createPublicClient, http, zeroAddress } from 'viem'
 * import { foundry } from 'viem/chains'
 * import { simulateBlocks } from '@commonguard/sdk'
 *
 * const client = createPublicClient({ chain: foundry, transport: http() })
 * // A read, the action, and the same read again: what the action changes.
 * const { blocks } = await simulateBlocks(client, { blocks: [{ calls: [read] }, { calls: [action, read] }] })
 */
export async function simulateBlocks(client: Client<Transport, Chain | undefined>, parameters: SimulateBlocksParameters): Promise<SimulateBlocksReturnType> {
  const { blocks, validation, traceTransfers, blockNumber, blockTag } = parameters;
  // What viem makes of each call (its own type is generic over ABIs these calls do not give).
  let answered: ReadonlyArray<{ calls: ReadonlyArray<{ status: 'success' | 'failure'; gasUsed: bigint; logs?: Log[] | undefined; data: Hex; error?: unknown }> }>;
  try {
    answered = await viemSimulateBlocks(client, {
      blocks: blocks.map(({ calls, blockOverrides }) => ({
        calls: calls.map((call) => ({ ...call })) as never,
        ...(blockOverrides?.baseFeePerGas !== undefined ? { blockOverrides: { baseFeePerGas: blockOverrides.baseFeePerGas } } : {}),
      })),
      ...(validation !== undefined ? { validation } : {}),
      ...(traceTransfers !== undefined ? { traceTransfers } : {}),
      ...(blockNumber !== undefined ? { blockNumber } : { blockTag: blockTag ?? 'latest' }),
    }) as typeof answered;
  } catch (error) {
    throw simulationError(error);
  }
  const shape = blocks.map((block) => block.calls.length);
  const asked = Array.isArray(answered as unknown) && answered.length === blocks.length && answered.every((block, i) => Array.isArray(block?.calls as unknown) && block.calls.length === shape[i]);
  if (!asked)
    throw new SimulationMalformedError({ reason: `expected ${blocks.length} block(s) with ${shape.join(', ')} call(s)` });
  return {
    blocks: answered.map((block) => ({
      calls: block.calls.map((result) => ({
        status: result.status,
        gasUsed: result.gasUsed,
        logs: ((result.logs ?? []) as Log[]).map(({ address, topics, data }) => ({ address, topics, data })),
        ...(result.status === 'failure'
          ? { error: revertReason(result.error), ...(result.data && result.data !== '0x' ? { revertData: result.data } : {}) }
          : { returnData: result.data }),
      })),
    })),
  };
}

const UNSUPPORTED = /method not found|not supported|does not exist|not available|unsupported method/i;

/** The node's failure, by type: no such method, no answer, an answer of the wrong shape, or a refusal. */
function simulationError(error: unknown): Error {
  const walk = (predicate: (e: unknown) => boolean) => (error instanceof BaseError ? error.walk(predicate) : predicate(error) ? error : null);
  if (walk((e) => e instanceof MethodNotFoundRpcError || e instanceof MethodNotSupportedRpcError || e instanceof UnsupportedProviderMethodError)) return new SimulationUnsupportedError({ cause: error });
  const http = walk((e) => e instanceof HttpRequestError || e instanceof TimeoutError) as HttpRequestError | null;
  if (http) return new RpcUnreachableError({ url: (http as { url?: string }).url, cause: error });
  // viem read the answer and it did not have the shape of blocks of calls (a TypeError, a bad number).
  if (!(error instanceof BaseError)) return new SimulationMalformedError({ reason: error instanceof Error ? error.message.slice(0, 120) : 'not a list of blocks', cause: error });
  const text = `${error.shortMessage} ${error.details ?? ''}`;
  if (UNSUPPORTED.test(text) && /simulate/i.test(text)) return new SimulationUnsupportedError({ cause: error });
  return new SimulationRefusedError({ reason: shorten(error.details || error.shortMessage), cause: error });
}

function revertReason(error: unknown): string {
  if (error instanceof BaseError) {
    const reason = (error.walk() as { reason?: unknown } | null)?.reason;
    if (typeof reason === 'string' && reason) return shorten(`execution reverted: ${reason}`);
    // Reverted with no data: no reason given, or out of gas.
    if (error.walk((cause) => cause instanceof BaseError && cause.name === 'ContractFunctionZeroDataError')) return 'execution reverted without a reason (or ran out of gas)';
    return shorten(error.shortMessage);
  }
  return 'the transaction would fail';
}

function shorten(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
