import {
  http,
  type Account,
  type Chain,
  type Hash,
  type Hex,
  type PublicClient,
  type TestClient,
  type TransactionReceipt,
  type Transport,
  type WalletClient,
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { toContractRevertedError } from '@commonguard/sdk';
import type { DemoAccount } from './accounts.js';

export type StackClients = {
  chain: Chain;
  public: PublicClient<Transport, Chain>;
  test: TestClient<'anvil', Transport, Chain>;
  /** A wallet client that signs locally with the account's key. */
  wallet: (account: DemoAccount | Hex) => WalletClient<Transport, Chain, Account>;
};

/** Clients for a local anvil; they poll fast, since anvil mines each transaction at once. */
export function createStackClients(rpcUrl: string, chainId = 31337): StackClients {
  const chain = defineChain({
    id: chainId,
    name: 'Local anvil',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const transport = http(rpcUrl, { retryCount: 0 });
  const wallets = new Map<Hex, WalletClient<Transport, Chain, Account>>();
  return {
    chain,
    public: createPublicClient({ chain, transport, pollingInterval: 20 }),
    test: createTestClient({ chain, mode: 'anvil', transport, pollingInterval: 20 }),
    wallet: (account) => {
      const key = typeof account === 'string' ? account : account.privateKey;
      let client = wallets.get(key);
      if (!client) {
        client = createWalletClient({ chain, transport, account: privateKeyToAccount(key), pollingInterval: 20 });
        wallets.set(key, client);
      }
      return client;
    },
  };
}

/**
 * Sends a transaction (given as a function that returns its hash), waits for the receipt, and turns
 * a revert into a readable error naming what was being done.
 */
export async function sendAndWait(
  clients: StackClients,
  what: string,
  send: () => Promise<Hash>,
  /** How long to wait for the receipt, in milliseconds. anvil mines at once, so a receipt still
   * missing after this long means a stuck node, not a slow one. */
  receiptTimeout = 30_000,
): Promise<TransactionReceipt> {
  let hash: Hash;
  try {
    hash = await send();
  } catch (error) {
    const reverted = toContractRevertedError(error);
    throw new Error(`${what} failed: ${reverted?.shortMessage ?? (error as Error).message}`, { cause: error });
  }
  const receipt = await clients.public
    .waitForTransactionReceipt({ hash, pollingInterval: 20, timeout: receiptTimeout })
    .catch((error: unknown) => {
      throw new Error(`${what} failed: no receipt for ${hash} within ${receiptTimeout / 1000} s.`, { cause: error });
    });
  if (receipt.status !== 'success') throw new Error(`${what} failed: the transaction ${hash} reverted.`);
  return receipt;
}
