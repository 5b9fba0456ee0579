import { effectsFromSimulation, type SimulatedCall } from '@commonguard/sdk/effects';
import type { Address, PublicClient } from 'viem';
import { describeChainError } from '../policy/PolicyCache.js';
import type { Call } from './types.js';
import type { SimulationOutcome } from './understand.js';

/**
 * Runs a transaction on the user's own RPC without sending it: `eth_simulateV1` with
 * `traceTransfers` (so native-coin movements show as logs too). A deployment cannot be simulated
 * there (nodes need a `to`), so the wallet asks `eth_estimateGas` whether it would succeed instead:
 * a deployment is never shown as failing just because the node cannot simulate it.
 */
export async function simulateTransaction(client: PublicClient, account: Address, call: Call): Promise<SimulationOutcome> {
  if (call.to === undefined) {
    try {
      await client.estimateGas({ account, data: call.data, value: call.value });
      return { kind: 'deployment', succeeds: true };
    } catch (error) {
      return { kind: 'deployment', succeeds: false, error: describeChainError(error) };
    }
  }
  let blocks: Array<{ calls?: SimulatedCall[] }>;
  try {
    blocks = (await client.request({
      method: 'eth_simulateV1' as never,
      params: [
        {
          blockStateCalls: [{ calls: [{ from: account, to: call.to, value: `0x${call.value.toString(16)}`, data: call.data, ...(call.fees?.gas ? { gas: `0x${call.fees.gas.toString(16)}` } : {}) }] }],
          traceTransfers: true,
          validation: false,
        },
        'latest',
      ] as never,
    })) as unknown as Array<{ calls?: SimulatedCall[] }>;
  } catch (error) {
    return { kind: 'unavailable', reason: unavailableReason(error) };
  }
  const calls = Array.isArray(blocks) ? blocks[0]?.calls : undefined;
  if (!Array.isArray(calls) || calls.length !== 1) return { kind: 'unavailable', reason: 'the node’s simulation answered in an unexpected shape' };
  return { kind: 'ran', result: effectsFromSimulation({ account, calls }) };
}

function unavailableReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code ?? (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  const text = error instanceof Error ? error.message : String(error);
  if (code === -32601 || /method not found|not supported|does not exist|not available/i.test(text)) return 'your RPC does not offer eth_simulateV1';
  return describeChainError(error);
}
