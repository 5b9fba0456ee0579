import type { Address, Hex } from 'viem';
import type { Effect } from '../effects/types.js';
import type { TypedDataTypes } from './typedDataSchema.js';

/** The standards the wallet recognises in typed data (by their declared types, never by name alone). */
export type TypedDataStandard =
  | 'erc2612Permit'
  | 'daiPermit'
  | 'permit2Single'
  | 'permit2Batch'
  | 'permit2Transfer'
  | 'permit2BatchTransfer'
  | 'permit2WitnessTransfer'
  | 'permit2WitnessBatchTransfer'
  | 'eip3009Transfer'
  | 'eip3009Receive'
  | 'seaportOrder'
  | 'cowOrder'
  | 'uniswapxOrder'
  | 'oneInchOrder'
  | 'zeroExOrder'
  | 'blurOrder'
  | 'looksRareOrder'
  | 'safeTx'
  | 'other';

/** The domain fields the page declared, read. */
export type TypedDataDomain = {
  name?: string;
  version?: string;
  chainId?: number;
  verifyingContract?: Address;
  salt?: Hex;
};

/** What one standard's reader is given: checked typed data and its domain. */
export type TypedDataContext = {
  types: TypedDataTypes;
  primaryType: string;
  message: Record<string, unknown>;
  domain: TypedDataDomain;
  /** The account asked to sign, when the caller knows it: orders that name no signer (CoW) compare their receiver with it. */
  account?: Address | undefined;
  /** The domain's `verifyingContract` as the token of a permit; throws if the domain names none. */
  token: (what: string) => Address;
};

/** What a standard's reader found: the effects of signing, a sentence, and who the message says signs. */
export type KnownTypedData = {
  standard: Exclude<TypedDataStandard, 'other'>;
  effects: Effect[];
  summary: string;
  signer?: Address | undefined;
  /** Safe transactions: every delegatecall it makes, and the Safe library each reaches (if any). */
  delegateCalls?: SafeDelegateCall[] | undefined;
};

/** A delegatecall a Safe transaction makes, and the Safe library it reaches, when it is one. */
export type SafeDelegateCall = { to: Address; library: string | undefined };

/** Reads typed data as one standard; `undefined` when the declared types are not that standard's. */
export type TypedDataReader = (context: TypedDataContext) => KnownTypedData | undefined;
