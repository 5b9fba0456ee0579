import { type Address, createWalletClient, type Hex, http, type PublicClient } from 'viem';
import { toAccount } from 'viem/accounts';
import type { Keyring } from '../keyring/Keyring.js';
import { chainFor } from '../chain/ChainAccess.js';
import type { WalletSettings } from '../settings/Settings.js';

/**
 * Fills in nonce, gas and fees with viem, signs inside the keyring and sends the raw transaction.
 * The key never leaves the keyring: viem sees an account that can only ask it for signatures.
 */
export async function signAndSend({
  keyring,
  settings,
  account,
  call,
}: {
  keyring: Keyring;
  settings: WalletSettings;
  client: PublicClient;
  account: Address;
  call: { to: Address | undefined; value: bigint; data: Hex; gas?: bigint | undefined };
}): Promise<Hex> {
  const signer = toAccount({
    address: account,
    signMessage: ({ message }) => keyring.signMessage(account, message as string),
    signTransaction: (transaction) => keyring.signTransaction(account, transaction),
    signTypedData: (typedData) => keyring.signTypedData(account, typedData as never),
  });
  const wallet = createWalletClient({ account: signer, chain: chainFor(settings), transport: http(settings.rpcUrl, { timeout: 10_000, retryCount: 0 }) });
  return wallet.sendTransaction({
    account: signer,
    chain: chainFor(settings),
    ...(call.to ? { to: call.to } : {}),
    value: call.value,
    data: call.data === '0x' ? undefined : call.data,
    ...(call.gas ? { gas: call.gas } : {}),
  } as never);
}
