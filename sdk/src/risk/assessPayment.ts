import type { Address } from 'viem';
import { NATIVE_TOKEN, type PayAction } from '../decode/types.js';
import type { Effect, RequestEffects } from '../effects/types.js';
import { assessRequest } from './assessRequest.js';
import type { Assessment, AssessPaymentInput, CallTarget } from './types.js';

/**
 * Assesses one decoded pay action. Kept for callers that have a single decoded action and no
 * simulation: it turns the action into its effects and calls {@link assessRequest}, which is what
 * the wallet uses.
 *
 * @deprecated Use {@link assessRequest} with the request's effects.
 */
export function assessPayment(input: AssessPaymentInput): Assessment {
  const { action } = input;
  const { effects, target, counterparty } = effectsOfAction(action);
  const parties = counterparty
    ? { [counterparty.toLowerCase()]: { status: input.merchantStatus, note: input.merchantNote, isContract: input.recipient.isContract, isToken: input.recipient.isToken } }
    : {};
  const token = action.kind === 'nativeTransfer' || action.kind === 'contractCall' ? NATIVE_TOKEN : action.token;
  return assessRequest({
    effects,
    target,
    parties,
    tokens: { [token.toLowerCase()]: input.token },
    policy: input.policy,
    originStatus: input.originStatus,
    origin: input.origin,
    history: input.history,
    now: input.now,
  });
}

function effectsOfAction(action: PayAction): { effects: RequestEffects; target: CallTarget | undefined; counterparty: Address | undefined } {
  const decoded = (effects: Effect[]): RequestEffects => ({ basis: 'decoding', effects });
  switch (action.kind) {
    case 'nativeTransfer':
      return { effects: decoded([{ kind: 'assetOut', token: NATIVE_TOKEN, to: action.to, amount: action.amount }]), target: undefined, counterparty: action.to };
    case 'tokenTransfer':
      return { effects: decoded([{ kind: 'assetOut', token: action.token, to: action.to, amount: action.amount }]), target: undefined, counterparty: action.to };
    case 'tokenApproval':
      return {
        effects: decoded([{ kind: 'allowance', token: action.token, spender: action.spender, amount: action.amount, unlimited: action.unlimited, via: action.method === 'permit' ? 'permit' : 'erc20', expiresAt: action.deadline }]),
        target: undefined,
        counterparty: action.spender,
      };
    case 'contractCall':
      // Value sent into a contract we cannot read is still money leaving: the native limits apply to it.
      return {
        effects: decoded(action.value > 0n && action.to !== undefined ? [{ kind: 'assetOut', token: NATIVE_TOKEN, to: action.to, amount: action.value }] : []),
        target: action.to ? { address: action.to, recognised: 'unknown' } : undefined,
        counterparty: action.to,
      };
  }
}

export type AssessPaymentParameters = AssessPaymentInput;
export type AssessPaymentReturnType = Assessment;
/** It does not throw: every input gets a verdict (an unknown token simply has no limits). */
export type AssessPaymentErrorType = never;
