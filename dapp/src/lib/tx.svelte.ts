import { writeContract } from '@wagmi/core';
import type { Abi, Address, Chain, Hex } from 'viem';
import type { AppClient } from './chain/chain.js';
import { app } from './app.svelte.js';
import type { Readable } from './errors.js';

export type TxRequest = { address: Address; abi: Abi; functionName: string; args: readonly unknown[]; value?: bigint };
export type TxPhase = 'idle' | 'checking' | 'signing' | 'pending' | 'done' | 'failed';

/**
 * One transaction's progress: checked against the chain first (so a transaction that would fail is
 * explained before the wallet even opens), then signed, sent and confirmed.
 */
export class TxFlow {
  phase = $state<TxPhase>('idle');
  hash = $state<Hex | null>(null);
  error = $state<Readable | null>(null);

  get busy(): boolean {
    return this.phase === 'checking' || this.phase === 'signing' || this.phase === 'pending';
  }

  reset() {
    this.phase = 'idle';
    this.hash = null;
    this.error = null;
  }

  /**
   * Runs the transaction; resolves true when it was confirmed. `on` is the open community's network by
   * default; a page outside any community (starting one) names its own.
   */
  async run(request: TxRequest, on: { chain: Chain; client: AppClient } = { chain: app.chain, client: app.client }): Promise<boolean> {
    this.reset();
    const wallet = app.wallet;
    if (!wallet.connected || !wallet.address) {
      return this.#fail({ kind: 'other', title: 'No wallet connected', message: 'Connect a wallet first (top right).' });
    }
    if (wallet.wrongNetwork) {
      return this.#fail({ kind: 'wrong-chain', title: 'Wrong network', message: `Your wallet is on another network. Switch it to ${on.chain.name} first.` });
    }
    try {
      this.phase = 'checking';
      await on.client.simulateContract({ ...request, account: wallet.address } as never);
      this.phase = 'signing';
      this.hash = await writeContract(wallet.config, { ...request, account: wallet.address, chainId: on.chain.id } as never);
      this.phase = 'pending';
      const receipt = await on.client.waitForTransactionReceipt({ hash: this.hash, pollingInterval: 500 });
      if (receipt.status !== 'success') {
        return this.#fail({ kind: 'reverted', title: 'The transaction failed', message: 'The network refused the transaction after it was sent. Nothing changed.' });
      }
      this.phase = 'done';
      await app.refresh();
      return true;
    } catch (error) {
      return this.#fail(app.explain(error));
    }
  }

  #fail(readable: Readable): false {
    this.error = readable;
    this.phase = 'failed';
    return false;
  }
}
