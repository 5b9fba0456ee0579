// A CommunityFactory on the test anvil, deployed from the forge build, and communities made with it the
// way a person's wallet would: one createCommunity transaction. The deploy script does not yet go
// through the factory, so the tests that need one deploy their own.
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

/**
 * The creator's client on the anvil at `rpcUrl`, whichever chain id it runs (the chain id is asked of the
 * node), given gas money first when it runs low: a test may create a community with the deployment's own
 * factory before anything here deployed (and so funded) anything.
 */
async function wallet(rpcUrl: string) {
  const client = createWalletClient({ account: creator, transport: http(rpcUrl) }).extend(publicActions);
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
  const hash = await client.deployContract({ abi, bytecode, args, chain: null });
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  if (!receipt.contractAddress) throw new Error(`deploying ${name} failed`);
  return receipt.contractAddress;
}

const ZERO: Address = '0x0000000000000000000000000000000000000000';

/**
 * Deploys the five implementations a CommunityFactory clones, then the factory; returns its address. The
 * same six creations, with the same arguments, as `deployCommunityFactory()` in
 * `contracts/script/CommunityFactoryDeployment.sol` (the implementations initialised as an inert
 * community, so nobody can initialise or take over one).
 */
export async function deployFactory(rpcUrl: string): Promise<Address> {
  const deploy = (file: string, name: string, args: unknown[] = []) => deployFromBuild(rpcUrl, file, name, args);
  const name = 'CommonGuard implementation';
  const timelock = await deploy('CommunityTimelock.sol', 'CommunityTimelock', [0n, [], [], ZERO]);
  const token = await deploy('CommunityToken.sol', 'CommunityToken', [name, 'CG-IMPL', timelock, [], []]);
  const settings = { votingDelay: 1, votingPeriod: 1, proposalThreshold: 1n, quorumNumerator: 100n, lateQuorumExtension: 0 };
  const governor = await deploy('CommunityGovernor.sol', 'CommunityGovernor', [name, token, timelock, settings]);
  const policy = await deploy('PaymentPolicy.sol', 'PaymentPolicy', [timelock, 0, 100, false]);
  const treasury = await deploy('Treasury.sol', 'Treasury', [timelock, policy]);
  return deploy('CommunityFactory.sol', 'CommunityFactory', [{ timelock, token, governor, treasury, policy }]);
}

/** First rules a test community may start with (the factory's config fields of the same names). */
export type FirstRules = {
  tokenLimits?: readonly { token: Address; maxSinglePayment: bigint; dailyCap: bigint; maxFirstPayment: bigint }[];
  origins?: readonly { name: string; status: number; note: string }[];
};

/**
 * Creates a small community named `name` with `holders` (100 votes each), without limits or listed sites
 * unless `rules` gives some; returns its governor.
 */
export async function createCommunity(
  rpcUrl: string,
  { factory, name, holders, rules = {} }: { factory: Address; name: string; holders: readonly Address[]; rules?: FirstRules },
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
    tokenLimits: rules.tokenLimits ?? [],
    merchants: [],
    origins: rules.origins ?? [],
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
