// The contracts' ABIs, taken from the forge build output (never copied by hand).
// TODO(sdk): import these from `@commonguard/sdk` once it is on main; this module is the only place to change.
import type { Abi } from 'viem';
import paymentPolicy from '../../../../contracts/out/PaymentPolicy.sol/PaymentPolicy.json';
import treasury from '../../../../contracts/out/Treasury.sol/Treasury.json';
import communityGovernor from '../../../../contracts/out/CommunityGovernor.sol/CommunityGovernor.json';
import communityToken from '../../../../contracts/out/CommunityToken.sol/CommunityToken.json';
import timelockController from '../../../../contracts/out/TimelockController.sol/TimelockController.json';
import demoStablecoin from '../../../../contracts/out/DemoStablecoin.sol/DemoStablecoin.json';

export const paymentPolicyAbi = paymentPolicy.abi as Abi;
export const treasuryAbi = treasury.abi as Abi;
export const communityGovernorAbi = communityGovernor.abi as Abi;
export const communityTokenAbi = communityToken.abi as Abi;
export const timelockControllerAbi = timelockController.abi as Abi;
export const demoStablecoinAbi = demoStablecoin.abi as Abi;

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
