import type { RiskTokenLimits as TokenLimits } from '@commonguard/sdk/risk';
import type { Address } from 'viem';
import { Emitter } from '../events.js';
import type { StoredValue } from '../store/StoredValue.js';
import { admit, afterPayment, isExpired, type PaymentSession, type SessionMiss, type SessionPayment, type SessionRequest } from './rules.js';

/** A session as stored (storage is JSON: amounts are decimal strings). */
export type StoredSession = Omit<PaymentSession, 'amountPerPeriod' | 'askedPerPeriod' | 'spent' | 'lastPayment'> & {
  amountPerPeriod: string;
  askedPerPeriod: string;
  spent: string;
  lastPayment: { at: number; amount: string } | null;
};

/** Sessions kept at once, all sites together; granting one more ends the oldest. */
export const MAX_SESSIONS = 64;

/** A payment held inside a session while it is signed: {@link commit} counts it, {@link release} lets it go. */
export type SessionHold = { session: PaymentSession; commit: () => Promise<void>; release: () => void };

export type SessionEvents = { changed: [] };

/**
 * The payment sessions sites were granted, in the wallet's closed storage (so they survive the
 * background restarting). Expired sessions are gone at the next read; revoking one ends it at once.
 * Payments being signed inside a session are held in memory, so two signed at the same time cannot
 * both take the last of a budget.
 */
export class Sessions {
  #item: StoredValue<StoredSession[]>;
  #now: () => number;
  #cache: PaymentSession[] | null = null;
  #held = new Map<string, bigint>();
  #events = new Emitter<SessionEvents>();
  #writes: Promise<void> = Promise.resolve();

  constructor({ item, now = Date.now }: { item: StoredValue<StoredSession[]>; now?: () => number }) {
    this.#item = item;
    this.#now = now;
  }

  on<E extends keyof SessionEvents>(event: E, listener: (...args: SessionEvents[E]) => void): () => void {
    return this.#events.on(event, listener);
  }

  /** Active sessions, newest first; `ended`: with the sessions the community's new rules ended (the popup says why). */
  async list({ ended = false }: { ended?: boolean } = {}): Promise<PaymentSession[]> {
    const now = this.#now();
    return (await this.#all()).filter((session) => !isExpired(session, now) && (ended || !session.ended));
  }

  /** The site's active session for `account` on `chainId`, if any. */
  async find(origin: string, account: Address, chainId: number): Promise<PaymentSession | undefined> {
    return (await this.list()).find((session) => session.origin === origin && session.chainId === chainId && session.account.toLowerCase() === account.toLowerCase());
  }

  /** Starts a session (a site's earlier session on the same chain and account ends). */
  async grant(input: { origin: string; account: Address; request: SessionRequest; amountPerPeriod: bigint; policyVersion: string }): Promise<PaymentSession> {
    const now = this.#now();
    const { origin, account, request } = input;
    const session: PaymentSession = {
      id: crypto.randomUUID(),
      origin,
      account,
      chainId: request.chainId,
      token: request.token,
      payee: request.payee,
      amountPerPeriod: input.amountPerPeriod,
      askedPerPeriod: request.amountPerPeriod,
      periodSeconds: request.periodSeconds,
      expiry: request.expiry,
      createdAt: now,
      policyVersion: input.policyVersion,
      periodStart: now,
      spent: 0n,
      payments: 0,
      lastPayment: null,
    };
    await this.#update((all) => [session, ...all.filter((other) => !(other.origin === origin && other.chainId === request.chainId && other.account.toLowerCase() === account.toLowerCase()))].slice(0, MAX_SESSIONS));
    return session;
  }

  /** Ends session `id` at once; `false` if there was none. */
  async revoke(id: string): Promise<boolean> {
    let found = false;
    await this.#update((all) => all.filter((session) => (session.id === id ? ((found = true), false) : true)));
    return found;
  }

  /**
   * Keeps session `id` under the community's new rules (`policyVersion`), with the budget per period they
   * allow: later payments inside it are signed without a window again.
   */
  async renew(id: string, { policyVersion, amountPerPeriod }: { policyVersion: string; amountPerPeriod: bigint }): Promise<void> {
    await this.#update((all) => all.map((session) => (session.id === id && !session.ended ? { ...session, policyVersion, amountPerPeriod } : session)));
  }

  /** Ends session `id` because the community's new rules refuse it; the popup shows `reason` until dismissed (revoked). */
  async end(id: string, reason: string): Promise<void> {
    await this.#update((all) => all.map((session) => (session.id === id ? { ...session, ended: { at: this.#now(), reason } } : session)));
  }

  /** Ends every session of `origin` (the site was disconnected, or asked to revoke). */
  async revokeOrigin(origin: string): Promise<number> {
    let ended = 0;
    await this.#update((all) => all.filter((session) => (session.origin === origin ? (ended++, false) : true)));
    return ended;
  }

  /** Forgets every session (the wallet was removed). */
  async clear(): Promise<void> {
    await this.#update(() => []);
  }

  /**
   * Holds `payment` inside the site's session when it fits (see {@link admit}), counting the payments
   * already held: the caller judges it, then commits (it was signed) or releases (it was not).
   * `limits`: the community's current limits for the token.
   */
  async hold(payment: SessionPayment, limits: TokenLimits | undefined): Promise<{ held: SessionHold } | { held: null; miss: SessionMiss } | null> {
    const session = await this.find(payment.origin, payment.account, payment.chainId);
    if (!session) return null;
    const now = this.#now();
    const inFlight = this.#held.get(session.id) ?? 0n;
    const admission = admit({ ...session, spent: session.spent + inFlight }, payment, limits, now);
    if (!admission.fits) return { held: null, miss: admission.miss };
    this.#held.set(session.id, inFlight + payment.amount);
    let done = false;
    const release = () => {
      if (done) return;
      done = true;
      const left = (this.#held.get(session.id) ?? 0n) - payment.amount;
      if (left > 0n) this.#held.set(session.id, left);
      else this.#held.delete(session.id);
    };
    const commit = async () => {
      await this.#update((all) => all.map((stored) => (stored.id === session.id ? afterPayment(stored, payment, this.#now()) : stored)));
      release();
    };
    return { held: { session, commit, release } };
  }

  async #all(): Promise<PaymentSession[]> {
    this.#cache ??= ((await this.#item.getValue()) ?? []).map(fromStored);
    return this.#cache;
  }

  #update(change: (all: PaymentSession[]) => PaymentSession[]): Promise<void> {
    const work = async () => {
      const now = this.#now();
      const next = change(await this.#all()).filter((session) => !isExpired(session, now));
      this.#cache = next;
      await this.#item.setValue(next.map(toStored));
      this.#events.emit('changed');
    };
    this.#writes = this.#writes.then(work, work);
    return this.#writes;
  }
}

function toStored(session: PaymentSession): StoredSession {
  return {
    ...session,
    amountPerPeriod: session.amountPerPeriod.toString(),
    askedPerPeriod: session.askedPerPeriod.toString(),
    spent: session.spent.toString(),
    lastPayment: session.lastPayment ? { at: session.lastPayment.at, amount: session.lastPayment.amount.toString() } : null,
  };
}

function fromStored(stored: StoredSession): PaymentSession {
  return {
    ...stored,
    amountPerPeriod: BigInt(stored.amountPerPeriod),
    askedPerPeriod: BigInt(stored.askedPerPeriod),
    spent: BigInt(stored.spent),
    lastPayment: stored.lastPayment ? { at: stored.lastPayment.at, amount: BigInt(stored.lastPayment.amount) } : null,
  };
}
