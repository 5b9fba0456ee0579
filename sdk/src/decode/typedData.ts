
import { InvalidPayRequestError } from './errors.js';
import { readAddress } from './transaction.js';
import { type TokenApproval, UNLIMITED_APPROVAL_THRESHOLD } from './types.js';

/** What an `eth_signTypedData_v4` message means for the signer's money. */
export type DecodedTypedData =
  | { kind: 'permit'; chainId: number | undefined; action: TokenApproval }
  | { kind: 'otherTypedData'; chainId: number | undefined; primaryType: string };

export type DecodeTypedDataErrorType = InvalidPayRequestError;

/**
 * Decodes EIP-712 typed data (an object, or the JSON string `eth_signTypedData_v4` carries). An
 * EIP-2612 `Permit` (owner, spender, value, nonce, deadline; the token is the domain's
 * `verifyingContract`) becomes a {@link TokenApproval}; any other message is reported by its
 * primary type only.
 *
 * @example
 * import { decodeTypedData } from '@commonguard/sdk/decode'
 * const decoded = decodeTypedData(JSON.parse(params[1]))
 * if (decoded.kind === 'permit') console.log(decoded.action.spender, decoded.action.amount)
 */
export function decodeTypedData(input: unknown): DecodedTypedData {
  let typedData = input;
  if (typeof typedData === 'string') {
    if (typedData.length > 256 * 1024) throw new InvalidPayRequestError({ reason: 'the typed data is too large' });
    try {
      typedData = JSON.parse(typedData);
    } catch (cause) {
      throw new InvalidPayRequestError({ reason: 'the typed data is not valid JSON', cause });
    }
  }
  if (!isRecord(typedData)) throw new InvalidPayRequestError({ reason: 'the typed data must be an object' });
  const { domain, message, primaryType, types } = typedData;
  if (typeof primaryType !== 'string' || primaryType === '')
    throw new InvalidPayRequestError({ reason: 'the typed data has no "primaryType"' });
  if (!isRecord(domain)) throw new InvalidPayRequestError({ reason: 'the typed data has no "domain" object' });
  if (!isRecord(message)) throw new InvalidPayRequestError({ reason: 'the typed data has no "message" object' });
  if (!isRecord(types)) throw new InvalidPayRequestError({ reason: 'the typed data has no "types" object' });
  const chainId = readChainId(domain.chainId);

  if (primaryType !== 'Permit' || !isPermitType(types.Permit)) return { kind: 'otherTypedData', chainId, primaryType };

  const token = readAddress(domain.verifyingContract, 'domain.verifyingContract');
  const owner = readAddress(message.owner, 'message.owner');
  const spender = readAddress(message.spender, 'message.spender');
  const amount = readUint(message.value, 'message.value');
  const deadline = readUint(message.deadline, 'message.deadline');
  readUint(message.nonce, 'message.nonce');
  return {
    kind: 'permit',
    chainId,
    action: {
      kind: 'tokenApproval',
      method: 'permit',
      token,
      spender,
      owner,
      deadline,
      amount,
      unlimited: amount >= UNLIMITED_APPROVAL_THRESHOLD,
    },
  };
}

const PERMIT_FIELDS: Record<string, string> = {
  owner: 'address',
  spender: 'address',
  value: 'uint256',
  nonce: 'uint256',
  deadline: 'uint256',
};

function isPermitType(fields: unknown): boolean {
  if (!Array.isArray(fields) || fields.length !== 5) return false;
  return fields.every((field) => isRecord(field) && typeof field.name === 'string' && PERMIT_FIELDS[field.name] === field.type);
}

function readChainId(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const id = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new InvalidPayRequestError({ reason: `"domain.chainId" is not a valid chain id (${String(value).slice(0, 40)})` });
  return id;
}

function readUint(value: unknown, field: string): bigint {
  try {
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
    if (typeof value === 'string' && /^(0x[0-9a-fA-F]{1,64}|[0-9]{1,78})$/.test(value)) {
      const result = BigInt(value);
      if (result < 2n ** 256n) return result;
    }
  } catch {}
  throw new InvalidPayRequestError({ reason: `"${field}" must be a whole number between 0 and 2^256-1` });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

