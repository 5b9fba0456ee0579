import type { MerchantStatus, RiskPolicy } from '@commonguard/sdk/risk';
import { type Address, getAddress, isAddress } from 'viem';
import { rpcError } from '../../shared/rpcErrors.js';

/** The fewest payments a backtest must replay before it may share anything (see privacy.ts). */
export const MIN_BACKTEST_PAYMENTS = 5;

/** The proposed rules a page asks the wallet to replay the member's own history against. */
export type BacktestRequest = {
  policy: RiskPolicy;
  /** Lower-cased address → status and note, after the proposal; unlisted addresses are "unknown". */
  merchants: ReadonlyMap<string, { status: MerchantStatus; note: string }>;
  /** Lower-cased origin → status after the proposal. */
  origins: ReadonlyMap<string, MerchantStatus>;
  /** How many of the most recent payments to replay. */
  last: number;
};

export const BACKTEST_METHOD = 'commonguard_backtestPolicy';
export const MAX_LAST = 500;
export const DEFAULT_LAST = 50;
export const MAX_TOKEN_LIMITS = 64;
export const MAX_LISTED = 1000;
const MAX_NOTE = 280;
const MAX_UINT256 = 2n ** 256n - 1n;
const QUANTITY = /^0x(0|[1-9a-fA-F][0-9a-fA-F]{0,63})$/;
const ORIGIN = /^https?:\/\/[a-z0-9.-]{1,253}(:\d{1,5})?$/;

const fail = (message: string) => rpcError.invalidParams(`${BACKTEST_METHOD}: ${message}`);

/**
 * Checks a page's request strictly, as for every other method: one object with exactly the known
 * keys, integers and booleans of the right type, amounts as hex quantities, bounded lists. Anything
 * else is -32602 with a message naming the field.
 */
export function parseBacktestParams(params: unknown): BacktestRequest {
  if (!Array.isArray(params) || params.length !== 1) throw fail('expects one parameter: { policy, merchants, origins, last }.');
  const input = record(params[0], 'the parameter', ['policy', 'merchants', 'origins', 'last'], ['policy']);
  const policy = record(input.policy, '"policy"', ['warnAt', 'blockAt', 'unlimitedApprovalsAllowed', 'tokenLimits'], ['warnAt', 'blockAt', 'unlimitedApprovalsAllowed', 'tokenLimits']);
  const warnAt = score(policy.warnAt, '"policy.warnAt"');
  const blockAt = score(policy.blockAt, '"policy.blockAt"');
  if (warnAt >= blockAt) throw fail('"policy.warnAt" must be below "policy.blockAt".');
  if (typeof policy.unlimitedApprovalsAllowed !== 'boolean') throw fail('"policy.unlimitedApprovalsAllowed" must be true or false.');
  const limits = list(policy.tokenLimits, '"policy.tokenLimits"', MAX_TOKEN_LIMITS).map((entry, i) => {
    const where = `"policy.tokenLimits[${i}]"`;
    const l = record(entry, where, ['token', 'maxSinglePayment', 'dailyCap', 'maxFirstPayment'], ['token', 'maxSinglePayment', 'dailyCap', 'maxFirstPayment']);
    return { token: address(l.token, `${where}.token`), maxSinglePayment: quantity(l.maxSinglePayment, `${where}.maxSinglePayment`), dailyCap: quantity(l.dailyCap, `${where}.dailyCap`), maxFirstPayment: quantity(l.maxFirstPayment, `${where}.maxFirstPayment`) };
  });
  const merchants = new Map<string, { status: MerchantStatus; note: string }>();
  list(input.merchants ?? [], '"merchants"', MAX_LISTED).forEach((entry, i) => {
    const where = `"merchants[${i}]"`;
    const m = record(entry, where, ['address', 'status', 'note'], ['address', 'status']);
    const note = m.note ?? '';
    if (typeof note !== 'string' || note.length > MAX_NOTE) throw fail(`${where}.note must be text of at most ${MAX_NOTE} characters.`);
    merchants.set(address(m.address, `${where}.address`).toLowerCase(), { status: status(m.status, `${where}.status`), note });
  });
  const origins = new Map<string, MerchantStatus>();
  list(input.origins ?? [], '"origins"', MAX_LISTED).forEach((entry, i) => {
    const where = `"origins[${i}]"`;
    const o = record(entry, where, ['origin', 'status'], ['origin', 'status']);
    if (typeof o.origin !== 'string' || !ORIGIN.test(o.origin)) throw fail(`${where}.origin must be a lower-case origin such as "https://shop.example".`);
    origins.set(o.origin, status(o.status, `${where}.status`));
  });
  const last = input.last ?? DEFAULT_LAST;
  // Fewer would be a window onto single payments.
  if (typeof last !== 'number' || !Number.isInteger(last) || last < MIN_BACKTEST_PAYMENTS || last > MAX_LAST) throw fail(`"last" must be a whole number from ${MIN_BACKTEST_PAYMENTS} to ${MAX_LAST}.`);
  return { policy: { version: 0n, warnAt, blockAt, unlimitedApprovalsAllowed: policy.unlimitedApprovalsAllowed, tokenLimits: limits }, merchants, origins, last };
}

function record(value: unknown, where: string, known: string[], required: string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail(`${where} must be an object.`);
  // Own keys only: a prototype trick or an extra field is refused rather than ignored.
  if (Object.getPrototypeOf(value) !== Object.prototype) throw fail(`${where} must be a plain object.`);
  const keys = Object.keys(value);
  const extra = keys.find((key) => !known.includes(key));
  if (extra !== undefined) throw fail(`${where} has an unknown field "${extra.slice(0, 40)}".`);
  const missing = required.find((key) => !keys.includes(key));
  if (missing !== undefined) throw fail(`${where} lacks "${missing}".`);
  return value as Record<string, unknown>;
}

function list(value: unknown, where: string, max: number): unknown[] {
  if (!Array.isArray(value)) throw fail(`${where} must be a list.`);
  if (value.length > max) throw fail(`${where} may hold at most ${max} entries.`);
  return value;
}

function score(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100) throw fail(`${where} must be a whole number from 0 to 100.`);
  return value;
}

function quantity(value: unknown, where: string): bigint {
  if (typeof value !== 'string' || !QUANTITY.test(value)) throw fail(`${where} must be a hex quantity such as "0x0" or "0x17d7840".`);
  const amount = BigInt(value);
  if (amount > MAX_UINT256) throw fail(`${where} is larger than a uint256.`);
  return amount;
}

function address(value: unknown, where: string): Address {
  if (typeof value !== 'string' || !isAddress(value, { strict: false })) throw fail(`${where} must be an address.`);
  return getAddress(value);
}

function status(value: unknown, where: string): MerchantStatus {
  if (value !== 'trusted' && value !== 'blocked' && value !== 'unknown') throw fail(`${where} must be "trusted", "blocked" or "unknown".`);
  return value;
}
