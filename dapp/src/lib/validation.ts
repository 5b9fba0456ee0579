import { normaliseDomain, normaliseOrigin } from '@commonguard/sdk';
import { getAddress, isAddress, parseUnits, type Address } from 'viem';

/** The result of checking one form field: the parsed value, or a message saying what to fix. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = <T>(error: string): Checked<T> => ({ ok: false, error });

/** An address: 0x + 40 hex characters; mixed case must match the EIP-55 checksum. */
export function checkAddress(input: string, { allowZero = false } = {}): Checked<Address> {
  const text = input.trim();
  if (text === '') return fail('Enter an address (0x followed by 40 characters).');
  if (!/^0x[0-9a-fA-F]*$/.test(text)) return fail('An address starts with 0x and contains only 0–9 and a–f.');
  if (text.length !== 42) return fail(`An address has 40 characters after 0x; this one has ${text.length - 2}.`);
  if (!isAddress(text, { strict: true })) {
    return fail('This address has a typo: its capital letters do not match its checksum. Copy it again from the source.');
  }
  const address = getAddress(text);
  if (!allowZero && /^0x0{40}$/.test(text)) return fail('The zero address cannot receive anything. Enter a real address.');
  return ok(address);
}

/** A token amount such as "1,000.50" in a token with `decimals` decimals. */
export function checkAmount(
  input: string,
  decimals: number,
  { symbol = '', allowZero = false, max }: { symbol?: string; allowZero?: boolean; max?: bigint } = {},
): Checked<bigint> {
  const text = input.trim().replace(/[,_\s]/g, '');
  if (text === '') return fail('Enter an amount.');
  if (text.startsWith('-')) return fail('The amount cannot be negative.');
  if (!/^\d*\.?\d*$/.test(text) || text === '.') return fail('Use digits and at most one decimal point, e.g. 1250.50');
  const fraction = text.split('.')[1] ?? '';
  if (fraction.length > decimals) {
    return fail(`${symbol || 'This token'} has at most ${decimals} decimal${decimals === 1 ? '' : 's'}; you typed ${fraction.length}.`);
  }
  const value = parseUnits(text, decimals);
  if (value === 0n && !allowZero) return fail('The amount must be more than zero.');
  if (max !== undefined && value > max) return fail(`The amount is too large (the most is ${max.toString()} units).`);
  return ok(value);
}

/** A whole percentage or score from `min` to 100 (thresholds, quorum). */
export function checkPercent(input: string, { min = 0, label = 'The value' } = {}): Checked<number> {
  const text = input.trim().replace(/%$/, '');
  if (text === '') return fail(`${label} is required.`);
  if (!/^\d+$/.test(text)) return fail(`${label} must be a whole number from ${min} to 100.`);
  const value = Number(text);
  if (value < min || value > 100) return fail(`${label} must be from ${min} to 100; you typed ${value}.`);
  return ok(value);
}

/** A duration in whole days (budget periods). */
export function checkDays(input: string): Checked<bigint> {
  const text = input.trim();
  if (!/^\d+$/.test(text) || Number(text) === 0) return fail('Enter a whole number of days, at least 1.');
  return ok(BigInt(text) * 86_400n);
}

/** A site origin as the policy stores it: scheme://host[:port], nothing after. */
export function checkOrigin(input: string): Checked<string> {
  const text = input.trim();
  if (text === '') return fail('Enter a site origin such as https://shop.example.');
  if (!/^https?:\/\//i.test(text)) return fail('The origin must start with https:// or http://');
  // The policy stores exactly what a browser reports, so the proposal carries that form.
  const normalised = normaliseOrigin(text);
  if (!normalised.ok) {
    return fail(/path, query/.test(normalised.reason) ? `Only the origin is used (no path, query or user name): ${normalised.reason}` : normalised.reason);
  }
  return ok(normalised.value);
}

/** A domain rule: a domain name covering all its subdomains, in the form the policy stores. */
export function checkDomain(input: string): Checked<string> {
  const text = input.trim();
  if (text === '') return fail('Enter a domain such as scam.example.');
  const normalised = normaliseDomain(text);
  return normalised.ok ? ok(normalised.value) : fail(normalised.reason);
}

/** A short note (the policy stores at most 280 bytes). */
export function checkNote(input: string, maxBytes = 280): Checked<string> {
  const bytes = new TextEncoder().encode(input).length;
  if (bytes > maxBytes) return fail(`The note is too long: ${bytes} bytes, at most ${maxBytes}.`);
  return ok(input);
}

/** Hex call data for a custom call. */
export function checkHex(input: string): Checked<`0x${string}`> {
  const text = input.trim();
  if (text === '' || text === '0x') return ok('0x');
  if (!/^0x[0-9a-fA-F]*$/.test(text)) return fail('Call data is hex: 0x followed by 0–9 and a–f.');
  if (text.length % 2 !== 0) return fail('Call data has an odd number of hex digits; each byte needs two.');
  return ok(text as `0x${string}`);
}
