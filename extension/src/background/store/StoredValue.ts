import type { KeyValueArea } from './areas.js';

/** One stored value, read and written whole: what every part of the wallet keeps its state in. */
export type StoredValue<T> = { getValue(): Promise<T | null>; setValue(value: T | null): Promise<void> };

/**
 * The value under `key` in the wallet's storage area, `fallback` while nothing is stored; writing
 * `null` removes it. The area is a promise because it is chosen (and migrated) once at start: a read
 * made before that finishes waits for it instead of reading the wrong place.
 */
export function storedValue<T>(area: Promise<KeyValueArea>, key: string, fallback: T | null = null): StoredValue<T> {
  return {
    getValue: async () => ((await (await area).get(key)) as T | undefined) ?? fallback,
    setValue: async (value) => {
      const target = await area;
      if (value === null) await target.remove(key);
      else await target.set(key, value);
    },
  };
}
