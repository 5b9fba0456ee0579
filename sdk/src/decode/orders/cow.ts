import type { Address } from 'viem';
import type { Effect } from '../../effects/types.js';
import type { KnownTypedData, TypedDataContext } from '../typedDataKinds.js';
import { hasShape } from '../typedDataShape.js';
import type { TypedDataTypes } from '../typedDataSchema.js';
import { NATIVE_TOKEN } from '../types.js';
import { contractNote, orderSentence, sameAddress } from './orderWords.js';

/** CoW Protocol's `Order` (GPv2), as its settlement contract and `@cowprotocol/contracts` declare it. */
export const COW_ORDER_TYPES: TypedDataTypes = {
  Order: [
    { name: 'sellToken', type: 'address' },
    { name: 'buyToken', type: 'address' },
    { name: 'receiver', type: 'address' },
    { name: 'sellAmount', type: 'uint256' },
    { name: 'buyAmount', type: 'uint256' },
    { name: 'validTo', type: 'uint32' },
    { name: 'appData', type: 'bytes32' },
    { name: 'feeAmount', type: 'uint256' },
    { name: 'kind', type: 'string' },
    { name: 'partiallyFillable', type: 'bool' },
    { name: 'sellTokenBalance', type: 'string' },
    { name: 'buyTokenBalance', type: 'string' },
  ],
};

/** GPv2Settlement, the same address on every chain CoW Protocol runs on. */
export const COW_SETTLEMENT_ADDRESSES: readonly Address[] = ['0x9008D19f58AAbD9eD0D60971565AA8510560ab41'];

/** What CoW Protocol's `buyToken` uses for the native coin. */
const COW_NATIVE = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE';
const NOBODY = '0x0000000000000000000000000000000000000000';

type CowOrder = { sellToken: Address; buyToken: Address; receiver: Address; sellAmount: bigint; buyAmount: bigint; validTo: bigint; feeAmount: bigint };

/**
 * A CoW Protocol order: at most `sellAmount + feeAmount` of `sellToken` leaves the signer, to whoever settles it;
 * at least `buyAmount` of `buyToken` (for a buy order, exactly it) goes to `receiver`. The order does not name
 * its signer: a zero receiver means the signer itself, any other receiver is the signer only when it is the
 * account asked to sign ({@link TypedDataContext.account}); otherwise nothing comes back to the signer.
 */
export function readCowOrder(context: TypedDataContext): KnownTypedData | undefined {
  if (!hasShape(context.types, context.primaryType, COW_ORDER_TYPES, 'Order')) return undefined;
  const order = context.message as CowOrder;
  const toSigner = sameAddress(order.receiver, NOBODY) || (context.account !== undefined && sameAddress(order.receiver, context.account));
  const native = sameAddress(order.buyToken, COW_NATIVE);
  const effects: Effect[] = [{ kind: 'assetOut', token: order.sellToken, to: null, amount: order.sellAmount + order.feeAmount }];
  if (toSigner)
    effects.push({ kind: 'assetIn', token: native ? NATIVE_TOKEN : order.buyToken, standard: native ? 'native' : 'erc20', from: null, amount: order.buyAmount });
  const where = contractNote(context.domain.verifyingContract, COW_SETTLEMENT_ADDRESSES, 'CoW Protocol');
  return {
    standard: 'cowOrder',
    effects,
    summary: `CoW Protocol swap${where}: ${orderSentence(effects, order.validTo, toSigner ? undefined : order.receiver)}`,
  };
}
