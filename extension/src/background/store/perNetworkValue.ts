import type { KeyValueArea } from './areas.js';
import { type StoredValue, storedValue } from './StoredValue.js';

/** Where a value kept per network is stored for chain `chainId`. */
export function networkKey(key: string, chainId: number): string {
  return `${key}@${chainId}`;
}

/**
 * A value kept once per network (watched tokens, budgets): each read and write goes to the copy of the
 * network in use at that moment, so switching networks shows that network's own.
 */
export function perNetworkValue<T>(area: Promise<KeyValueArea>, key: string, chainId: () => Promise<number>, fallback: T | null = null): StoredValue<T> & { of(chainId: number): StoredValue<T> } {
  const of = (id: number) => storedValue<T>(area, networkKey(key, id), fallback);
  return {
    getValue: async () => of(await chainId()).getValue(),
    setValue: async (value) => of(await chainId()).setValue(value),
    of,
  };
}
