import type { Address } from 'viem';
import type { Effect } from '../../effects/types.js';
import type { KnownTypedData, TypedDataContext } from '../typedDataKinds.js';
import { hasShape } from '../typedDataShape.js';
import type { TypedDataTypes } from '../typedDataSchema.js';
import { contractNote, orderSentence } from './orderWords.js';

/** 0x Protocol v4's limit and RFQ orders, as its Exchange Proxy and `@0x/protocol-utils` declare them. */
export const ZERO_EX_ORDER_TYPES: TypedDataTypes = {
  LimitOrder: [
    { name: 'makerToken', type: 'address' },
    { name: 'takerToken', type: 'address' },
    { name: 'makerAmount', type: 'uint128' },
    { name: 'takerAmount', type: 'uint128' },
    { name: 'takerTokenFeeAmount', type: 'uint128' },
    { name: 'maker', type: 'address' },
    { name: 'taker', type: 'address' },
    { name: 'sender', type: 'address' },
    { name: 'feeRecipient', type: 'address' },
    { name: 'pool', type: 'bytes32' },
    { name: 'expiry', type: 'uint64' },
    { name: 'salt', type: 'uint256' },
  ],
  RfqOrder: [
    { name: 'makerToken', type: 'address' },
    { name: 'takerToken', type: 'address' },
    { name: 'makerAmount', type: 'uint128' },
    { name: 'takerAmount', type: 'uint128' },
    { name: 'maker', type: 'address' },
    { name: 'taker', type: 'address' },
    { name: 'txOrigin', type: 'address' },
    { name: 'pool', type: 'bytes32' },
    { name: 'expiry', type: 'uint64' },
    { name: 'salt', type: 'uint256' },
  ],
};

/** The 0x Exchange Proxy (the same address on most chains). */
export const ZERO_EX_EXCHANGE_ADDRESSES: readonly Address[] = ['0xDef1C0ded9bec7F1a1670819833240f027b25EfF'];

type ZeroExOrder = { makerToken: Address; takerToken: Address; makerAmount: bigint; takerAmount: bigint; maker: Address; expiry: bigint };

/**
 * A 0x limit or RFQ order: `makerAmount` of `makerToken` leaves the maker, to whoever fills it, and `takerAmount`
 * of `takerToken` always comes back to the maker (0x v4 orders name no other receiver). The taker's fee is paid
 * by the taker, not the maker.
 */
export function readZeroExOrder(context: TypedDataContext): KnownTypedData | undefined {
  const { types, primaryType } = context;
  const kind = hasShape(types, primaryType, ZERO_EX_ORDER_TYPES, 'LimitOrder') ? 'limit' : hasShape(types, primaryType, ZERO_EX_ORDER_TYPES, 'RfqOrder') ? 'RFQ' : undefined;
  if (kind === undefined) return undefined;
  const order = context.message as ZeroExOrder;
  const effects: Effect[] = [
    { kind: 'assetOut', token: order.makerToken, to: null, amount: order.makerAmount },
    { kind: 'assetIn', token: order.takerToken, standard: 'erc20', from: null, amount: order.takerAmount },
  ];
  const where = contractNote(context.domain.verifyingContract, ZERO_EX_EXCHANGE_ADDRESSES, '0x');
  return { standard: 'zeroExOrder', signer: order.maker, effects, summary: `0x ${kind} order${where}: ${orderSentence(effects, order.expiry)}` };
}
