import { type Address, getAddress, isAddress } from 'viem';
import type { JoinedCommunity } from './Communities.js';

// The repository's committed deployments, read at build time: only the demo's preset comes from them (a
// new wallet on the local chain starts in the demo community). Every other community is read from the
// chain when the shopper joins it.
const deployments = import.meta.glob<{ chainId: number; contracts?: Record<string, string> }>('../../../../deployments/*.json', {
  eager: true,
  import: 'default',
});

const LOCAL_CHAIN_ID = 31337;

/** The demo community on the local chain, suggested to a new wallet; `null` in a build without the deployment. */
export function presetCommunity(now: () => number = Date.now): JoinedCommunity | null {
  for (const deployment of Object.values(deployments)) {
    const c = deployment?.contracts ?? {};
    if (deployment?.chainId !== LOCAL_CHAIN_ID) continue;
    const parts = [c.communityGovernor, c.communityToken, c.timelock, c.treasury, c.paymentPolicy];
    if (!parts.every((address) => typeof address === 'string' && isAddress(address))) return null;
    const [governor, token, timelock, treasury, policy] = parts.map((address) => getAddress(address as string)) as [Address, Address, Address, Address, Address];
    return { chainId: LOCAL_CHAIN_ID, governor, name: 'CommonGuard demo community', token, timelock, treasury, policy, joinedAt: now() };
  }
  return null;
}

