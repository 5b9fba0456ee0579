// The contracts' ABIs come from `@commonguard/sdk` (generated from the forge artifacts). They are
// widened to `Abi` here because the dApp builds many calls from data (templates, decoded actions).
import {
  commonGuardErrorsAbi,
  communityGovernorAbi as governor,
  communityTokenAbi as token,
  demoStablecoinAbi as stablecoin,
  paymentPolicyAbi as policy,
  timelockControllerAbi as timelock,
  treasuryAbi as treasury,
} from '@commonguard/sdk';
import type { Abi } from 'viem';

export const paymentPolicyAbi: Abi = policy;
export const treasuryAbi: Abi = treasury;
export const communityGovernorAbi: Abi = governor;
export const communityTokenAbi: Abi = token;
export const timelockControllerAbi: Abi = timelock;
export const demoStablecoinAbi: Abi = stablecoin;

/** Every error any CommonGuard contract can revert with. */
export const allErrorsAbi: Abi = commonGuardErrorsAbi as unknown as Abi;
