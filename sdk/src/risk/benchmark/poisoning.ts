import type { Address, Hex } from 'viem';
import { NATIVE_TOKEN } from '../../decode/types.js';
import { classifyTransfer, type SeenToken, type SuspiciousTransfer } from '../poisoning.js';
import { BENCH_SIGNER } from './orders.js';
import type { Random } from './random.js';

/** One address-poisoning campaign: the address it imitates, the look-alikes it planted, and the primers the wallet found. */
export type PoisoningCampaign = { target: Address; lookAlikes: Address[]; primers: SuspiciousTransfer[] };

/**
 * What an attacker plants in a shopper's transfers to get a look-alike of `target` copied (README.md,
 * `addressPoisoning`): 1–3 look-alikes, each primed in one of the real ways (a zero-value `transferFrom` of the
 * shopper's stablecoin (6 decimals), zero or one base unit sent from the look-alike, or a copycat token calling itself cgUSD
 * or ETH whose "payment" mimics `amount`), plus 0–2 primers of other campaigns against addresses the shopper
 * never deals with. Each is read by the wallet's own classifier, as the wallet reads the chain's logs.
 */
export function poisoningCampaign(random: Random, { target, amount, stablecoin, blockNumber }: { target: Address; amount: bigint; stablecoin: Address; blockNumber: bigint }): PoisoningCampaign {
  const lookAlikes = Array.from({ length: random.int(1, 3) }, () => random.lookAlike(target));
  const primers = [...lookAlikes, ...Array.from({ length: random.int(0, 2) }, () => random.address())].map((counterparty, at) => prime(random, counterparty, amount, stablecoin, blockNumber - BigInt(at)));
  return { target, lookAlikes, primers };
}

function prime(random: Random, counterparty: Address, amount: bigint, stablecoin: Address, blockNumber: bigint): SuspiciousTransfer {
  const shape = random.pick(['transferFrom', 'zeroIn', 'dustIn', 'copycat'] as const);
  const hash = `0x${random.address().slice(2)}${random.address().slice(2, 26)}` as Hex;
  const seen = (from: Address, to: Address, value: bigint, token: Address = stablecoin) => ({ token, from, to, value, hash, logIndex: random.int(0, 20), blockNumber });
  const usd: SeenToken = { symbol: 'cgUSD', decimals: 6 };
  const found =
    shape === 'transferFrom'
      ? classifyTransfer(seen(BENCH_SIGNER, counterparty, 0n), BENCH_SIGNER, usd)
      : shape === 'zeroIn'
        ? classifyTransfer(seen(counterparty, BENCH_SIGNER, 0n), BENCH_SIGNER, usd)
        : shape === 'dustIn'
          ? classifyTransfer(seen(counterparty, BENCH_SIGNER, 1n), BENCH_SIGNER, usd)
          : classifyTransfer(
              seen(BENCH_SIGNER, counterparty, (amount * BigInt(random.int(80, 125))) / 100n, random.address()),
              BENCH_SIGNER,
              random.chance(0.7) ? { ...usd, imitates: stablecoin } : { symbol: 'ETH', decimals: 18, imitates: NATIVE_TOKEN },
            );
  if (found === null) throw new Error(`the classifier did not mark a ${shape} primer`);
  return found;
}
