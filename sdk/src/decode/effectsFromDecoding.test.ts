import type { Address } from 'viem';
import { describe, expect, test } from 'vitest';
import { effectsFromDecoding } from './effectsFromDecoding.js';
import { NATIVE_TOKEN } from './types.js';

const me: Address = '0x976EA74026E726554dB657fA54763abd0C3a0aa9';
const router: Address = '0xa513E6E4b8f2a923D98304ec87F64353C4D5C853';
const coffee: Address = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
const cgUsd: Address = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707';

describe('effectsFromDecoding', () => {
  test('transfers and approvals name their effects; an opaque call pays its value and is marked opaque', () => {
    expect(effectsFromDecoding({ account: me, action: { kind: 'tokenTransfer', method: 'transfer', token: cgUsd, to: coffee, amount: 5n } })).toEqual({
      effects: [{ kind: 'assetOut', token: cgUsd, to: coffee, amount: 5n }],
      opaque: false,
    });
    expect(effectsFromDecoding({ account: me, action: { kind: 'contractCall', to: router, value: 3n, data: '0x12345678', selector: '0x12345678' } })).toEqual({
      effects: [{ kind: 'assetOut', token: NATIVE_TOKEN, to: router, amount: 3n }],
      opaque: true,
    });
  });

  test('a deployment pays the contract it creates (named from the nonce)', () => {
    // anvil's first account's first contract: the address every local deployment starts with.
    const account: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
    const { effects } = effectsFromDecoding({ account, nonce: 0, action: { kind: 'contractCall', to: undefined, value: 1n, data: '0x6080', selector: '0x6080' } });
    expect(effects).toEqual([{ kind: 'assetOut', token: NATIVE_TOKEN, to: '0x5FbDB2315678afecb367f032d93F642f64180aa3', amount: 1n }]);
  });
});
