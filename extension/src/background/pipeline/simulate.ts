import { SimulationRefusedError, simulateBlock, type SimulationCall } from '@commonguard/sdk';
import { effectsFromSimulation } from '@commonguard/sdk/effects';
import type { Address, PublicClient } from 'viem';
import { describeChainError } from '../policy/PolicyCache.js';
import type { Call, Signing, SimulationOutcome } from './types.js';

/**
 * Runs a transaction on the user's own RPC without sending it (the sdk's `simulateBlock`, with
 * `traceTransfers` so native-coin movements show as logs too), used by the understand step.
 *
 * When the fees are known it runs exactly what will be signed: the same sender, nonce, gas limit and
 * fee fields, on the block the nonce was read at, with the next block's base fee and validation on.
 * Otherwise a contract could tell the simulation apart (a zero `tx.gasprice`, more gas) and behave only
 * there. Without a fee quote nothing can be sent anyway; the simulation then runs with validation off,
 * only to show what the call would do.
 *
 * A deployment cannot be simulated there (nodes need a `to`), so the wallet asks `eth_estimateGas`
 * whether it would succeed instead: a deployment is never shown as failing just because the node
 * cannot simulate it.
 */
export async function simulateTransaction(client: PublicClient, account: Address, call: Call, { fee, base }: Signing): Promise<SimulationOutcome> {
  if (call.to === undefined) {
    try {
      await client.estimateGas({ account, data: call.data, value: call.value });
      return { kind: 'deployment', succeeds: true };
    } catch (error) {
      return { kind: 'deployment', succeeds: false, error: describeChainError(error) };
    }
  }
  const plan = fee.plan;
  const asSigned = plan !== null && base !== null;
  const signed: SimulationCall = { from: account, to: call.to, value: call.value, data: call.data };
  if (asSigned) {
    signed.nonce = base.nonce;
    signed.gas = plan.gas;
    if (plan.type === 'eip1559') Object.assign(signed, { maxFeePerGas: plan.maxFeePerGas, maxPriorityFeePerGas: plan.maxPriorityFeePerGas });
    else Object.assign(signed, { gasPrice: plan.gasPrice });
  }
  try {
    const { calls } = await simulateBlock(client, {
      calls: [signed],
      traceTransfers: true,
      validation: asSigned,
      ...(asSigned ? { blockNumber: base.blockNumber, ...(base.nextBaseFee !== undefined ? { blockOverrides: { baseFeePerGas: base.nextBaseFee } } : {}) } : {}),
    });
    return { kind: 'ran', result: effectsFromSimulation({ account, calls }), asSigned, gasUsed: calls[0]?.gasUsed };
  } catch (error) {
    // The node would not run it as signed (too little for value and gas, a fee below the base fee): a mined copy would fail too.
    if (error instanceof SimulationRefusedError) return { kind: 'ran', result: { ok: false, failedCall: 0, error: error.reason }, asSigned };
    return { kind: 'unavailable', reason: unavailableReason(error) };
  }
}

/** The sdk's typed errors, in the window's words. */
function unavailableReason(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'SimulationUnsupportedError') return 'your RPC does not offer eth_simulateV1';
  if (name === 'SimulationMalformedError') return 'your RPC answered the simulation in an unexpected shape';
  return describeChainError(error);
}
