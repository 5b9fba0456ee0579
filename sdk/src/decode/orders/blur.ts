import type { Address } from 'viem';
import type { Effect } from '../../effects/types.js';
import type { KnownTypedData, TypedDataContext } from '../typedDataKinds.js';
import { hasShape } from '../typedDataShape.js';
import type { TypedDataTypes } from '../typedDataSchema.js';
import { NATIVE_TOKEN } from '../types.js';
import { contractNote, orderSentence, sameAddress } from './orderWords.js';

/** Blur Exchange's `Order` and `Fee`, as its contract declares them (`ORDER_TYPEHASH` in `lib/EIP712.sol`). */
export const BLUR_ORDER_TYPES: TypedDataTypes = {
  Order: [
    { name: 'trader', type: 'address' },
    { name: 'side', type: 'uint8' },
    { name: 'matchingPolicy', type: 'address' },
    { name: 'collection', type: 'address' },
    { name: 'tokenId', type: 'uint256' },
    { name: 'amount', type: 'uint256' },
    { name: 'paymentToken', type: 'address' },
    { name: 'price', type: 'uint256' },
    { name: 'listingTime', type: 'uint256' },
    { name: 'expirationTime', type: 'uint256' },
    { name: 'fees', type: 'Fee[]' },
    { name: 'salt', type: 'uint256' },
    { name: 'extraParams', type: 'bytes' },
    { name: 'nonce', type: 'uint256' },
  ],
  Fee: [
    { name: 'rate', type: 'uint16' },
    { name: 'recipient', type: 'address' },
  ],
};

/** The Blur Exchange (Ethereum). */
export const BLUR_EXCHANGE_ADDRESSES: readonly Address[] = ['0x000000000000Ad05Ccc4F10045630fb830B95127'];

const SELL = 1n;
const BASIS_POINTS = 10_000n;

type BlurOrder = { trader: Address; side: bigint; collection: Address; tokenId: bigint; amount: bigint; paymentToken: Address; price: bigint; expirationTime: bigint; fees: Array<{ rate: bigint; recipient: Address }> };

/**
 * A Blur order. A listing (side 1) lets whoever fills it take the item, and pays the seller the price less the
 * fees the order names (rates in basis points, paid to their recipients out of the price). A bid (side 0) gives
 * the price and gets the item. The payment token address(0) is the native coin.
 */
export function readBlurOrder(context: TypedDataContext): KnownTypedData | undefined {
  if (!hasShape(context.types, context.primaryType, BLUR_ORDER_TYPES, 'Order')) return undefined;
  const order = context.message as BlurOrder;
  const standard = order.amount > 1n ? 'erc1155' : 'erc721';
  const native = sameAddress(order.paymentToken, NATIVE_TOKEN);
  const coin = native ? ('native' as const) : ('erc20' as const);
  const effects: Effect[] = [];
  if (order.side === SELL) {
    const rate = order.fees.reduce((sum, fee) => sum + fee.rate, 0n);
    const net = rate >= BASIS_POINTS ? 0n : (order.price * (BASIS_POINTS - rate)) / BASIS_POINTS;
    effects.push({ kind: 'itemOut', token: order.collection, standard, to: null, tokenId: order.tokenId, amount: order.amount });
    if (net > 0n) effects.push({ kind: 'assetIn', token: native ? NATIVE_TOKEN : order.paymentToken, standard: coin, from: null, amount: net });
  } else {
    effects.push({ kind: 'assetOut', token: native ? NATIVE_TOKEN : order.paymentToken, to: null, amount: order.price });
    effects.push({ kind: 'assetIn', token: order.collection, standard, from: null, amount: order.amount, tokenId: order.tokenId });
  }
  const where = contractNote(context.domain.verifyingContract, BLUR_EXCHANGE_ADDRESSES, 'Blur');
  return {
    standard: 'blurOrder',
    signer: order.trader,
    effects,
    summary: `Blur ${order.side === SELL ? 'listing' : 'bid'}${where}: ${orderSentence(effects, order.expirationTime)}`,
  };
}
