import { simulateBlocks } from '@commonguard/sdk';
import { NATIVE_TRANSFER_EMITTER, type SimulatedCall } from '@commonguard/sdk/effects';
import { decodeFunctionData, decodeFunctionResult, encodeFunctionData, erc20Abi, parseEventLogs, zeroAddress, type Abi, type Address, type Hex, type Log } from 'viem';
import { communityTokenAbi, paymentPolicyAbi, treasuryAbi } from '../chain/abis.js';
import type { Deployment } from '../chain/config.js';
import type { Directory } from '../chain/tokens.js';
import { describeRevert, decodeRevert } from '../errors.js';
import { formatDuration, sameAddress } from '../format.js';
import type { ProposalAction } from '../indexer/types.js';
import type { AppClient } from '../chain/chain.js';

export type PreviewLine = { label: string; before: string; after: string };
export type Preview = { ok: true; changes: PreviewLine[] } | { ok: false; failedAction: number; message: string };

type Read = { label: string; to: Address; abi: Abi; functionName: string; args: readonly unknown[]; show: (value: any) => string[] | string };

const STATUS = ['not listed', 'trusted', 'blocked'];

/**
 * What a proposal would change, found by executing its actions as the timelock on top of the current
 * chain state (the sdk's `simulateBlocks`) and reading the affected values before and after, in one request.
 */
export async function previewProposal(client: AppClient, deployment: Deployment, dir: Directory, actions: ProposalAction[]): Promise<Preview> {
  const c = deployment.contracts;
  const reads = readsFor(deployment, dir, actions);
  const readCalls = reads.map((r) => ({ from: zeroAddress, to: r.to, data: encodeFunctionData({ abi: r.abi, functionName: r.functionName, args: r.args }) }));
  const actionCalls = actions.map((a) => ({ from: c.timelock, to: a.target, data: a.calldata, value: a.value }));
  // Two blocks: the reads before, then the actions and the same reads after them.
  const [beforeBalance, simulated] = await Promise.all([
    client.getBalance({ address: c.treasury }),
    simulateBlocks(client, { blocks: [{ calls: readCalls }, { calls: [...actionCalls, ...readCalls] }], traceTransfers: true, validation: false }),
  ]);
  const [before, after] = simulated.blocks as [{ calls: SimulatedCall[] }, { calls: SimulatedCall[] }];
  const failed = after.calls.slice(0, actions.length).findIndex((call) => call.status !== 'success');
  if (failed !== -1) {
    const call = after.calls[failed];
    const revert = call.revertData ? decodeRevert({ data: call.revertData }) : null;
    const message = revert ? describeRevert(revert, dir) : (call.error ?? 'it would revert');
    return { ok: false, failedAction: failed, message: `Action ${failed + 1} would fail: ${message}` };
  }
  const changes: PreviewLine[] = [];
  reads.forEach((read, i) => {
    const decode = (data: Hex | undefined) => read.show(decodeFunctionResult({ abi: read.abi, functionName: read.functionName, data: data ?? '0x' }));
    const b = asList(decode(before.calls[i].returnData));
    const a = asList(decode(after.calls[actions.length + i].returnData));
    for (let k = 0; k < Math.max(a.length, b.length); k++) {
      const [label, beforeText] = split(b[k], read.label);
      const [, afterText] = split(a[k], read.label);
      if (beforeText !== afterText) changes.push({ label, before: beforeText, after: afterText });
    }
  });
  // ETH leaving or entering the treasury shows up as traced transfers (ERC-20 Transfer logs from NATIVE_TRANSFER_EMITTER).
  let ethDelta = 0n;
  const traced = parseEventLogs({ abi: erc20Abi, eventName: 'Transfer', logs: after.calls.slice(0, actions.length).flatMap((call) => (call.logs ?? []) as Log[]), strict: true });
  for (const { address, args } of traced) {
    if (!sameAddress(address, NATIVE_TRANSFER_EMITTER)) continue;
    if (sameAddress(args.from, c.treasury)) ethDelta -= args.value;
    if (sameAddress(args.to, c.treasury)) ethDelta += args.value;
  }
  if (ethDelta !== 0n) changes.push({ label: 'Treasury ETH', before: dir.amount(beforeBalance, zeroAddress).replace(/ ETH$/, ''), after: dir.amount(beforeBalance + ethDelta, zeroAddress).replace(/ ETH$/, '') });
  return { ok: true, changes };
}

function asList(value: string[] | string): string[] {
  return Array.isArray(value) ? value : [value];
}

/** A read can show several labelled values as "label\u0000value". */
function split(entry: string | undefined, fallbackLabel: string): [string, string] {
  if (entry === undefined) return [fallbackLabel, '—'];
  const at = entry.indexOf('\u0000');
  return at === -1 ? [fallbackLabel, entry] : [entry.slice(0, at), entry.slice(at + 1)];
}

function readsFor(deployment: Deployment, dir: Directory, actions: ProposalAction[]): Read[] {
  const c = deployment.contracts;
  const reads: Read[] = [];
  const seen = new Set<string>();
  const add = (read: Read) => {
    const key = `${read.to}:${read.functionName}:${JSON.stringify(read.args, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`;
    if (!seen.has(key)) {
      seen.add(key);
      reads.push(read);
    }
  };
  add({
    label: 'Policy',
    to: c.paymentPolicy,
    abi: paymentPolicyAbi,
    functionName: 'snapshot',
    args: [],
    show: (s: any) => [
      `Policy version\u0000${s.version}`,
      `Warning score (warnAt)\u0000${s.warnAt}`,
      `Blocking score (blockAt)\u0000${s.blockAt}`,
      `Unlimited approvals\u0000${s.unlimitedApprovalsAllowed ? 'allowed' : 'forbidden'}`,
    ],
  });
  const tokens = new Set<string>([zeroAddress, ...(c.demoStablecoin ? [c.demoStablecoin] : [])]);
  for (const action of actions) {
    let decoded: { functionName: string; args: readonly any[] } | null = null;
    for (const abi of [paymentPolicyAbi, treasuryAbi, communityTokenAbi]) {
      try {
        const d = decodeFunctionData({ abi, data: action.calldata });
        decoded = { functionName: d.functionName, args: d.args ?? [] };
        break;
      } catch {}
    }
    if (!decoded) continue;
    const a = decoded.args;
    if (sameAddress(action.target, c.paymentPolicy)) {
      if (decoded.functionName === 'setTokenLimits' || decoded.functionName === 'removeTokenLimits') tokens.add(a[0]);
      if (decoded.functionName === 'setMerchantStatus') {
        add({ label: `Merchant ${dir.account(a[0])}`, to: c.paymentPolicy, abi: paymentPolicyAbi, functionName: 'merchantStatus', args: [a[0]], show: (r: any) => `${STATUS[Number(r[0])]}${r[1] ? ` (${r[1]})` : ''}` });
      }
      if (decoded.functionName === 'setOriginStatus') {
        add({ label: `Site ${a[0]}`, to: c.paymentPolicy, abi: paymentPolicyAbi, functionName: 'originStatus', args: [a[0]], show: (r: any) => `${STATUS[Number(r[0])]}${r[1] ? ` (${r[1]})` : ''}` });
      }
      if (decoded.functionName === 'setDomainStatus') {
        add({ label: `Domain ${a[0]} and its subdomains`, to: c.paymentPolicy, abi: paymentPolicyAbi, functionName: 'domainStatus', args: [a[0]], show: (r: any) => `${STATUS[Number(r[0])]}${r[1] ? ` (${r[1]})` : ''}` });
      }
    }
    if (sameAddress(action.target, c.treasury)) {
      if (decoded.functionName === 'pay') {
        tokens.add(a[0]);
        if (a[0] !== zeroAddress) add({ label: `${dir.tokenName(a[0])} held by ${dir.account(a[1])}`, to: a[0], abi: erc20Abi as Abi, functionName: 'balanceOf', args: [a[1]], show: (v: bigint) => dir.amount(v, a[0]) });
      }
      if (decoded.functionName === 'setBudget') {
        add({
          label: `${dir.tokenName(a[1])} budget of ${dir.account(a[0])}`,
          to: c.treasury,
          abi: treasuryAbi,
          functionName: 'budget',
          args: [a[0], a[1]],
          show: (b: any) => (b.amountPerPeriod === 0n ? 'none' : `${dir.amount(b.amountPerPeriod, a[1])} per ${formatDuration(b.period)}`),
        });
      }
    }
    if (sameAddress(action.target, c.communityToken) && decoded.functionName === 'mint') {
      add({ label: 'Governance tokens in total', to: c.communityToken, abi: communityTokenAbi, functionName: 'totalSupply', args: [], show: (v: bigint) => dir.amount(v, c.communityToken) });
      add({ label: `Governance tokens of ${dir.account(a[0])}`, to: c.communityToken, abi: communityTokenAbi, functionName: 'balanceOf', args: [a[0]], show: (v: bigint) => dir.amount(v, c.communityToken) });
    }
  }
  for (const token of tokens) {
    add({
      label: `${dir.tokenName(token)} limits`,
      to: c.paymentPolicy,
      abi: paymentPolicyAbi,
      functionName: 'tokenLimits',
      args: [token],
      show: (l: any) => {
        const f = (v: bigint) => (v === 0n ? 'no limit' : dir.amount(v, token));
        const name = dir.tokenName(token);
        return [`${name} max single payment\u0000${f(l.maxSinglePayment)}`, `${name} daily cap\u0000${f(l.dailyCap)}`, `${name} first payment to someone new\u0000${f(l.maxFirstPayment)}`];
      },
    });
    if (token !== zeroAddress) {
      add({ label: `Treasury ${dir.tokenName(token)}`, to: token as Address, abi: erc20Abi as Abi, functionName: 'balanceOf', args: [c.treasury], show: (v: bigint) => dir.amount(v, token).replace(` ${dir.tokenName(token)}`, '') });
    }
  }
  return reads;
}
