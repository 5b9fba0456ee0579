const units: readonly [seconds: bigint, name: string][] = [
  [86_400n, 'day'],
  [3_600n, 'hour'],
  [60n, 'minute'],
  [1n, 'second'],
];

/**
 * A number of seconds in the largest whole unit, for a person: 60 → "1 minute", 2_592_000 → "30 days",
 * 90 → "90 seconds" (never "1.5 minutes"), 31_536_000 → "365 days" (a year is not a fixed number of days).
 *
 * @example
 * import { durationText } from '@commonguard/sdk'
 * durationText(3_600n) // "1 hour"
 */
export function durationText(seconds: bigint | number): string {
  const value = typeof seconds === 'number' ? BigInt(Math.trunc(seconds)) : seconds;
  for (const [size, name] of units) {
    if (value >= size && value % size === 0n) {
      const count = value / size;
      return `${count} ${name}${count === 1n ? '' : 's'}`;
    }
  }
  return `${value} seconds`;
}
