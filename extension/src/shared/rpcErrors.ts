/**
 * The errors a page can receive from the provider: EIP-1193 provider codes and JSON-RPC codes.
 * The same class is used in the background (to answer) and in the page (to reject `request`).
 */
export const RpcErrorCode = {
  /** The user rejected the request. */
  userRejected: 4001,
  /** The site is not connected, or asks for an account it was not given. */
  unauthorized: 4100,
  /** The wallet does not support this method. */
  unsupportedMethod: 4200,
  /** The wallet cannot reach any chain. */
  disconnected: 4900,
  /** The wallet cannot reach the requested chain. */
  chainDisconnected: 4901,
  /** EIP-3326: the wallet does not know the requested chain. */
  unrecognizedChain: 4902,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internal: -32603,
  /** A request of this kind is already waiting for the user on this site. */
  resourceUnavailable: -32002,
  /** Too many requests from one site at once. */
  limitExceeded: -32005,
} as const;

export type RpcErrorCodeValue = (typeof RpcErrorCode)[keyof typeof RpcErrorCode];

/** A JSON-RPC error object as it travels between the background and the page. */
export type RpcErrorObject = { code: number; message: string; data?: unknown };

export class ProviderRpcError extends Error {
  override name = 'ProviderRpcError';
  readonly code: number;
  readonly data: unknown;
  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.code = code;
    this.data = data;
  }
  toJSON(): RpcErrorObject {
    return this.data === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, data: this.data };
  }
}

export const rpcError = {
  userRejected: (message = 'The user rejected the request.') => new ProviderRpcError(RpcErrorCode.userRejected, message),
  unauthorized: (message = 'This site is not connected to the wallet. Call eth_requestAccounts first.') =>
    new ProviderRpcError(RpcErrorCode.unauthorized, message),
  unsupported: (method: string, why = 'The wallet does not support this method.') =>
    new ProviderRpcError(RpcErrorCode.unsupportedMethod, `${method}: ${why}`),
  disconnected: (message = 'The wallet cannot reach the chain.') => new ProviderRpcError(RpcErrorCode.disconnected, message),
  chainDisconnected: (message: string) => new ProviderRpcError(RpcErrorCode.chainDisconnected, message),
  unrecognizedChain: (chainId: string) =>
    new ProviderRpcError(RpcErrorCode.unrecognizedChain, `The wallet is not set up for chain ${chainId}. Ask to add it with wallet_addEthereumChain.`),
  invalidParams: (message: string) => new ProviderRpcError(RpcErrorCode.invalidParams, message),
  invalidRequest: (message: string) => new ProviderRpcError(RpcErrorCode.invalidRequest, message),
  internal: (message = 'The wallet hit an internal error.', data?: unknown) => new ProviderRpcError(RpcErrorCode.internal, message, data),
  pending: (message = 'A request of this kind is already waiting for your confirmation.') =>
    new ProviderRpcError(RpcErrorCode.resourceUnavailable, message),
  limitExceeded: (message = 'Too many requests from this site. Try again in a moment.') =>
    new ProviderRpcError(RpcErrorCode.limitExceeded, message),
};

/** Turns anything thrown while handling a request into an error object a page may see. */
export function toRpcErrorObject(error: unknown): RpcErrorObject {
  if (error instanceof ProviderRpcError) return error.toJSON();
  // Internal errors are not passed through as-is: their text could carry details pages should not see.
  return { code: RpcErrorCode.internal, message: 'The wallet hit an internal error.' };
}
