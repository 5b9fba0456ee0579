import { formatUnits } from 'viem';
import { rpcError } from '../../shared/rpcErrors.js';

/**
 * Network fees, pure: what a page may say about gas and fees, the cap on the gas limit, and the most
 * the transaction can cost in the native coin. The page's fields are checked, never trusted: a bad one
 * is refused with -32602 rather than ignored, and the window shows the maximum fee that will be signed.
 */

/** The most gas one transaction may use (EIP-7825's per-transaction cap, 2^24). */
export const MAX_GAS_LIMIT = 16_777_216n;
/** A plain transfer's gas: no transaction can use less. */
export const MIN_GAS_LIMIT = 21_000n;
/** Quantities are hex strings of at most 32 bytes, as JSON-RPC writes them. */
const QUANTITY = /^0x(0|[1-9a-fA-F][0-9a-fA-F]{0,63})$/;

/** The transaction types a page may ask for: legacy (0x0), access list (0x1), EIP-1559 (0x2). */
export const SUPPORTED_TYPES = ['0x0', '0x1', '0x2'] as const;
export type FeeType = 'legacy' | 'eip2930' | 'eip1559';
const TYPE_OF: Record<(typeof SUPPORTED_TYPES)[number], FeeType> = { '0x0': 'legacy', '0x1': 'eip2930', '0x2': 'eip1559' };

/** What the page asked for, checked. Every field is optional: the wallet fills in the rest. */
export type FeeFields = {
  gas?: bigint;
  gasPrice?: bigint;
  maxFeePerGas?: bigint;
  maxPriorityFeePerGas?: bigint;
  type?: FeeType;
};

/** What the chain suggests now (viem's `estimateFeesPerGas`): EIP-1559 fees, or a gas price on legacy chains. */
export type FeeEstimate = { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint } | { gasPrice: bigint };

/** The fees the transaction is signed with: exactly what the window showed. */
export type FeePlan =
  | { type: 'eip1559'; gas: bigint; maxFeePerGas: bigint; maxPriorityFeePerGas: bigint }
  | { type: 'legacy' | 'eip2930'; gas: bigint; gasPrice: bigint };

function quantity(raw: Record<string, unknown>, field: string): bigint | undefined {
  const value = raw[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !QUANTITY.test(value))
    throw rpcError.invalidParams(`"${field}" must be a hex number such as "0x5208" (got ${describe(value)}).`);
  return BigInt(value);
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' ? (JSON.stringify(value) ?? String(value)) : String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * Checks the gas and fee fields of a page's transaction. Refused with -32602: a field that is not a hex
 * quantity, an unknown or unsupported `type` (blob and set-code transactions, anything above 0x2),
 * legacy and EIP-1559 fields mixed, a priority fee above the maximum fee, a gas limit below 21,000 or
 * above {@link MAX_GAS_LIMIT}.
 */
export function parseFeeFields(raw: Record<string, unknown>): FeeFields {
  const gas = quantity(raw, 'gas');
  const gasPrice = quantity(raw, 'gasPrice');
  const maxFeePerGas = quantity(raw, 'maxFeePerGas');
  const maxPriorityFeePerGas = quantity(raw, 'maxPriorityFeePerGas');
  let type: FeeType | undefined;
  if (raw.type !== undefined && raw.type !== null) {
    const text = typeof raw.type === 'string' ? raw.type.toLowerCase().replace(/^0x0+(?=[0-9a-f])/, '0x') : raw.type;
    if (typeof text !== 'string' || !Object.hasOwn(TYPE_OF, text))
      throw rpcError.invalidParams(`"type" must be "0x0" (legacy), "0x1" (access list) or "0x2" (EIP-1559); this wallet does not send type ${describe(raw.type)}.`);
    type = TYPE_OF[text as keyof typeof TYPE_OF];
  }
  const dynamic = maxFeePerGas !== undefined || maxPriorityFeePerGas !== undefined;
  if (gasPrice !== undefined && dynamic) throw rpcError.invalidParams('Give either "gasPrice" or "maxFeePerGas"/"maxPriorityFeePerGas", not both.');
  if (type !== undefined && type !== 'eip1559' && dynamic) throw rpcError.invalidParams(`A type ${type === 'legacy' ? '0x0' : '0x1'} transaction pays "gasPrice", not "maxFeePerGas".`);
  if (type === 'eip1559' && gasPrice !== undefined) throw rpcError.invalidParams('An EIP-1559 (type 0x2) transaction pays "maxFeePerGas", not "gasPrice".');
  if (maxFeePerGas !== undefined && maxPriorityFeePerGas !== undefined && maxPriorityFeePerGas > maxFeePerGas)
    throw rpcError.invalidParams('"maxPriorityFeePerGas" cannot be more than "maxFeePerGas".');
  if (gas !== undefined) checkGasLimit(gas, 'The "gas" limit');
  return {
    ...(gas !== undefined ? { gas } : {}),
    ...(gasPrice !== undefined ? { gasPrice } : {}),
    ...(maxFeePerGas !== undefined ? { maxFeePerGas } : {}),
    ...(maxPriorityFeePerGas !== undefined ? { maxPriorityFeePerGas } : {}),
    ...(type !== undefined ? { type } : {}),
  };
}

/** A gas limit within [21,000, {@link MAX_GAS_LIMIT}], or -32602 saying which bound it broke. */
export function checkGasLimit(gas: bigint, what: string): bigint {
  if (gas < MIN_GAS_LIMIT) throw rpcError.invalidParams(`${what} (${gas}) is below ${MIN_GAS_LIMIT}, the least any transaction uses.`);
  if (gas > MAX_GAS_LIMIT) throw rpcError.invalidParams(`${what} (${gas}) is above ${MAX_GAS_LIMIT}, the most one transaction may use.`);
  return gas;
}

/**
 * The fees to sign with: the page's fields where it gave them, the chain's estimate for the rest, and
 * the page's gas limit or else the estimated one (both capped). The page's type decides legacy or
 * EIP-1559; otherwise the chain's estimate does.
 */
export function planFees(fields: FeeFields, estimate: FeeEstimate, estimatedGas: bigint | undefined): FeePlan {
  const gas = fields.gas ?? (estimatedGas !== undefined ? checkGasLimit(estimatedGas, 'The estimated gas') : undefined);
  if (gas === undefined) throw rpcError.invalidParams('The wallet could not estimate the gas of this transaction; give a "gas" limit.');
  const wantsLegacy = fields.type === 'legacy' || fields.type === 'eip2930' || fields.gasPrice !== undefined;
  if (wantsLegacy || 'gasPrice' in estimate) {
    if ('gasPrice' in estimate && (fields.maxFeePerGas !== undefined || fields.type === 'eip1559'))
      throw rpcError.invalidParams('This chain does not take EIP-1559 fees; use "gasPrice".');
    const gasPrice = fields.gasPrice ?? ('gasPrice' in estimate ? estimate.gasPrice : estimate.maxFeePerGas);
    return { type: fields.type === 'eip2930' ? 'eip2930' : 'legacy', gas, gasPrice };
  }
  const maxFeePerGas = fields.maxFeePerGas ?? max(estimate.maxFeePerGas, fields.maxPriorityFeePerGas ?? 0n);
  const maxPriorityFeePerGas = fields.maxPriorityFeePerGas ?? min(estimate.maxPriorityFeePerGas, maxFeePerGas);
  return { type: 'eip1559', gas, maxFeePerGas, maxPriorityFeePerGas };
}

/** The most the plan can cost: gas limit × the highest price per gas it allows. */
export function maxFee(plan: FeePlan): bigint {
  return plan.gas * (plan.type === 'eip1559' ? plan.maxFeePerGas : plan.gasPrice);
}

/** "0.0021 ETH": the maximum fee in the native coin, rounded up to 4 significant digits (never shown lower than it is). */
export function formatMaxFee(wei: bigint, symbol = 'ETH', decimals = 18): string {
  if (wei === 0n) return `0 ${symbol}`;
  const digits = wei.toString().length;
  const step = digits > 4 ? 10n ** BigInt(digits - 4) : 1n;
  const rounded = ((wei + step - 1n) / step) * step;
  return `${formatUnits(rounded, decimals)} ${symbol}`;
}

const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);
