import type { Address } from 'viem';
import { decodeContractError } from './contract.js';

// Narrowing on errorName types the arguments of that error.
export function narrowing(error: unknown) {
  const decoded = decodeContractError(error);
  if (decoded?.errorName === 'TreasuryBudgetExceeded') {
    const [treasurer, token, available, excess] = decoded.args;
    const who: Address = treasurer;
    const what: Address = token;
    const left: bigint = available;
    const over: bigint = excess;
    // @ts-expect-error the excess is a bigint, not a string
    const wrong: string = excess;
    return { who, what, left, over, wrong };
  }
  if (decoded?.errorName === 'PaymentPolicyInvalidOrigin') {
    const origin: string = decoded.args[0];
    return origin;
  }
  // @ts-expect-error not an error any CommonGuard contract has
  if (decoded?.errorName === 'NotACommonGuardError') return undefined;
  return undefined;
}
