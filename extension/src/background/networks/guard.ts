import type { NetworkGuardView } from '../../shared/views.js';

/**
 * Whose rules guard payments on a network, for the network windows and the popup; `null`: no
 * community's rules apply there (payments are judged by the wallet's own model and the shopper's budgets).
 * The wallet's communities decide this (`Guard.guardView`, the communities joined on the network).
 */
export type GuardOf = (network: { chainId: number; rpcUrl: string }) => Promise<NetworkGuardView | null>;
