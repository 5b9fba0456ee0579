import { type Address, getAddress, isAddress } from 'viem';
import type { WalletSettings } from './Settings.js';

// The repository's committed deployments, read at build time; a build without them still works and
// asks the user for the policy address.
const deployments = import.meta.glob<{ chainId: number; contracts?: { paymentPolicy?: string } }>('../../../../deployments/*.json', {
  eager: true,
  import: 'default',
});

const LOCAL_CHAIN_ID = 31337;

function localPolicy(): Address | null {
  for (const deployment of Object.values(deployments)) {
    const address = deployment?.contracts?.paymentPolicy;
    if (deployment?.chainId === LOCAL_CHAIN_ID && typeof address === 'string' && isAddress(address)) return getAddress(address);
  }
  return null;
}

/** Out of the box: the local dev chain and its PaymentPolicy. */
export function defaultSettings(): WalletSettings {
  return { rpcUrl: 'http://127.0.0.1:8545', chainId: LOCAL_CHAIN_ID, paymentPolicy: localPolicy(), autoLockMinutes: 15 };
}
