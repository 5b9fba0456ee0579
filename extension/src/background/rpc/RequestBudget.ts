/**
 * How many requests a site may make: a token bucket per origin. Each request that does work takes a
 * token; tokens come back at `perSecond` up to `burst`. A site the user connected gets a budget a dApp
 * can live with (page loads fire dozens of reads); a site the user never connected gets a small one,
 * since all it can ask is to connect or to identify the chain.
 */
export type BudgetRule = { readonly burst: number; readonly perSecond: number };

export const CONNECTED_BUDGET: BudgetRule = { burst: 300, perSecond: 50 };
export const UNCONNECTED_BUDGET: BudgetRule = { burst: 20, perSecond: 2 };

/** Origins tracked at once; the least recently seen is forgotten first (a flood of origins stays bounded). */
export const MAX_TRACKED_ORIGINS = 512;

type Bucket = { tokens: number; at: number };

export class RequestBudget {
  #buckets = new Map<string, Bucket>();
  #now: () => number;

  constructor({ now = Date.now }: { now?: () => number } = {}) {
    this.#now = now;
  }

  /** Takes `cost` tokens from `origin`'s bucket under `rule`; `false` (and nothing taken) when there are not enough. */
  take(origin: string, rule: BudgetRule, cost = 1): boolean {
    if (cost <= 0) return true;
    const now = this.#now();
    const previous = this.#buckets.get(origin);
    const tokens = previous ? Math.min(rule.burst, previous.tokens + ((now - previous.at) / 1000) * rule.perSecond) : rule.burst;
    // Re-inserted so the map's order is least recently seen first.
    this.#buckets.delete(origin);
    if (this.#buckets.size >= MAX_TRACKED_ORIGINS) this.#buckets.delete(this.#buckets.keys().next().value as string);
    const allowed = tokens >= cost;
    this.#buckets.set(origin, { tokens: allowed ? tokens - cost : tokens, at: now });
    return allowed;
  }
}
