import type { WalletSettings } from './Settings.js';

const LOCAL_CHAIN_ID = 31337;

/** Out of the box: the local dev chain. The rules come from the communities the shopper joined. */
export function defaultSettings(): WalletSettings {
  return { rpcUrl: 'http://127.0.0.1:8545', chainId: LOCAL_CHAIN_ID, paymentPolicy: null, autoLockMinutes: 15 };
}
