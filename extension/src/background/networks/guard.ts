import type { NetworkGuardView } from '../../shared/views.js';

/**
 * Whose rules guard payments on chain `chainId`, for the network windows and the popup; `null`: no
 * community's rules apply there (payments are judged by the wallet's own model and the shopper's budgets).
 * The wallet's communities decide this: this is the one place that asks them.
 */
export type GuardOf = (chainId: number) => Promise<NetworkGuardView | null>;

/** The community rules the wallet knows today: the PaymentPolicy set in Settings, for the chain it was set for. */
export function settingsGuard(settings: () => Promise<{ chainId: number; paymentPolicy: string | null }>): GuardOf {
  return async (chainId) => {
    const { chainId: policyChain, paymentPolicy } = await settings();
    if (!paymentPolicy || policyChain !== chainId) return null;
    return { community: "Your community's rules", detail: `PaymentPolicy ${paymentPolicy}` };
  };
}
