import type { TokenInfo } from '../chain/tokens.js';
import { checkAmount, type Checked } from '../validation.js';

/** One token's first payment rules as typed: empty means "no limit". */
export type LimitFields = { token: TokenInfo; maxSinglePayment: string; dailyCap: string; maxFirstPayment: string };

/** The risk scores (0–100) at which wallets warn and refuse, as typed. */
export type LevelFields = { warnAt: string; blockAt: string };

export const defaultLevels: LevelFields = { warnAt: '40', blockAt: '80' };

/** Modest first limits: a payment the size of a week's shopping passes, a large or sudden one does not. */
export function defaultLimits(token: TokenInfo): LimitFields {
  if (token.decimals === 18) return { token, maxSinglePayment: '1', dailyCap: '2', maxFirstPayment: '0.25' };
  return { token, maxSinglePayment: '500', dailyCap: '1000', maxFirstPayment: '100' };
}

/** A limit in the token's base units; an empty box is 0, which the policy reads as "no limit". */
export function limitAmount(input: string, token: TokenInfo): Checked<bigint> {
  if (input.trim() === '') return { ok: true, value: 0n };
  return checkAmount(input, token.decimals, { symbol: token.symbol, allowZero: true });
}

/** A risk score from 0 to 100 (the factory decides which pairs are safe). */
export function score(input: string, what: string): Checked<number> {
  const text = input.trim();
  if (!/^\d+$/.test(text)) return { ok: false, error: `${what} is a whole number from 0 to 100.` };
  const value = Number(text);
  // A uint8 on the chain: anything above 255 cannot even be sent; the factory refuses above 100.
  if (value > 255) return { ok: false, error: `${what} is a whole number from 0 to 100.` };
  return { ok: true, value };
}
