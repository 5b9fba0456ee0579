import type { Address } from 'viem';
import type { AssetIn, AssetOut, Effect, ItemOut } from '../effects/types.js';
import type { KnownTypedData, TypedDataContext } from './typedDataKinds.js';
import { fail, type TypedDataTypes } from './typedDataSchema.js';
import { NATIVE_TOKEN } from './types.js';
import { ordersInMessage } from './orders/orderTree.js';
import { contractNote, orderSentence } from './orders/orderWords.js';

/** Seaport's order types (1.1 and later), as its contracts and `@opensea/seaport-js` declare them. */
export const SEAPORT_TYPES: TypedDataTypes = {
  OrderComponents: [
    { name: 'offerer', type: 'address' },
    { name: 'zone', type: 'address' },
    { name: 'offer', type: 'OfferItem[]' },
    { name: 'consideration', type: 'ConsiderationItem[]' },
    { name: 'orderType', type: 'uint8' },
    { name: 'startTime', type: 'uint256' },
    { name: 'endTime', type: 'uint256' },
    { name: 'zoneHash', type: 'bytes32' },
    { name: 'salt', type: 'uint256' },
    { name: 'conduitKey', type: 'bytes32' },
    { name: 'counter', type: 'uint256' },
  ],
  OfferItem: [
    { name: 'itemType', type: 'uint8' },
    { name: 'token', type: 'address' },
    { name: 'identifierOrCriteria', type: 'uint256' },
    { name: 'startAmount', type: 'uint256' },
    { name: 'endAmount', type: 'uint256' },
  ],
  ConsiderationItem: [
    { name: 'itemType', type: 'uint8' },
    { name: 'token', type: 'address' },
    { name: 'identifierOrCriteria', type: 'uint256' },
    { name: 'startAmount', type: 'uint256' },
    { name: 'endAmount', type: 'uint256' },
    { name: 'recipient', type: 'address' },
  ],
};

/** Seaport's deployments (1.1, 1.4, 1.5, 1.6), the same address on every chain. */
export const SEAPORT_ADDRESSES: readonly Address[] = [
  '0x00000000006c3852cbEf3e08E8dF289169EdE581',
  '0x00000000000001ad428e4906aE43D8F9852d0dD6',
  '0x00000000000000ADc04C56Bf30aC9d3c0aAF14dC',
  '0x0000000000000068F116a894984e2DB1123eB395',
];

type Item = { itemType: bigint; token: Address; identifierOrCriteria: bigint; startAmount: bigint; endAmount: bigint; recipient?: Address };
type Order = { offerer: Address; offer: Item[]; consideration: Item[]; startTime: bigint; endTime: bigint };

const STANDARDS = ['native', 'erc20', 'erc721', 'erc1155', 'erc721', 'erc1155'] as const;

/**
 * A Seaport order (or a bulk order: a tree of orders signed at once). The offer is what the signer gives, to
 * whoever fills the order (`to: null`); consideration items to the signer are what it receives (the worst case
 * of a rising or falling amount). Consideration items to others are fees and royalties: when they are paid in a
 * token the signer offers, they come out of the offer, so that part is a payment to their recipient.
 */
export function readSeaport(context: TypedDataContext): KnownTypedData | undefined {
  const orders = ordersInMessage<Order>(context, SEAPORT_TYPES, 'OrderComponents');
  if (orders === undefined) return undefined;
  const live = orders.filter((order) => order.offer.length > 0 || order.consideration.length > 0);
  const signer = live[0]?.offerer ?? orders[0]?.offerer;
  if (live.some((order) => order.offerer !== signer)) fail('the orders of this bulk order name different offerers');
  const effects: Effect[] = [];
  const sentences: string[] = [];
  for (const order of live) {
    const orderEffects = effectsOf(order);
    effects.push(...orderEffects);
    sentences.push(orderSentence(orderEffects, order.endTime));
  }
  const where = seaportNote(context);
  const bulk = orders.length > 1 ? `Sign ${live.length} Seaport orders at once${where}: ` : '';
  return {
    standard: 'seaportOrder',
    signer,
    effects,
    summary: bulk === '' ? `${sentences[0] ?? 'An empty Seaport order.'}${where === '' ? '' : ` Note: it is${where}.`}` : `${bulk}${sentences.join(' ')}`,
  };
}

function effectsOf(order: Order): Effect[] {
  const outs: Array<AssetOut | ItemOut> = [];
  const ins: AssetIn[] = [];
  for (const item of order.offer) {
    const standard = standardOf(item);
    const amount = item.startAmount > item.endAmount ? item.startAmount : item.endAmount;
    if (standard === 'native' || standard === 'erc20') outs.push({ kind: 'assetOut', token: tokenOf(item, standard), to: null, amount });
    else outs.push({ kind: 'itemOut', token: item.token, standard, to: null, tokenId: idOf(item), amount });
  }
  const fees: AssetOut[] = [];
  for (const item of order.consideration) {
    const standard = standardOf(item);
    if (item.recipient === order.offerer) {
      const amount = item.startAmount < item.endAmount ? item.startAmount : item.endAmount;
      ins.push({ kind: 'assetIn', token: tokenOf(item, standard), standard, from: null, amount, tokenId: standard === 'native' || standard === 'erc20' ? undefined : idOf(item) });
      continue;
    }
    if (standard !== 'native' && standard !== 'erc20') continue;
    // A fee in a token the signer offers is carved out of that offer: it goes to the fee's recipient.
    const token = tokenOf(item, standard);
    const source = outs.find((out): out is AssetOut => out.kind === 'assetOut' && out.to === null && out.token === token && out.amount > 0n);
    if (source === undefined) continue;
    const wanted = item.startAmount > item.endAmount ? item.startAmount : item.endAmount;
    const amount = wanted < source.amount ? wanted : source.amount;
    source.amount -= amount;
    fees.push({ kind: 'assetOut', token, to: item.recipient ?? null, amount });
  }
  return [...outs.filter((out) => out.kind !== 'assetOut' || out.amount > 0n), ...fees, ...ins];
}

function standardOf(item: Item): (typeof STANDARDS)[number] {
  const standard = STANDARDS[Number(item.itemType)];
  if (item.itemType > 5n || standard === undefined)
    fail(`an order item has the item type ${item.itemType}, which Seaport does not know (0 to 5)`);
  return standard;
}

function tokenOf(item: Item, standard: (typeof STANDARDS)[number]): Address {
  return standard === 'native' ? NATIVE_TOKEN : item.token;
}

/** Item types 4 and 5 (criteria) match any item of the collection, or any of a set: no one id. */
function idOf(item: Item): bigint | undefined {
  return item.itemType >= 4n ? undefined : item.identifierOrCriteria;
}

function seaportNote({ domain }: TypedDataContext): string {
  return contractNote(domain.verifyingContract, SEAPORT_ADDRESSES, 'Seaport');
}
