import type { Address } from 'viem';

/** A small seeded generator (mulberry32): the same seed gives the same shoppers on every machine. */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Log-uniform in [min, max]: amounts spread over orders of magnitude. */
  logUniform(min: number, max: number): number {
    return min * (max / min) ** this.next();
  }

  /** A random 20-byte address, lower-case. */
  address(): Address {
    let hex = '';
    for (let i = 0; i < 5; i++) hex += Math.floor(this.next() * 2 ** 32).toString(16).padStart(8, '0');
    return `0x${hex}`;
  }

  /** An address with the same first and last `chars` hex characters as `of`, different in between. */
  lookAlike(of: Address, chars = 4): Address {
    const middle = this.address().slice(2 + chars, 42 - chars);
    const twin = `${of.slice(0, 2 + chars)}${middle}${of.slice(42 - chars)}`.toLowerCase() as Address;
    return twin === of.toLowerCase() ? this.lookAlike(of, chars) : twin;
  }
}
