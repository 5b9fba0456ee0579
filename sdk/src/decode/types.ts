import type { Address, Hex } from 'viem';

export { MAX_UINT256, NATIVE_TOKEN, UNLIMITED_APPROVAL_THRESHOLD } from '../effects/constants.js';
import { NATIVE_TOKEN } from '../effects/constants.js';

/** Sends the native coin to `to`. */
export type NativeTransfer = {
  kind: 'nativeTransfer';
  token: typeof NATIVE_TOKEN;
  to: Address;
  amount: bigint;
};

/** ERC-20 `transfer(to, amount)` or `transferFrom(from, to, amount)` on `token`. */
export type TokenTransfer = {
  kind: 'tokenTransfer';
  token: Address;
  to: Address;
  amount: bigint;
  /** Set for `transferFrom`: whose tokens move. */
  from?: Address | undefined;
  method: 'transfer' | 'transferFrom';
};

/** ERC-20 `approve` / `increaseAllowance`, or an EIP-2612 permit signature. */
export type TokenApproval = {
  kind: 'tokenApproval';
  token: Address;
  spender: Address;
  amount: bigint;
  unlimited: boolean;
  method: 'approve' | 'increaseAllowance' | 'permit';
  /** Permit only: the signer named in the message, its nonce and its deadline (unix seconds). */
  owner?: Address | undefined;
  deadline?: bigint | undefined;
};

/** A call we cannot read: only the value it sends (if any) and its target are known. */
export type ContractCall = {
  kind: 'contractCall';
  /** `undefined` for a contract deployment. */
  to: Address | undefined;
  value: bigint;
  data: Hex;
  /** First four bytes of `data`, if there are four. */
  selector: Hex | undefined;
};

/** One decoded action of a pay request. */
export type PayAction = NativeTransfer | TokenTransfer | TokenApproval | ContractCall;

/** An `eth_sendTransaction`-style call object as pages send it (all quantities as hex strings). */
export type TransactionRequestLike = {
  from?: unknown;
  to?: unknown;
  value?: unknown;
  data?: unknown;
  input?: unknown;
  chainId?: unknown;
  [key: string]: unknown;
};
