import type { Address } from 'viem';
import { BLUR_EXCHANGE_ADDRESSES, BLUR_ORDER_TYPES } from '../../decode/orders/blur.js';
import { COW_ORDER_TYPES, COW_SETTLEMENT_ADDRESSES } from '../../decode/orders/cow.js';
import { LOOKS_RARE_EXCHANGE_ADDRESSES, LOOKS_RARE_TYPES } from '../../decode/orders/looksRare.js';
import { ONE_INCH_ORDER_TYPES, ONE_INCH_ROUTER_ADDRESSES } from '../../decode/orders/oneInch.js';
import { UNISWAPX_REACTORS, UNISWAPX_TYPES } from '../../decode/orders/uniswapx.js';
import { ZERO_EX_EXCHANGE_ADDRESSES, ZERO_EX_ORDER_TYPES } from '../../decode/orders/zeroEx.js';
import { PERMIT2_ADDRESS, PERMIT2_TYPES } from '../../decode/permit2.js';
import { decodeTypedData } from '../../decode/typedData.js';
import type { Effect } from '../../effects/types.js';
import type { Random } from './random.js';

/**
 * Signed orders for the detection benchmark, written as a dApp sends them to `eth_signTypedData_v4` and read by
 * the wallet's own decoder, so the benchmark measures what the window would judge. The order types are the
 * decoders' own (their tests check them against each protocol's package).
 */

/** The benchmark shopper's account, the signer of every order. */
export const BENCH_SIGNER: Address = '0x976EA74026E726554dB657fA54763abd0C3a0aa9';

export const SWAP_PROTOCOLS = ['cow', 'uniswapx', 'oneInch', 'zeroEx'] as const;
export const NFT_PROTOCOLS = ['blur', 'looksRare'] as const;
export type OrderProtocol = (typeof SWAP_PROTOCOLS)[number] | (typeof NFT_PROTOCOLS)[number];

export type SwapTerms = { sell: Address; sellAmount: bigint; buy: Address; buyAmount: bigint; receiver: Address; until: number };
export type ListingTerms = { collection: Address; tokenId: bigint; currency: Address; price: bigint; feeTo: Address; feeBps: number; until: number };

const DOMAIN_TYPES = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
];
const ZERO = '0x0000000000000000000000000000000000000000';
const ZERO_WORD = `0x${'00'.repeat(32)}`;

/** The effects of a swap order on `protocol` with these terms, as the wallet's decoder reads them. */
export function swapOrderEffects(protocol: (typeof SWAP_PROTOCOLS)[number], terms: SwapTerms, random: Random): Effect[] {
  return decodeTypedData(swapOrderPage(protocol, terms, random), { account: BENCH_SIGNER }).effects;
}

/** The effects of an NFT listing on `protocol`, as the wallet's decoder reads them. */
export function listingEffects(protocol: (typeof NFT_PROTOCOLS)[number], terms: ListingTerms, random: Random): Effect[] {
  return decodeTypedData(listingPage(protocol, terms, random), { account: BENCH_SIGNER }).effects;
}

function swapOrderPage(protocol: (typeof SWAP_PROTOCOLS)[number], terms: SwapTerms, random: Random): object {
  const salt = String(random.int(0, 2 ** 31));
  switch (protocol) {
    case 'cow':
      return page('Gnosis Protocol', 'v2', COW_SETTLEMENT_ADDRESSES[0], { Order: COW_ORDER_TYPES.Order }, 'Order', {
        sellToken: terms.sell, buyToken: terms.buy, receiver: terms.receiver === BENCH_SIGNER && random.chance(0.5) ? ZERO : terms.receiver,
        sellAmount: String(terms.sellAmount), buyAmount: String(terms.buyAmount), validTo: terms.until, appData: ZERO_WORD, feeAmount: '0',
        kind: 'sell', partiallyFillable: false, sellTokenBalance: 'erc20', buyTokenBalance: 'erc20',
      });
    case 'oneInch':
      return page('1inch Aggregation Router', '6', ONE_INCH_ROUTER_ADDRESSES[0], { Order: ONE_INCH_ORDER_TYPES.Order }, 'Order', {
        salt, maker: BENCH_SIGNER, receiver: terms.receiver === BENCH_SIGNER ? ZERO : terms.receiver, makerAsset: terms.sell, takerAsset: terms.buy,
        makingAmount: String(terms.sellAmount), takingAmount: String(terms.buyAmount), makerTraits: String(BigInt(terms.until) << 80n),
      });
    case 'zeroEx':
      // 0x orders name no receiver: proceeds always go to the maker.
      return page('ZeroEx', '1.0.0', ZERO_EX_EXCHANGE_ADDRESSES[0], { LimitOrder: ZERO_EX_ORDER_TYPES.LimitOrder }, 'LimitOrder', {
        makerToken: terms.sell, takerToken: terms.buy, makerAmount: String(terms.sellAmount), takerAmount: String(terms.buyAmount), takerTokenFeeAmount: '0',
        maker: BENCH_SIGNER, taker: ZERO, sender: ZERO, feeRecipient: ZERO, pool: ZERO_WORD, expiry: String(terms.until), salt,
      });
    case 'uniswapx': {
      const reactor = UNISWAPX_REACTORS[0];
      const witness = {
        info: { reactor, swapper: BENCH_SIGNER, nonce: salt, deadline: terms.until, additionalValidationContract: ZERO, additionalValidationData: '0x' },
        decayStartTime: terms.until - 600, decayEndTime: terms.until - 60, exclusiveFiller: ZERO, exclusivityOverrideBps: '0',
        inputToken: terms.sell, inputStartAmount: String(terms.sellAmount), inputEndAmount: String(terms.sellAmount),
        outputs: [{ token: terms.buy, startAmount: String(terms.buyAmount), endAmount: String((terms.buyAmount * 99n) / 100n), recipient: terms.receiver }],
      };
      return {
        types: {
          EIP712Domain: DOMAIN_TYPES.filter((field) => field.name !== 'version'),
          PermitWitnessTransferFrom: [...(PERMIT2_TYPES.PermitTransferFrom ?? []), { name: 'witness', type: 'ExclusiveDutchOrder' }],
          TokenPermissions: PERMIT2_TYPES.TokenPermissions,
          ExclusiveDutchOrder: UNISWAPX_TYPES.ExclusiveDutchOrder,
          OrderInfo: UNISWAPX_TYPES.OrderInfo,
          DutchOutput: UNISWAPX_TYPES.DutchOutput,
        },
        primaryType: 'PermitWitnessTransferFrom',
        domain: { name: 'Permit2', chainId: 1, verifyingContract: PERMIT2_ADDRESS },
        message: { permitted: { token: terms.sell, amount: String(terms.sellAmount) }, spender: reactor, nonce: salt, deadline: terms.until, witness },
      };
    }
  }
}

function listingPage(protocol: (typeof NFT_PROTOCOLS)[number], terms: ListingTerms, random: Random): object {
  if (protocol === 'blur')
    return page('Blur Exchange', '1.0', BLUR_EXCHANGE_ADDRESSES[0], { Order: BLUR_ORDER_TYPES.Order, Fee: BLUR_ORDER_TYPES.Fee }, 'Order', {
      trader: BENCH_SIGNER, side: 1, matchingPolicy: '0x00000000006411739DA1c40B106F8511de5D1FAC', collection: terms.collection, tokenId: String(terms.tokenId), amount: '1',
      paymentToken: terms.currency, price: String(terms.price), listingTime: terms.until - 86_400, expirationTime: terms.until,
      fees: [{ rate: terms.feeBps, recipient: terms.feeTo }], salt: String(random.int(0, 2 ** 31)), extraParams: '0x', nonce: '0',
    });
  return page('LooksRareProtocol', '2', LOOKS_RARE_EXCHANGE_ADDRESSES[0], { Maker: LOOKS_RARE_TYPES.Maker }, 'Maker', {
    quoteType: 1, globalNonce: '0', subsetNonce: '0', orderNonce: String(random.int(0, 1000)), strategyId: '0', collectionType: 0, collection: terms.collection,
    currency: terms.currency, signer: BENCH_SIGNER, startTime: terms.until - 86_400, endTime: terms.until, price: String(terms.price),
    itemIds: [String(terms.tokenId)], amounts: ['1'], additionalParameters: '0x',
  });
}

function page(name: string, version: string, contract: Address | undefined, types: object, primaryType: string, message: object): object {
  return { types: { EIP712Domain: DOMAIN_TYPES, ...types }, primaryType, domain: { name, version, chainId: 1, verifyingContract: contract }, message };
}
