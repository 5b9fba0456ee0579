import { type RpcErrorObject, rpcError } from '../../shared/rpcErrors.js';

/** Read-only methods passed straight to the configured RPC. Nothing here can move money. */
export const READ_ONLY_METHODS = [
  'eth_blockNumber',
  'eth_call',
  'eth_estimateGas',
  'eth_feeHistory',
  'eth_gasPrice',
  'eth_getBalance',
  'eth_getBlockByHash',
  'eth_getBlockByNumber',
  'eth_getBlockTransactionCountByNumber',
  'eth_getCode',
  'eth_getLogs',
  'eth_getStorageAt',
  'eth_getTransactionByHash',
  'eth_getTransactionCount',
  'eth_getTransactionReceipt',
  'eth_maxPriorityFeePerGas',
  'eth_syncing',
  'web3_clientVersion',
] as const;

/**
 * Sends one JSON-RPC request to the node and returns its `result`. Node errors (a revert, bad
 * params) pass through with their code and message; an unreachable node is 4900. No error names the
 * node: its URL may carry an API key, and pages see these errors (they are also redacted on the way out).
 */
export async function forwardRpc(rpcUrl: string, method: string, params: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw rpcError.disconnected('The wallet cannot reach its chain right now.');
  }
  const body = (await response.json().catch(() => null)) as { result?: unknown; error?: RpcErrorObject } | null;
  if (!body || (!('result' in body) && !body.error)) throw rpcError.disconnected("The wallet's chain gave an answer that is not JSON-RPC.");
  if (body.error) {
    const { code, message, data } = body.error;
    const clean = { code: typeof code === 'number' ? code : -32603, message: typeof message === 'string' ? message.slice(0, 500) : 'The node refused the request.' };
    throw Object.assign(rpcError.internal(), clean, typeof data === 'string' && /^0x[0-9a-fA-F]*$/.test(data) ? { data } : {});
  }
  return body.result;
}
