// A CommunityFactory on the test anvil, deployed from the forge build, and communities made with it the
// way a person's wallet would: one createCommunity transaction. The deploy script has its own factory;
// a test that counts a factory's communities, or needs one that did not make the demo, deploys another.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { http, type Abi, type Address, type Hex, createTestClient, createWalletClient, parseEther, publicActions } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { communityFactoryAbi } from '../src/abis/generated.js';
import { repositoryRoot } from '../src/testing/foundry.js';

// Beyond anvil's ten funded accounts, so no other test shares its nonces.
const creator = mnemonicToAccount('test test test test test test test test test test test junk', { addressIndex: 30 });

function artifact(file: string, name: string): { abi: Abi; bytecode: Hex } {
  const json = JSON.parse(readFileSync(join(repositoryRoot, `contracts/out/${file}/${name}.json`), 'utf8'));
  return { abi: json.abi, bytecode: json.bytecode.object };
}

/** The creator's wallet, given gas money first when it runs low. */
async function wallet(rpcUrl: string) {
  const client = createWalletClient({ account: creator, chain: foundry, transport: http(rpcUrl) }).extend(publicActions);
  if ((await client.getBalance({ address: creator.address })) < parseEther('10')) {
    await createTestClient({ chain: foundry, mode: 'anvil', transport: http(rpcUrl) }).setBalance({
      address: creator.address,
      value: parseEther('100'),
    });
  }
  return client;
}

/** Deploys contract `name` of `contracts/src/<file>` from the forge build; returns its address. */
export async function deployFromBuild(rpcUrl: string, file: string, name: string, args: unknown[] = []): Promise<Address> {
  const client = await wallet(rpcUrl);
  const { abi, bytecode } = artifact(file, name);
  const hash = await client.deployContract({ abi, bytecode, args });
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  if (!receipt.contractAddress) throw new Error(`deploying ${name} failed`);
  return receipt.contractAddress;
}

/**
 * Deploys a CommunityFactory with the five implementations it clones, as `deployCommunityFactory()` in
 * contracts/script/CommunityFactoryDeployment.sol does: each implementation initialised by its constructor as
 * an inert community of its own (a timelock with no proposer, executor or admin but itself). Returns the
 * factory's address.
 */
export async function deployFactory(rpcUrl: string): Promise<Address> {
  const deploy = (file: string, name: string, args: unknown[] = []) => deployFromBuild(rpcUrl, file, name, args);
  const nobody = '0x0000000000000000000000000000000000000000';
  const timelock = await deploy('CommunityTimelock.sol', 'CommunityTimelock', [0n, [], [], nobody]);
  const token = await deploy('CommunityToken.sol', 'CommunityToken', ['CommonGuard implementation', 'CG-IMPL', timelock, [], []]);
  const governor = await deploy('CommunityGovernor.sol', 'CommunityGovernor', [
    'CommonGuard implementation',
    token,
    timelock,
    { votingDelay: 1, votingPeriod: 1, proposalThreshold: 1n, quorumNumerator: 100n, lateQuorumExtension: 0 },
  ]);
  const policy = await deploy('PaymentPolicy.sol', 'PaymentPolicy', [timelock, 0, 100, false]);
  const treasury = await deploy('Treasury.sol', 'Treasury', [timelock, policy]);
  return deploy('CommunityFactory.sol', 'CommunityFactory', [{ timelock, token, governor, treasury, policy }]);
}

/** Creates a small community named `name` with `holders` (100 votes each); returns its governor. */
export async function createCommunity(
  rpcUrl: string,
  { factory, name, holders }: { factory: Address; name: string; holders: readonly Address[] },
): Promise<Address> {
  const client = await wallet(rpcUrl);
  const config = {
    name,
    tokenName: `${name} Votes`,
    tokenSymbol: 'VOTE',
    holders,
    amounts: holders.map(() => parseEther('100')),
    votingDelay: 86_400,
    votingPeriod: 3 * 86_400,
    proposalThreshold: parseEther('1'),
    allowZeroProposalThreshold: false,
    quorumNumerator: 20n,
    lateQuorumExtension: 3_600,
    timelockDelay: 2n * 86_400n,
    warnAt: 40,
    blockAt: 80,
    unlimitedApprovalsAllowed: false,
    tokenLimits: [],
    merchants: [],
    origins: [],
    domains: [],
  } as const;
  const { request, result } = await client.simulateContract({
    address: factory,
    abi: communityFactoryAbi,
    functionName: 'createCommunity',
    args: [config],
  });
  const receipt = await client.waitForTransactionReceipt({ hash: await client.writeContract(request), pollingInterval: 20 });
  if (receipt.status !== 'success') throw new Error(`creating the community ${name} reverted`);
  return result.governor;
}
