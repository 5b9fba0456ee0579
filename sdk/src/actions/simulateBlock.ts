import { type Address, BaseError, type Chain, type Client, type Hex, HttpRequestError, type Log, MethodNotFoundRpcError, MethodNotSupportedRpcError, TimeoutError, type Transport, UnsupportedProviderMethodError } from 'viem';
import { simulateBlocks } from 'viem/actions';
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

export type SimulateBlockErrorType = SimulationUnsupportedErrorType | SimulationMalformedErrorType | SimulationRefusedErrorType | RpcUnreachableErrorType;

/**
 * Runs calls in one simulated block on top of the chain, without sending anything, and returns each
 * call's status, logs, gas used and revert reason (viem's `simulateBlocks`). The one place the project
 * speaks `eth_simulateV1`.
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
  const { calls, blockOverrides, validation, traceTransfers, blockNumber, blockTag } = parameters;
  let blocks: Awaited<ReturnType<typeof simulateBlocks>>;
  try {
    blocks = await simulateBlocks(client, {
      blocks: [{ calls: calls.map((call) => ({ ...call })) as never, ...(blockOverrides?.baseFeePerGas !== undefined ? { blockOverrides: { baseFeePerGas: blockOverrides.baseFeePerGas } } : {}) }],
      ...(validation !== undefined ? { validation } : {}),
      ...(traceTransfers !== undefined ? { traceTransfers } : {}),
      ...(blockNumber !== undefined ? { blockNumber } : { blockTag: blockTag ?? 'latest' }),
    });
  } catch (error) {
    throw simulationError(error);
  }
  const results = Array.isArray(blocks) && blocks.length === 1 ? blocks[0]?.calls : undefined;
  if (!Array.isArray(results) || results.length !== calls.length) throw new SimulationMalformedError({ reason: `expected one block with ${calls.length} call(s)` });
  return {
    calls: results.map((result) => ({
      status: result.status,
      gasUsed: result.gasUsed,
      logs: ((result.logs ?? []) as Log[]).map(({ address, topics, data }) => ({ address, topics, data })),
      ...(result.status === 'failure' ? { error: revertReason(result.error) } : { returnData: result.data }),
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
