import { InvalidPayRequestError } from './errors.js';
import { decodeTransaction } from './transaction.js';
import type { PayAction } from './types.js';

/** More calls than this in one `wallet_sendCalls` batch are refused rather than shown. */
export const MAX_BATCH_CALLS = 32;

export type DecodeCallsReturnType = { chainId: number | undefined; actions: PayAction[] };
export type DecodeCallsErrorType = InvalidPayRequestError;

/**
 * Decodes the first parameter of an EIP-5792 `wallet_sendCalls` request: each call becomes a
 * {@link PayAction}, in order.
 *
 * @example
 * import { decodeCalls } from '@commonguard/sdk/decode'
 * const { actions } = decodeCalls(request.params[0])
 */
export function decodeCalls(batch: unknown): DecodeCallsReturnType {
  if (typeof batch !== 'object' || batch === null || Array.isArray(batch))
    throw new InvalidPayRequestError({ reason: 'wallet_sendCalls expects an object with a "calls" list' });
  const { calls, chainId } = batch as { calls?: unknown; chainId?: unknown };
  if (!Array.isArray(calls) || calls.length === 0)
    throw new InvalidPayRequestError({ reason: '"calls" must be a non-empty list' });
  if (calls.length > MAX_BATCH_CALLS)
    throw new InvalidPayRequestError({ reason: `a batch may hold at most ${MAX_BATCH_CALLS} calls (got ${calls.length})` });
  let id: number | undefined;
  if (chainId !== undefined) {
    if (typeof chainId !== 'string' || !/^0x[0-9a-fA-F]{1,13}$/.test(chainId))
      throw new InvalidPayRequestError({ reason: '"chainId" must be a hex quantity such as "0x7a69"' });
    id = Number(chainId);
  }
  const actions = calls.map((call, index) => {
    try {
      return decodeTransaction(call as Record<string, unknown>);
    } catch (error) {
      if (error instanceof InvalidPayRequestError)
        throw new InvalidPayRequestError({ reason: `call ${index + 1}: ${error.shortMessage.replace(/^This payment request is malformed: /, '').replace(/\.$/, '')}` });
      throw error;
    }
  });
  return { chainId: id, actions };
}
