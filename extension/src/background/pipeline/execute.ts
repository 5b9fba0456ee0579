import type { Hex, PublicClient } from 'viem';
import type { Keyring } from '../keyring/Keyring.js';
import { signAndSend } from '../transactions/send.js';
import type { WalletSettings } from '../settings/Settings.js';
import type { Judgement } from './types.js';

export type ExecuteSources = { keyring: Keyring; client: PublicClient; settings: WalletSettings };

/**
 * Step 6: does what the person confirmed, inside the keyring: sends the transaction (with the quoted fees), or signs
 * exactly the typed data the page declared (its own `EIP712Domain` included) or the message bytes.
 */
export async function execute({ keyring, client, settings }: ExecuteSources, { request, fee }: Judgement): Promise<Hex> {
  switch (request.kind) {
    case 'transaction':
      // Exactly the fees the window showed; without a quote nothing is sent.
      return signAndSend({ keyring, settings, client, account: request.account, call: request.call, fees: fee?.plan });
    case 'typedData':
      return keyring.signTypedData(request.account, request.decoded.definition as never);
    case 'message':
      return keyring.signMessage(request.account, request.raw ? { raw: request.message as Hex } : request.message);
  }
}
