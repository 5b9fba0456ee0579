import { paymentPolicyAbi, readPolicy } from '@commonguard/sdk';
import type { RiskPolicy } from '@commonguard/sdk/risk';
import type { Address, PublicClient } from 'viem';
import { describeChainError } from '../chain/chainErrors.js';
import { Emitter } from '../events.js';

// Callers that read the chain import the reason from here too; it lives with the other chain errors.
export { describeChainError };

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
 * Caches each joined community's policy snapshot, per policy contract (a shopper may belong to several
 * communities). Before every payment the wallet asks the chain for the policy `version()` (one cheap
 * call, batched with the payment's other reads); a new version, or an entry older than a minute,
 * triggers a full `snapshot()` read.
 */
/** `changed`: a newer version of the same policy contract was read (not the first read, not another contract). */
export type PolicyCacheEvents = { changed: [next: CachedPolicy, previous: CachedPolicy] };

export class PolicyCache {
  #events = new Emitter<PolicyCacheEvents>();
  #cached = new Map<string, CachedPolicy>();
  #errors = new Map<string, { message: string; at: number }>();
  #maxAgeMs: number;
  #now: () => number;

  constructor({ maxAgeMs = 60_000, now = Date.now }: PolicyCacheOptions = {}) {
    this.#maxAgeMs = maxAgeMs;
    this.#now = now;
  }

  on<E extends keyof PolicyCacheEvents>(event: E, listener: (...args: PolicyCacheEvents[E]) => void): () => void {
    return this.#events.on(event, listener);
  }

  /** The last read of the policy at `address`, and the last failure since. */
  status(address: Address): PolicyStatus {
    const key = address.toLowerCase();
    const error = this.#errors.get(key);
    return { cached: this.#cached.get(key) ?? null, lastError: error?.message ?? null, lastErrorAt: error?.at ?? null };
  }

  /** Drops what was read: another network is in use, where the same address may hold other rules (or none). */
  forget(): void {
    this.#cached.clear();
    this.#errors.clear();
  }

  /** The up-to-date snapshot, or {@link PolicyUnavailableError} (carrying the stale copy, if any). */
  async fresh(client: PublicClient, address: Address | null): Promise<CachedPolicy> {
    if (!address) throw new PolicyUnavailableError('No PaymentPolicy contract is configured. Set its address in the wallet settings.', null);
    const key = address.toLowerCase();
    try {
      const cached = this.#cached.get(key);
      if (cached && this.#now() - cached.readAt < this.#maxAgeMs) {
        const version = await client.readContract({ address, abi: paymentPolicyAbi, functionName: 'version' });
        if (version === cached.snapshot.version) return cached;
      }
      const snapshot = await readPolicy(client, { address });
      const previous = this.#cached.get(key);
      const next: CachedPolicy = { address, readAt: this.#now(), snapshot };
      this.#cached.set(key, next);
      this.#errors.delete(key);
      if (previous && snapshot.version > previous.snapshot.version) this.#events.emit('changed', next, previous);
      return next;
    } catch (cause) {
      const message = `Cannot read the community policy at ${address}: ${describeChainError(cause, { expected: 'a PaymentPolicy' })}`;
      this.#errors.set(key, { message, at: this.#now() });
      throw new PolicyUnavailableError(message, this.#cached.get(key) ?? null, cause);
    }
  }
}
