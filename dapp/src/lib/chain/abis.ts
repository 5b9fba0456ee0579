// The contracts' ABIs, taken from the forge build output (never copied by hand). Only the `abi` key is
// imported, so the bytecode in the same files stays out of the bundle.
// TODO(sdk): import these from `@commonguard/sdk` once it is on main; this module is the only place to change.
import type { Abi } from 'viem';
import { abi as paymentPolicy } from '../../../../contracts/out/PaymentPolicy.sol/PaymentPolicy.json';
import { abi as treasury } from '../../../../contracts/out/Treasury.sol/Treasury.json';
import { abi as communityGovernor } from '../../../../contracts/out/CommunityGovernor.sol/CommunityGovernor.json';
import { abi as communityToken } from '../../../../contracts/out/CommunityToken.sol/CommunityToken.json';
import { abi as timelockController } from '../../../../contracts/out/TimelockController.sol/TimelockController.json';
import { abi as demoStablecoin } from '../../../../contracts/out/DemoStablecoin.sol/DemoStablecoin.json';

export const paymentPolicyAbi = paymentPolicy as Abi;
export const treasuryAbi = treasury as Abi;
export const communityGovernorAbi = communityGovernor as Abi;
export const communityTokenAbi = communityToken as Abi;
export const timelockControllerAbi = timelockController as Abi;
export const demoStablecoinAbi = demoStablecoin as Abi;

/** Every error any CommonGuard contract can revert with, for decoding reverts in one place. */
export const allErrorsAbi: Abi = dedupe([
  ...paymentPolicyAbi,
  ...treasuryAbi,
  ...communityGovernorAbi,
  ...communityTokenAbi,
  ...timelockControllerAbi,
  ...demoStablecoinAbi,
].filter((item) => item.type === 'error'));

function dedupe(items: Abi): Abi {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
