import { type Address, zeroAddress } from 'viem';

/** What test/globalSetup.ts writes into the policy and treasury, for the tests to expect. */
export const fixture = {
  deployer: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as Address,
  treasurer: '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc' as Address,
  trustedMerchant: '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955' as Address,
  blockedMerchant: '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f' as Address,
  tokenLimits: (cgUsd: Address) =>
    [
      [zeroAddress, 1_000_000_000_000_000_000n, 2_000_000_000_000_000_000n, 250_000_000_000_000_000n],
      [cgUsd, 500_000_000n, 1_000_000_000n, 100_000_000n],
    ] as const,
  merchants: [
    ['0x14dC79964da2C08b23698B3D3cc7Ca32193d9955', 1, 'Corner Coffee'],
    ['0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f', 2, 'Reported for fake invoices'],
  ] as const,
  origins: [
    ['http://localhost:5174', 1, 'CommonGuard demo shop'],
    ['http://scam.localhost:5174', 2, 'Look-alike of the demo shop'],
  ] as const,
  domains: [['scam.localhost', 2, 'Every site of the look-alike']] as const,
  /** Version after setup: 1 at deployment, plus one per change above. */
  policyVersion: 8n,
};
