import type { Address } from 'viem';
import { assessRequest } from '../assessRequest.js';
import { ShopperProfile } from '../profile.js';
import type { AssessRequestInput, PastPayment } from '../types.js';
import { BENCH_NOW, BENCH_POLICY, BENCH_USD } from './generate.js';
import { Random } from './random.js';

/** What one review costs with a history of `payments` past payments, in microseconds (medians). */
export type CostRow = {
  payments: number;
  /** The wallet's path: the profile is kept in memory, the review reads it. */
  withProfileMicros: number;
  /** No profile passed: one is built from the raw history on every review. */
  fromHistoryMicros: number;
  /** Building the profile once from the history. */
  buildMicros: number;
  /** Adding one payment to the profile (and settling it). */
  addMicros: number;
};

/** A history of `length` payments over 40 recipients and 8 sites, one every two hours, newest first. */
export function syntheticHistory(length: number, seed = 7): PastPayment[] {
  const random = new Random(seed);
  const recipients = Array.from({ length: 40 }, () => random.address());
  const sites = Array.from({ length: 8 }, (_, i) => `https://shop-${i}.example`);
  return Array.from({ length }, (_, i) => ({
    token: BENCH_USD,
    to: random.pick(recipients),
    amount: BigInt(Math.round(random.logUniform(2, 60) * 1e6)),
    timestamp: BENCH_NOW - (i + 1) * 2 * 3_600_000,
    origin: random.pick(sites),
    status: 'confirmed' as const,
    id: `cost:${i}`,
  }));
}

/** A first payment to a new recipient on an unreviewed site: every part of the model runs. */
function review(history: readonly PastPayment[]): Omit<AssessRequestInput, 'profile' | 'history'> {
  const to: Address = '0x1111111111111111111111111111111111111111';
  return {
    effects: { basis: 'simulation', effects: [{ kind: 'assetOut', token: BENCH_USD, to, amount: 25_000_000n }] },
    parties: { [to]: { status: 'unknown', isContract: false, isToken: false } },
    tokens: { [BENCH_USD]: { symbol: 'cgUSD', decimals: 6 } },
    policy: BENCH_POLICY,
    originStatus: 'unknown',
    origin: 'https://new.example',
    now: (history[0]?.timestamp ?? BENCH_NOW) + 60_000,
  };
}

/** Median duration of `run`, in microseconds, over `rounds` rounds of `inner` calls (after a warm-up). */
export function timeMicros(run: () => void, rounds = 15, inner = 50): number {
  for (let i = 0; i < inner; i++) run();
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) samples.push(timeOnce(run, inner));
  return medianOf(samples);
}

function timeOnce(run: () => void, inner: number): number {
  const start = performance.now();
  for (let i = 0; i < inner; i++) run();
  return ((performance.now() - start) * 1000) / inner;
}

function medianOf(samples: number[]): number {
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1] as number;
}

/**
 * Measures the review's cost for each history size. The reviews with a profile, the figure the goal is
 * about, are timed in interleaved rounds (each round times every size), so a busy machine slows all
 * sizes alike instead of whichever ran at the wrong moment.
 */
export function measureCost(sizes: readonly number[] = [0, 1_000, 10_000]): CostRow[] {
  const setups = sizes.map((payments) => {
    const history = syntheticHistory(payments);
    return { payments, history, input: review(history), profile: ShopperProfile.fromHistory(history) };
  });
  const withProfile = setups.map((): number[] => []);
  for (let round = 0; round < 31; round++)
    setups.forEach(({ input, profile }, i) => {
      const run = () => assessRequest({ ...input, profile });
      if (round === 0) timeOnce(run, 500); // warm-up
      else withProfile[i]?.push(timeOnce(run, 200));
    });
  return setups.map(({ payments, history, input, profile }, i) => {
    const inner = payments >= 10_000 ? 2 : payments >= 1_000 ? 10 : 200;
    let n = 0;
    return {
      payments,
      withProfileMicros: medianOf(withProfile[i] ?? []),
      fromHistoryMicros: timeMicros(() => assessRequest({ ...input, history }), 9, inner),
      buildMicros: timeMicros(() => ShopperProfile.fromHistory(history), 9, inner),
      addMicros: timeMicros(() => {
        const id = `add:${n++}`;
        profile.add({ token: BENCH_USD, to: '0x2222222222222222222222222222222222222222', amount: 5_000_000n, timestamp: input.now, origin: null, status: 'pending', id });
        profile.settle(id, 'confirmed');
      }, 9, 200),
    };
  });
}
