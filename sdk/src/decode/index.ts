// biome-ignore lint/performance/noBarrelFile: entry point of the `@commonguard/sdk/decode` subpath
export { type DecodeCallsErrorType, type DecodeCallsReturnType, decodeCalls, MAX_BATCH_CALLS } from './calls.js';
export {
  DecodeError,
  type DecodeErrorType,
  InvalidPaymentLinkError,
  type InvalidPaymentLinkErrorType,
  InvalidPayRequestError,
  type InvalidPayRequestErrorType,
} from './errors.js';
export { type EffectsFromDecodingErrorType, type EffectsFromDecodingParameters, type EffectsFromDecodingReturnType, effectsFromDecoding } from './effectsFromDecoding.js';
export { type ParsePaymentLinkErrorType, type ParsePaymentLinkReturnType, parsePaymentLink } from './erc681.js';
export {
  type DecodeTransactionErrorType,
  type DecodeTransactionParameters,
  type DecodeTransactionReturnType,
  decodeTransaction,
} from './transaction.js';
export { type DecodedTypedData, type DecodeTypedDataErrorType, type DecodeTypedDataOptions, decodeTypedData } from './typedData.js';
export { EIP3009_TYPES } from './eip3009.js';
export type { TypedDataDomain, TypedDataStandard } from './typedDataKinds.js';
export { MAX_TYPED_DATA_BYTES, MAX_TYPED_DATA_DEPTH, type TypedDataField } from './typedDataSchema.js';
export type { TypedDataNode } from './typedDataTree.js';
export { type CommunityCall, type CommunityContracts, decodeCommunityCall, hashProposal } from './community.js';
export {
  type DecodedMessage,
  type DecodeMessageContext,
  type DecodeMessageErrorType,
  decodeMessage,
  MAX_MESSAGE_BYTES,
} from './message.js';
export { PERMIT2_ADDRESS } from './permit2.js';
export { SAFE_LIBRARIES } from './safeLibraries.generated.js';
export { type SafeCall, type SafeDelegateCall, SAFE_TX_TYPES } from './safeTx.js';
export { SEAPORT_ADDRESSES } from './seaport.js';
export {
  type ContractCall,
  MAX_UINT256,
  NATIVE_TOKEN,
  type NativeTransfer,
  type PayAction,
  type TokenApproval,
  type TokenTransfer,
  type TransactionRequestLike,
  UNLIMITED_APPROVAL_THRESHOLD,
} from './types.js';
