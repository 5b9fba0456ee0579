import type { Address } from 'viem';

/** The chain's native coin, as the policy names it (`address(0)`). */
export const NATIVE_TOKEN: Address = '0x0000000000000000000000000000000000000000';

/** The largest uint256: what "unlimited" approvals use. */
export const MAX_UINT256 = 2n ** 256n - 1n;

/** An approval at or above this is treated as unlimited (some dApps use 2^255 or similar). */
export const UNLIMITED_APPROVAL_THRESHOLD = 2n ** 128n;
