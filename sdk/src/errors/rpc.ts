import type { Address } from 'viem';
import { CommonGuardError } from './base.js';

export type RpcUnreachableErrorType = RpcUnreachableError & { name: 'RpcUnreachableError' };

/** The JSON-RPC endpoint did not answer (down, wrong URL, network error). */
export class RpcUnreachableError extends CommonGuardError {
  override name = 'RpcUnreachableError' as const;
  readonly url: string | undefined;

  constructor({ url, cause }: { url?: string | undefined; cause?: unknown }) {
    // viem adds a `/` to a bare host; show the URL as people write it.
    const shown = url?.replace(/^(https?:\/\/[^/]+)\/$/, '$1');
    super(`Cannot reach the RPC endpoint${shown ? ` at ${shown}` : ''}.`, {
      cause,
      metaMessages: ['Check that the node is running and that the URL is right.'],
    });
    this.url = shown;
  }
}

export type ChainMismatchErrorType = ChainMismatchError & { name: 'ChainMismatchError' };

/** The RPC endpoint serves another chain than the one expected. */
export class ChainMismatchError extends CommonGuardError {
  override name = 'ChainMismatchError' as const;
  readonly expectedChainId: number;
  readonly actualChainId: number;

  constructor({ expectedChainId, actualChainId }: { expectedChainId: number; actualChainId: number }) {
    super(`Wrong network: expected chain ${expectedChainId}, but the RPC endpoint serves chain ${actualChainId}.`, {
      metaMessages: ['Point the RPC URL at the network the contracts were deployed to, or switch the wallet to it.'],
    });
    this.expectedChainId = expectedChainId;
    this.actualChainId = actualChainId;
  }
}

export type ContractNotFoundErrorType = ContractNotFoundError & { name: 'ContractNotFoundError' };

/** No contract of the expected kind at an address (no code, or code that does not answer the call). */
export class ContractNotFoundError extends CommonGuardError {
  override name = 'ContractNotFoundError' as const;
  readonly address: Address;
  readonly chainId: number | undefined;
  readonly contractName: string;
  /** Whether the address holds code at all (false: nothing is deployed there). */
  readonly hasCode: boolean;

  constructor({
    address,
    chainId,
    contractName,
    hasCode,
    cause,
  }: {
    address: Address;
    chainId?: number | undefined;
    contractName: string;
    hasCode: boolean;
    cause?: unknown;
  }) {
    const chain = chainId === undefined ? '' : ` on chain ${chainId}`;
    super(
      hasCode
        ? `The contract at ${address}${chain} is not a ${contractName}.`
        : `No ${contractName} contract at ${address}${chain}: there is no code at that address.`,
      {
        cause,
        metaMessages: [
          `Check the ${contractName} address (deployments/<chainId>.json lists it), and that the RPC endpoint`,
          'serves the network it was deployed to.',
        ],
      },
    );
    this.address = address;
    this.chainId = chainId;
    this.contractName = contractName;
    this.hasCode = hasCode;
  }
}
