import type { NetworkGuardView } from '../../shared/views.js';
import type { RpcCall } from '../settings/Settings.js';

/**
 * Whose rules guard payments on a network, for the network windows and the popup; `null`: no
 * community's rules apply there (payments are judged by the wallet's own model and the shopper's budgets).
 * The wallet's communities decide this: this is the one place that asks them.
 */
export type GuardOf = (network: { chainId: number; rpcUrl: string }) => Promise<NetworkGuardView | null>;

/**
 * The community rules the wallet knows today: the one PaymentPolicy set in Settings, which the wallet
 * reads on whichever network is in use. It guards a network where that contract exists (asked of the
 * network's own RPC); elsewhere no community rules apply.
 */
export function settingsGuard(settings: () => Promise<{ paymentPolicy: string | null }>, rpc: RpcCall): GuardOf {
  return async ({ rpcUrl }) => {
    const { paymentPolicy } = await settings();
    if (!paymentPolicy) return null;
    const code = await rpc(rpcUrl, 'eth_getCode', [paymentPolicy, 'latest']).catch(() => '0x');
    if (typeof code !== 'string' || code === '0x') return null;
    return { community: "Your community's rules", detail: `Rules contract ${paymentPolicy}` };
  };
}
