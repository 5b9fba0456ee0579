import { recoverTypedSignature, SignTypedDataVersion } from '@metamask/eth-sig-util';
import { getAddress } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, test } from 'vitest';
import { decodeTypedData, InvalidPayRequestError, MAX_UINT256 } from './index.js';

/** anvil's first development key: a real key, so signatures are real. */
const signer = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
const shopper = signer.address;
const merchant = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
const token = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

const domainType = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
];

/** An EIP-2612 permit exactly as a dApp sends it (types from the EIP's own text). */
const permit = {
  types: {
    EIP712Domain: domainType,
    Permit: [
      { name: 'owner', type: 'address' },
      { name: 'spender', type: 'address' },
      { name: 'value', type: 'uint256' },
      { name: 'nonce', type: 'uint256' },
      { name: 'deadline', type: 'uint256' },
    ],
  },
  primaryType: 'Permit',
  domain: { name: 'Demo USD', version: '1', chainId: 31337, verifyingContract: token },
  message: { owner: shopper, spender: merchant, value: '1000000000000000000', nonce: 0, deadline: '0x6a000000' },
};

/** The EIP-712 text's own example. */
const mail = {
  types: {
    EIP712Domain: domainType,
    Person: [
      { name: 'name', type: 'string' },
      { name: 'wallet', type: 'address' },
    ],
    Mail: [
      { name: 'from', type: 'Person' },
      { name: 'to', type: 'Person' },
      { name: 'contents', type: 'string' },
    ],
  },
  primaryType: 'Mail',
  domain: { name: 'Ether Mail', version: '1', chainId: 1, verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC' },
  message: {
    from: { name: 'Cow', wallet: '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826' },
    to: { name: 'Bob', wallet: '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' },
    contents: 'Hello, Bob!',
  },
};

/**
 * Signs what the decoder hands the keyring (`definition`, with viem, as the wallet does) and recovers the
 * signer with MetaMask's reference implementation from the page's own payload: the signature is valid for
 * exactly what the page declared.
 */
async function expectRecovers(page: object): Promise<void> {
  const decoded = decodeTypedData(JSON.stringify(page));
  const signature = await signer.signTypedData(decoded.definition as never);
  const recovered = recoverTypedSignature({ data: page as never, signature, version: SignTypedDataVersion.V4 });
  expect(getAddress(recovered)).toBe(signer.address);
}

describe('decodeTypedData: EIP-2612 permit', () => {
  test('a limited permit is an allowance to the spender, with its deadline', () => {
    const decoded = decodeTypedData(permit);
    expect(decoded).toMatchObject({
      kind: 'typedData',
      standard: 'erc2612Permit',
      primaryType: 'Permit',
      domain: { name: 'Demo USD', version: '1', chainId: 31337, verifyingContract: token },
      signer: shopper,
      effects: [{ kind: 'allowance', token, spender: merchant, amount: 10n ** 18n, unlimited: false, via: 'permit', expiresAt: 0x6a000000n }],
    });
    expect(decoded.summary).toBe('Allow 0x14dC…9955 to take up to 1,000,000,000,000,000,000 of token 0x5FbD…0aa3 (permit usable until 10 May 2026, 03:48 UTC).');
  });

  test('an unlimited permit (JSON text, value 2^256-1) is an unlimited allowance', () => {
    const decoded = decodeTypedData(JSON.stringify({ ...permit, message: { ...permit.message, value: MAX_UINT256.toString() } }));
    expect(decoded.effects).toEqual([expect.objectContaining({ kind: 'allowance', amount: MAX_UINT256, unlimited: true })]);
    expect(decoded.summary).toContain('to take any amount of token');
  });

  test('fields in another order are still the permit (the standard is recognised by its fields)', () => {
    const reordered = { ...permit, types: { ...permit.types, Permit: [...permit.types.Permit].reverse() } };
    expect(decodeTypedData(reordered).standard).toBe('erc2612Permit');
  });

  test.each([
    { title: 'an extra field', fields: [...permit.types.Permit, { name: 'salt', type: 'uint256' }], message: { ...permit.message, salt: 1 } },
    { title: 'a missing field', fields: permit.types.Permit.filter((field) => field.name !== 'nonce'), message: permit.message },
    { title: 'another field type', fields: permit.types.Permit.map((field) => (field.name === 'value' ? { ...field, type: 'uint128' } : field)), message: permit.message },
  ])('a "Permit" with $title is not EIP-2612 (its signature would not work as one): other', ({ fields, message }) => {
    const decoded = decodeTypedData({ ...permit, types: { ...permit.types, Permit: fields }, message });
    expect(decoded.standard).toBe('other');
    expect(decoded.effects).toEqual([]);
  });

  test('a permit type under another primary type name is still read as a permit', () => {
    const renamed = { ...permit, primaryType: 'Hello', types: { EIP712Domain: domainType, Hello: permit.types.Permit } };
    expect(decodeTypedData(renamed)).toMatchObject({ standard: 'erc2612Permit', primaryType: 'Hello' });
  });

  test('a permit without a verifying contract names no token: refused', () => {
    const page = { ...permit, types: { ...permit.types, EIP712Domain: domainType.slice(0, 3) } };
    expect(() => decodeTypedData(page)).toThrowError('an EIP-2612 permit must name its token');
  });
});

describe('decodeTypedData: other typed data', () => {
  test("is shown as its domain and its fields, nested structs included", () => {
    const decoded = decodeTypedData(mail);
    expect(decoded).toMatchObject({ standard: 'other', primaryType: 'Mail', effects: [], domain: { name: 'Ether Mail', chainId: 1 } });
    expect(decoded.summary).toBe('Sign a "Mail" message for "Ether Mail" (contract 0xCcCC…cccC); the wallet cannot tell what it allows.');
    expect(decoded.domainTree).toEqual([
      { name: 'name', type: 'string', value: 'Ether Mail' },
      { name: 'version', type: 'string', value: '1' },
      { name: 'chainId', type: 'uint256', value: '1' },
      { name: 'verifyingContract', type: 'address', value: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC' },
    ]);
    expect(decoded.messageTree).toEqual([
      { name: 'from', type: 'Person', children: [{ name: 'name', type: 'string', value: 'Cow' }, { name: 'wallet', type: 'address', value: '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826' }] },
      { name: 'to', type: 'Person', children: [{ name: 'name', type: 'string', value: 'Bob' }, { name: 'wallet', type: 'address', value: '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' }] },
      { name: 'contents', type: 'string', value: 'Hello, Bob!' },
    ]);
  });

  test('arrays become numbered entries', () => {
    const decoded = decodeTypedData({
      ...mail,
      types: { EIP712Domain: domainType, Group: [{ name: 'members', type: 'address[]' }, { name: 'pair', type: 'uint8[2]' }] },
      primaryType: 'Group',
      message: { members: [merchant, token], pair: [1, '2'] },
    });
    expect(decoded.messageTree).toEqual([
      { name: 'members', type: 'address[]', children: [{ name: '[0]', type: 'address', value: merchant }, { name: '[1]', type: 'address', value: token }] },
      { name: 'pair', type: 'uint8[2]', children: [{ name: '[0]', type: 'uint8', value: '1' }, { name: '[1]', type: 'uint8', value: '2' }] },
    ]);
  });
});

describe('decodeTypedData: definition hashes exactly what the page declared', () => {
  test('the definition carries the page\'s own EIP712Domain and only declared domain and message fields', () => {
    const page = { ...mail, domain: { ...mail.domain, salt: '0x01', extra: 'not declared' }, message: { ...mail.message, note: 'not declared' } };
    const { definition } = decodeTypedData(page);
    expect(definition.types.EIP712Domain).toEqual(domainType);
    expect(Object.keys(definition.domain)).toEqual(['name', 'version', 'chainId', 'verifyingContract']);
    expect(Object.keys(definition.message)).toEqual(['from', 'to', 'contents']);
  });

  test.each([
    { title: 'an EIP-2612 permit', page: permit },
    { title: 'nested structs (the EIP-712 example)', page: mail },
    { title: 'a domain carrying a field EIP712Domain does not list', page: { ...permit, domain: { ...permit.domain, salt: `0x${'11'.repeat(32)}` } } },
    {
      title: 'a domain with a salt',
      page: { ...mail, types: { ...mail.types, EIP712Domain: [...domainType, { name: 'salt', type: 'bytes32' }] }, domain: { ...mail.domain, salt: `0x${'ab'.repeat(32)}` } },
    },
    {
      title: 'a domain without chainId',
      page: { ...mail, types: { ...mail.types, EIP712Domain: domainType.filter((field) => field.name !== 'chainId') }, domain: { name: 'Ether Mail', version: '1', verifyingContract: mail.domain.verifyingContract } },
    },
    {
      title: 'domain fields declared in another order',
      page: { ...mail, types: { ...mail.types, EIP712Domain: [...domainType].reverse() } },
    },
    { title: 'an empty EIP712Domain', page: { ...mail, types: { ...mail.types, EIP712Domain: [] }, domain: {} } },
    {
      title: 'every atomic type, arrays of structs and nested fixed arrays',
      page: {
        types: {
          EIP712Domain: domainType,
          Person: mail.types.Person,
          Everything: [
            { name: 'flag', type: 'bool' },
            { name: 'delta', type: 'int256' },
            { name: 'small', type: 'int8' },
            { name: 'count', type: 'uint48' },
            { name: 'blob', type: 'bytes' },
            { name: 'tag', type: 'bytes4' },
            { name: 'root', type: 'bytes32' },
            { name: 'words', type: 'string[]' },
            { name: 'people', type: 'Person[]' },
            { name: 'grid', type: 'uint16[2][]' },
            { name: 'owner', type: 'address' },
          ],
        },
        primaryType: 'Everything',
        domain: mail.domain,
        message: {
          flag: true,
          delta: '-1000000000000000000000',
          small: -128,
          count: '0xffffffffffff',
          blob: '0xDEADbeef00',
          tag: '0x12345678',
          root: `0x${'Ab'.repeat(32)}`,
          words: ['☕', ''],
          people: [mail.message.from, mail.message.to],
          grid: [[1, 2], ['3', '0x4']],
          owner: merchant.toLowerCase(),
        },
      },
    },
  ])('a signature over it recovers under the page\'s types: $title', async ({ page }) => {
    await expectRecovers(page);
  });

  test('(control) deriving EIP712Domain from the domain object instead would sign something else', async () => {
    const page = { ...permit, domain: { ...permit.domain, salt: `0x${'11'.repeat(32)}` } };
    const { EIP712Domain: _declared, ...withoutDomain } = page.types;
    const signature = await signer.signTypedData({ ...page, types: withoutDomain } as never);
    const recovered = recoverTypedSignature({ data: page as never, signature, version: SignTypedDataVersion.V4 });
    expect(getAddress(recovered)).not.toBe(signer.address);
  });
});

describe('decodeTypedData: malformed typed data is refused in words', () => {
  const cyclic = { ...mail, types: { ...mail.types, Person: [...mail.types.Person, { name: 'friend', type: 'Person' }] } };
  const indirect = {
    ...mail,
    types: { EIP712Domain: domainType, A: [{ name: 'b', type: 'B[]' }], B: [{ name: 'a', type: 'A' }] },
    primaryType: 'A',
    message: { b: [] },
  };
  let deep: Record<string, unknown> = { value: 1 };
  const deepTypes: Record<string, Array<{ name: string; type: string }>> = { EIP712Domain: domainType, T0: [{ name: 'value', type: 'uint8' }] };
  for (let level = 1; level <= 40; level += 1) {
    deepTypes[`T${level}`] = [{ name: 'inner', type: `T${level - 1}` }];
    deep = { inner: deep };
  }
  test.each([
    { title: 'not JSON', input: '{oops', message: 'it is not valid JSON' },
    { title: 'not an object', input: '[1]', message: 'the typed data must be an object' },
    { title: 'no types', input: { ...permit, types: undefined }, message: 'it has no "types" object' },
    { title: 'no primaryType', input: { ...permit, primaryType: undefined }, message: 'it has no "primaryType"' },
    { title: 'no domain', input: { ...permit, domain: null }, message: 'it has no "domain" object' },
    { title: 'no message', input: { ...permit, message: 'hi' }, message: 'it has no "message" object' },
    { title: 'no EIP712Domain', input: { ...permit, types: { Permit: permit.types.Permit } }, message: 'it does not declare its "EIP712Domain" type' },
    { title: 'an undeclared primaryType', input: { ...permit, primaryType: 'Order' }, message: 'its "primaryType" "Order" is not declared' },
    { title: 'EIP712Domain as primaryType', input: { ...permit, primaryType: 'EIP712Domain' }, message: 'there is no message to sign' },
    { title: 'an unknown field type', input: { ...mail, types: { ...mail.types, Mail: [{ name: 'from', type: 'Persn' }] } }, message: '"types.Mail.from" has the type "Persn", which is neither built in nor declared' },
    { title: 'a bare uint', input: { ...mail, types: { ...mail.types, Mail: [{ name: 'n', type: 'uint' }] } }, message: 'has the type "uint"' },
    { title: 'uint7', input: { ...mail, types: { ...mail.types, Mail: [{ name: 'n', type: 'uint7' }] } }, message: 'has the type "uint7"' },
    { title: 'bytes33', input: { ...mail, types: { ...mail.types, Mail: [{ name: 'n', type: 'bytes33' }] } }, message: 'has the type "bytes33"' },
    { title: 'a function type', input: { ...mail, types: { ...mail.types, Mail: [{ name: 'n', type: 'function' }] } }, message: 'has the type "function"' },
    { title: 'a type referring to itself', input: cyclic, message: 'its types refer to themselves (Person → Person)' },
    { title: 'types referring to each other', input: indirect, message: 'its types refer to themselves (A → B → A)' },
    { title: 'a field declared twice', input: { ...mail, types: { ...mail.types, Person: [...mail.types.Person, { name: 'name', type: 'string' }] } }, message: 'declares "name" twice' },
    { title: 'a field without a type', input: { ...mail, types: { ...mail.types, Person: [{ name: 'name' }] } }, message: 'must be { name, type }' },
    { title: 'a non-standard domain field', input: { ...mail, types: { ...mail.types, EIP712Domain: [...domainType, { name: 'owner', type: 'address' }] } }, message: '"EIP712Domain" declares "owner"' },
    { title: 'a domain field of the wrong type', input: { ...mail, types: { ...mail.types, EIP712Domain: [{ name: 'chainId', type: 'string' }] } }, message: '"EIP712Domain.chainId" must be of type uint256' },
    { title: 'a declared domain field without a value', input: { ...permit, domain: { name: 'Demo USD', version: '1', chainId: 31337 } }, message: '"domain.verifyingContract" is declared (address) but has no value' },
    { title: 'a bad chain id', input: { ...permit, domain: { ...permit.domain, chainId: -1 } }, message: '"domain.chainId" must be a whole number between 0 and 2^256-1' },
    { title: 'a huge chain id', input: { ...permit, domain: { ...permit.domain, chainId: '0xffffffffffffffffff' } }, message: '"domain.chainId" is not a valid chain id' },
    { title: 'a bad address', input: { ...permit, message: { ...permit.message, spender: 'bob' } }, message: '"message.spender" is not a valid address' },
    { title: 'a bad checksum', input: { ...permit, message: { ...permit.message, spender: merchant.replace('d', 'D') } }, message: '"message.spender" is not a valid address' },
    { title: 'a negative uint', input: { ...permit, message: { ...permit.message, value: '-1' } }, message: '"message.value" must be a whole number between 0 and 2^256-1' },
    { title: 'a uint above 2^256', input: { ...permit, message: { ...permit.message, value: (2n ** 256n).toString() } }, message: '"message.value" must be a whole number' },
    { title: 'an unsafe JS number', input: { ...permit, message: { ...permit.message, value: 1e21 } }, message: '"message.value" must be a whole number' },
    { title: 'a fraction', input: { ...permit, message: { ...permit.message, value: '1.5' } }, message: '"message.value" must be a whole number' },
    { title: 'a number in exponent form', input: { ...permit, message: { ...permit.message, value: '1e18' } }, message: '"message.value" must be a whole number' },
    { title: 'a missing message field', input: { ...permit, message: { ...permit.message, nonce: undefined } }, message: '"message.nonce" is declared (uint256) but has no value' },
    { title: 'text in a bytes field', input: { ...mail, types: { ...mail.types, Mail: [{ name: 'b', type: 'bytes' }] }, message: { b: 'hello' } }, message: '"message.b" must be hex bytes' },
    { title: 'a short bytes32', input: { ...mail, types: { ...mail.types, Mail: [{ name: 'b', type: 'bytes32' }] }, message: { b: '0x01' } }, message: '"message.b" must be exactly 32 bytes' },
    { title: 'a bool given as text', input: { ...mail, types: { ...mail.types, Mail: [{ name: 'b', type: 'bool' }] }, message: { b: 'true' } }, message: '"message.b" must be true or false' },
    { title: 'a null struct', input: { ...mail, message: { ...mail.message, to: null } }, message: '"message.to" must be an object of type Person' },
    { title: 'a fixed array of the wrong length', input: { ...mail, types: { ...mail.types, Mail: [{ name: 'p', type: 'uint8[2]' }] }, message: { p: [1] } }, message: '"message.p" must hold exactly 2 entries (got 1)' },
    { title: 'a list where a struct is declared', input: { ...mail, message: { ...mail.message, from: [] } }, message: '"message.from" must be an object of type Person' },
    { title: 'a struct named like a built-in type', input: { ...mail, types: { ...mail.types, address: [{ name: 'a', type: 'uint8' }] } }, message: 'the type name "address" is a built-in type' },
    { title: 'a type name with brackets', input: { ...mail, types: { ...mail.types, 'Person[]': [{ name: 'a', type: 'uint8' }] } }, message: 'the type name "Person[]" is not a valid name' },
    { title: 'a field type with a space', input: { ...mail, types: { ...mail.types, Mail: [{ name: 'n', type: 'uint256 ' }] } }, message: 'has a malformed type "uint256 "' },
    { title: 'an array size of zero', input: { ...mail, types: { ...mail.types, Mail: [{ name: 'n', type: 'uint8[0]' }] } }, message: 'has a malformed array size' },
    { title: 'a __proto__ field', input: JSON.stringify({ ...mail, types: { ...mail.types, Mail: [{ name: '__proto__', type: 'string' }] } }), message: 'the field name "__proto__" in "types.Mail" is not a valid name' },
    { title: 'more than 256 KB', input: JSON.stringify({ ...mail, message: { ...mail.message, contents: 'x'.repeat(300_000) } }), message: 'it is larger than 256 KB' },
    { title: 'an object of more than 256 KB', input: { ...mail, message: { ...mail.message, contents: 'x'.repeat(300_000) } }, message: 'it is larger than 256 KB' },
    { title: 'nesting 40 levels deep', input: { ...mail, types: deepTypes, primaryType: 'T40', message: deep }, message: 'is nested more than 32 levels deep' },
  ])('refuses $title', ({ input, message }) => {
    expect(() => decodeTypedData(input)).toThrowError(InvalidPayRequestError);
    expect(() => decodeTypedData(input)).toThrowError(message);
  });
});
