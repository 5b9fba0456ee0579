import type { Address } from 'viem';
import type { Effect } from '../../effects/types.js';
import { PERMIT2_ADDRESS, PERMIT2_TYPES } from '../permit2.js';
import type { KnownTypedData, TypedDataContext } from '../typedDataKinds.js';
import { hasShape } from '../typedDataShape.js';
import type { TypedDataField, TypedDataTypes } from '../typedDataSchema.js';
import { NATIVE_TOKEN } from '../types.js';
import { orderSentence, sameAddress } from './orderWords.js';

const ORDER_INFO = [
  { name: 'reactor', type: 'address' },
  { name: 'swapper', type: 'address' },
  { name: 'nonce', type: 'uint256' },
  { name: 'deadline', type: 'uint256' },
  { name: 'additionalValidationContract', type: 'address' },
  { name: 'additionalValidationData', type: 'bytes' },
];
const DUTCH_OUTPUT = [
  { name: 'token', type: 'address' },
  { name: 'startAmount', type: 'uint256' },
  { name: 'endAmount', type: 'uint256' },
  { name: 'recipient', type: 'address' },
];

/** UniswapX's order types (the Permit2 witness of each order), as its reactors and `@uniswap/uniswapx-sdk` declare them. */
export const UNISWAPX_TYPES: TypedDataTypes = {
  OrderInfo: ORDER_INFO,
  DutchOutput: DUTCH_OUTPUT,
  PriorityInput: [
    { name: 'token', type: 'address' },
    { name: 'amount', type: 'uint256' },
    { name: 'mpsPerPriorityFeeWei', type: 'uint256' },
  ],
  PriorityOutput: [
    { name: 'token', type: 'address' },
    { name: 'amount', type: 'uint256' },
    { name: 'mpsPerPriorityFeeWei', type: 'uint256' },
    { name: 'recipient', type: 'address' },
  ],
  ExclusiveDutchOrder: [
    { name: 'info', type: 'OrderInfo' },
    { name: 'decayStartTime', type: 'uint256' },
    { name: 'decayEndTime', type: 'uint256' },
    { name: 'exclusiveFiller', type: 'address' },
    { name: 'exclusivityOverrideBps', type: 'uint256' },
    { name: 'inputToken', type: 'address' },
    { name: 'inputStartAmount', type: 'uint256' },
    { name: 'inputEndAmount', type: 'uint256' },
    { name: 'outputs', type: 'DutchOutput[]' },
  ],
  V2DutchOrder: [
    { name: 'info', type: 'OrderInfo' },
    { name: 'cosigner', type: 'address' },
    { name: 'baseInputToken', type: 'address' },
    { name: 'baseInputStartAmount', type: 'uint256' },
    { name: 'baseInputEndAmount', type: 'uint256' },
    { name: 'baseOutputs', type: 'DutchOutput[]' },
  ],
  PriorityOrder: [
    { name: 'info', type: 'OrderInfo' },
    { name: 'cosigner', type: 'address' },
    { name: 'auctionStartBlock', type: 'uint256' },
    { name: 'baselinePriorityFeeWei', type: 'uint256' },
    { name: 'input', type: 'PriorityInput' },
    { name: 'outputs', type: 'PriorityOutput[]' },
  ],
};

/**
 * The UniswapX reactors of the three order kinds read here, on every chain `@uniswap/uniswapx-sdk` lists. Only
 * these enforce an order's terms: a witness transfer to any other spender lets it take the permitted tokens
 * outright, so it stays a Permit2 transfer permission.
 */
export const UNISWAPX_REACTORS: readonly Address[] = [
  '0x6000da47483062A0D734Ba3dc7576Ce6A0B645C4', // exclusive Dutch
  '0xD6c073F2A3b676B8f9002b276B618e0d8bA84Fad', // exclusive Dutch (Sepolia)
  '0xbD7F9D0239f81C94b728d827a87b9864972661eC', // exclusive Dutch (Uniswap's test chain)
  '0x00000011F84B9aa48e5f8aA8B9897600006289Be', // V2 Dutch
  '0x1bd1aAdc9E230626C44a139d7E70d842749351eb', // V2 Dutch (Arbitrum)
  '0x0e22B6638161A89533940Db590E67A52474bEBcd', // V2 Dutch (Sepolia)
  '0x000000001Ec5656dcdB24D90DFa42742738De729', // priority (Base)
  '0x00000006021a6Bce796be7ba509BBBA71e956e37', // priority (Unichain)
];

type Kind = 'ExclusiveDutchOrder' | 'V2DutchOrder' | 'PriorityOrder';
const KINDS: readonly Kind[] = ['ExclusiveDutchOrder', 'V2DutchOrder', 'PriorityOrder'];
const KIND_NAMES: Record<Kind, string> = { ExclusiveDutchOrder: 'exclusive Dutch', V2DutchOrder: 'V2 Dutch', PriorityOrder: 'priority' };

type Info = { reactor: Address; swapper: Address; deadline: bigint };
type Output = { token: Address; recipient: Address; startAmount?: bigint; endAmount?: bigint; amount?: bigint };
type Terms = { input: { token: Address; amount: bigint }; outputs: Output[] };

/**
 * A UniswapX order signed through Permit2, for a known reactor: at most the order's input (the largest of a
 * decaying amount) leaves the swapper, to whoever fills it; outputs to the swapper come back (the smallest of a
 * decaying amount). Outputs to others are paid by the filler (fees), not by the swapper: they are not effects,
 * but an order with no output to the swapper gives its input away.
 */
export function readUniswapXOrder(context: TypedDataContext): KnownTypedData | undefined {
  const { types, primaryType, message, domain } = context;
  const kind = witnessKind(types, primaryType);
  if (kind === undefined) return undefined;
  const witness = message[kind.field] as { info: Info } & Record<string, unknown>;
  const spender = message.spender as Address;
  const known = UNISWAPX_REACTORS.some((reactor) => sameAddress(reactor, spender));
  if (!known || !sameAddress(spender, witness.info.reactor) || domain.verifyingContract === undefined || !sameAddress(domain.verifyingContract, PERMIT2_ADDRESS))
    return undefined;

  const terms = termsOf(kind.kind, witness);
  const permitted = (message.permitted as { amount: bigint }).amount;
  const swapper = witness.info.swapper;
  const effects: Effect[] = [{ kind: 'assetOut', token: terms.input.token, to: null, amount: terms.input.amount < permitted ? terms.input.amount : permitted }];
  const others: Address[] = [];
  for (const output of terms.outputs) {
    if (!sameAddress(output.recipient, swapper)) {
      others.push(output.recipient);
      continue;
    }
    const amount = output.amount ?? min(output.startAmount ?? 0n, output.endAmount ?? 0n);
    const native = sameAddress(output.token, NATIVE_TOKEN);
    effects.push({ kind: 'assetIn', token: native ? NATIVE_TOKEN : output.token, standard: native ? 'native' : 'erc20', from: null, amount });
  }
  return {
    standard: 'uniswapxOrder',
    signer: swapper,
    effects,
    summary: `UniswapX ${KIND_NAMES[kind.kind]} order: ${orderSentence(effects, witness.info.deadline, others[0])}`,
  };
}

function witnessKind(types: TypedDataTypes, primaryType: string): { kind: Kind; field: string } | undefined {
  const fields = types[primaryType] ?? [];
  if (fields.length !== 5) return undefined;
  for (const field of fields) {
    const kind = KINDS.find((name) => hasShape(types, field.type, UNISWAPX_TYPES, name));
    if (kind === undefined) continue;
    const rest: TypedDataField[] = fields.filter((other) => other !== field);
    if (hasShape({ ...types, [primaryType]: rest }, primaryType, PERMIT2_TYPES, 'PermitTransferFrom')) return { kind, field: field.name };
  }
  return undefined;
}

function termsOf(kind: Kind, witness: Record<string, unknown>): Terms {
  switch (kind) {
    case 'ExclusiveDutchOrder':
      return {
        input: { token: witness.inputToken as Address, amount: max(witness.inputStartAmount as bigint, witness.inputEndAmount as bigint) },
        outputs: witness.outputs as Output[],
      };
    case 'V2DutchOrder':
      return {
        input: { token: witness.baseInputToken as Address, amount: max(witness.baseInputStartAmount as bigint, witness.baseInputEndAmount as bigint) },
        outputs: witness.baseOutputs as Output[],
      };
    case 'PriorityOrder':
      // A priority order's input only shrinks and its outputs only grow with the priority fee: the signed amounts are the worst case.
      return { input: witness.input as { token: Address; amount: bigint }, outputs: witness.outputs as Output[] };
  }
}

const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);
