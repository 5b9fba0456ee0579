import { type Address, parseEther } from 'viem';
import { decodeMessage, decodeTypedData } from '@commonguard/sdk/decode';
import { createSiweMessage } from 'viem/siwe';
import { describe, expect, test } from 'vitest';
import { understandMessage, understandTransaction, understandTypedData } from './understand.js';

const me: Address = '0x976EA74026E726554dB657fA54763abd0C3a0aa9';
const coffee: Address = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
const blocked: Address = '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f';
const cgUsd: Address = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707';
const router: Address = '0xa513E6E4b8f2a923D98304ec87F64353C4D5C853';
const ETH: Address = '0x0000000000000000000000000000000000000000';

describe('understandTransaction', () => {
  test('the simulation decides: a transfer with a trailing byte pays what it really pays', () => {
    const understanding = understandTransaction({
      action: { kind: 'contractCall', to: cgUsd, value: 0n, data: '0xa9059cbb00', selector: '0xa9059cbb' },
      account: me,
      simulation: { kind: 'ran', result: { ok: true, effects: [{ kind: 'assetOut', token: cgUsd, to: blocked, amount: 10n ** 12n }] } },
    });
    expect(understanding.effects).toEqual({ basis: 'simulation', effects: [{ kind: 'assetOut', token: cgUsd, to: blocked, amount: 10n ** 12n }] });
    expect(understanding.target).toEqual({ address: cgUsd, recognised: 'unknown' });
    expect(understanding.concerns).toEqual([]);
    expect(understanding.action).toBe('Send');
  });

  test('decoding adds what a silent token did not log, never removes what the simulation saw', () => {
    const understanding = understandTransaction({
      action: { kind: 'tokenTransfer', method: 'transfer', token: cgUsd, to: coffee, amount: 5n },
      account: me,
      simulation: { kind: 'ran', result: { ok: true, effects: [] } },
    });
    expect(understanding.effects.effects).toEqual([{ kind: 'assetOut', token: cgUsd, to: coffee, amount: 5n }]);
    expect(understanding.action).toBe('Pay');
  });

  test('without eth_simulateV1 an opaque call is "cannot tell"; a plain transfer is read from its calldata', () => {
    const opaque = understandTransaction({ action: { kind: 'contractCall', to: router, value: 0n, data: '0x12345678', selector: '0x12345678' }, account: me, simulation: { kind: 'unavailable', reason: 'your RPC does not offer eth_simulateV1' } });
    expect(opaque.effects.basis).toBe('unknown');
    expect(opaque.effects.note).toContain('your RPC does not offer eth_simulateV1');
    expect(opaque.concerns.map((concern) => concern.rule)).toEqual(['cannotTell']);
    const plain = understandTransaction({ action: { kind: 'nativeTransfer', token: ETH, to: coffee, amount: 1n }, account: me, simulation: { kind: 'unavailable', reason: 'x' } });
    expect(plain.effects).toMatchObject({ basis: 'decoding', effects: [{ kind: 'assetOut', to: coffee, amount: 1n }] });
    expect(plain.concerns).toEqual([]);
  });

  test('a deployment that would succeed shows no failure, names the new contract, and is "cannot tell"', () => {
    const understanding = understandTransaction({ action: { kind: 'contractCall', to: undefined, value: parseEther('1'), data: '0x6080', selector: '0x6080' }, account: me, nonce: 3, simulation: { kind: 'deployment', succeeds: true } });
    expect(understanding.failure).toBeNull();
    expect(understanding.action).toBe('Deploy');
    expect(understanding.effects.effects).toEqual([{ kind: 'assetOut', token: ETH, to: expect.stringMatching(/^0x[0-9a-fA-F]{40}$/), amount: parseEther('1') }]);
    expect(understanding.concerns[0]?.message).toContain('setup code');
  });

  test('a simulation that fails says so in words', () => {
    const understanding = understandTransaction({ action: { kind: 'nativeTransfer', token: ETH, to: coffee, amount: 1n }, account: me, simulation: { kind: 'ran', result: { ok: false, failedCall: 0, error: 'insufficient funds' } } });
    expect(understanding.failure).toBe('The simulation says this would fail: insufficient funds');
  });

  test('setApprovalForAll is a standard call whose button says Allow; the community’s own contracts are recognised', () => {
    const data = `0xa22cb465${coffee.slice(2).padStart(64, '0')}${'1'.padStart(64, '0')}` as const;
    const understanding = understandTransaction({
      action: { kind: 'contractCall', to: router, value: 0n, data, selector: '0xa22cb465' },
      account: me,
      simulation: { kind: 'ran', result: { ok: true, effects: [{ kind: 'operator', token: router, operator: coffee, approved: true }] } },
      communityContracts: new Set([cgUsd.toLowerCase()]),
    });
    expect(understanding.action).toBe('Allow');
    expect(understanding.target?.recognised).toBe('standard');
    const governor = cgUsd;
    const vote = { kind: 'vote' as const, proposalId: 1n, support: 'for' as const };
    const community = understandTransaction({ action: { kind: 'contractCall', to: governor, value: 0n, data: '0x56781388', selector: '0x56781388' }, account: me, simulation: { kind: 'ran', result: { ok: true, effects: [] } }, communityContracts: new Set([governor.toLowerCase()]), community: vote });
    expect(community.target?.recognised).toBe('community');
    expect(community.action).toBe('Vote');
    // Another function of the same contract, not named by the sdk, is judged like any contract call.
    const other = understandTransaction({ action: { kind: 'contractCall', to: governor, value: 0n, data: '0x12345678', selector: '0x12345678' }, account: me, simulation: { kind: 'ran', result: { ok: true, effects: [] } }, communityContracts: new Set([governor.toLowerCase()]) });
    expect(other.target?.recognised).toBe('unknown');
  });
});

const message = (text: string, origin: string | null = 'http://localhost:5174') => ({
  kind: 'message' as const,
  origin,
  account: me,
  message: text,
  raw: /^0x([0-9a-fA-F]{2})*$/.test(text),
  decoded: decodeMessage(text, { origin, account: me, chainId: 31337 }),
});

describe('understandMessage', () => {
  test('text is shown in full and moves no money', () => {
    const text = 'x'.repeat(10_000);
    const understanding = understandMessage(message(text));
    expect(understanding.details).toEqual({ kind: 'text', text, signIn: false });
    expect(understanding.movesMoney).toBe(false);
  });

  test('a 32-byte hash and bytes that are not text are blind signatures: a concern, and the hex is shown', () => {
    const hash = `0x${'ab'.repeat(32)}`;
    const blind = understandMessage(message(hash));
    expect(blind.details).toMatchObject({ kind: 'blind', hex: hash });
    expect(blind.concerns.map((concern) => concern.rule)).toEqual(['blindSignature']);
    expect(blind.movesMoney).toBe(true);
    expect(understandMessage(message('0xff00fe')).concerns.map((c) => c.rule)).toEqual(['blindSignature']);
    expect(understandMessage(message('0x68656c6c6f')).details).toEqual({ kind: 'text', text: 'hello', signIn: false });
  });

  test('a Sign-In with Ethereum message for another site warns in words; its button says Sign in', () => {
    const siwe = createSiweMessage({ domain: 'shop.example', address: me, uri: 'https://shop.example/login', version: '1', chainId: 31337, nonce: 'abcdefgh1234' });
    const understanding = understandMessage(message(siwe, 'http://evil.example'));
    expect(understanding.action).toBe('Sign in');
    expect(understanding.concerns.map((concern) => concern.rule)).toEqual(['signInMismatch']);
    expect(understanding.concerns[0]?.message).toContain('shop.example');
    expect(understandMessage(message(siwe, 'https://shop.example')).concerns).toEqual([]);
  });
});

const domain = { name: 'Permit2', chainId: 31337, verifyingContract: '0x000000000022D473030F116dDEE9F6B43aC78BA3' };
const domainType = [
  { name: 'name', type: 'string' },
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
];

describe('understandTypedData', () => {
  test('an unknown kind of message shows its domain tree and is "cannot tell"', () => {
    const decoded = decodeTypedData({ domain, primaryType: 'Order', types: { EIP712Domain: domainType, Order: [{ name: 'a', type: 'uint256' }] }, message: { a: 1 } });
    const understanding = understandTypedData({ kind: 'typedData', origin: null, account: me, decoded });
    expect(understanding.concerns.map((concern) => concern.rule)).toEqual(['cannotTell']);
    expect(understanding.movesMoney).toBe(true);
    expect(understanding.details).toMatchObject({ kind: 'typedData', primaryType: 'Order', message: [{ name: 'a', type: 'uint256', value: '1' }] });
  });

  test('an unlimited Permit2 allowance is an allowance; its button says Allow', () => {
    const decoded = decodeTypedData({
      domain,
      primaryType: 'PermitSingle',
      types: {
        EIP712Domain: domainType,
        PermitSingle: [
          { name: 'details', type: 'PermitDetails' },
          { name: 'spender', type: 'address' },
          { name: 'sigDeadline', type: 'uint256' },
        ],
        PermitDetails: [
          { name: 'token', type: 'address' },
          { name: 'amount', type: 'uint160' },
          { name: 'expiration', type: 'uint48' },
          { name: 'nonce', type: 'uint48' },
        ],
      },
      message: { details: { token: cgUsd, amount: (2n ** 160n - 1n).toString(), expiration: '1900000000', nonce: '0' }, spender: router, sigDeadline: '1900000000' },
    });
    const understanding = understandTypedData({ kind: 'typedData', origin: null, account: me, decoded });
    expect(understanding.action).toBe('Allow');
    expect(understanding.effects.effects).toEqual([expect.objectContaining({ kind: 'allowance', token: cgUsd, spender: router, unlimited: true })]);
    expect(understanding.concerns).toEqual([]);
  });
});
