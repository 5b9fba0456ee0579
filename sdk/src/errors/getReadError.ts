import {
  AbiDecodingZeroDataError,
  type Address,
  BaseError,
  type Chain,
  type Client,
  ContractFunctionZeroDataError,
  HttpRequestError,
  TimeoutError,
  type Transport,
  WebSocketRequestError,
} from 'viem';
import { getChainId, getCode } from 'viem/actions';
import { toContractRevertedError } from './contract.js';
import { ChainMismatchError, ContractNotFoundError, RpcUnreachableError } from './rpc.js';

/**
 * Turns what a failed contract read threw into the sdk's readable errors: the RPC is unreachable,
 * the client expects another chain, there is no such contract at the address, or the contract
 * reverted with a CommonGuard error. Anything else is returned unchanged.
 *
 * Runs only after a failure, so a successful read stays one request.
 */
export async function getReadError(
  client: Client<Transport, Chain | undefined>,
  { error, address, contractName }: { error: unknown; address: Address; contractName: string },
): Promise<unknown> {
  if (isUnreachable(error)) return new RpcUnreachableError({ url: rpcUrlOf(client, error), cause: error });

  const reverted = toContractRevertedError(error);
  if (reverted) return reverted;

  if (!isEmptyResult(error)) return error;
  let chainId: number | undefined;
  try {
    chainId = await getChainId(client);
  } catch (chainError) {
    return new RpcUnreachableError({ url: rpcUrlOf(client, chainError), cause: chainError });
  }
  if (client.chain && client.chain.id !== chainId) {
    return new ChainMismatchError({ expectedChainId: client.chain.id, actualChainId: chainId });
  }
  let hasCode = true;
  try {
    const code = await getCode(client, { address });
    hasCode = code !== undefined && code !== '0x';
  } catch {
    // Keep the more likely reading: the call returned nothing because the contract is not what we expect.
  }
  return new ContractNotFoundError({ address, chainId, contractName, hasCode, cause: error });
}

function isUnreachable(error: unknown): boolean {
  if (!(error instanceof BaseError)) return error instanceof TypeError && /fetch/i.test(error.message);
  return Boolean(
    error.walk(
      (e) =>
        e instanceof HttpRequestError ||
        e instanceof WebSocketRequestError ||
        e instanceof TimeoutError ||
        (e instanceof TypeError && /fetch/i.test(e.message)),
    ),
  );
}

function isEmptyResult(error: unknown): boolean {
  if (!(error instanceof BaseError)) return false;
  return Boolean(
    error.walk(
      (e) =>
        e instanceof ContractFunctionZeroDataError ||
        e instanceof AbiDecodingZeroDataError ||
        // A revert without data: what a contract without this function (and no fallback) does.
        (e instanceof BaseError && e.name === 'ContractFunctionRevertedError' && isEmptyData((e as { raw?: unknown }).raw)),
    ),
  );
}

function isEmptyData(raw: unknown): boolean {
  return raw === undefined || raw === '0x';
}

function rpcUrlOf(client: Client<Transport, Chain | undefined>, error: unknown): string | undefined {
  const fromError = error instanceof BaseError ? error.walk((e) => e instanceof HttpRequestError) : undefined;
  if (fromError instanceof HttpRequestError) return fromError.url;
  const url = (client.transport as { url?: unknown }).url;
  return typeof url === 'string' ? url : undefined;
}
