import { createRequire } from 'node:module';
import { recoverTypedSignature, SignTypedDataVersion } from '@metamask/eth-sig-util';
import { getAddress } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, test } from 'vitest';
import { decodeTypedData, MAX_UINT256, NATIVE_TOKEN, PERMIT2_ADDRESS, SEAPORT_ADDRESSES } from './index.js';

// The standards' own packages, as references for realistic payloads: their CommonJS builds (the ES builds of
// @uniswap/permit2-sdk do not load in Node). ethers' `_TypedDataEncoder.getPayload` is what Uniswap's and
// OpenSea's front ends send to `eth_signTypedData_v4` (EIP712Domain derived from the domain, values as text).
const require = createRequire(import.meta.url);
const { AllowanceTransfer, SignatureTransfer, MaxUint160 } = require('@uniswap/permit2-sdk');
const { EIP_712_ORDER_TYPE, EIP_712_BULK_ORDER_TYPE, ItemType, CROSS_CHAIN_SEAPORT_V1_6_ADDRESS } = require('@opensea/seaport-js/lib/constants.js');
const { _TypedDataEncoder } = require('@ethersproject/hash');

type Page = { types: Record<string, Array<{ name: string; type: string }>>; domain: Record<string, unknown>; primaryType: string; message: Record<string, unknown> };
const payload = (domain: object, types: object, values: object): Page => JSON.parse(JSON.stringify(_TypedDataEncoder.getPayload(domain, types, values)));

const signer = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
const shopper = signer.address;
const router = '0x3fC91A3afd70395Cd496C647d5a6CC9D4B2b7FAD';
const usdc = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48';
const weth = '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2';
const dai = '0x6B175474E89094C44Da98b954EedeAC495271d0F';
const merchant = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
const collection = '0xBC4CA0EdA7647A8aB7C2061c2E118A18a936f13D';
const openseaFees = '0x0000a26b00c1F0DF003000390027140000fAa719';

async function expectRecovers(page: Page): Promise<void> {
  const decoded = decodeTypedData(JSON.stringify(page));
  const signature = await signer.signTypedData(decoded.definition as never);
  const recovered = recoverTypedSignature({ data: page as never, signature, version: SignTypedDataVersion.V4 });
  expect(getAddress(recovered)).toBe(signer.address);
}

const details = (token: string, amount: bigint) => ({ token, amount: amount.toString(), expiration: 1_800_000_000, nonce: 0 });
const permit2Single = (amount: bigint) => {
  const { domain, types, values } = AllowanceTransfer.getPermitData({ details: details(usdc, amount), spender: router, sigDeadline: 1_799_000_000 }, PERMIT2_ADDRESS, 1);
  return payload(domain, types, values);
};
const permit2Batch = () => {
  const { domain, types, values } = AllowanceTransfer.getPermitData(
    { details: [details(usdc, 5_000_000n), details(weth, MaxUint160.toBigInt())], spender: router, sigDeadline: 1_799_000_000 },
    PERMIT2_ADDRESS,
    1,
  );
  return payload(domain, types, values);
};
const permit2Transfer = (witness?: object) => {
  const { domain, types, values } = SignatureTransfer.getPermitData(
    { permitted: { token: usdc, amount: '25000000' }, spender: router, nonce: 7, deadline: 1_799_000_000 },
    PERMIT2_ADDRESS,
    1,
    witness,
  );
  return payload(domain, types, values);
};
const permit2BatchTransfer = (witness?: object) => {
  const { domain, types, values } = SignatureTransfer.getPermitData(
    { permitted: [{ token: usdc, amount: '25000000' }, { token: dai, amount: MAX_UINT256.toString() }], spender: router, nonce: 8, deadline: 1_799_000_000 },
    PERMIT2_ADDRESS,
    1,
    witness,
  );
  return payload(domain, types, values);
};
/** UniswapX-like witness: the order the transfer pays for. */
const witness = {
  witnessTypeName: 'LimitOrder',
  witnessType: { LimitOrder: [{ name: 'reactor', type: 'address' }, { name: 'outputAmount', type: 'uint256' }] },
  witness: { reactor: merchant, outputAmount: '10' },
};

describe('Permit2', () => {
  test('an unlimited PermitSingle is an unlimited Permit2 allowance to the spender', () => {
    const decoded = decodeTypedData(JSON.stringify(permit2Single(MaxUint160.toBigInt())));
    expect(decoded).toMatchObject({
      standard: 'permit2Single',
      domain: { name: 'Permit2', chainId: 1, verifyingContract: PERMIT2_ADDRESS },
      effects: [{ kind: 'allowance', token: usdc, spender: router, amount: 2n ** 160n - 1n, unlimited: true, via: 'permit2', expiresAt: 1_800_000_000n }],
    });
    expect(decoded.summary).toBe('Allow 0x3fC9…7FAD to take any amount of token 0xA0b8…eB48 until 15 Jan 2027, 08:00 UTC via Permit2.');
  });

  test('a limited PermitSingle with expiration 0 lasts no longer than its signature', () => {
    const page = permit2Single(1_000_000n);
    (page.message.details as Record<string, unknown>).expiration = '0';
    expect(decodeTypedData(page).effects).toEqual([expect.objectContaining({ amount: 1_000_000n, unlimited: false, expiresAt: 1_799_000_000n })]);
  });

  test('a PermitBatch is one allowance per token', () => {
    const decoded = decodeTypedData(permit2Batch());
    expect(decoded.standard).toBe('permit2Batch');
    expect(decoded.effects).toEqual([
      expect.objectContaining({ token: usdc, spender: router, amount: 5_000_000n, unlimited: false, via: 'permit2' }),
      expect.objectContaining({ token: weth, spender: router, unlimited: true, via: 'permit2' }),
    ]);
    expect(decoded.summary).toContain('up to 5,000,000 of token 0xA0b8…eB48 until 15 Jan 2027, 08:00 UTC and any amount of token 0xC02a…6Cc2');
  });

  test('a PermitTransferFrom lets the spender move the amount once', () => {
    const decoded = decodeTypedData(permit2Transfer());
    expect(decoded).toMatchObject({
      standard: 'permit2Transfer',
      effects: [{ kind: 'allowance', token: usdc, spender: router, amount: 25_000_000n, unlimited: false, via: 'permit2Transfer', expiresAt: 1_799_000_000n }],
    });
    expect(decoded.summary).toBe('Let 0x3fC9…7FAD move up to 25,000,000 of token 0xA0b8…eB48 from your wallet to anyone, once, until 3 Jan 2027, 18:13 UTC, via Permit2.');
  });

  test('a PermitBatchTransferFrom names every token', () => {
    const decoded = decodeTypedData(permit2BatchTransfer());
    expect(decoded.standard).toBe('permit2BatchTransfer');
    expect(decoded.effects.map((effect) => effect.kind === 'allowance' && [effect.token, effect.unlimited])).toEqual([[usdc, false], [dai, true]]);
  });

  test.each([
    { title: 'PermitWitnessTransferFrom', page: () => permit2Transfer(witness), standard: 'permit2WitnessTransfer' },
    { title: 'PermitBatchWitnessTransferFrom', page: () => permit2BatchTransfer(witness), standard: 'permit2WitnessBatchTransfer' },
  ])('a $title is a transfer-from with extra terms', ({ page, standard }) => {
    const decoded = decodeTypedData(page());
    expect(decoded.standard).toBe(standard);
    expect(decoded.effects[0]).toMatchObject({ token: usdc, spender: router, amount: 25_000_000n, via: 'permit2Transfer' });
    expect(decoded.summary).toContain('(with extra terms in "witness")');
  });

  test('a Permit2 message for another verifying contract is still read by its types, and says so', () => {
    const page = permit2Single(1n);
    page.domain.verifyingContract = merchant;
    const decoded = decodeTypedData(page);
    expect(decoded.standard).toBe('permit2Single');
    expect(decoded.summary).toContain('via Permit2 (for the contract 0x14dC…9955, which is not the usual Permit2 contract).');
  });

  test('Permit2 types under other names are still Permit2 (recognised by their fields)', () => {
    const page = permit2Single(1n);
    page.types = { EIP712Domain: page.types.EIP712Domain ?? [], Hello: page.types.PermitSingle ?? [], Inner: page.types.PermitDetails ?? [] };
    page.types.Hello = (page.types.Hello ?? []).map((field) => (field.name === 'details' ? { ...field, type: 'Inner' } : field));
    page.primaryType = 'Hello';
    expect(decodeTypedData(page).standard).toBe('permit2Single');
  });

  test('a PermitSingle whose details carry an extra field is not Permit2: other', () => {
    const page = permit2Single(1n);
    page.types.PermitDetails = [...(page.types.PermitDetails ?? []), { name: 'extra', type: 'uint8' }];
    (page.message.details as Record<string, unknown>).extra = 1;
    expect(decodeTypedData(page).standard).toBe('other');
  });

  test('a PermitTransferFrom with a sixth field is not Permit2: other', () => {
    const page = permit2Transfer(witness);
    page.types.PermitWitnessTransferFrom = [...(page.types.PermitWitnessTransferFrom ?? []), { name: 'more', type: 'uint8' }];
    page.message.more = 1;
    expect(decodeTypedData(page).standard).toBe('other');
  });
});

describe('DAI-style permit', () => {
  const daiPermit = (allowed: boolean, expiry: number) => ({
    types: {
      EIP712Domain: [
        { name: 'name', type: 'string' },
        { name: 'version', type: 'string' },
        { name: 'chainId', type: 'uint256' },
        { name: 'verifyingContract', type: 'address' },
      ],
      Permit: [
        { name: 'holder', type: 'address' },
        { name: 'spender', type: 'address' },
        { name: 'nonce', type: 'uint256' },
        { name: 'expiry', type: 'uint256' },
        { name: 'allowed', type: 'bool' },
      ],
    },
    primaryType: 'Permit',
    domain: { name: 'Dai Stablecoin', version: '1', chainId: 1, verifyingContract: dai },
    message: { holder: shopper, spender: router, nonce: 3, expiry, allowed },
  });

  test('allowed: true is an unlimited allowance; expiry 0 never expires', () => {
    const decoded = decodeTypedData(daiPermit(true, 0));
    expect(decoded).toMatchObject({
      standard: 'daiPermit',
      signer: shopper,
      effects: [{ kind: 'allowance', token: dai, spender: router, amount: MAX_UINT256, unlimited: true, via: 'daiPermit', expiresAt: undefined }],
    });
    expect(decoded.summary).toBe('Allow 0x3fC9…7FAD to take any amount of token 0x6B17…1d0F (permit usable with no end date).');
  });

  test('allowed: false removes the allowance', () => {
    const decoded = decodeTypedData(daiPermit(false, 1_799_000_000));
    expect(decoded.effects).toEqual([expect.objectContaining({ amount: 0n, unlimited: false, expiresAt: 1_799_000_000n })]);
    expect(decoded.summary).toBe("Remove 0x3fC9…7FAD's permission to take token 0x6B17…1d0F.");
  });

  test('a signature recovers under the page\'s types', async () => {
    await expectRecovers(daiPermit(true, 1_799_000_000));
  });
});

describe('EIP-3009 authorisations', () => {
  // Types from the EIP-3009 text; domain as USDC's.
  const authorization = (primaryType: string) => ({
    types: {
      EIP712Domain: [
        { name: 'name', type: 'string' },
        { name: 'version', type: 'string' },
        { name: 'chainId', type: 'uint256' },
        { name: 'verifyingContract', type: 'address' },
      ],
      [primaryType]: [
        { name: 'from', type: 'address' },
        { name: 'to', type: 'address' },
        { name: 'value', type: 'uint256' },
        { name: 'validAfter', type: 'uint256' },
        { name: 'validBefore', type: 'uint256' },
        { name: 'nonce', type: 'bytes32' },
      ],
    },
    primaryType,
    domain: { name: 'USD Coin', version: '2', chainId: 1, verifyingContract: usdc },
    message: { from: shopper, to: merchant, value: '42500000', validAfter: 0, validBefore: 1_799_000_000, nonce: `0x${'7e'.repeat(32)}` },
  });

  test.each([
    { primaryType: 'TransferWithAuthorization', standard: 'eip3009Transfer' },
    { primaryType: 'ReceiveWithAuthorization', standard: 'eip3009Receive' },
  ])('a $primaryType is a payment to its "to"', async ({ primaryType, standard }) => {
    const decoded = decodeTypedData(authorization(primaryType));
    expect(decoded).toMatchObject({ standard, signer: shopper, effects: [{ kind: 'assetOut', token: usdc, to: merchant, amount: 42_500_000n }] });
    expect(decoded.summary).toBe('Pay 42,500,000 of token 0xA0b8…eB48 to 0x14dC…9955 (authorisation usable until 3 Jan 2027, 18:13 UTC).');
    await expectRecovers(authorization(primaryType));
  });
});

describe('Seaport orders', () => {
  const domain = { name: 'Seaport', version: '1.6', chainId: 1, verifyingContract: CROSS_CHAIN_SEAPORT_V1_6_ADDRESS };
  const item = (itemType: number, token: string, id: bigint | number, start: bigint | number, end = start) => ({
    itemType,
    token,
    identifierOrCriteria: id.toString(),
    startAmount: start.toString(),
    endAmount: end.toString(),
  });
  const order = (offer: object[], consideration: object[], offerer: string = shopper) => ({
    offerer,
    zone: '0x0000000000000000000000000000000000000000',
    offer,
    consideration,
    orderType: 0,
    startTime: 1_764_000_000,
    endTime: 1_799_000_000,
    zoneHash: `0x${'00'.repeat(32)}`,
    salt: '0x3d958fe2000000000000000000000000000000000000000000000000e8b1ec2b',
    conduitKey: '0x0000007b02230091a7ed01230072f7006a004d60a8d4e71d599b8104250f0000',
    counter: '0',
  });
  const eth = (n: bigint) => n * 10n ** 15n; // in thousandths of ETH, for readable numbers
  const listing = order(
    [item(ItemType.ERC721, collection, 1234, 1)],
    [{ ...item(ItemType.NATIVE, NATIVE_TOKEN, 0, eth(975n)), recipient: shopper }, { ...item(ItemType.NATIVE, NATIVE_TOKEN, 0, eth(25n)), recipient: openseaFees }],
  );
  const bid = order(
    [item(ItemType.ERC20, weth, 0, eth(1000n))],
    [{ ...item(ItemType.ERC721_WITH_CRITERIA, collection, 0, 1), recipient: shopper }, { ...item(ItemType.ERC20, weth, 0, eth(25n)), recipient: openseaFees }],
  );
  const page = (message: object): Page => payload(domain, EIP_712_ORDER_TYPE, message);

  test('a listing gives the item to whoever fills it and receives the price; the fee is the buyer\'s', async () => {
    const decoded = decodeTypedData(page(listing));
    expect(decoded).toMatchObject({ standard: 'seaportOrder', signer: shopper, domain: { name: 'Seaport', verifyingContract: CROSS_CHAIN_SEAPORT_V1_6_ADDRESS } });
    expect(decoded.effects).toEqual([
      { kind: 'itemOut', token: collection, standard: 'erc721', to: null, tokenId: 1234n, amount: 1n },
      { kind: 'assetIn', token: NATIVE_TOKEN, standard: 'native', from: null, amount: eth(975n), tokenId: undefined },
    ]);
    expect(decoded.summary).toBe(
      'Give item #1234 of collection 0xBC4C…f13D to whoever fills the order and receive 975,000,000,000,000,000 of the native coin (order open until 3 Jan 2027, 18:13 UTC).',
    );
    await expectRecovers(page(listing));
  });

  test('a collection bid offers WETH (the fee coming out of it) for any item of the collection', async () => {
    const decoded = decodeTypedData(page(bid));
    expect(decoded.effects).toEqual([
      { kind: 'assetOut', token: weth, to: null, amount: eth(975n) },
      { kind: 'assetOut', token: weth, to: openseaFees, amount: eth(25n) },
      { kind: 'assetIn', token: collection, standard: 'erc721', from: null, amount: 1n, tokenId: undefined },
    ]);
    expect(decoded.summary).toContain('and receive any item of collection 0xBC4C…f13D');
    await expectRecovers(page(bid));
  });

  test('a falling price is judged at its worst: the most that leaves, the least that arrives', () => {
    const auction = order([item(ItemType.ERC1155, collection, 7, 5, 10)], [{ ...item(ItemType.ERC20, usdc, 0, 900, 100), recipient: shopper }]);
    expect(decodeTypedData(page(auction)).effects).toEqual([
      expect.objectContaining({ kind: 'itemOut', standard: 'erc1155', tokenId: 7n, amount: 10n }),
      expect.objectContaining({ kind: 'assetIn', standard: 'erc20', token: usdc, amount: 100n }),
    ]);
  });

  test('an order that gives an item for nothing says so', () => {
    const gift = order([item(ItemType.ERC721, collection, 1, 1)], [{ ...item(ItemType.NATIVE, NATIVE_TOKEN, 0, eth(1000n)), recipient: merchant }]);
    const decoded = decodeTypedData(page(gift));
    expect(decoded.effects).toEqual([expect.objectContaining({ kind: 'itemOut', to: null })]);
    expect(decoded.summary).toContain('and receive nothing in return');
  });

  test('a bulk order (a tree of orders, padded with empty ones) is every order it holds', async () => {
    const empty = order([], [], '0x0000000000000000000000000000000000000000');
    const types = { ...EIP_712_BULK_ORDER_TYPE, BulkOrder: [{ name: 'tree', type: 'OrderComponents[2][2]' }] };
    const bulk = payload(domain, types, { tree: [[listing, bid], [listing, empty]] });
    const decoded = decodeTypedData(bulk);
    expect(decoded.standard).toBe('seaportOrder');
    expect(decoded.signer).toBe(shopper);
    expect(decoded.effects.filter((effect) => effect.kind === 'itemOut')).toHaveLength(2);
    expect(decoded.summary).toMatch(/^Sign 3 Seaport orders at once: Give item #1234/);
    await expectRecovers(bulk);
  });

  test('a bulk order whose orders name different offerers is refused', () => {
    const types = { ...EIP_712_BULK_ORDER_TYPE, BulkOrder: [{ name: 'tree', type: 'OrderComponents[2]' }] };
    expect(() => decodeTypedData(payload(domain, types, { tree: [listing, { ...bid, offerer: merchant }] }))).toThrowError('name different offerers');
  });

  test('an item type Seaport does not know is refused', () => {
    expect(() => decodeTypedData(page(order([item(6, collection, 1, 1)], [])))).toThrowError('the item type 6, which Seaport does not know');
  });

  test('an order for an unknown contract says so', () => {
    const other = payload({ ...domain, verifyingContract: merchant }, EIP_712_ORDER_TYPE, listing);
    expect(decodeTypedData(other).summary).toContain('Note: it is for the contract 0x14dC…9955, which is not a known Seaport contract.');
    expect(SEAPORT_ADDRESSES).toContain(CROSS_CHAIN_SEAPORT_V1_6_ADDRESS);
  });

  test('an OrderComponents with "nonce" instead of "counter" (Seaport 1.0) is not read as an order: other', () => {
    const types = { ...EIP_712_ORDER_TYPE, OrderComponents: EIP_712_ORDER_TYPE.OrderComponents.map((f: { name: string }) => (f.name === 'counter' ? { ...f, name: 'nonce' } : f)) };
    const { counter, ...rest } = listing;
    expect(decodeTypedData(payload(domain, types, { ...rest, nonce: counter })).standard).toBe('other');
  });
});

describe('every kind: viem\'s signature over the definition recovers under the page\'s declared types', () => {
  test.each([
    { title: 'PermitSingle', page: () => permit2Single(MaxUint160.toBigInt()) },
    { title: 'PermitBatch', page: permit2Batch },
    {
      title: 'PermitBatch whose domain carries a field EIP712Domain does not list',
      page: () => {
        const batch = permit2Batch();
        batch.domain.version = '1';
        return batch;
      },
    },
    { title: 'PermitTransferFrom', page: () => permit2Transfer() },
    { title: 'PermitBatchTransferFrom', page: () => permit2BatchTransfer() },
    { title: 'PermitWitnessTransferFrom', page: () => permit2Transfer(witness) },
    { title: 'PermitBatchWitnessTransferFrom', page: () => permit2BatchTransfer(witness) },
  ])('$title', async ({ page }) => {
    await expectRecovers(page());
  });
});
