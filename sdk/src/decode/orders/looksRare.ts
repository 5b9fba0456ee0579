import type { Address } from 'viem';
import type { Effect } from '../../effects/types.js';
import type { KnownTypedData, TypedDataContext } from '../typedDataKinds.js';
import { fail, type TypedDataTypes } from '../typedDataSchema.js';
import { NATIVE_TOKEN } from '../types.js';
import { ordersInMessage } from './orderTree.js';
import { contractNote, orderSentence, sameAddress } from './orderWords.js';

/** LooksRare v2's `Maker` order, as its protocol and `@looksrare/sdk-v2` declare it. */
export const LOOKS_RARE_TYPES: TypedDataTypes = {
  Maker: [
    { name: 'quoteType', type: 'uint8' },
    { name: 'globalNonce', type: 'uint256' },
    { name: 'subsetNonce', type: 'uint256' },
    { name: 'orderNonce', type: 'uint256' },
    { name: 'strategyId', type: 'uint256' },
    { name: 'collectionType', type: 'uint8' },
    { name: 'collection', type: 'address' },
    { name: 'currency', type: 'address' },
    { name: 'signer', type: 'address' },
    { name: 'startTime', type: 'uint256' },
    { name: 'endTime', type: 'uint256' },
    { name: 'price', type: 'uint256' },
    { name: 'itemIds', type: 'uint256[]' },
    { name: 'amounts', type: 'uint256[]' },
    { name: 'additionalParameters', type: 'bytes' },
  ],
};

/** The LooksRare v2 exchange (Ethereum, and its Sepolia deployment). */
export const LOOKS_RARE_EXCHANGE_ADDRESSES: readonly Address[] = ['0x0000000000E655fAe4d56241588680F86E3b2377', '0x35C2215F2FFe8917B06454eEEaba189877F200cf'];

const ASK = 1n;

type Maker = { quoteType: bigint; collectionType: bigint; collection: Address; currency: Address; signer: Address; endTime: bigint; price: bigint; itemIds: bigint[]; amounts: bigint[] };

/**
 * A LooksRare v2 maker order, or a batch of them (`BatchOrder`: a tree of makers signed at once). An ask
 * (listing) lets whoever fills it take the items and pays the signer the price, of which the protocol and the
 * creator take their fees; a bid gives the price and gets the items. The currency address(0) is the native coin.
 */
export function readLooksRareOrder(context: TypedDataContext): KnownTypedData | undefined {
  const makers = ordersInMessage<Maker>(context, LOOKS_RARE_TYPES, 'Maker');
  if (makers === undefined) return undefined;
  const live = makers.filter((maker) => maker.itemIds.length > 0);
  const signer = live[0]?.signer ?? makers[0]?.signer;
  if (live.some((maker) => signer === undefined || !sameAddress(maker.signer, signer))) fail('the orders of this LooksRare batch name different signers');
  const where = contractNote(context.domain.verifyingContract, LOOKS_RARE_EXCHANGE_ADDRESSES, 'LooksRare');
  const effects: Effect[] = [];
  const sentences: string[] = [];
  for (const maker of live) {
    const own = effectsOf(maker);
    effects.push(...own);
    sentences.push(orderSentence(own, maker.endTime));
  }
  const what = live.length === 1 && live[0]?.quoteType !== ASK ? 'bid' : 'listing';
  return {
    standard: 'looksRareOrder',
    signer,
    effects,
    summary: live.length > 1 ? `${live.length} LooksRare orders at once${where}: ${sentences.join(' ')}` : `LooksRare ${what}${where}: ${sentences[0] ?? 'an empty order.'}`,
  };
}

function effectsOf(maker: Maker): Effect[] {
  const standard = maker.collectionType === 1n ? ('erc1155' as const) : ('erc721' as const);
  if (maker.itemIds.length !== maker.amounts.length) fail('a LooksRare order names a different number of items and amounts');
  const native = sameAddress(maker.currency, NATIVE_TOKEN);
  const coin = { token: native ? NATIVE_TOKEN : maker.currency, standard: native ? ('native' as const) : ('erc20' as const) };
  const items = maker.itemIds.map((tokenId, index) => ({ tokenId, amount: maker.amounts[index] ?? 1n }));
  if (maker.quoteType === ASK) {
    const effects: Effect[] = items.map(({ tokenId, amount }) => ({ kind: 'itemOut', token: maker.collection, standard, to: null, tokenId, amount }));
    if (maker.price > 0n) effects.push({ kind: 'assetIn', ...coin, from: null, amount: maker.price });
    return effects;
  }
  return [
    { kind: 'assetOut', token: coin.token, to: null, amount: maker.price },
    ...items.map(({ tokenId, amount }): Effect => ({ kind: 'assetIn', token: maker.collection, standard, from: null, amount, tokenId })),
  ];
}
