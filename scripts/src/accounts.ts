import { type Address, type Hex, toHex } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';

/**
 * anvil's default mnemonic. Its keys are public test keys: anyone can spend what they hold on any
 * real network, so they are for the local demo only.
 */
export const anvilMnemonic = 'test test test test test test test test test test test junk';

/** What each local demo account does (by its index in anvil's default accounts). */
export const demoRoles = [
  'deployer',
  'member',
  'member',
  'member',
  'member',
  'treasurer',
  'shopper',
  'trusted merchant',
  'blocked merchant',
  'spare',
] as const;

export type DemoRole = (typeof demoRoles)[number];

export type DemoAccount = {
  index: number;
  role: DemoRole;
  /** A name for people: "member 1", "Corner Coffee", … */
  label: string;
  address: Address;
  privateKey: Hex;
};

const labels = [
  'deployer',
  'member 1',
  'member 2',
  'member 3',
  'member 4',
  'treasurer',
  'shopper',
  'Corner Coffee',
  'blocked merchant',
  'spare',
];

/** The ten funded anvil accounts and their demo roles. */
export const demoAccounts: readonly DemoAccount[] = demoRoles.map((role, index) => {
  const account = mnemonicToAccount(anvilMnemonic, { addressIndex: index });
  const privateKey = account.getHdKey().privateKey;
  if (!privateKey) throw new Error(`could not derive anvil account ${index}`);
  return { index, role, label: labels[index] ?? role, address: account.address, privateKey: toHex(privateKey) };
});

function byIndex(index: number): DemoAccount {
  const account = demoAccounts[index];
  if (!account) throw new Error(`no demo account ${index}`);
  return account;
}

/** The demo accounts by role. */
export const demo = {
  deployer: byIndex(0),
  members: [byIndex(1), byIndex(2), byIndex(3), byIndex(4)] as const,
  treasurer: byIndex(5),
  shopper: byIndex(6),
  trustedMerchant: byIndex(7),
  blockedMerchant: byIndex(8),
  spare: byIndex(9),
};
