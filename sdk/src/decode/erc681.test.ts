import { describe, expect, test } from 'vitest';
import { InvalidPaymentLinkError, NATIVE_TOKEN, parsePaymentLink } from './index.js';

const merchant = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
const token = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

describe('parsePaymentLink', () => {
  test.each([
    { uri: `ethereum:${merchant}@31337?value=2.014e18`, chainId: 31337, action: { kind: 'nativeTransfer', token: NATIVE_TOKEN, to: merchant, amount: 2014000000000000000n } },
    { uri: `ethereum:${merchant}?value=1000`, chainId: undefined, action: { kind: 'nativeTransfer', to: merchant, amount: 1000n } },
    { uri: `ethereum:pay-${merchant}@1?value=1e16`, chainId: 1, action: { kind: 'nativeTransfer', amount: 10n ** 16n } },
    { uri: `ethereum:${merchant}@31337?value=1E+3`, chainId: 31337, action: { kind: 'nativeTransfer', amount: 1000n } },
    { uri: `ethereum:${merchant}@31337?value=1.50e1`, chainId: 31337, action: { kind: 'nativeTransfer', amount: 15n } },
    { uri: `ethereum:${merchant}`, chainId: undefined, action: { kind: 'nativeTransfer', amount: 0n } },
    { uri: `ethereum:${merchant}@31337?value=1e18&gas=21000&gasPrice=1e9`, chainId: 31337, action: { kind: 'nativeTransfer', amount: 10n ** 18n } },
    { uri: `ethereum:${merchant.toLowerCase()}?value=5`, chainId: undefined, action: { kind: 'nativeTransfer', to: merchant, amount: 5n } },
    {
      uri: `ethereum:${token}@31337/transfer?address=${merchant}&uint256=2.5e19`,
      chainId: 31337,
      action: { kind: 'tokenTransfer', method: 'transfer', token, to: merchant, amount: 25n * 10n ** 18n },
    },
    {
      uri: `ethereum:${token}/transfer?uint256=7&address=${merchant}&value=0`,
      chainId: undefined,
      action: { kind: 'tokenTransfer', token, to: merchant, amount: 7n },
    },
  ])('parses $uri', ({ uri, chainId, action }) => {
    const result = parsePaymentLink(uri);
    expect(result.chainId).toBe(chainId);
    expect(result.action).toMatchObject(action);
  });

  test.each([
    { uri: 'bitcoin:1abc', reason: 'it does not start with "ethereum:"' },
    { uri: 'ethereum:', reason: '"(empty)" is not an address' },
    { uri: 'ethereum:vitalik.eth?value=1', reason: 'the name "vitalik.eth" would need an ENS lookup' },
    { uri: 'ethereum:0x1234?value=1', reason: 'the target address "0x1234" is not a valid address' },
    { uri: `ethereum:${merchant.replace('d', 'D')}?value=1`, reason: 'is not a valid address' },
    { uri: `ethereum:${merchant}@abc?value=1`, reason: 'the chain id "abc" is not a positive whole number' },
    { uri: `ethereum:${merchant}@0?value=1`, reason: 'the chain id "0" is not a positive whole number' },
    { uri: `ethereum:${merchant}?value=-1`, reason: '"value" cannot be negative' },
    { uri: `ethereum:${merchant}?value=1.5`, reason: '"value" = 1.5 is not a whole number of base units' },
    { uri: `ethereum:${merchant}?value=2.0145e3`, reason: 'is not a whole number of base units' },
    { uri: `ethereum:${merchant}?value=abc`, reason: '"value" is not a number ("abc")' },
    { uri: `ethereum:${merchant}?value=0x10`, reason: '"value" is not a number' },
    { uri: `ethereum:${merchant}?value=1e80`, reason: 'is too large' },
    { uri: `ethereum:${merchant}?value=1&value=2`, reason: 'the parameter "value" appears twice' },
    { uri: `ethereum:${merchant}?value`, reason: 'the parameter "value" has no value' },
    { uri: `ethereum:${merchant}?amount=1`, reason: 'the parameter "amount" is not understood' },
    { uri: `ethereum:${merchant}?value=%E0%A4%A`, reason: 'is not correctly encoded' },
    { uri: `ethereum:${token}/approve?address=${merchant}&uint256=1`, reason: 'the function "approve" is not supported' },
    { uri: `ethereum:${token}/transfer?uint256=1`, reason: 'a token transfer needs "address=<recipient>"' },
    { uri: `ethereum:${token}/transfer?address=${merchant}`, reason: 'a token transfer needs "uint256=<amount>"' },
    { uri: `ethereum:${token}/transfer?address=0xabc&uint256=1`, reason: 'the recipient ("address") "0xabc" is not a valid address' },
    { uri: `ethereum:${token}/transfer?address=${merchant}&uint256=1&value=5`, reason: 'cannot also send the native coin' },
    { uri: `ethereum:${merchant}?value=${'1'.repeat(3000)}`, reason: 'it is longer than 2048 characters' },
  ])('refuses $uri', ({ uri, reason }) => {
    let error: unknown;
    try {
      parsePaymentLink(uri);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidPaymentLinkError);
    expect((error as InvalidPaymentLinkError).shortMessage).toContain(reason);
    expect((error as InvalidPaymentLinkError).shortMessage).toMatch(/^This payment link cannot be used: .+\.$/);
  });
});
