import { parseAbi } from 'viem';

/**
 * The PaymentPolicy reads the wallet makes.
 * NOTE: to be replaced by the sdk's generated `paymentPolicyAbi` once it lands; the signatures below
 * are the ones in contracts/src/interfaces/IPaymentPolicy.sol.
 */
export const paymentPolicyReadAbi = parseAbi([
  'function version() view returns (uint64)',
  'function snapshot() view returns ((uint64 version, uint8 warnAt, uint8 blockAt, bool unlimitedApprovalsAllowed, (address token, uint256 maxSinglePayment, uint256 dailyCap, uint256 maxFirstPayment)[] tokenLimits))',
  'function merchantStatus(address merchant) view returns (uint8 status, string note)',
  'function originStatus(string origin) view returns (uint8 status, string note)',
]);

export const erc20ReadAbi = parseAbi([
  'function symbol() view returns (string)',
  'function decimals() view returns (uint8)',
  'function totalSupply() view returns (uint256)',
  'function balanceOf(address) view returns (uint256)',
]);
