import { durationText } from '@commonguard/sdk';
import { formatUnits } from 'viem';

/** 12000.5 → "12,000.5": grouped thousands, trailing zeros dropped, at most `maxFraction` decimals. */
export function formatAmount(amount: bigint, decimals: number, maxFraction = 6): string {
  const negative = amount < 0n;
  const [whole, fraction = ''] = formatUnits(negative ? -amount : amount, decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const trimmed = fraction.slice(0, maxFraction).replace(/0+$/, '');
  return `${negative ? '−' : ''}${grouped}${trimmed ? `.${trimmed}` : ''}`;
}

export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

/** 2_592_000 → "30 days"; picks the largest whole unit (the sdk's wording, also used in the factory's refusals). */
export function formatDuration(seconds: bigint | number): string {
  return durationText(seconds);
}

/** A countdown such as "2 h 5 min" or "45 s"; "now" when due. */
export function formatCountdown(seconds: number): string {
  if (seconds <= 0) return 'now';
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3_600);
  const m = Math.floor((seconds % 3_600) / 60);
  const s = Math.floor(seconds % 60);
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s} s`;
  return `${s} s`;
}

export function formatDate(timestamp: bigint | number): string {
  const date = new Date(Number(timestamp) * 1000);
  return date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
}

export function sameAddress(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}
