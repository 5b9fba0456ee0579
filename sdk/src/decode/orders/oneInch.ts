import type { Address } from 'viem';
import type { Effect } from '../../effects/types.js';
import type { KnownTypedData, TypedDataContext } from '../typedDataKinds.js';
import { hasShape } from '../typedDataShape.js';
import type { TypedDataTypes } from '../typedDataSchema.js';
import { contractNote, orderSentence, sameAddress } from './orderWords.js';

/** 1inch Limit Order Protocol v4's `Order`, as its contract and `@1inch/limit-order-sdk` declare it. */
export const ONE_INCH_ORDER_TYPES: TypedDataTypes = {
  Order: [
    { name: 'salt', type: 'uint256' },
    { name: 'maker', type: 'address' },
    { name: 'receiver', type: 'address' },
    { name: 'makerAsset', type: 'address' },
    { name: 'takerAsset', type: 'address' },
    { name: 'makingAmount', type: 'uint256' },
    { name: 'takingAmount', type: 'uint256' },
    { name: 'makerTraits', type: 'uint256' },
  ],
};

/** The 1inch Aggregation Router v6, which holds Limit Order Protocol v4 (the same address on most chains). */
export const ONE_INCH_ROUTER_ADDRESSES: readonly Address[] = ['0x111111125421cA6dc452d289314280a0f8842A65'];

const NOBODY = '0x0000000000000000000000000000000000000000';
/** MakerTraits keeps the expiration (unix seconds, 0 = none) in bits 80 to 119. */
const EXPIRATION_SHIFT = 80n;
const EXPIRATION_MASK = (1n << 40n) - 1n;

type OneInchOrder = { maker: Address; receiver: Address; makerAsset: Address; takerAsset: Address; makingAmount: bigint; takingAmount: bigint; makerTraits: bigint };

/**
 * A 1inch limit order: `makingAmount` of `makerAsset` leaves the maker, to whoever fills it; `takingAmount` of
 * `takerAsset` goes to `receiver` (the maker when zero). Expires as its maker traits say.
 */
export function readOneInchOrder(context: TypedDataContext): KnownTypedData | undefined {
  if (!hasShape(context.types, context.primaryType, ONE_INCH_ORDER_TYPES, 'Order')) return undefined;
  const order = context.message as OneInchOrder;
  const toSigner = sameAddress(order.receiver, NOBODY) || sameAddress(order.receiver, order.maker);
  const effects: Effect[] = [{ kind: 'assetOut', token: order.makerAsset, to: null, amount: order.makingAmount }];
  if (toSigner) effects.push({ kind: 'assetIn', token: order.takerAsset, standard: 'erc20', from: null, amount: order.takingAmount });
  const expiration = (order.makerTraits >> EXPIRATION_SHIFT) & EXPIRATION_MASK;
  const where = contractNote(context.domain.verifyingContract, ONE_INCH_ROUTER_ADDRESSES, '1inch');
  return {
    standard: 'oneInchOrder',
    signer: order.maker,
    effects,
    summary: `1inch limit order${where}: ${orderSentence(effects, expiration === 0n ? undefined : expiration, toSigner ? undefined : order.receiver)}`,
  };
}
