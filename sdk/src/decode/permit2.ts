import type { Address } from 'viem';
import type { AllowanceGranted } from '../effects/types.js';
import type { KnownTypedData, TypedDataContext, TypedDataStandard } from './typedDataKinds.js';
import { hasShape } from './typedDataShape.js';
import type { TypedDataTypes } from './typedDataSchema.js';
import { UNLIMITED_APPROVAL_THRESHOLD } from './types.js';
import { amountText, shortAddress, tokenText, untilText } from './words.js';

/** Uniswap's Permit2, at the same address on every chain. */
export const PERMIT2_ADDRESS: Address = '0x000000000022D473030F116dDEE9F6B43aC78BA3';

const PERMIT_DETAILS = [
  { name: 'token', type: 'address' },
  { name: 'amount', type: 'uint160' },
  { name: 'expiration', type: 'uint48' },
  { name: 'nonce', type: 'uint48' },
];
const TOKEN_PERMISSIONS = [
  { name: 'token', type: 'address' },
  { name: 'amount', type: 'uint256' },
];

/** Permit2's message types, as its contracts (and `@uniswap/permit2-sdk`) declare them. */
export const PERMIT2_TYPES: TypedDataTypes = {
  PermitDetails: PERMIT_DETAILS,
  TokenPermissions: TOKEN_PERMISSIONS,
  PermitSingle: [
    { name: 'details', type: 'PermitDetails' },
    { name: 'spender', type: 'address' },
    { name: 'sigDeadline', type: 'uint256' },
  ],
  PermitBatch: [
    { name: 'details', type: 'PermitDetails[]' },
    { name: 'spender', type: 'address' },
    { name: 'sigDeadline', type: 'uint256' },
  ],
  PermitTransferFrom: [
    { name: 'permitted', type: 'TokenPermissions' },
    { name: 'spender', type: 'address' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
  PermitBatchTransferFrom: [
    { name: 'permitted', type: 'TokenPermissions[]' },
    { name: 'spender', type: 'address' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
};

type Details = { token: Address; amount: bigint; expiration: bigint; nonce: bigint };
type Permission = { token: Address; amount: bigint };

/**
 * Every Permit2 message. Allowance permits (`PermitSingle`, `PermitBatch`) let `spender` take tokens the signer
 * approved to Permit2 until each allowance's expiration; signature transfers (`PermitTransferFrom`, batch and
 * witness variants) let `spender` move the permitted amounts once, to any recipient, before `deadline`. A witness
 * variant is a transfer-from with one extra field of any type (the integrator's witness).
 */
export function readPermit2(context: TypedDataContext): KnownTypedData | undefined {
  const { types, primaryType, message } = context;
  const spender = message.spender as Address;
  const where = permit2Note(context);

  if (hasShape(types, primaryType, PERMIT2_TYPES, 'PermitSingle') || hasShape(types, primaryType, PERMIT2_TYPES, 'PermitBatch')) {
    const batch = Array.isArray(message.details);
    const details = (batch ? message.details : [message.details]) as Details[];
    const sigDeadline = message.sigDeadline as bigint;
    const effects = details.map((entry) => allowanceOf(entry, spender, sigDeadline));
    return {
      standard: batch ? 'permit2Batch' : 'permit2Single',
      effects,
      summary: `Allow ${shortAddress(spender)} to take ${listText(effects)} via Permit2${where}.`,
    };
  }

  const transfer = transferStandard(types, primaryType);
  if (transfer === undefined) return undefined;
  const batch = Array.isArray(message.permitted);
  const permitted = (batch ? message.permitted : [message.permitted]) as Permission[];
  const deadline = message.deadline as bigint;
  const effects: AllowanceGranted[] = permitted.map((entry) => ({
    kind: 'allowance',
    token: entry.token,
    spender,
    amount: entry.amount,
    unlimited: entry.amount >= UNLIMITED_APPROVAL_THRESHOLD,
    via: 'permit2Transfer',
    expiresAt: deadline,
  }));
  const witness = transfer.witness === undefined ? '' : ` (with extra terms in "${transfer.witness}")`;
  return {
    standard: transfer.standard,
    effects,
    summary: `Let ${shortAddress(spender)} move ${listText(effects)} from your wallet to anyone, once,${untilText(deadline)}, via Permit2${where}${witness}.`,
  };
}

function allowanceOf(details: Details, spender: Address, sigDeadline: bigint): AllowanceGranted {
  // Permit2 reads expiration 0 as "this block only": the allowance then lasts no longer than the signature.
  const expiresAt = details.expiration === 0n ? sigDeadline : details.expiration;
  return {
    kind: 'allowance',
    token: details.token,
    spender,
    amount: details.amount,
    unlimited: details.amount >= UNLIMITED_APPROVAL_THRESHOLD,
    via: 'permit2',
    expiresAt,
  };
}

function transferStandard(
  types: TypedDataTypes,
  primaryType: string,
): { standard: Extract<TypedDataStandard, `permit2${string}Transfer`>; witness?: string } | undefined {
  if (hasShape(types, primaryType, PERMIT2_TYPES, 'PermitTransferFrom')) return { standard: 'permit2Transfer' };
  if (hasShape(types, primaryType, PERMIT2_TYPES, 'PermitBatchTransferFrom')) return { standard: 'permit2BatchTransfer' };
  const fields = types[primaryType] ?? [];
  if (fields.length !== 5) return undefined;
  for (const witness of fields) {
    const rest = { ...types, [primaryType]: fields.filter((field) => field !== witness) };
    if (hasShape(rest, primaryType, PERMIT2_TYPES, 'PermitTransferFrom'))
      return { standard: 'permit2WitnessTransfer', witness: witness.name };
    if (hasShape(rest, primaryType, PERMIT2_TYPES, 'PermitBatchTransferFrom'))
      return { standard: 'permit2WitnessBatchTransfer', witness: witness.name };
  }
  return undefined;
}

/** Says so when a Permit2-shaped message is not for the canonical Permit2 contract. */
function permit2Note({ domain }: TypedDataContext): string {
  const contract = domain.verifyingContract;
  if (contract === undefined) return ' (the message names no Permit2 contract)';
  if (contract.toLowerCase() === PERMIT2_ADDRESS.toLowerCase()) return '';
  return ` (for the contract ${shortAddress(contract)}, which is not the usual Permit2 contract)`;
}

function listText(effects: readonly AllowanceGranted[]): string {
  const parts = effects.map((effect) => {
    const how = effect.unlimited ? 'any amount' : `up to ${amountText(effect.amount)}`;
    const until = effect.via === 'permit2' ? untilText(effect.expiresAt) : '';
    return `${how} of ${tokenText(effect.token)}${until}`;
  });
  if (parts.length === 0) return 'nothing';
  return parts.length === 1 ? (parts[0] as string) : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
