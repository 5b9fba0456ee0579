import { recoverTypedSignature, SignTypedDataVersion } from '@metamask/eth-sig-util';
import { type Address, getAddress, hashTypedData, parseUnits } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, test } from 'vitest';
import { type AssessRequestInput, assessRequest, type RiskPolicy } from '../../risk/index.js';
import { decodeTypedData, NATIVE_TOKEN } from '../index.js';
import { BLUR_EXCHANGE_ADDRESSES, BLUR_ORDER_TYPES } from './blur.js';
import { COW_ORDER_TYPES, COW_SETTLEMENT_ADDRESSES } from './cow.js';
import { BLUR_DOMAIN, BLUR_ORDER_TYPE_STRING } from './fixtures/blurTypes.js';
import { _TypedDataEncoder, cow, cowDomain, ethers5, looksRare, oneInch, payload, uniswapx } from './fixtures/protocols.js';
import { ZERO_EX_DOMAIN, ZERO_EX_LIMIT_ORDER_ABI, ZERO_EX_RFQ_ORDER_ABI } from './fixtures/zeroExTypes.js';
import { LOOKS_RARE_EXCHANGE_ADDRESSES, LOOKS_RARE_TYPES } from './looksRare.js';
import { ONE_INCH_ORDER_TYPES, ONE_INCH_ROUTER_ADDRESSES } from './oneInch.js';
import { UNISWAPX_REACTORS, UNISWAPX_TYPES } from './uniswapx.js';
import { ZERO_EX_EXCHANGE_ADDRESSES, ZERO_EX_ORDER_TYPES } from './zeroEx.js';

// Every order is built by its protocol's own package (0x: by its published types, see fixtures/zeroExTypes.ts), sent
// as a dApp sends it, decoded, then judged by assessRequest as the wallet does.
const signer = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
const swapper = signer.address;
const stranger: Address = '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f';
const usdc: Address = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48';
const weth: Address = '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2';
const NOW = 1_790_000_000_000;
const DEADLINE = 2_000_000_000; // the UniswapX builders refuse a deadline in the past
const { BigNumber } = ethers5;

const policy: RiskPolicy = { version: 7n, warnAt: 40, blockAt: 80, unlimitedApprovalsAllowed: true, tokenLimits: [] };

function judge(page: object, account: Address = swapper) {
  const decoded = decodeTypedData(JSON.stringify(page), { account });
  const input: AssessRequestInput = {
    effects: { basis: 'decoding', effects: decoded.effects },
    parties: {},
    tokens: { [usdc.toLowerCase()]: { symbol: 'USDC', decimals: 6 }, [weth.toLowerCase()]: { symbol: 'WETH', decimals: 18 }, [NATIVE_TOKEN]: { symbol: 'ETH', decimals: 18 } },
    policy,
    originStatus: 'trusted',
    origin: 'https://swap.example',
    history: [],
    now: NOW,
  };
  return { decoded, assessment: assessRequest(input) };
}
const rules = (assessment: { reasons: Array<{ rule: string }> }) => assessment.reasons.map((reason) => reason.rule);

async function expectRecovers(page: object): Promise<void> {
  const decoded = decodeTypedData(JSON.stringify(page));
  const signature = await signer.signTypedData(decoded.definition as never);
  expect(getAddress(recoverTypedSignature({ data: page as never, signature, version: SignTypedDataVersion.V4 }))).toBe(swapper);
}

const shapeOfFields = (fields: Array<{ name: string; type: string }>) => fields.map(({ name, type }) => `${name}:${type}`).sort();

describe('CoW Protocol orders (built by @cowprotocol/contracts)', () => {
  // CoW's own helpers: an order without a receiver pays its owner (normalizeOrder writes address(0) for it).
  const terms = (receiver: string | undefined, buyAmount: bigint, buyToken: string = weth) => ({
    sellToken: usdc, buyToken, receiver, sellAmount: 3_000_000_000n.toString(), buyAmount: buyAmount.toString(), validTo: DEADLINE,
    appData: `0x${'00'.repeat(32)}`, feeAmount: '0', kind: cow.OrderKind.SELL, partiallyFillable: false,
  });
  const order = (receiver: string | undefined, buyAmount: bigint, buyToken?: string) =>
    payload(cowDomain(1), { Order: cow.ORDER_TYPE_FIELDS }, cow.normalizeOrder(terms(receiver, buyAmount, buyToken)));

  test('the decoder declares the package\'s order type and settlement contract', () => {
    expect(shapeOfFields(COW_ORDER_TYPES.Order ?? [])).toEqual(shapeOfFields(cow.ORDER_TYPE_FIELDS));
    expect(COW_SETTLEMENT_ADDRESSES).toContain(cowDomain(1).verifyingContract);
  });

  test('a fair swap to the signer reads as give and get, hashes as CoW does, and adds no warning', async () => {
    const page = order(undefined, parseUnits('1', 18));
    const { decoded, assessment } = judge(page);
    expect(decoded.standard).toBe('cowOrder');
    expect(decoded.effects).toEqual([
      { kind: 'assetOut', token: usdc, to: null, amount: 3_000_000_000n },
      { kind: 'assetIn', token: weth, standard: 'erc20', from: null, amount: parseUnits('1', 18) },
    ]);
    expect(decoded.summary).toMatch(/^CoW Protocol swap: Give 3,000,000,000 of token 0xA0b8…eB48 to whoever fills the order and receive 1,000,000,000,000,000,000 of token 0xC02a…6Cc2 \(order open until /);
    expect(hashTypedData(decoded.definition as never)).toBe(cow.hashOrder(cowDomain(1), terms(undefined, parseUnits('1', 18))));
    expect(assessment.level).toBe('allow');
    await expectRecovers(page);
  });

  test('the signer named as receiver is the same as no receiver; native ETH bought is the native coin', () => {
    const { decoded, assessment } = judge(order(swapper, parseUnits('1', 18), cow.BUY_ETH_ADDRESS));
    expect(decoded.effects[1]).toEqual({ kind: 'assetIn', token: NATIVE_TOKEN, standard: 'native', from: null, amount: parseUnits('1', 18) });
    expect(assessment.level).toBe('allow');
  });

  test('proceeds to another address are a danger signal that names the receiver', () => {
    const { decoded, assessment } = judge(order(stranger, parseUnits('1', 18)));
    expect(decoded.effects).toEqual([{ kind: 'assetOut', token: usdc, to: null, amount: 3_000_000_000n }]);
    expect(decoded.summary).toContain('receive nothing yourself: what it buys goes to 0x2361…1E8f');
    expect(assessment.level).toBe('warn');
    expect(rules(assessment)).toContain('giveawayOrder');
  });

  test('without the account, a named receiver is not taken for the signer', () => {
    expect(decodeTypedData(JSON.stringify(order(swapper, 1n))).effects).toHaveLength(1);
  });

  test('selling for next to nothing (1 wei of WETH) is a danger signal', () => {
    const { assessment } = judge(order(swapper, 1n));
    expect(assessment.level).toBe('warn');
    expect(assessment.reasons.find((reason) => reason.rule === 'giveawayOrder')?.message).toContain('only next to nothing comes back');
  });
});

describe('UniswapX orders (built by @uniswap/uniswapx-sdk)', () => {
  const reactors = uniswapx.REACTOR_ADDRESS_MAPPING as Record<string, Record<string, string>>;
  const input = { token: usdc, startAmount: BigNumber.from(3_000_000_000), endAmount: BigNumber.from(3_000_000_000) };
  const output = (recipient: string, amount = parseUnits('1', 18)) => ({ token: weth, startAmount: BigNumber.from(amount), endAmount: BigNumber.from((amount * 99n) / 100n), recipient });
  const page = (built: { permitData(): { domain: object; types: object; values: object } }) => {
    const { domain, types, values } = built.permitData();
    return payload(domain, types, values);
  };
  const dutch = (recipient: string, amount?: bigint, reactor = reactors['1']?.Dutch) =>
    page(new uniswapx.DutchOrderBuilder(1, reactor).deadline(DEADLINE).decayStartTime(DEADLINE - 600).decayEndTime(DEADLINE - 60).nonce(BigNumber.from(5)).swapper(swapper).input(input).output(output(recipient, amount)).build());
  const v2 = (recipient: string) =>
    page(new uniswapx.V2DutchOrderBuilder(1, reactors['1']?.Dutch_V2).deadline(DEADLINE).nonce(BigNumber.from(5)).swapper(swapper).cosigner(stranger).input(input).output(output(recipient)).buildPartial());
  const priority = (recipient: string) =>
    page(
      new uniswapx.PriorityOrderBuilder(8453, reactors['8453']?.Priority).deadline(DEADLINE).nonce(BigNumber.from(5)).swapper(swapper).cosigner(stranger)
        .auctionStartBlock(BigNumber.from(100)).baselinePriorityFeeWei(BigNumber.from(0))
        .input({ token: usdc, amount: BigNumber.from(3_000_000_000), mpsPerPriorityFeeWei: BigNumber.from(0) })
        .output({ token: weth, amount: BigNumber.from(parseUnits('1', 18)), mpsPerPriorityFeeWei: BigNumber.from(1), recipient })
        .buildPartial(),
    );

  test('the decoder declares the package\'s order types and knows its reactors', () => {
    for (const [name, built] of [['ExclusiveDutchOrder', dutch(swapper)], ['V2DutchOrder', v2(swapper)], ['PriorityOrder', priority(swapper)]] as const) {
      for (const [type, fields] of Object.entries(built.types)) if (type in UNISWAPX_TYPES) expect(shapeOfFields(UNISWAPX_TYPES[type] ?? []), `${name}.${type}`).toEqual(shapeOfFields(fields));
    }
    const listed = Object.values(reactors).flatMap((chain) => [chain.Dutch, chain.Dutch_V2, chain.Priority]).filter((address): address is string => address !== undefined && !/^0x0+$/.test(address));
    expect(new Set(UNISWAPX_REACTORS.map((address) => address.toLowerCase()))).toEqual(new Set(listed.map((address) => address.toLowerCase())));
  });

  test.each([
    ['exclusive Dutch', () => dutch(swapper), (99n * parseUnits('1', 18)) / 100n],
    ['V2 Dutch', () => v2(swapper), (99n * parseUnits('1', 18)) / 100n],
    ['priority', () => priority(swapper), parseUnits('1', 18)],
  ])('a fair %s swap reads as give and get (the worst case of a decaying amount) and adds no warning', async (kind, build, least) => {
    const { decoded, assessment } = judge(build());
    expect(decoded).toMatchObject({ standard: 'uniswapxOrder', signer: swapper });
    expect(decoded.summary).toMatch(new RegExp(`^UniswapX ${kind} order: Give 3,000,000,000 of token 0xA0b8…eB48 to whoever fills the order and receive`));
    expect(decoded.effects).toEqual([
      { kind: 'assetOut', token: usdc, to: null, amount: 3_000_000_000n },
      { kind: 'assetIn', token: weth, standard: 'erc20', from: null, amount: least },
    ]);
    expect(assessment.level).toBe('allow');
    await expectRecovers(build());
  });

  test.each([
    ['exclusive Dutch', () => dutch(stranger)],
    ['V2 Dutch', () => v2(stranger)],
    ['priority', () => priority(stranger)],
  ])('a %s order whose output goes to someone else is a danger signal (it was allowed as a Permit2 transfer)', (_kind, build) => {
    const { decoded, assessment } = judge(build());
    expect(decoded.summary).toContain('what it buys goes to 0x2361…1E8f');
    expect(assessment.level).toBe('warn');
    expect(rules(assessment)).toContain('giveawayOrder');
  });

  test('an output of next to nothing to the signer is a danger signal', () => {
    expect(rules(judge(dutch(swapper, 1000n)).assessment)).toContain('giveawayOrder');
  });

  test('for a reactor UniswapX does not list, it stays a Permit2 transfer permission to that spender', () => {
    const { decoded } = judge(dutch(swapper, undefined, stranger));
    expect(decoded.standard).toBe('permit2WitnessTransfer');
    expect(decoded.effects).toEqual([expect.objectContaining({ kind: 'allowance', spender: stranger, token: usdc })]);
  });
});

describe('1inch Limit Order v4 (built by @1inch/limit-order-sdk)', () => {
  const { Address: OneInchAddress, LimitOrder, MakerTraits } = oneInch;
  const order = (receiver: string | undefined, takingAmount: bigint) =>
    new LimitOrder(
      { makerAsset: new OneInchAddress(usdc), takerAsset: new OneInchAddress(weth), makingAmount: 3_000_000_000n, takingAmount, maker: new OneInchAddress(swapper), ...(receiver ? { receiver: new OneInchAddress(receiver) } : {}) },
      MakerTraits.default().withExpiration(BigInt(DEADLINE)),
    ).getTypedData(1);
  const page = (typed: object) => JSON.parse(JSON.stringify(typed, (_key, value) => (typeof value === 'bigint' ? value.toString() : value)));

  test('the decoder declares the package\'s order type and router', () => {
    const typed = order(undefined, 1n);
    expect(shapeOfFields(ONE_INCH_ORDER_TYPES.Order ?? [])).toEqual(shapeOfFields(typed.types.Order));
    expect(ONE_INCH_ROUTER_ADDRESSES.map((address) => address.toLowerCase())).toContain(typed.domain.verifyingContract.toLowerCase());
  });

  test('a fair limit order reads as give and get until its expiration, and adds no warning', async () => {
    const typed = page(order(undefined, parseUnits('1', 18)));
    const { decoded, assessment } = judge(typed);
    expect(decoded).toMatchObject({ standard: 'oneInchOrder', signer: swapper });
    expect(decoded.effects).toEqual([
      { kind: 'assetOut', token: usdc, to: null, amount: 3_000_000_000n },
      { kind: 'assetIn', token: weth, standard: 'erc20', from: null, amount: parseUnits('1', 18) },
    ]);
    expect(decoded.summary).toContain('(order open until 18 May 2033, 03:33 UTC)');
    expect(assessment.level).toBe('allow');
    await expectRecovers(typed);
  });

  test('a receiver other than the maker is a danger signal', () => {
    const { decoded, assessment } = judge(page(order(stranger, parseUnits('1', 18))));
    expect(decoded.effects).toHaveLength(1);
    expect(assessment.level).toBe('warn');
    expect(rules(assessment)).toContain('giveawayOrder');
  });
});

describe('0x limit and RFQ orders (types published by @0x/protocol-utils)', () => {
  const limit = (takerAmount: bigint) => ({
    types: { EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }], LimitOrder: ZERO_EX_LIMIT_ORDER_ABI },
    primaryType: 'LimitOrder',
    domain: { ...ZERO_EX_DOMAIN, chainId: 1 },
    message: { makerToken: usdc, takerToken: weth, makerAmount: '3000000000', takerAmount: takerAmount.toString(), takerTokenFeeAmount: '0', maker: swapper, taker: '0x0000000000000000000000000000000000000000', sender: '0x0000000000000000000000000000000000000000', feeRecipient: stranger, pool: `0x${'00'.repeat(32)}`, expiry: String(DEADLINE), salt: '12345' },
  });
  const rfq = () => {
    const { takerTokenFeeAmount: _fee, sender: _sender, feeRecipient: _recipient, ...rest } = limit(parseUnits('1', 18)).message;
    return { ...limit(0n), types: { ...limit(0n).types, LimitOrder: undefined, RfqOrder: ZERO_EX_RFQ_ORDER_ABI }, primaryType: 'RfqOrder', message: { ...rest, txOrigin: swapper } };
  };

  test('the decoder declares the published order types and exchange', () => {
    expect(shapeOfFields(ZERO_EX_ORDER_TYPES.LimitOrder ?? [])).toEqual(shapeOfFields(ZERO_EX_LIMIT_ORDER_ABI));
    expect(shapeOfFields(ZERO_EX_ORDER_TYPES.RfqOrder ?? [])).toEqual(shapeOfFields(ZERO_EX_RFQ_ORDER_ABI));
    expect(ZERO_EX_EXCHANGE_ADDRESSES.map((address) => address.toLowerCase())).toContain(ZERO_EX_DOMAIN.verifyingContract);
  });

  test('a fair limit order and a fair RFQ order read as give and get and add no warning', async () => {
    for (const page of [limit(parseUnits('1', 18)), JSON.parse(JSON.stringify(rfq()))]) {
      const { decoded, assessment } = judge(page);
      expect(decoded).toMatchObject({ standard: 'zeroExOrder', signer: swapper });
      expect(decoded.effects).toEqual([
        { kind: 'assetOut', token: usdc, to: null, amount: 3_000_000_000n },
        { kind: 'assetIn', token: weth, standard: 'erc20', from: null, amount: parseUnits('1', 18) },
      ]);
      expect(assessment.level).toBe('allow');
      await expectRecovers(page);
    }
  });

  test('a limit order for next to nothing is a danger signal', () => {
    const { assessment } = judge(limit(1n));
    expect(assessment.level).toBe('warn');
    expect(rules(assessment)).toContain('giveawayOrder');
  });
});

describe('Blur listings and bids (the contract\'s own order type)', () => {
  const collection: Address = '0xED5AF388653567Af2F388E6224dC7C4b3241C544';
  const types = { Order: BLUR_ORDER_TYPES.Order, Fee: BLUR_ORDER_TYPES.Fee };
  const order = (side: number, price: bigint, fees: Array<{ rate: number; recipient: string }> = [{ rate: 50, recipient: stranger }]) =>
    payload(BLUR_DOMAIN, types, {
      trader: swapper, side, matchingPolicy: '0x00000000006411739DA1c40B106F8511de5D1FAC', collection, tokenId: 4321, amount: 1, paymentToken: NATIVE_TOKEN,
      price: price.toString(), listingTime: 1_789_000_000, expirationTime: DEADLINE, fees, salt: '77', extraParams: '0x', nonce: 0,
    });

  test('the decoder\'s types encode to the contract\'s ORDER_TYPEHASH string', () => {
    expect(_TypedDataEncoder.from(types).encodeType('Order')).toBe(BLUR_ORDER_TYPE_STRING);
    expect(BLUR_EXCHANGE_ADDRESSES).toContain(BLUR_DOMAIN.verifyingContract);
  });

  test('a fair listing gives the item and gets the price less its fees, and adds no warning', async () => {
    const page = order(1, parseUnits('10', 18));
    const { decoded, assessment } = judge(page);
    expect(decoded).toMatchObject({ standard: 'blurOrder', signer: swapper });
    expect(decoded.effects).toEqual([
      { kind: 'itemOut', token: collection, standard: 'erc721', to: null, tokenId: 4321n, amount: 1n },
      { kind: 'assetIn', token: NATIVE_TOKEN, standard: 'native', from: null, amount: parseUnits('9.95', 18) },
    ]);
    expect(decoded.summary).toMatch(/^Blur listing: Give item #4321 of collection 0xED5A…C544 to whoever fills the order and receive 9,950,000,000,000,000,000 of the native coin/);
    expect(assessment.level).toBe('allow');
    await expectRecovers(page);
  });

  test('a fair bid gives the price and gets the item', () => {
    const { decoded, assessment } = judge(order(0, parseUnits('10', 18), []));
    expect(decoded.effects).toEqual([
      { kind: 'assetOut', token: NATIVE_TOKEN, to: null, amount: parseUnits('10', 18) },
      { kind: 'assetIn', token: collection, standard: 'erc721', from: null, amount: 1n, tokenId: 4321n },
    ]);
    expect(assessment.level).toBe('allow');
  });

  test.each([
    ['for nothing', () => order(1, 0n)],
    ['for 1 wei', () => order(1, 1n)],
    ['with fees of 100 % to a stranger', () => order(1, parseUnits('10', 18), [{ rate: 10_000, recipient: stranger }])],
  ])('a listing %s is a danger signal', (_what, build) => {
    const { assessment } = judge(build());
    expect(assessment.level).toBe('warn');
    expect(rules(assessment)).toContain('giveawayOrder');
  });
});

describe('LooksRare v2 listings and bids (built with @looksrare/sdk-v2)', () => {
  const collection: Address = '0xED5AF388653567Af2F388E6224dC7C4b3241C544';
  const provider = new ethers5.providers.StaticJsonRpcProvider('http://127.0.0.1:9', { chainId: 1, name: 'homestead' });
  const domain = new looksRare.LooksRare(1, provider).getTypedDataDomain();
  const maker = (quoteType: number, price: bigint, itemIds = [4321]) => ({
    quoteType, globalNonce: 0, subsetNonce: 0, orderNonce: 0, strategyId: 0, collectionType: looksRare.CollectionType.ERC721, collection,
    currency: NATIVE_TOKEN, signer: swapper, startTime: 1_789_000_000, endTime: DEADLINE, price: price.toString(), itemIds, amounts: itemIds.map(() => 1), additionalParameters: '0x',
  });
  const { Ask, Bid } = looksRare.QuoteType;

  test('the decoder declares the package\'s maker type and exchange', () => {
    expect(shapeOfFields(LOOKS_RARE_TYPES.Maker ?? [])).toEqual(shapeOfFields(looksRare.utils.makerTypes.Maker));
    expect(LOOKS_RARE_EXCHANGE_ADDRESSES).toContain(domain.verifyingContract);
  });

  test('a fair listing gives the item and gets the price, and adds no warning', async () => {
    const page = payload(domain, looksRare.utils.makerTypes, maker(Ask, parseUnits('10', 18)));
    const { decoded, assessment } = judge(page);
    expect(decoded).toMatchObject({ standard: 'looksRareOrder', signer: swapper });
    expect(decoded.effects).toEqual([
      { kind: 'itemOut', token: collection, standard: 'erc721', to: null, tokenId: 4321n, amount: 1n },
      { kind: 'assetIn', token: NATIVE_TOKEN, standard: 'native', from: null, amount: parseUnits('10', 18) },
    ]);
    expect(assessment.level).toBe('allow');
    await expectRecovers(page);
  });

  test('a batch of listings (the package\'s BatchOrder tree) reads every order', () => {
    const page = payload(domain, looksRare.utils.getBatchOrderTypes(1), { tree: [maker(Ask, parseUnits('10', 18), [1]), maker(Ask, parseUnits('12', 18), [2])] });
    const { decoded, assessment } = judge(page);
    expect(decoded.effects.filter((effect) => effect.kind === 'itemOut')).toHaveLength(2);
    expect(decoded.summary).toMatch(/^2 LooksRare orders at once: /);
    expect(assessment.level).toBe('allow');
  });

  test('a fair bid gives the price and gets the item', () => {
    const { decoded, assessment } = judge(payload(domain, looksRare.utils.makerTypes, maker(Bid, parseUnits('10', 18))));
    expect(decoded.effects[0]).toEqual({ kind: 'assetOut', token: NATIVE_TOKEN, to: null, amount: parseUnits('10', 18) });
    expect(assessment.level).toBe('allow');
  });

  test('a listing for nothing, or inside a batch for 1 wei, is a danger signal', () => {
    for (const page of [
      payload(domain, looksRare.utils.makerTypes, maker(Ask, 0n)),
      payload(domain, looksRare.utils.getBatchOrderTypes(1), { tree: [maker(Ask, 1n, [1]), maker(Ask, 1n, [2])] }),
    ]) {
      const { assessment } = judge(page);
      expect(assessment.level).toBe('warn');
      expect(rules(assessment)).toContain('giveawayOrder');
    }
  });
});
