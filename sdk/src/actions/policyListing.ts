import type { Address, Chain, Client, Transport } from 'viem';
import type { ContractRevertedErrorType } from '../errors/contract.js';
import { getReadError } from '../errors/getReadError.js';
import { InvalidParameterError, type InvalidParameterErrorType } from '../errors/parameters.js';
import type { ChainMismatchErrorType, ContractNotFoundErrorType, RpcUnreachableErrorType } from '../errors/rpc.js';
import { type MerchantStatus, type MerchantStatusEntry, merchantStatuses } from '../types/policy.js';

// What the PaymentPolicy's two listings (merchant addresses and site origins) have in common: paged
// reads, the status as a word, and the sdk's readable errors. Each public action keeps its own file.

type ListingClient = Client<Transport, Chain | undefined>;

/** What each listing action (`listMerchants`, `listOrigins`, `listDomains`) takes. */
export type ListingPageParameters = {
  /** The PaymentPolicy contract. */
  address: Address;
  /** How many listed entries to skip. Default 0. */
  offset?: number | undefined;
  /** The most entries to return. Default 100. */
  limit?: number | undefined;
};

/** One page of a listing: the entries under the action's own name (`merchants`, `origins`, `domains`). */
export type ListingPage<name extends string, entry> = { [key in name]: entry[] } & {
  /** How many entries are listed in all. */
  total: number;
  /** The `offset` of the next page, or `undefined` after the last one. */
  nextOffset: number | undefined;
};

/** What a listing action may throw. */
export type ListingErrorType =
  | RpcUnreachableErrorType
  | ChainMismatchErrorType
  | ContractNotFoundErrorType
  | ContractRevertedErrorType
  | InvalidParameterErrorType
  | Error;

/** A listed entry as the contract returns it: the key (`merchant` or `origin`), a status index and a note. */
type RawEntry = { status: number; note: string };

/**
 * Reads one page of a listing with `read` (the contract's `merchants` or `origins`), after checking
 * the page bounds. Returns the entries with their status as a word, the total and the next offset.
 */
export async function readListingPage<entry extends RawEntry>(
  client: ListingClient,
  { address, offset = 0, limit = 100 }: ListingPageParameters,
  read: (offset: bigint, limit: bigint) => Promise<readonly [readonly entry[], bigint]>,
): Promise<{ entries: (Omit<entry, 'status'> & { status: MerchantStatus })[]; total: number; nextOffset: number | undefined }> {
  checkPage(offset, limit);
  let page: readonly entry[];
  let total: bigint;
  try {
    [page, total] = await read(BigInt(offset), BigInt(limit));
  } catch (error) {
    throw await getReadError(client, { error, address, contractName: 'PaymentPolicy' });
  }
  const count = Number(total);
  const next = offset + page.length;
  return {
    entries: page.map((entry) => ({ ...entry, status: statusName(entry.status) })),
    total: count,
    nextOffset: page.length > 0 && next < count ? next : undefined,
  };
}

/** Reads one entry's status and note with `read` (the contract's `merchantStatus` or `originStatus`). */
export async function readListingStatus(
  client: ListingClient,
  address: Address,
  read: () => Promise<readonly [number, string]>,
): Promise<MerchantStatusEntry> {
  try {
    const [status, note] = await read();
    return { status: statusName(status), note };
  } catch (error) {
    throw await getReadError(client, { error, address, contractName: 'PaymentPolicy' });
  }
}

function statusName(status: number): MerchantStatus {
  return merchantStatuses[status] ?? 'unknown';
}

/** Offsets and page sizes must be whole numbers; a page holds 1 to 1,000 entries (one `eth_call`). */
function checkPage(offset: number, limit: number): void {
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new InvalidParameterError({ parameter: 'offset', expected: 'a whole number ≥ 0', received: offset });
  }
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1_000) {
    throw new InvalidParameterError({ parameter: 'limit', expected: 'a whole number from 1 to 1000', received: limit });
  }
}
