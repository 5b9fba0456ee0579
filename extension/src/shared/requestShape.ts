import { MAX_METHOD_LENGTH, MAX_REQUEST_BYTES, type PortRequest } from './pageProtocol.js';
import { type RpcErrorObject, RpcErrorCode } from './rpcErrors.js';

/**
 * The shape every provider request must have, checked twice: by the bridge before a page message
 * leaves the page, and again by the background for every port message (a compromised page process can
 * speak for the content script, so the background trusts only what the browser says: the sender).
 * Returns the request with its params as plain JSON, the error to answer with, or `undefined` when
 * there is no usable id to answer to.
 */
export function checkRequestShape(id: unknown, method: unknown, params: unknown): { request: PortRequest } | { id: number; error: RpcErrorObject } | undefined {
  // Without a usable id there is no one to answer: drop it.
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) return undefined;
  const invalid = (code: number, message: string) => ({ id, error: { code, message } });
  if (typeof method !== 'string' || method.length === 0 || method.length > MAX_METHOD_LENGTH || !/^[A-Za-z0-9_]+$/.test(method))
    return invalid(RpcErrorCode.invalidRequest, '"method" must be a method name such as "eth_chainId".');
  if (params !== undefined && (typeof params !== 'object' || params === null))
    return invalid(RpcErrorCode.invalidParams, '"params" must be an array or an object.');
  let json: string | undefined;
  try {
    json = params === undefined ? undefined : JSON.stringify(params);
  } catch {
    return invalid(RpcErrorCode.invalidParams, '"params" must be plain JSON data.');
  }
  if (json !== undefined && json.length > MAX_REQUEST_BYTES) return invalid(RpcErrorCode.limitExceeded, `The request is larger than ${MAX_REQUEST_BYTES} bytes.`);
  return { request: { id, method, params: json === undefined ? [] : JSON.parse(json) } };
}
