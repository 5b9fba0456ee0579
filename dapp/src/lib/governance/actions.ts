import { decodeFunctionData, slice, type Abi } from 'viem';
import { communityGovernorAbi, communityTokenAbi, paymentPolicyAbi, timelockControllerAbi, treasuryAbi } from '../chain/abis.js';
import type { Deployment } from '../chain/config.js';
import type { Directory } from '../chain/tokens.js';
import { formatDuration, sameAddress } from '../format.js';
import type { ProposalAction } from '../indexer/types.js';

export type DecodedAction = {
  /** One sentence a non-developer can read. */
  summary: string;
  /** The decoded function call, e.g. `setThresholds(35, 80)`, or null when the call is unknown. */
  signature: string | null;
  /** True when the call was recognised; false for opaque calls. */
  known: boolean;
};

const STATUS_WORDS = ['Remove', 'Trust', 'Block'] as const;

/** Decodes one proposal action into plain words. */
export function describeAction(action: ProposalAction, deployment: Deployment, dir: Directory): DecodedAction {
  const c = deployment.contracts;
  const { target, value, calldata } = action;
  if (calldata === '0x' || calldata.length < 10) {
    if (value > 0n) return { summary: `Send ${dir.amount(value, '0x0000000000000000000000000000000000000000')} to ${dir.account(target)}`, signature: null, known: true };
    return { summary: `Call ${dir.account(target)} with no data`, signature: null, known: false };
  }
  const abi: Abi | null = sameAddress(target, c.paymentPolicy)
    ? paymentPolicyAbi
    : sameAddress(target, c.treasury)
      ? treasuryAbi
      : sameAddress(target, c.communityToken)
        ? communityTokenAbi
        : sameAddress(target, c.communityGovernor)
          ? communityGovernorAbi
          : sameAddress(target, c.timelock)
            ? timelockControllerAbi
            : null;
  let decoded: { functionName: string; args: readonly unknown[] } | null = null;
  if (abi) {
    try {
      const result = decodeFunctionData({ abi, data: calldata });
      decoded = { functionName: result.functionName, args: result.args ?? [] };
    } catch {
      decoded = null;
    }
  }
  const withValue = value > 0n ? `, sending ${dir.amount(value, '0x0000000000000000000000000000000000000000')}` : '';
  if (!decoded) {
    return { summary: `Call function ${slice(calldata, 0, 4)} on ${dir.account(target)}${withValue} (unknown call: check the raw data)`, signature: null, known: false };
  }
  const signature = `${decoded.functionName}(${decoded.args.map(formatArg).join(', ')})`;
  const sentence = plainWords(decoded.functionName, decoded.args as any[], target, deployment, dir);
  if (sentence) return { summary: sentence + withValue, signature, known: true };
  return { summary: `Call ${decoded.functionName} on ${dir.account(target)}${withValue}`, signature, known: true };
}

function limit(value: bigint, token: string, dir: Directory): string {
  return value === 0n ? 'no limit' : dir.amount(value, token);
}

function plainWords(fn: string, a: any[], target: string, deployment: Deployment, dir: Directory): string | null {
  const c = deployment.contracts;
  if (sameAddress(target, c.paymentPolicy)) {
    switch (fn) {
      case 'setThresholds':
        return `Set the warning score to ${a[0]} and the blocking score to ${a[1]}`;
      case 'setTokenLimits':
        return `Set the ${dir.tokenName(a[0])} limits: max single payment ${limit(a[1], a[0], dir)}, daily cap ${limit(a[2], a[0], dir)}, first payment to a new recipient ${limit(a[3], a[0], dir)}`;
      case 'removeTokenLimits':
        return `Remove all payment limits for ${dir.tokenName(a[0])}`;
      case 'setUnlimitedApprovalsAllowed':
        return a[0] ? 'Allow unlimited token approvals' : 'Forbid unlimited token approvals';
      case 'setMerchantStatus': {
        const verb = STATUS_WORDS[Number(a[1])] ?? 'Change';
        const note = a[2] ? ` — ${a[2]}` : '';
        return verb === 'Remove' ? `Remove merchant ${dir.account(a[0])} from the list` : `${verb} merchant ${dir.account(a[0])}${note}`;
      }
      case 'setOriginStatus': {
        const verb = STATUS_WORDS[Number(a[1])] ?? 'Change';
        const note = a[2] ? ` — ${a[2]}` : '';
        return verb === 'Remove' ? `Remove site ${a[0]} from the list` : `${verb} site ${a[0]}${note}`;
      }
      case 'setDomainStatus': {
        const verb = STATUS_WORDS[Number(a[1])] ?? 'Change';
        const note = a[2] ? ` — ${a[2]}` : '';
        return verb === 'Remove'
          ? `Remove the rule for domain ${a[0]} and its subdomains`
          : `${verb} domain ${a[0]} and every site under it${note}`;
      }
    }
  }
  if (sameAddress(target, c.treasury)) {
    switch (fn) {
      case 'pay':
        return `Pay ${dir.amount(a[2], a[0])} to ${dir.account(a[1])}${a[3] ? ` — ${a[3]}` : ''}`;
      case 'setBudget':
        return a[2] === 0n
          ? `Revoke the ${dir.tokenName(a[1])} budget of treasurer ${dir.account(a[0])}`
          : `Give treasurer ${dir.account(a[0])} a budget of ${dir.amount(a[2], a[1])} every ${formatDuration(a[3])}`;
      case 'setPolicy':
        return `Make the treasury check payments against the policy at ${dir.account(a[0])}`;
    }
  }
  if (sameAddress(target, c.communityToken) && fn === 'mint') {
    return `Mint ${dir.amount(a[1], c.communityToken)} governance tokens to ${dir.account(a[0])}`;
  }
  if (sameAddress(target, c.communityGovernor)) {
    switch (fn) {
      case 'setVotingDelay':
        return `Wait ${formatDuration(a[0])} between a proposal and the start of its vote`;
      case 'setVotingPeriod':
        return `Let votes run for ${formatDuration(a[0])}`;
      case 'setProposalThreshold':
        return `Require ${dir.amount(a[0], c.communityToken)} votes to make a proposal`;
      case 'updateQuorumNumerator':
        return `Set the quorum to ${a[0]}% of all votes`;
      case 'setLateQuorumVoteExtension':
        return `Extend a vote by ${formatDuration(a[0])} when quorum is reached late`;
    }
  }
  if (sameAddress(target, c.timelock) && fn === 'updateDelay') return `Wait ${formatDuration(a[0])} between approval and execution`;
  return null;
}

function formatArg(value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return /^0x/.test(value) ? value : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(formatArg).join(', ')}]`;
  if (value && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${k}: ${formatArg(v)}`).join(', ')}}`;
  return String(value);
}
