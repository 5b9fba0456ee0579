import { type Address, parseEther } from 'viem';
import { bench, describe } from 'vitest';
import { NATIVE_TOKEN } from '../decode/index.js';
import { syntheticHistory } from './benchmark/cost.js';
import { BENCH_POLICY, BENCH_USD } from './benchmark/generate.js';
import { type AssessPaymentInput, assessPayment, assessRequest, type PastPayment, ShopperProfile } from './index.js';

const coffee: Address = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
const now = Date.now();
// A shopper with 200 past payments across 20 recipients: more than a real wallet keeps.
const history: PastPayment[] = Array.from({ length: 200 }, (_, i) => ({
  token: NATIVE_TOKEN,
  to: `0x${(i % 20).toString(16).padStart(40, '0')}` as Address,
  amount: parseEther('0.01') + BigInt(i) * 10n ** 14n,
  timestamp: now - i * 3_600_000,
}));
const input: AssessPaymentInput = {
  action: { kind: 'nativeTransfer', token: NATIVE_TOKEN, to: coffee, amount: parseEther('0.3') },
  policy: {
    version: 3n,
    warnAt: 40,
    blockAt: 80,
    unlimitedApprovalsAllowed: false,
    tokenLimits: [{ token: NATIVE_TOKEN, maxSinglePayment: parseEther('1'), dailyCap: parseEther('2'), maxFirstPayment: parseEther('0.25') }],
  },
  merchantStatus: 'trusted',
  originStatus: 'unknown',
  origin: 'http://localhost:5174',
  recipient: { isContract: false, isToken: false },
  token: { symbol: 'ETH', decimals: 18 },
  history,
  now,
};

describe('risk engine', () => {
  bench('assessPayment, 200 past payments', () => {
    assessPayment(input);
  });
  bench('assessPayment, empty history', () => {
    assessPayment({ ...input, history: [] });
  });
});

describe('assessRequest with the shopper profile the wallet keeps in memory', () => {
  const big = syntheticHistory(10_000);
  const profile = ShopperProfile.fromHistory(big);
  const review = {
    effects: { basis: 'simulation' as const, effects: [{ kind: 'assetOut' as const, token: BENCH_USD, to: coffee, amount: 25_000_000n }] },
    parties: {},
    tokens: {},
    policy: BENCH_POLICY,
    originStatus: 'unknown' as const,
    origin: 'https://new.example',
    now: (big[0]?.timestamp ?? 0) + 60_000,
  };
  bench('10,000 past payments, with the profile', () => {
    assessRequest({ ...review, profile });
  });
  bench('10,000 past payments, profile built from the history', () => {
    assessRequest({ ...review, history: big });
  });
});
