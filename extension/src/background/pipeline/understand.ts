import type { PayAction } from '@commonguard/sdk/decode';
import { type Effect, effectsFromDecoding, type EffectsFromSimulationReturnType, type RequestEffects } from '@commonguard/sdk/effects';
import type { CallTarget, RequestConcern } from '@commonguard/sdk/risk';
import { type Address, type Hex, isHex } from 'viem';
import type { ActionWord, Understanding, WalletRequest } from './types.js';

/** `setApprovalForAll(address,bool)`: a token standard's own function, named for the window. */
const SET_APPROVAL_FOR_ALL = '0xa22cb465';

/** What the node said when the wallet tried to simulate a transaction. */
export type SimulationOutcome =
  | { kind: 'ran'; result: EffectsFromSimulationReturnType }
  /** The node has no eth_simulateV1 (or refused it for another reason than the transaction). */
  | { kind: 'unavailable'; reason: string }
  /** A deployment: nodes cannot simulate it; the wallet asked whether it would succeed (eth_estimateGas). */
  | { kind: 'deployment'; succeeds: true }
  | { kind: 'deployment'; succeeds: false; error: string };

export type UnderstandTransactionParameters = {
  action: PayAction;
  account: Address;
  simulation: SimulationOutcome;
  /** The signer's next nonce, to name the contract a deployment creates. */
  nonce?: number | undefined;
  /** The deployment's own contracts (governor, token, timelock, treasury, policy), lower-case. */
  communityContracts?: ReadonlySet<string> | undefined;
};

const CANNOT_TELL = 'The wallet cannot tell what this does: it could not simulate it and cannot read its calldata.';

/**
 * Step 1 for a transaction. The simulation's effects decide; the decoded calldata only adds what
 * the simulation did not show (never removes anything, so no shape of calldata can switch a rule
 * off). Without a simulation the decoded effects are used and the window says so; what neither can
 * read becomes the `cannotTell` concern (at least a warning).
 */
export function understandTransaction({ action, account, simulation, nonce, communityContracts }: UnderstandTransactionParameters): Understanding {
  const decoded = effectsFromDecoding({ action, account, nonce });
  const concerns: RequestConcern[] = [];
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
  const target = targetOf(action, communityContracts);
  return {
    action: actionWordOf(action, effects.effects),
    effects,
    target,
    concerns,
    failure,
    movesMoney: true,
    details: { kind: 'none' },
    label: labelOf(action),
  };
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

/** A 32-byte value: a hash, which can stand for anything (a transaction, an order). */
const HASH = /^0x[0-9a-fA-F]{64}$/;

/**
 * Step 1 for `personal_sign`. Text is shown in full; a raw hash, or bytes that are not text, are a
 * blind signature: the person cannot know what they sign, so it is at least a warning and the hex is shown.
 */
export function understandMessage(request: Extract<WalletRequest, { kind: 'message' }>): Understanding {
  const base = { action: 'Sign' as const, effects: { basis: 'decoding' as const, effects: [] }, failure: null, label: 'Sign a message' };
  if (request.raw && isHex(request.message)) {
    const hex = request.message as Hex;
    const text = HASH.test(hex) ? null : readableText(hex);
    if (text === null) {
      const reason = HASH.test(hex)
        ? 'This is a 32-byte hash, not text: signing it may authorise anything, including moving your money.'
        : 'This is not readable text: signing it may authorise anything, including moving your money.';
      return { ...base, concerns: [{ rule: 'blindSignature', message: reason }], movesMoney: true, details: { kind: 'blind', hex, reason } };
    }
    return { ...base, concerns: [], movesMoney: false, details: { kind: 'text', text } };
  }
  return { ...base, concerns: [], movesMoney: false, details: { kind: 'text', text: request.message } };
}

/** The bytes as text, or `null` when they are not valid UTF-8 or carry control characters other than whitespace. */
function readableText(hex: Hex): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(hexBytes(hex));
  } catch {
    return null;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this looks for
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? null : text;
}

function hexBytes(hex: Hex): Uint8Array {
  const bytes = new Uint8Array((hex.length - 2) / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(2 + i * 2, 4 + i * 2), 16);
  return bytes;
}


/**
 * Step 1 for `eth_signTypedData_v4`. A known kind (a permit) becomes its effects, judged like a
 * payment; any other message shows its domain and fields, and because the wallet cannot tell what
 * signing it lets others do, it is at least a warning.
 */
export function understandTypedData(request: Extract<WalletRequest, { kind: 'typedData' }>): Understanding {
  const { decoded, definition, account } = request;
  const details = { kind: 'typedData' as const, primaryType: definition.primaryType, domain: definition.domain, message: definition.message };
  if (decoded.kind === 'permit') {
    const concerns: RequestConcern[] = [];
    if (decoded.action.owner && decoded.action.owner.toLowerCase() !== account.toLowerCase())
      concerns.push({ rule: 'cannotTell', message: `This permit names ${decoded.action.owner} as its owner, not the account signing it.` });
    return {
      action: 'Allow',
      effects: { basis: 'decoding', effects: effectsFromDecoding({ action: decoded.action, account }).effects },
      concerns,
      failure: null,
      movesMoney: true,
      details,
      label: 'Spending approval (signature)',
    };
  }
  return {
    action: 'Sign',
    effects: { basis: 'unknown', effects: [], note: 'The wallet does not know this kind of message.' },
    concerns: [{ rule: 'cannotTell', message: `The wallet cannot tell what signing this “${decoded.primaryType}” message lets others do with your assets.` }],
    failure: null,
    movesMoney: true,
    details,
    label: `Sign a “${decoded.primaryType}” message`,
  };
}
