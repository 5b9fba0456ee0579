import { CommonGuardError } from './base.js';

export type SimulationUnsupportedErrorType = SimulationUnsupportedError & { name: 'SimulationUnsupportedError' };

/** The node does not offer `eth_simulateV1`: nothing can be said about what a call would do there. */
export class SimulationUnsupportedError extends CommonGuardError {
  override name = 'SimulationUnsupportedError' as const;

  constructor({ cause }: { cause?: unknown } = {}) {
    super('The RPC endpoint does not offer eth_simulateV1, so the call could not be simulated.', {
      cause,
      metaMessages: ['Use an RPC endpoint that supports eth_simulateV1 (geth, reth, anvil and most providers do).'],
    });
  }
}

export type SimulationMalformedErrorType = SimulationMalformedError & { name: 'SimulationMalformedError' };

/** The node answered `eth_simulateV1` in a shape that is not a simulation of the calls asked for. */
export class SimulationMalformedError extends CommonGuardError {
  override name = 'SimulationMalformedError' as const;

  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super(`The RPC endpoint’s simulation answered in an unexpected shape: ${reason}.`, {
      cause,
      metaMessages: ['Nothing in that answer is trusted; try another RPC endpoint.'],
    });
  }
}

export type SimulationRefusedErrorType = SimulationRefusedError & { name: 'SimulationRefusedError' };

/**
 * The node refused to run the calls as given (with validation on: too little balance for value and
 * gas, a gas limit below the intrinsic cost, a fee below the base fee). The transaction, signed as
 * simulated, would not be mined either.
 */
export class SimulationRefusedError extends CommonGuardError {
  override name = 'SimulationRefusedError' as const;
  /** The node's own words, shortened. */
  readonly reason: string;

  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super(`The node refused to run the transaction as it would be signed: ${reason}`, { cause });
    this.reason = reason;
  }
}
