// Shared values for the pipeline's unit tests (not a test file itself).
import type { Effect } from '@commonguard/sdk/effects';
import type { RiskPolicy } from '@commonguard/sdk/risk';
import { type Address, parseEther, parseUnits } from 'viem';
import type { Context, Understanding, WalletRequest } from './types.js';

export const me: Address = '0x976EA74026E726554dB657fA54763abd0C3a0aa9';
export const coffee: Address = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
export const blocked: Address = '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f';
export const cgUsd: Address = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707';
export const ETH: Address = '0x0000000000000000000000000000000000000000';
export const NOW = 1_800_000_000_000;

export const policy: RiskPolicy = {
  version: 7n,
  warnAt: 40,
  blockAt: 80,
  unlimitedApprovalsAllowed: false,
  tokenLimits: [
    { token: ETH, maxSinglePayment: parseEther('1'), dailyCap: parseEther('2'), maxFirstPayment: parseEther('0.25') },
    { token: cgUsd, maxSinglePayment: parseUnits('500', 6), dailyCap: parseUnits('1000', 6), maxFirstPayment: parseUnits('100', 6) },
  ],
};

export function context(overrides: Partial<Context> = {}): Context {
  return {
    policy: { address: '0x0000000000000000000000000000000000000001', snapshot: policy, readAt: NOW },
    parties: { [coffee.toLowerCase()]: { status: 'trusted', note: 'Corner Coffee', isContract: false, isToken: false }, [blocked.toLowerCase()]: { status: 'blocked', note: 'Fake invoices', isContract: false, isToken: false } },
    tokens: { [cgUsd.toLowerCase()]: { symbol: 'cgUSD', decimals: 6 } },
    originStatus: { status: 'trusted', note: 'Demo shop' },
    history: [{ token: cgUsd, to: coffee, amount: parseUnits('5', 6), timestamp: NOW - 48 * 3_600_000 }],
    now: NOW,
    ...overrides,
  };
}

export function paying(effects: Effect[], overrides: Partial<Understanding> = {}): Understanding {
  return { action: 'Pay', effects: { basis: 'simulation', effects }, concerns: [], failure: null, movesMoney: true, details: { kind: 'none' }, label: 'Payment', ...overrides };
}

export const payRequest = (amount: bigint, to: Address = coffee): WalletRequest => ({
  kind: 'transaction',
  origin: 'http://localhost:5174',
  account: me,
  source: 'sendTransaction',
  action: { kind: 'tokenTransfer', method: 'transfer', token: cgUsd, to, amount },
  call: { to: cgUsd, value: 0n, data: '0x' },
});

/** Typed data a page may ask the wallet to sign, for `chainId` (the smallest with a chain in its domain). */
export const noteToSign = (chainId: number) => ({
  types: {
    EIP712Domain: [
      { name: 'name', type: 'string' },
      { name: 'chainId', type: 'uint256' },
    ],
    Note: [{ name: 'text', type: 'string' }],
  },
  primaryType: 'Note',
  domain: { name: 'Shop', chainId },
  message: { text: 'order 42' },
});
