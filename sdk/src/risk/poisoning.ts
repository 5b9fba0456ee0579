import { type Address, formatUnits, type Hex, zeroAddress } from 'viem';
import { NATIVE_TOKEN } from '../decode/types.js';
import { isDust } from './dust.js';
import { lookAlikeKey, type ShopperProfile } from './profile.js';

/**
 * Address poisoning: an attacker makes an address whose first and last characters match one the shopper
 * pays, then plants it in the shopper's list of transfers so that it gets copied next time. It has three
 * ways to do that without the shopper signing anything: `transferFrom(shopper, lookAlike, 0)` on the real
 * token (accepted with no allowance, and it reads as if the shopper sent it), zero or dust sent from the
 * look-alike to the shopper, and a copycat token (its symbol borrowed from a real one) whose `Transfer`
 * events between the shopper and the look-alike mimic real payments. These "primers" are what this module
 * recognises, and what it says about paying an address that came from one.
 */

/** Why a transfer the shopper did not make is suspicious. */
export type PrimerKind = 'zeroValue' | 'copycatToken' | 'dust';

/** One token transfer to or from the shopper, as the chain's `Transfer` log says (the shopper did not sign it). */
export type SeenTransfer = { token: Address; from: Address; to: Address; value: bigint; hash: Hex; logIndex: number; blockNumber: bigint };

/** What the wallet knows of the transfer's token: how it calls itself, and the listed token whose symbol it borrows, if any. */
export type SeenToken = { symbol: string; decimals: number; imitates?: Address | undefined };

/**
 * A transfer the shopper did not make that looks like a poisoning primer. Amounts and block numbers are
 * decimal strings, so that it can be stored as it is.
 */
export type SuspiciousTransfer = {
  kind: PrimerKind;
  token: Address;
  symbol: string;
  decimals: number;
  /** The listed token (or the native coin, address(0)) whose symbol a copycat token borrows. */
  imitates?: Address | undefined;
  from: Address;
  to: Address;
  /** The side that is not the shopper: the address the attacker wants copied. */
  counterparty: Address;
  value: string;
  hash: Hex;
  logIndex: number;
  blockNumber: string;
};

/**
 * Whether a transfer the shopper did not make is a poisoning primer (pure): a zero-value transfer (in
 * either direction), a transfer of a copycat token (`token.imitates`), or dust sent to the shopper (one
 * base unit, or less than a millionth of a whole token: what no one pays for anything). Returns it marked,
 * or `null` for an ordinary transfer (a real payment received). A transfer from the shopper to the shopper,
 * a mint and a burn name no one else and are never primers.
 */
export function classifyTransfer(transfer: SeenTransfer, account: Address, token: SeenToken): SuspiciousTransfer | null {
  const fromShopper = same(transfer.from, account);
  const toShopper = same(transfer.to, account);
  if (fromShopper === toShopper) return null;
  // A mint or a burn: no one's address to copy (a copycat token's airdrop is shown as a copycat where it is spent).
  if (same(fromShopper ? transfer.to : transfer.from, zeroAddress)) return null;
  const kind: PrimerKind | null =
    transfer.value === 0n ? 'zeroValue' : token.imitates !== undefined ? 'copycatToken' : toShopper && isDust(transfer.value, token.decimals) ? 'dust' : null;
  if (kind === null) return null;
  return {
    kind,
    token: transfer.token,
    symbol: token.symbol,
    decimals: token.decimals,
    ...(kind === 'copycatToken' ? { imitates: token.imitates } : {}),
    from: transfer.from,
    to: transfer.to,
    counterparty: fromShopper ? transfer.to : transfer.from,
    value: transfer.value.toString(),
    hash: transfer.hash,
    logIndex: transfer.logIndex,
    blockNumber: transfer.blockNumber.toString(),
  };
}

/**
 * A suspicious transfer in words, for the history and for the verdict: "a transfer of 0 cgUSD you did not
 * make, to 0x1234…abcd".
 */
export function describeSuspiciousTransfer(transfer: SuspiciousTransfer): string {
  const amount = `${formatUnits(BigInt(transfer.value), transfer.decimals)} ${transfer.symbol}`;
  const what =
    transfer.kind === 'copycatToken'
      ? `${amount} (a token calling itself ${transfer.symbol} that is not ${transfer.imitates !== undefined && same(transfer.imitates, NATIVE_TOKEN) ? 'the network’s own coin' : `the ${transfer.symbol} your community lists`})`
      : amount;
  return `a transfer of ${what} you did not make, ${same(transfer.counterparty, transfer.to) ? 'to' : 'from'} ${short(transfer.counterparty)}`;
}

/** What the popup's history says about a suspicious transfer: what it is, and what not to do. */
export function suspiciousTransferWarning(transfer: SuspiciousTransfer): string {
  return `Suspicious: ${describeSuspiciousTransfer(transfer)}. Someone may be trying to get you to copy a look-alike address. Never pay an address copied from this entry.`;
}

/**
 * What a payment or an approval to `address` has to do with the suspicious transfers (pure): `same` when it
 * is one's counterparty, `resembles` when it shares that counterparty's first and last characters (the
 * profile's look-alike key) and is not an address the shopper already pays (the real one a poisoner
 * imitates: paying it adds nothing here; a familiar address resembling another familiar one is the
 * `lookAlikeAddress` signal's). `undefined`: nothing to do with them.
 */
export function primerOf(address: Address, suspicious: readonly SuspiciousTransfer[], profile: ShopperProfile): { transfer: SuspiciousTransfer; how: 'same' | 'resembles' } | undefined {
  let resembling: SuspiciousTransfer | undefined;
  const key = lookAlikeKey(address);
  for (const transfer of suspicious) {
    if (same(transfer.counterparty, address)) return { transfer, how: 'same' };
    resembling ??= lookAlikeKey(transfer.counterparty) === key ? transfer : undefined;
  }
  if (resembling === undefined || profile.recipient(address) !== undefined) return undefined;
  return { transfer: resembling, how: 'resembles' };
}

/** The `poisonedAddress` signal's sentence: the suspicious transfer, and the address paid before that it resembles, if any. */
export function poisonedAddressText(address: Address, found: { transfer: SuspiciousTransfer; how: 'same' | 'resembles' }, paidBefore: Address | undefined): string {
  const primer = describeSuspiciousTransfer(found.transfer);
  const head =
    found.how === 'same'
      ? `${address} is the address in ${primer}.`
      : `${address} looks like ${found.transfer.counterparty}, the address in ${primer}.`;
  const twin = paidBefore ? ` It also looks like ${paidBefore}, which you paid before, but it is a different address.` : '';
  return `${head}${twin} Someone may be trying to get you to copy it: check the address where you first got it, never from your history.`;
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function short(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}
