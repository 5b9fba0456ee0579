import type { Hex } from 'viem';
import { rpcError, type ProviderRpcError } from '../../shared/rpcErrors.js';
import type { Keyring } from '../keyring/Keyring.js';
import type { WalletSettings } from '../settings/Settings.js';
import { broadcast, signTransaction } from '../transactions/send.js';
import type { RequestOutcome } from './types.js';
import type { Judgement } from './types.js';

export type ExecuteSources = {
  keyring: Keyring;
  settings: WalletSettings;
  /** Records what became of the transaction: being sent (before it leaves the wallet), or refused by the node. */
  record: (outcome: Extract<RequestOutcome, { kind: 'sending' | 'broadcastRefused' }>) => Promise<void>;
};

/** Sending failed after the history already says what happened: the page's error, nothing more to record. */
export class RecordedFailure extends Error {
  override name = 'RecordedFailure';
  readonly pageError: ProviderRpcError;

  constructor(pageError: ProviderRpcError) {
    super(pageError.message);
    this.pageError = pageError;
  }
}

/**
 * Step 6: does what the person confirmed, inside the keyring. A transaction is signed with exactly the
 * nonce, gas and fees it was simulated with and the window showed, recorded as pending with its hash,
 * and only then broadcast: a worker that stops in between leaves a pending entry the receipt tracker
 * follows, never a payment the history does not know. Typed data is signed exactly as the page declared
 * it (its own `EIP712Domain` included); a message as its bytes.
 */
export async function execute(sources: ExecuteSources, { request, fee, base }: Judgement): Promise<Hex> {
  const { keyring, settings } = sources;
  switch (request.kind) {
    case 'transaction': {
      // Exactly the fees the window showed; without a quote (or a nonce) nothing is sent.
      if (!fee?.plan || !base) throw new Error('the network fee could not be estimated, so the wallet did not send it');
      const signed = await signTransaction({ keyring, settings, account: request.account, fields: { ...request.call, nonce: base.nonce, plan: fee.plan } });
      await sources.record({ kind: 'sending', hash: signed.hash });
      const sent = await broadcast(settings, signed);
      if (sent.kind === 'accepted') return signed.hash;
      if (sent.kind === 'refused') {
        await sources.record({ kind: 'broadcastRefused', hash: signed.hash, reason: sent.reason });
        throw new RecordedFailure(rpcError.internal(`The payment was approved but sending failed: ${sent.reason}.`, { hash: signed.hash }));
      }
      // The answer was lost: it may have gone out. The entry stays pending until its receipt (or its absence) says.
      throw new RecordedFailure(
        rpcError.internal(`The payment was signed and sent, but the network’s answer was lost (${sent.reason}). It may still go through: do not pay again before it shows as confirmed or failed in the wallet.`, { hash: signed.hash }),
      );
    }
    case 'typedData':
      return keyring.signTypedData(request.account, request.decoded.definition as never);
    case 'message':
      return keyring.signMessage(request.account, request.raw ? { raw: request.message as Hex } : request.message);
  }
}
