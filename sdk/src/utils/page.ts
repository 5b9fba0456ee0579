import { InvalidParameterError } from '../errors/parameters.js';

/** Offsets and page sizes must be whole numbers; a page holds 1 to 1,000 entries (one `eth_call`). */
export function checkPage(offset: number, limit: number): void {
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new InvalidParameterError({ parameter: 'offset', expected: 'a whole number ≥ 0', received: offset });
  }
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1_000) {
    throw new InvalidParameterError({ parameter: 'limit', expected: 'a whole number from 1 to 1000', received: limit });
  }
}
