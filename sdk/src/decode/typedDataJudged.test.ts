import { type Address, parseUnits } from 'viem';
import { describe, expect, test } from 'vitest';
import { type AssessRequestInput, assessRequest, type RiskPolicy } from '../risk/index.js';
import { decodeTypedData, NATIVE_TOKEN, PERMIT2_ADDRESS } from './index.js';
import { SEAPORT_TYPES } from './seaport.js';

// Signatures meet the same community rules as payments: the decoder's effects go into assessRequest as they are.
const cgUsd: Address = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707';
const coffee: Address = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
const blocked: Address = '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f';
const router: Address = '0xa513E6E4b8f2a923D98304ec87F64353C4D5C853';
const shopper: Address = '0x976EA74026E726554dB657fA54763abd0C3a0aa9';
const NOW = 1_790_000_000_000;

const policy: RiskPolicy = {
  version: 7n,
  warnAt: 40,
  blockAt: 80,
  unlimitedApprovalsAllowed: false,
  tokenLimits: [{ token: cgUsd, maxSinglePayment: parseUnits('500', 6), dailyCap: parseUnits('1000', 6), maxFirstPayment: parseUnits('100', 6) }],
};

function judge(page: object) {
  const decoded = decodeTypedData(page);
  const input: AssessRequestInput = {
    effects: { basis: 'decoding', effects: decoded.effects },
    parties: {
      [coffee.toLowerCase()]: { status: 'trusted', note: 'Corner Coffee', isContract: false, isToken: false },
      [blocked.toLowerCase()]: { status: 'blocked', note: 'Reported for fake invoices', isContract: false, isToken: false },
      [router.toLowerCase()]: { status: 'unknown', isContract: true, isToken: false },
    },
    tokens: { [cgUsd.toLowerCase()]: { symbol: 'cgUSD', decimals: 6 }, [NATIVE_TOKEN]: { symbol: 'ETH', decimals: 18 } },
    policy,
    originStatus: 'unknown',
    origin: 'http://shop.example',
    history: [],
    now: NOW,
  };
  return assessRequest(input);
}

const domain = (fields: string[]) =>
  fields.map((name) => ({ name, type: { name: 'string', version: 'string', chainId: 'uint256', verifyingContract: 'address' }[name] as string }));

describe('decoded signatures are judged by the community rules', () => {
  test('an unlimited Permit2 allowance is blocked by "unlimited approvals forbidden"', () => {
    const result = judge({
      types: {
        EIP712Domain: domain(['name', 'chainId', 'verifyingContract']),
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
      primaryType: 'PermitSingle',
      domain: { name: 'Permit2', chainId: 31337, verifyingContract: PERMIT2_ADDRESS },
      message: { details: { token: cgUsd, amount: (2n ** 160n - 1n).toString(), expiration: 1_800_000_000, nonce: 0 }, spender: router, sigDeadline: 1_790_003_600 },
    });
    expect(result.level).toBe('block');
    expect(result.reasons.map((reason) => reason.rule)).toContain('unlimitedApproval');
  });

  test('a DAI-style permit with allowed: true is blocked by the same rule', () => {
    const result = judge({
      types: {
        EIP712Domain: domain(['name', 'version', 'chainId', 'verifyingContract']),
        Permit: [
          { name: 'holder', type: 'address' },
          { name: 'spender', type: 'address' },
          { name: 'nonce', type: 'uint256' },
          { name: 'expiry', type: 'uint256' },
          { name: 'allowed', type: 'bool' },
        ],
      },
      primaryType: 'Permit',
      domain: { name: 'Demo USD', version: '1', chainId: 31337, verifyingContract: cgUsd },
      message: { holder: shopper, spender: router, nonce: 0, expiry: 0, allowed: true },
    });
    expect(result.level).toBe('block');
    expect(result.reasons.map((reason) => reason.rule)).toContain('unlimitedApproval');
  });

  test('an EIP-3009 authorisation to a blocked merchant over the limit is blocked by the recipient and the limits', () => {
    const result = judge({
      types: {
        EIP712Domain: domain(['name', 'version', 'chainId', 'verifyingContract']),
        TransferWithAuthorization: [
          { name: 'from', type: 'address' },
          { name: 'to', type: 'address' },
          { name: 'value', type: 'uint256' },
          { name: 'validAfter', type: 'uint256' },
          { name: 'validBefore', type: 'uint256' },
          { name: 'nonce', type: 'bytes32' },
        ],
      },
      primaryType: 'TransferWithAuthorization',
      domain: { name: 'Demo USD', version: '1', chainId: 31337, verifyingContract: cgUsd },
      message: { from: shopper, to: blocked, value: parseUnits('600', 6).toString(), validAfter: 0, validBefore: 1_790_003_600, nonce: `0x${'01'.repeat(32)}` },
    });
    expect(result.level).toBe('block');
    expect(result.reasons.map((reason) => reason.rule)).toEqual(expect.arrayContaining(['blockedMerchant', 'maxSinglePayment']));
  });

  test('a Seaport listing that gives an item away for nothing is not allowed silently', () => {
    const item = (extra: object) => ({ itemType: 2, token: router, identifierOrCriteria: 7, startAmount: 1, endAmount: 1, ...extra });
    const result = judge({
      types: {
        EIP712Domain: domain(['name', 'version', 'chainId', 'verifyingContract']),
        // This test is about the judgement: the types are the decoder's own (typedDataStandards.test.ts checks them against Seaport's).
        ...SEAPORT_TYPES,
      },
      primaryType: 'OrderComponents',
      domain: { name: 'Seaport', version: '1.6', chainId: 31337, verifyingContract: '0x0000000000000068F116a894984e2DB1123eB395' },
      message: {
        offerer: shopper,
        zone: NATIVE_TOKEN,
        offer: [item({})],
        consideration: [{ ...item({ itemType: 0, token: NATIVE_TOKEN, identifierOrCriteria: 0, startAmount: 1, endAmount: 1 }), recipient: blocked }],
        orderType: 0,
        startTime: 0,
        endTime: 1_800_000_000,
        zoneHash: `0x${'00'.repeat(32)}`,
        salt: 1,
        conduitKey: `0x${'00'.repeat(32)}`,
        counter: 0,
      },
    });
    expect(result.level).not.toBe('allow');
    expect(result.reasons.map((reason) => reason.rule)).toContain('itemsLeaving');
  });
});
