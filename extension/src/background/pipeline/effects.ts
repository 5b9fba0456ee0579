import type { Effect } from '@commonguard/sdk/effects';
import type { PastPayment } from '@commonguard/sdk/risk';
import type { Address } from 'viem';
import type { Understanding } from './types.js';

// What a request's effects mean, shared by the steps (gather, assess, record) and the window's view, so
// no step imports another.

/** Who an effect pays or empowers. */
export function partyOf(effect: Effect): Address | null {
  switch (effect.kind) {
    case 'assetOut':
    case 'itemOut':
      return effect.to;
    case 'allowance':
      return effect.spender;
    case 'operator':
      return effect.operator;
    case 'assetIn':
      return effect.from;
  }
}

/** The payments a request would make, as the history will record them once sent. */
export function outflowsOf(understanding: Understanding, at: number): PastPayment[] {
  const outflows: PastPayment[] = [];
  for (const effect of understanding.effects.effects)
    if (effect.kind === 'assetOut' && effect.to !== null && effect.amount > 0n) outflows.push({ token: effect.token, to: effect.to, amount: effect.amount, timestamp: at, status: 'pending' });
  return outflows;
}
