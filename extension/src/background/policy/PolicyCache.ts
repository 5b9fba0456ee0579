import { paymentPolicyAbi, readPolicy } from '@commonguard/sdk';
import type { RiskPolicy } from '@commonguard/sdk/risk';
import type { Address, PublicClient } from 'viem';
import { Emitter } from '../events.js';

/** The policy as last read from the chain. */
export type CachedPolicy = { address: Address; snapshot: RiskPolicy; readAt: number };

/** What the popup shows about the policy. */
export type PolicyStatus = { cached: CachedPolicy | null; lastError: string | null; lastErrorAt: number | null };

export class PolicyUnavailableError extends Error {
  override name = 'PolicyUnavailableError';
  readonly stale: CachedPolicy | null;
  constructor(message: string, stale: CachedPolicy | null, cause?: unknown) {
    super(message, { cause });
    this.stale = stale;
  }
}

export type PolicyCacheOptions = {
  /** Re-read the whole snapshot at least this often, even if the version did not change. */
  maxAgeMs?: number;
  now?: () => number;
};

/**
 * Caches the community's policy snapshot. Before every payment the wallet asks the chain for the
 * policy `version()` (one cheap call, batched with the payment's other reads); a new version, a
 * different contract, or an entry older than a minute triggers a full `snapshot()` read.
 */
/** `changed`: a newer version of the same policy contract was read (not the first read, not another contract). */
export type PolicyCacheEvents = { changed: [next: CachedPolicy, previous: CachedPolicy] };

export class PolicyCache {
  #events = new Emitter<PolicyCacheEvents>();
  #cached: CachedPolicy | null = null;
  #lastError: string | null = null;
  #lastErrorAt: number | null = null;
  #maxAgeMs: number;
  #now: () => number;

  constructor({ maxAgeMs = 60_000, now = Date.now }: PolicyCacheOptions = {}) {
    this.#maxAgeMs = maxAgeMs;
    this.#now = now;
  }

  on<E extends keyof PolicyCacheEvents>(event: E, listener: (...args: PolicyCacheEvents[E]) => void): () => void {
    return this.#events.on(event, listener);
  }

  status(): PolicyStatus {
    return { cached: this.#cached, lastError: this.#lastError, lastErrorAt: this.#lastErrorAt };
  }

  /** The up-to-date snapshot, or {@link PolicyUnavailableError} (carrying the stale copy, if any). */
  async fresh(client: PublicClient, address: Address | null): Promise<CachedPolicy> {
    if (!address) throw new PolicyUnavailableError('No PaymentPolicy contract is configured. Set its address in the wallet settings.', null);
    try {
      const cached = this.#cached;
      if (cached && cached.address === address && this.#now() - cached.readAt < this.#maxAgeMs) {
        const version = await client.readContract({ address, abi: paymentPolicyAbi, functionName: 'version' });
        if (version === cached.snapshot.version) return cached;
      }
      const snapshot = await readPolicy(client, { address });
      const previous = this.#cached;
      const next: CachedPolicy = { address, readAt: this.#now(), snapshot };
      this.#cached = next;
      this.#lastError = null;
      this.#lastErrorAt = null;
      if (previous && previous.address === address && snapshot.version > previous.snapshot.version) this.#events.emit('changed', next, previous);
      return next;
    } catch (cause) {
      const message = `Cannot read the community policy at ${address}: ${describeChainError(cause)}`;
      this.#lastError = message;
      this.#lastErrorAt = this.#now();
      throw new PolicyUnavailableError(message, this.#cached?.address === address ? this.#cached : null, cause);
    }
  }
}

/** A short, human reason for a failed chain read (viem errors are long). */
export function describeChainError(error: unknown): string {
  const text = error instanceof Error ? ((error as { shortMessage?: string }).shortMessage ?? error.message) : String(error);
  // viem wraps a failed HTTP request in a contract error ("An unknown error occurred while executing the
  // contract function …"): the real reason is further down the cause chain, so all of it is read.
  const chain: string[] = [];
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 8; cause = cause.cause, depth++)
    chain.push(cause.message, (cause as { details?: string }).details ?? '');
  const all = [text, ...chain].join('\n');
  if (/Cannot reach the RPC|fetch failed|HTTP request failed|Failed to fetch|ECONNREFUSED|NetworkError|timed out|took too long/i.test(all)) return 'the chain (RPC) is unreachable';
  if (/returned no data|reverted|not a contract|is not a PaymentPolicy|no code at that address/i.test(all)) return 'the contract did not answer as a PaymentPolicy';
  return text.split('\n')[0]?.slice(0, 160) ?? 'unknown error';
}
