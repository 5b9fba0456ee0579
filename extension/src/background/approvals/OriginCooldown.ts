/**
 * Counts events per site within a sliding time window (a site the user keeps turning down, a site that
 * keeps opening the onboarding tab). Bounded: a flood of origins cannot grow it without end.
 */
export class OriginCooldown {
  #limit: number;
  #windowMs: number;
  #now: () => number;
  #events = new Map<string, number[]>();

  static readonly MAX_ORIGINS = 256;

  constructor({ limit, windowMs, now = Date.now }: { limit: number; windowMs: number; now?: () => number }) {
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#now = now;
  }

  /** Whether `key` reached the limit within the window (it must wait). */
  blocked(key: string): boolean {
    return this.#recent(key).length >= this.#limit;
  }

  note(key: string): void {
    const recent = this.#recent(key);
    // Re-inserted so the map's order is least recently noted first (that one is forgotten first).
    this.#events.delete(key);
    this.#events.set(key, [...recent, this.#now()].slice(-this.#limit));
    if (this.#events.size > OriginCooldown.MAX_ORIGINS) this.#events.delete(this.#events.keys().next().value as string);
  }

  #recent(key: string): number[] {
    const since = this.#now() - this.#windowMs;
    const recent = (this.#events.get(key) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.#events.delete(key);
    else this.#events.set(key, recent);
    return recent;
  }
}
