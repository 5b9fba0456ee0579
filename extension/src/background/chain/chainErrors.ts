import { CommonGuardError, ContractNotFoundError, ContractRevertedError, RpcUnreachableError } from '@commonguard/sdk';
import { BaseError, ContractFunctionRevertedError, ContractFunctionZeroDataError, ExecutionRevertedError, HttpRequestError, TimeoutError, WebSocketRequestError } from 'viem';

/**
 * What went wrong in a read or estimate against the chain, by the error's type (never by its wording):
 * - `unreachable`: the node did not answer (the sdk's `RpcUnreachableError`; viem's HTTP, WebSocket and
 *   timeout errors);
 * - `notContract`: no contract of the expected kind at the address (the sdk's `ContractNotFoundError`;
 *   viem's "returned no data");
 * - `reverted`: the contract ran and refused, with its decoded reason when it gave one (the sdk's
 *   `ContractRevertedError`; viem's revert errors);
 * - `other`: anything else, with its first line.
 */
export type ChainFailure =
  | { kind: 'unreachable' }
  | { kind: 'notContract'; message?: string | undefined }
  | { kind: 'reverted'; reason?: string | undefined }
  | { kind: 'other'; text: string };

/** How deep the cause chain is followed (viem wraps a node error in two or three layers). */
const MAX_CAUSES = 8;

/** Classifies `error` by the types in its cause chain; the outermost error that says what happened wins. */
export function classifyChainError(error: unknown): ChainFailure {
  const chain: unknown[] = [];
  for (let cause: unknown = error, depth = 0; cause !== undefined && cause !== null && depth < MAX_CAUSES; cause = (cause as { cause?: unknown }).cause, depth++) chain.push(cause);
  for (const cause of chain) {
    if (isA(cause, RpcUnreachableError, 'RpcUnreachableError') || isA(cause, HttpRequestError, 'HttpRequestError') || isA(cause, TimeoutError, 'TimeoutError') || isA(cause, WebSocketRequestError, 'WebSocketRequestError'))
      return { kind: 'unreachable' };
    if (isA(cause, ContractNotFoundError, 'ContractNotFoundError')) return { kind: 'notContract', message: (cause as ContractNotFoundError).shortMessage };
    if (isA(cause, ContractFunctionZeroDataError, 'ContractFunctionZeroDataError')) return { kind: 'notContract' };
    if (isA(cause, ContractRevertedError, 'ContractRevertedError')) return { kind: 'reverted', reason: (cause as ContractRevertedError).shortMessage };
    if (isA(cause, ContractFunctionRevertedError, 'ContractFunctionRevertedError')) return { kind: 'reverted', reason: revertReason(cause as ContractFunctionRevertedError) };
    if (isA(cause, ExecutionRevertedError, 'ExecutionRevertedError')) return { kind: 'reverted', reason: nodeRevertReason((cause as ExecutionRevertedError).details) };
  }
  const first = error instanceof BaseError || error instanceof CommonGuardError ? error.shortMessage : error instanceof Error ? error.message : String(error);
  return { kind: 'other', text: first.split('\n')[0]?.slice(0, 160) || 'unknown error' };
}

/**
 * A short reason for a failed chain read or estimate, in words, saying what actually failed. `expected` names
 * the kind of contract the read expected ("a PaymentPolicy"), so "not a contract" can say so.
 */
export function describeChainError(error: unknown, { expected }: { expected?: string } = {}): string {
  const failure = classifyChainError(error);
  switch (failure.kind) {
    case 'unreachable':
      return 'the chain (RPC) is unreachable';
    case 'notContract':
      return expected ? `the contract did not answer as ${expected}` : 'there is no contract there that answers this call';
    case 'reverted':
      return failure.reason ? `the contract refused the call (${trimPeriod(failure.reason)})` : 'the contract refused the call, without saying why';
    case 'other':
      return failure.text;
  }
}

function isA(value: unknown, type: abstract new (...args: never[]) => Error, name: string): boolean {
  // By class, or by name for an error that crossed a bundle boundary (another copy of viem or of the sdk).
  return value instanceof type || (value instanceof Error && value.name === name);
}

function revertReason(error: ContractFunctionRevertedError): string | undefined {
  if (error.reason) return error.reason.slice(0, 160);
  if (error.data?.errorName) return `${error.data.errorName}(${(error.data.args ?? []).map(String).join(', ')})`.slice(0, 160);
  return undefined;
}

function nodeRevertReason(details: string | undefined): string | undefined {
  const reason = details?.replace(/^execution reverted:?\s*/i, '').trim();
  return reason ? reason.slice(0, 160) : undefined;
}

function trimPeriod(text: string): string {
  return text.replace(/\.$/, '');
}
