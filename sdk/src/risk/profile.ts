import type { Address } from 'viem';
import { siteKey } from '../site/normalise.js';
import { AMOUNT_MODEL_WINDOW, DAY_MS, LOOK_ALIKE_CHARS, RECIPIENT_AMOUNT_WINDOW } from './constants.js';
import type { PastPayment } from './pastPayment.js';

/** What the profile knows about one recipient (from confirmed, non-zero payments only). */
export type RecipientFamiliarity = {
  address: Address;
  /** Confirmed, non-zero payments to it, in any token. */
  count: number;
  /** Unix milliseconds of the first and of the latest of them. */
  firstAt: number;
  lastAt: number;
};

/** What the profile knows about one site (from confirmed, non-zero payments it asked for). */
export type SiteFamiliarity = { origin: string; count: number; firstAt: number; lastAt: number };

/** The recent amounts of one token (shopper-wide, or to one recipient), on a log10 scale. */
export type AmountSummary = {
  count: number;
  /** Sorted log10 amounts (a copy; at most the model's window). */
  logs: Float64Array;
  medianLog: number;
  /** The 90th percentile (nearest rank): the top of the shopper's ordinary range. */
  highLog: number;
  maxLog: number;
  /** The recent payment closest to the median, to show as "typically about …". */
  typical: bigint;
  /** The largest recent payment. */
  max: bigint;
};

/** A fixed-size ring of the most recent amounts; the summary is computed once per change. */
class AmountWindow {
  readonly #amounts: bigint[] = [];
  readonly #capacity: number;
  #next = 0;
  #summary: AmountSummary | null = null;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  push(amount: bigint): void {
    if (this.#amounts.length < this.#capacity) this.#amounts.push(amount);
    else this.#amounts[this.#next] = amount;
    this.#next = (this.#next + 1) % this.#capacity;
    this.#summary = null;
  }

  get size(): number {
    return this.#amounts.length;
  }

  summary(): AmountSummary {
    if (this.#summary) return this.#summary;
    const n = this.#amounts.length;
    const order = this.#amounts.map((amount) => ({ amount, log: log10(amount) })).sort((a, b) => a.log - b.log);
    const logs = Float64Array.from(order, (entry) => entry.log);
    const medianLog = n % 2 === 1 ? (logs[n >> 1] as number) : ((logs[(n >> 1) - 1] as number) + (logs[n >> 1] as number)) / 2;
    const middle = order[Math.min(n - 1, n >> 1)] as { amount: bigint };
    this.#summary = {
      count: n,
      logs,
      medianLog,
      highLog: logs[Math.min(n - 1, Math.ceil(0.9 * n) - 1)] as number,
      maxLog: logs[n - 1] as number,
      typical: middle.amount,
      max: (order[n - 1] as { amount: bigint }).amount,
    };
    return this.#summary;
  }
}

type RecipientStats = RecipientFamiliarity & { perToken: Map<string, AmountWindow> };

/**
 * The shopper's model of normal behaviour, learned on the device from the local history and never sent
 * anywhere: familiarity per recipient and per site (how often, since when, how recently), recent amounts
 * per token shopper-wide and per recipient, and the last 24 hours of spending (for the daily cap and the
 * pace of payments).
 *
 * Built once ({@link ShopperProfile.fromHistory}) and updated with each new payment ({@link add},
 * {@link settle}); the wallet keeps it in memory and passes it to `assessRequest`, whose cost then does
 * not grow with the length of the history. Only confirmed, non-zero payments make a recipient or a site
 * familiar; a pending payment counts toward spending until it settles, a failed one is forgotten.
 *
 * @example
 * const profile = ShopperProfile.fromHistory(await history.paymentsOf(account))
 * assessRequest({ ...context, profile, now: Date.now() })
 * profile.add({ token, to, amount, timestamp: Date.now(), origin, status: 'pending', id })
 * profile.settle(id, 'confirmed') // when the receipt is read
 */
export class ShopperProfile {
  readonly #recipients = new Map<string, RecipientStats>();
  readonly #sites = new Map<string, SiteFamiliarity>();
  readonly #shopper = new Map<string, AmountWindow>();
  readonly #lookAlikes = new Map<string, Address[]>();
  /** Payments that left in the 24 hours before the newest one (confirmed and pending), oldest first. */
  #recent: PastPayment[] = [];
  readonly #pending = new Map<string, PastPayment>();
  #newest = Number.NEGATIVE_INFINITY;
  #learned = 0;

  /** Builds a profile from a history given newest first (as the wallet stores it). */
  static fromHistory(history: readonly PastPayment[]): ShopperProfile {
    const profile = new ShopperProfile();
    for (let i = history.length - 1; i >= 0; i--) profile.add(history[i] as PastPayment);
    return profile;
  }

  /** Confirmed, non-zero payments learned so far. */
  get size(): number {
    return this.#learned;
  }

  /**
   * Adds one payment that left the wallet. A `pending` one counts toward spending at once and becomes
   * familiar only when {@link settle}d as confirmed; one without a status is taken as confirmed.
   */
  add(payment: PastPayment): void {
    this.#addRecent(payment);
    if (payment.status === 'pending') {
      if (payment.id !== undefined) this.#pending.set(payment.id, payment);
      return;
    }
    this.#learn(payment);
  }

  /**
   * Settles a pending payment by its id: `confirmed` makes its recipient and site familiar, `failed`
   * (reverted, or never mined) removes it from spending. Returns `false` when no pending payment has that id.
   */
  settle(id: string, outcome: 'confirmed' | 'failed'): boolean {
    const payment = this.#pending.get(id);
    if (!payment) return false;
    this.#pending.delete(id);
    if (outcome === 'confirmed') this.#learn(payment);
    else this.#recent = this.#recent.filter((entry) => entry !== payment);
    return true;
  }

  recipient(address: string): RecipientFamiliarity | undefined {
    return this.#recipients.get(address.toLowerCase());
  }

  site(origin: string | null | undefined): SiteFamiliarity | undefined {
    return origin ? this.#sites.get(siteKey(origin)) : undefined;
  }

  /** Recent amounts of `token` paid to `recipient`, or `undefined` if none. */
  recipientAmounts(recipient: string, token: string): AmountSummary | undefined {
    const window = this.#recipients.get(recipient.toLowerCase())?.perToken.get(token.toLowerCase());
    return window ? window.summary() : undefined;
  }

  /** Recent amounts of `token` across all recipients, or `undefined` if none. */
  shopperAmounts(token: string): AmountSummary | undefined {
    const window = this.#shopper.get(token.toLowerCase());
    return window ? window.summary() : undefined;
  }

  /**
   * The most-paid familiar recipient that `address` could be mistaken for (same first and last
   * {@link LOOK_ALIKE_CHARS} hex characters, a different address), or `undefined`.
   */
  lookAlikeOf(address: string): Address | undefined {
    const twins = this.#lookAlikes.get(lookAlikeKey(address));
    if (!twins) return undefined;
    const self = address.toLowerCase();
    // The most-paid one, if several: the address a poisoner imitates.
    let best: RecipientStats | undefined;
    for (const twin of twins) {
      const stats = this.#recipients.get(twin.toLowerCase());
      if (twin.toLowerCase() !== self && stats && (!best || stats.count > best.count)) best = stats;
    }
    return best?.address;
  }

  /** Payments that left in the 24 hours before the newest one (confirmed and pending), oldest first. */
  recent(): readonly PastPayment[] {
    return this.#recent;
  }

  #addRecent(payment: PastPayment): void {
    if (payment.amount === 0n) return;
    if (payment.timestamp > this.#newest) this.#newest = payment.timestamp;
    const recent = this.#recent;
    // Kept in time order: histories arrive in order, so the insertion point is almost always the end.
    let at = recent.length;
    while (at > 0 && (recent[at - 1] as PastPayment).timestamp > payment.timestamp) at--;
    recent.splice(at, 0, payment);
    const horizon = this.#newest - DAY_MS;
    let stale = 0;
    while (stale < recent.length && (recent[stale] as PastPayment).timestamp < horizon && !this.#isPending(recent[stale] as PastPayment)) stale++;
    if (stale > 0) recent.splice(0, stale);
  }

  #isPending(payment: PastPayment): boolean {
    return payment.status === 'pending' && payment.id !== undefined && this.#pending.get(payment.id) === payment;
  }

  #learn(payment: PastPayment): void {
    // A zero-value transfer or a 0-ETH call makes nobody familiar: that is how histories get poisoned.
    if (payment.amount === 0n) return;
    this.#learned++;
    const key = payment.to.toLowerCase();
    const tokenKey = payment.token.toLowerCase();
    let stats = this.#recipients.get(key);
    if (!stats) {
      stats = { address: payment.to, count: 0, firstAt: payment.timestamp, lastAt: payment.timestamp, perToken: new Map() };
      this.#recipients.set(key, stats);
      const twinKey = lookAlikeKey(key);
      const twins = this.#lookAlikes.get(twinKey);
      if (twins) twins.push(payment.to);
      else this.#lookAlikes.set(twinKey, [payment.to]);
    }
    stats.count++;
    stats.firstAt = Math.min(stats.firstAt, payment.timestamp);
    stats.lastAt = Math.max(stats.lastAt, payment.timestamp);
    windowOf(stats.perToken, tokenKey, RECIPIENT_AMOUNT_WINDOW).push(payment.amount);
    windowOf(this.#shopper, tokenKey, AMOUNT_MODEL_WINDOW).push(payment.amount);
    if (payment.origin) {
      const origin = siteKey(payment.origin);
      const site = this.#sites.get(origin);
      if (site) {
        site.count++;
        site.firstAt = Math.min(site.firstAt, payment.timestamp);
        site.lastAt = Math.max(site.lastAt, payment.timestamp);
      } else this.#sites.set(origin, { origin, count: 1, firstAt: payment.timestamp, lastAt: payment.timestamp });
    }
  }
}

function windowOf(map: Map<string, AmountWindow>, key: string, capacity: number): AmountWindow {
  let window = map.get(key);
  if (!window) {
    window = new AmountWindow(capacity);
    map.set(key, window);
  }
  return window;
}

/** The key of the addresses one could be mistaken for each other: the same first and last {@link LOOK_ALIKE_CHARS} hex characters. */
export function lookAlikeKey(address: string): string {
  const lower = address.toLowerCase();
  return `${lower.slice(2, 2 + LOOK_ALIKE_CHARS)}:${lower.slice(-LOOK_ALIKE_CHARS)}:${lower.length}`;
}

/** log10 of a positive amount; a uint256 is well inside a double's range, and rounding does not matter on a log scale. */
export function log10(value: bigint): number {
  return value <= 0n ? 0 : Math.log10(Number(value));
}
