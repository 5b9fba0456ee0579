import { type CommunityCall, decodeCommunityCall, effectsFromDecoding, type EffectsFromDecodingReturnType, type PayAction } from '@commonguard/sdk/decode';
import type { Effect, RequestEffects } from '@commonguard/sdk/effects';
import type { CallTarget, RequestConcern } from '@commonguard/sdk/risk';
import type { Address, PublicClient } from 'viem';
import { type CommunityDeployment, communityAction } from './community.js';
import { simulateTransaction } from './simulate.js';
import type { SigningBase } from '../transactions/send.js';
import type { ActionWord, Judgement, Signing, SimulationOutcome, Understanding, WalletRequest } from './types.js';

/** Whether the re-check reads the chain where the window's simulation did: same block, same nonce. */
function sameBase(before: SigningBase | null | undefined, now: SigningBase | null): boolean {
  return before != null && now !== null && before.blockNumber === now.blockNumber && before.nonce === now.nonce;
}

/**
 * A page's gas limit this many times the simulated use (and {@link GAS_SLACK} above it) is a concern: a
 * contract given much more gas than it needs can take another path than the one simulated.
 */
const GAS_FACTOR = 3n;
const GAS_SLACK = 100_000n;

/** What the calldata alone says a request does: derived once, before the simulation, so the early reads can start. */
export function decodedEffectsOf(request: WalletRequest, nonce?: number): EffectsFromDecodingReturnType | undefined {
  return request.kind === 'transaction' ? effectsFromDecoding({ action: request.action, account: request.account, nonce }) : undefined;
}

export type UnderstandSources = { client: PublicClient; community: CommunityDeployment | null };

/**
 * Step 1: what a request does. For a transaction: simulates it exactly as it will be signed (`signing`),
 * names a call to the community's own contracts, and adds what the calldata says (`decoded`, from
 * {@link decodedEffectsOf}). Signatures and messages are read from what the page declared. `previous`:
 * the judgement of the same request the window showed (the re-check before signing); its understanding
 * is kept while the chain stands still (same block, same nonce), as a new simulation would see the same.
 */
export async function understand(
  { client, community }: UnderstandSources,
  request: WalletRequest,
  { signing, decoded, previous }: { signing?: Signing | undefined; decoded?: EffectsFromDecodingReturnType | undefined; previous?: Pick<Judgement, 'understanding' | 'base'> | undefined } = {},
): Promise<Understanding> {
  if (previous && signing && sameBase(previous.base, signing.base)) return previous.understanding;
  switch (request.kind) {
    case 'transaction': {
      const { call } = request;
      const noQuote: Signing = { fee: { plan: null, view: { maxFee: null, note: null } }, base: null };
      const [simulation, nonce] = await Promise.all([
        simulateTransaction(client, request.account, call, signing ?? noQuote),
        // A deployment's new address comes from the signer's nonce.
        call.to === undefined ? (signing?.base ? Promise.resolve(signing.base.nonce) : client.getTransactionCount({ address: request.account }).catch(() => undefined)) : Promise.resolve(undefined),
      ]);
      const contracts = community?.contracts;
      const named = contracts && call.to ? decodeCommunityCall(contracts, { to: call.to, data: call.data, value: call.value }) : undefined;
      return understandTransaction({
        action: request.action,
        account: request.account,
        simulation,
        nonce,
        decoded: call.to === undefined ? undefined : decoded,
        gasLimit: call.fees?.gas,
        communityContracts: contracts ? new Set(Object.values(contracts).map((address) => address.toLowerCase())) : undefined,
        community: named,
      });
    }
    case 'typedData':
      return understandTypedData(request);
    case 'message':
      return understandMessage(request);
  }
}



/** `setApprovalForAll(address,bool)`: a token standard's own function, named for the window. */
const SET_APPROVAL_FOR_ALL = '0xa22cb465';

export type UnderstandTransactionParameters = {
  action: PayAction;
  account: Address;
  simulation: SimulationOutcome;
  /** The signer's next nonce, to name the contract a deployment creates. */
  nonce?: number | undefined;
  /** The deployment's own contracts (governor, token, timelock, treasury, policy), lower-case. */
  communityContracts?: ReadonlySet<string> | undefined;
  /** The call, when the sdk names it as one of the community's own (a vote, a payout…). */
  community?: CommunityCall | undefined;
  /** The calldata's effects, when already derived ({@link decodedEffectsOf}); derived here otherwise. */
  decoded?: EffectsFromDecodingReturnType | undefined;
  /** The gas limit the page asked for, if it gave one. */
  gasLimit?: bigint | undefined;
};

const CANNOT_TELL = 'The wallet cannot tell what this does: it could not simulate it and cannot read its calldata.';

/**
 * Step 1 for a transaction. The simulation's effects decide; the decoded calldata only adds what
 * the simulation did not show (never removes anything, so no shape of calldata can switch a rule
 * off). Without a simulation the decoded effects are used and the window says so; what neither can
 * read becomes the `cannotTell` concern (at least a warning).
 */
export function understandTransaction({ action, account, simulation, nonce, communityContracts, community, decoded: given, gasLimit }: UnderstandTransactionParameters): Understanding {
  const decoded = given ?? effectsFromDecoding({ action, account, nonce });
  const concerns: RequestConcern[] = [];
  const used = simulation.kind === 'ran' && simulation.result.ok ? simulation.gasUsed : undefined;
  if (gasLimit !== undefined && used !== undefined && gasLimit > used * GAS_FACTOR && gasLimit - used >= GAS_SLACK)
    concerns.push({
      rule: 'gasLimitFarAboveUse',
      message: `The site asks for a gas limit of ${gasLimit.toLocaleString('en-US')}, far more than the ${used.toLocaleString('en-US')} this used when the wallet tried it. A contract given much more gas than it needs can behave differently when sent.`,
    });
  let effects: RequestEffects;
  let failure: string | null = null;
  if (simulation.kind === 'ran' && simulation.result.ok) {
    effects = { basis: 'simulation', effects: withDecoded(simulation.result.effects, decoded.effects) };
  } else {
    let note: string;
    if (simulation.kind === 'ran' && !simulation.result.ok) {
      failure = `The simulation says this would fail: ${simulation.result.error}`;
      note = 'The simulation failed, so the wallet shows what the calldata says.';
    } else if (simulation.kind === 'unavailable') {
      note = `The wallet could not simulate this (${simulation.reason}), so it shows what the calldata says.`;
    } else if (simulation.kind === 'deployment') {
      if (!simulation.succeeds) failure = `This deployment would fail: ${simulation.error}`;
      note = 'Nodes cannot simulate a contract deployment: the wallet checked only that it would succeed.';
    } else {
      note = 'The wallet could not simulate this, so it shows what the calldata says.';
    }
    effects = { basis: decoded.opaque ? 'unknown' : 'decoding', effects: decoded.effects, note };
    if (decoded.opaque)
      concerns.push({
        rule: 'cannotTell',
        message: action.kind === 'contractCall' && action.to === undefined ? 'The wallet cannot tell what this new contract’s setup code does with your assets.' : CANNOT_TELL,
      });
  }
  // Only a call the sdk named is the community's own; any other function of those contracts is judged like any call.
  const target = targetOf(action, community ? communityContracts : undefined);
  return {
    action: community ? communityAction(community) : actionWordOf(action, effects.effects),
    effects,
    target,
    concerns,
    failure,
    movesMoney: true,
    details: { kind: 'none' },
    label: community ? 'Community call' : labelOf(action),
    // A payment of nothing has no effect to name its recipient; the window still names it, with its status.
    ...(community ? { community, named: namedBy(community) } : action.kind === 'nativeTransfer' ? { named: [action.to] } : {}),
  };
}

function namedBy(call: CommunityCall): Address[] {
  if (call.kind === 'delegate') return [call.delegatee];
  if (call.kind === 'treasurerPayout') return [call.to];
  if (call.kind === 'treasurerBatch') return call.payouts.map((payout) => payout.to);
  return [];
}

/** Adds each decoded effect the simulation did not report itself (a token that emits no events). */
function withDecoded(simulated: readonly Effect[], decoded: readonly Effect[]): Effect[] {
  const result = [...simulated];
  for (const effect of decoded) {
    const seen = simulated.some((other) => other.kind === effect.kind && 'token' in other && other.token.toLowerCase() === effect.token.toLowerCase());
    if (!seen) result.push(effect);
  }
  return result;
}

function targetOf(action: PayAction, community: ReadonlySet<string> | undefined): CallTarget | undefined {
  if (action.kind === 'nativeTransfer') return undefined;
  const address = action.kind === 'contractCall' ? action.to : action.token;
  if (!address) return undefined;
  if (community?.has(address.toLowerCase())) return { address, recognised: 'community' };
  const standard = action.kind !== 'contractCall' || action.selector === SET_APPROVAL_FOR_ALL;
  return { address, recognised: standard ? 'standard' : 'unknown' };
}

function actionWordOf(action: PayAction, effects: readonly Effect[]): ActionWord {
  if (action.kind === 'nativeTransfer' || action.kind === 'tokenTransfer') return 'Pay';
  if (action.kind === 'tokenApproval' || action.selector === SET_APPROVAL_FOR_ALL) return 'Allow';
  if (action.to === undefined) return 'Deploy';
  return effects.some((effect) => effect.kind === 'allowance' || effect.kind === 'operator') && !effects.some((effect) => effect.kind === 'assetOut') ? 'Allow' : 'Send';
}

function labelOf(action: PayAction): string {
  switch (action.kind) {
    case 'nativeTransfer':
    case 'tokenTransfer':
      return 'Payment';
    case 'tokenApproval':
      return 'Spending approval';
    case 'contractCall':
      return action.to === undefined ? 'Deploy a contract' : action.selector === SET_APPROVAL_FOR_ALL ? 'Approval of a whole collection' : 'Contract call';
  }
}

/**
 * Step 1 for `personal_sign` (the sdk's decodeMessage read it). Text is shown in full. A Sign-In
 * with Ethereum message for another site, account or chain warns in words. A raw hash, or bytes
 * that are not text, are a blind signature: the person cannot know what they sign, so it is at
 * least a warning, it is treated as moving money (never signed unchecked), and the hex is shown.
 */
export function understandMessage(request: Extract<WalletRequest, { kind: 'message' }>): Understanding {
  const { decoded } = request;
  const base = { action: 'Sign' as const, effects: { basis: 'decoding' as const, effects: [] }, failure: null };
  switch (decoded.kind) {
    case 'blind':
      return { ...base, label: 'Sign a blind message', concerns: [{ rule: 'blindSignature', message: decoded.reason }], movesMoney: true, details: { kind: 'blind', hex: decoded.hex, reason: decoded.reason } };
    case 'signIn':
      return {
        ...base,
        action: 'Sign in',
        label: `Sign in to ${decoded.siwe.domain ?? 'a site'}`,
        concerns: decoded.mismatches.map((message) => ({ rule: 'signInMismatch' as const, message })),
        movesMoney: false,
        details: { kind: 'text', text: decoded.text, signIn: true },
      };
    case 'text':
      return { ...base, label: 'Sign a message', concerns: [], movesMoney: false, details: { kind: 'text', text: decoded.text, signIn: false } };
  }
}

/**
 * Step 1 for `eth_signTypedData_v4` (the sdk's decodeTypedData read it). A known kind (a permit of
 * any kind, a transfer authorisation, an order) becomes its effects, judged like a payment. Any other
 * message shows its domain and fields, and because the wallet cannot tell what signing it lets others
 * do, it is at least a warning.
 */
export function understandTypedData(request: Extract<WalletRequest, { kind: 'typedData' }>): Understanding {
  const { decoded, account } = request;
  const details = { kind: 'typedData' as const, primaryType: decoded.primaryType, domain: decoded.domainTree, message: decoded.messageTree };
  const concerns: RequestConcern[] = [];
  if (decoded.signer && decoded.signer.toLowerCase() !== account.toLowerCase())
    concerns.push({ rule: 'cannotTell', message: `This message names ${decoded.signer} as its signer, not the account signing it (${account}).` });
  if (decoded.standard === 'other') {
    concerns.push({ rule: 'cannotTell', message: `The wallet cannot tell what signing this “${decoded.primaryType}” message lets others do with your assets.` });
    return { action: 'Sign', effects: { basis: 'unknown', effects: [], note: 'The wallet does not know this kind of message.' }, concerns, failure: null, movesMoney: true, details, label: decoded.summary };
  }
  const pays = decoded.effects.some((effect) => effect.kind === 'assetOut' || effect.kind === 'itemOut');
  const grants = decoded.effects.some((effect) => effect.kind === 'allowance' || effect.kind === 'operator');
  // A Safe transaction's delegatecall targets: the community's word on each is read like a recipient's.
  const foreign = decoded.delegateCalls.filter((call) => call.library === undefined).map((call) => call.to);
  return {
    action: pays ? 'Pay' : grants ? 'Allow' : 'Sign',
    effects: { basis: 'decoding', effects: decoded.effects },
    concerns,
    failure: null,
    movesMoney: true,
    details,
    label: decoded.summary,
    ...(decoded.delegateCalls.length > 0 ? { delegateCalls: decoded.delegateCalls, named: foreign } : {}),
  };
}
