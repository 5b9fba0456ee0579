import { merchantStatuses, paymentPolicyAbi, type MerchantStatus, type PolicySnapshot, simulateBlock } from '@commonguard/sdk';
import { decodeFunctionData, decodeFunctionResult, encodeFunctionData, zeroAddress } from 'viem';
import type { AppClient } from '../chain/chain.js';
import type { Deployment } from '../chain/config.js';
import { sameAddress } from '../format.js';
import type { ProposalAction } from '../indexer/types.js';
import { readListings } from '../chain/policy.js';
import { listingAfter, type MerchantChange, type ProposedRules } from './backtest.js';

export type ProposedRulesResult = { ok: true; rules: ProposedRules; changesPolicy: boolean } | { ok: false; message: string };

/** Whether any action calls the payment policy: only then is "what would this rule have done?" asked. */
export function changesPolicy(actions: readonly ProposalAction[], deployment: Deployment): boolean {
  return actions.some((a) => sameAddress(a.target, deployment.contracts.paymentPolicy));
}

/** Site statuses after the proposal: today's listed origins with its `setOriginStatus` changes applied. */
export function originsAfter(current: readonly { origin: string; status: MerchantStatus }[], actions: readonly ProposalAction[], deployment: Deployment): Map<string, MerchantStatus> {
  const origins = new Map(current.map((o) => [o.origin, o.status]));
  for (const action of actions) {
    if (!sameAddress(action.target, deployment.contracts.paymentPolicy)) continue;
    try {
      const call = decodeFunctionData({ abi: paymentPolicyAbi, data: action.calldata });
      if (call.functionName !== 'setOriginStatus') continue;
      const [origin, status] = call.args as unknown as [string, number];
      const value = merchantStatuses[status] ?? 'unknown';
      if (value === 'unknown') origins.delete(origin);
      else origins.set(origin, value);
    } catch {
      // Not readable: left as today.
    }
  }
  return origins;
}

/** The merchant changes among the actions, in order. */
export function merchantChanges(actions: readonly ProposalAction[], deployment: Deployment): MerchantChange[] {
  const changes: MerchantChange[] = [];
  for (const action of actions) {
    if (!sameAddress(action.target, deployment.contracts.paymentPolicy)) continue;
    try {
      const call = decodeFunctionData({ abi: paymentPolicyAbi, data: action.calldata });
      if (call.functionName !== 'setMerchantStatus') continue;
      const [merchant, status, note] = call.args as unknown as [`0x${string}`, number, string];
      changes.push({ merchant, status: merchantStatuses[status] ?? 'unknown', note });
    } catch {
      // Not a policy call we can read: the simulated snapshot still shows its effect on limits.
    }
  }
  return changes;
}

/**
 * The rules the proposal would leave: its actions run as the timelock on top of today's chain
 * (`eth_simulateV1`, nothing is sent), then the policy's `snapshot()` is read in the same simulated
 * block; the merchant listing is today's with the proposal's own merchant changes applied.
 */
export async function readProposedRules(client: AppClient, deployment: Deployment, actions: readonly ProposalAction[]): Promise<ProposedRulesResult> {
  const c = deployment.contracts;
  const snapshotCall = { from: zeroAddress, to: c.paymentPolicy, data: encodeFunctionData({ abi: paymentPolicyAbi, functionName: 'snapshot' }) };
  const actionCalls = actions.map((a) => ({ from: c.timelock, to: a.target, data: a.calldata, value: a.value }));
  const [listings, simulated] = await Promise.all([readListings(client, c.paymentPolicy), simulateBlock(client, { calls: [...actionCalls, snapshotCall], validation: false })]);
  const { calls } = simulated;
  const failed = calls.slice(0, actions.length).findIndex((call) => call.status !== 'success');
  if (failed !== -1) return { ok: false, message: `Action ${failed + 1} would fail, so there is nothing to compare.` };
  const read = calls[actions.length];
  if (!read || read.status !== 'success' || read.returnData === undefined) return { ok: false, message: 'The payment policy could not be read after the proposal.' };
  const s = decodeFunctionResult({ abi: paymentPolicyAbi, functionName: 'snapshot', data: read.returnData }) as unknown as PolicySnapshot;
  const snapshot: PolicySnapshot = {
    version: s.version,
    warnAt: Number(s.warnAt),
    blockAt: Number(s.blockAt),
    unlimitedApprovalsAllowed: s.unlimitedApprovalsAllowed,
    tokenLimits: s.tokenLimits.map((l) => ({ token: l.token, maxSinglePayment: l.maxSinglePayment, dailyCap: l.dailyCap, maxFirstPayment: l.maxFirstPayment })),
  };
  return {
    ok: true,
    rules: { snapshot, merchants: listingAfter(listings.merchants, merchantChanges(actions, deployment)), origins: originsAfter(listings.origins, actions, deployment) },
    changesPolicy: changesPolicy(actions, deployment),
  };
}
