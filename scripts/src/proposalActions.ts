import { type Address, encodeFunctionData } from 'viem';
import { type Deployment, paymentPolicyAbi, treasuryAbi } from '@commonguard/sdk';
import type { ProposalAction } from './governance.js';

/** `IPaymentPolicy.MerchantStatus` values on chain. */
export const merchantStatusValue = { unknown: 0, trusted: 1, blocked: 2 } as const;

export type TokenLimitsInput = { maxSinglePayment: bigint; dailyCap: bigint; maxFirstPayment: bigint };

/**
 * Builders for the proposal actions the demo and the tests use, each a call the timelock makes.
 *
 * @example
 * const act = proposalActions(deployment)
 * await passProposal({ clients, deployment, description: 'Lower the ETH cap', actions: [act.setTokenLimits(zeroAddress, limits)] })
 */
export function proposalActions(deployment: Deployment) {
  const { paymentPolicy, treasury } = deployment.contracts;
  return {
    setThresholds: (warnAt: number, blockAt: number): ProposalAction => ({
      target: paymentPolicy,
      data: encodeFunctionData({ abi: paymentPolicyAbi, functionName: 'setThresholds', args: [warnAt, blockAt] }),
    }),
    setTokenLimits: (token: Address, limits: TokenLimitsInput): ProposalAction => ({
      target: paymentPolicy,
      data: encodeFunctionData({
        abi: paymentPolicyAbi,
        functionName: 'setTokenLimits',
        args: [token, limits.maxSinglePayment, limits.dailyCap, limits.maxFirstPayment],
      }),
    }),
    setMerchantStatus: (merchant: Address, status: keyof typeof merchantStatusValue, note: string): ProposalAction => ({
      target: paymentPolicy,
      data: encodeFunctionData({
        abi: paymentPolicyAbi,
        functionName: 'setMerchantStatus',
        args: [merchant, merchantStatusValue[status], note],
      }),
    }),
    setOriginStatus: (origin: string, status: keyof typeof merchantStatusValue, note: string): ProposalAction => ({
      target: paymentPolicy,
      data: encodeFunctionData({
        abi: paymentPolicyAbi,
        functionName: 'setOriginStatus',
        args: [origin, merchantStatusValue[status], note],
      }),
    }),
    setBudget: (treasurer: Address, token: Address, amountPerPeriod: bigint, period: bigint): ProposalAction => ({
      target: treasury,
      data: encodeFunctionData({ abi: treasuryAbi, functionName: 'setBudget', args: [treasurer, token, amountPerPeriod, period] }),
    }),
    pay: (token: Address, recipient: Address, amount: bigint, memo: string): ProposalAction => ({
      target: treasury,
      data: encodeFunctionData({ abi: treasuryAbi, functionName: 'pay', args: [token, recipient, amount, memo] }),
    }),
  };
}
