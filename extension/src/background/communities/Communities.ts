import type { Address } from 'viem';
import { Emitter } from '../events.js';
import type { StoredValue } from '../store/StoredValue.js';

/**
 * A community the shopper joined: its contracts as read from the chain (and checked to belong together)
 * when it was joined. `joinedAt` is Unix milliseconds.
 */
export type JoinedCommunity = {
  chainId: number;
  governor: Address;
  name: string;
  token: Address;
  timelock: Address;
  treasury: Address;
  policy: Address;
  joinedAt: number;
};

/** `changed`: a community was joined or left on `chainId`. */
export type CommunitiesEvents = { changed: [chainId: number] };

export type CommunitiesOptions = { item: StoredValue<JoinedCommunity[]> };

/** The same community: same network, same governor. */
export function sameCommunity(a: { chainId: number; governor: Address }, b: { chainId: number; governor: Address }): boolean {
  return a.chainId === b.chainId && a.governor.toLowerCase() === b.governor.toLowerCase();
}

/**
 * The communities the shopper joined, per network, kept in the wallet's closed storage. The rules that
 * guard a request are those of the joined communities of the request's network (see `rules.ts`).
 */
export class Communities {
  #item: StoredValue<JoinedCommunity[]>;
  #events = new Emitter<CommunitiesEvents>();
  #cached: Promise<JoinedCommunity[]> | null = null;

  constructor({ item }: CommunitiesOptions) {
    this.#item = item;
  }

  on<E extends keyof CommunitiesEvents>(event: E, listener: (...args: CommunitiesEvents[E]) => void): () => void {
    return this.#events.on(event, listener);
  }

  /** Every joined community, oldest first. */
  async list(): Promise<JoinedCommunity[]> {
    this.#cached ??= this.#item.getValue().then(
      (stored) => stored ?? [],
      (error: unknown) => {
        this.#cached = null; // a failed read is tried again next time
        throw error;
      },
    );
    return [...(await this.#cached)];
  }

  /** The communities that guard `chainId`, oldest first. */
  async of(chainId: number): Promise<JoinedCommunity[]> {
    return (await this.list()).filter((community) => community.chainId === chainId);
  }

  async has(chainId: number, governor: Address): Promise<boolean> {
    return (await this.list()).some((community) => sameCommunity(community, { chainId, governor }));
  }

  /** Adds `community`, or refreshes its record when it was joined already (its join time stays). */
  async join(community: JoinedCommunity): Promise<void> {
    const all = await this.list();
    const index = all.findIndex((known) => sameCommunity(known, community));
    if (index >= 0) all[index] = { ...community, joinedAt: all[index]!.joinedAt };
    else all.push(community);
    await this.#write(all);
    this.#events.emit('changed', community.chainId);
  }

  /** Leaves the community; `false` when it was not joined. */
  async leave(chainId: number, governor: Address): Promise<boolean> {
    const all = await this.list();
    const kept = all.filter((community) => !sameCommunity(community, { chainId, governor }));
    if (kept.length === all.length) return false;
    await this.#write(kept);
    this.#events.emit('changed', chainId);
    return true;
  }

  /** Forgets every community (the wallet is removed). */
  async clear(): Promise<void> {
    const chains = new Set((await this.list()).map((community) => community.chainId));
    await this.#write([]);
    for (const chainId of chains) this.#events.emit('changed', chainId);
  }

  async #write(all: JoinedCommunity[]): Promise<void> {
    await this.#item.setValue(all);
    this.#cached = Promise.resolve(all);
  }
}
