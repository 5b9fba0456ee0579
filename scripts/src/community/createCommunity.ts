// `npm run community:create`: one community through the chain's CommunityFactory. Checks come first
// (config, RPC, chain id, key, funds, the factory's own refusal), then the factory if the chain has
// none, then one createCommunity transaction; the deployment file changes only after its receipt.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  http,
  type Address,
  type Hex,
  type PublicClient,
  createPublicClient,
  createWalletClient,
  defineChain,
  encodeFunctionData,
  formatEther,
  parseEventLogs,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import {
  type DeploymentCommunity,
  communityFactoryAbi,
  communityFactoryErrorField,
  decodeContractError,
  formatContractError,
  isCommunityFactoryError,
  parseDeployment,
} from '@commonguard/sdk';
import { CommandFailedError, findFoundryBinary, repositoryRoot, runCommand } from '@commonguard/sdk/testing';
import type { CreateCommunityOptions } from './arguments.js';
import { CreateCommunityFailure } from './failure.js';
import { type CommunityConfig, readCommunityConfig } from './readCommunityConfig.js';

/** What the command prints on standard output. */
export type CreateCommunityResult = DeploymentCommunity & {
  chainId: number;
  communityFactory: Address;
  transactionHash: Hex;
};

/** What a dry run prints on standard output: what would be created, and where. */
export type CreateCommunityDryRun = {
  dryRun: true;
  chainId: number;
  /** The factory that would create it; null when the factory would be deployed first. */
  communityFactory: Address | null;
  name: string;
  creator: Address;
  /** The addresses the community would get, when the factory exists (else they depend on the new factory). */
  community: Omit<DeploymentCommunity, 'name' | 'creator' | 'deploymentBlock'> | null;
};

/** Where the factory's config words name a field, the config file's key for it. */
const configKeys: Record<string, string> = {
  name: 'governor.name',
  tokenName: 'token.name',
  tokenSymbol: 'token.symbol',
  holders: 'token.holders',
  votingDelay: 'governor.votingDelay',
  votingPeriod: 'governor.votingPeriod',
  lateQuorumExtension: 'governor.lateQuorumExtension',
  quorumNumerator: 'governor.quorumNumerator',
  timelockDelay: 'timelock.minDelay',
  proposalThreshold: 'governor.proposalThreshold',
  thresholds: 'policy.warnAt and policy.blockAt',
  tokenLimits: 'policy.tokenLimits',
};

export async function createCommunity(
  options: CreateCommunityOptions,
  log: (line: string) => void,
): Promise<CreateCommunityResult | CreateCommunityDryRun> {
  const deploymentsDir = options.deploymentsDir ?? join(repositoryRoot, 'deployments');
  const config = await readCommunityConfig(options.config);
  log(`config ${options.config}: "${config.name}", ${config.holders.length} founding member(s)`);

  const probe = createPublicClient({ transport: http(options.rpcUrl, { retryCount: 0, timeout: 10_000 }) });
  const chainId = await probe.getChainId().catch((error: unknown) => {
    throw new CreateCommunityFailure(
      `The RPC at ${options.rpcUrl} does not answer (${shortReason(error)}); check the URL and that the node is running.`,
    );
  });
  if (options.chainId !== undefined && options.chainId !== chainId) {
    throw new CreateCommunityFailure(
      `The RPC at ${options.rpcUrl} serves chain ${chainId}, not chain ${options.chainId} as --chain-id says; give the RPC URL of chain ${options.chainId}.`,
    );
  }
  const chain = defineChain({
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [options.rpcUrl] } },
  });
  const client = createPublicClient({ chain, transport: http(options.rpcUrl, { retryCount: 0 }), pollingInterval: 250 });
  const account = privateKeyToAccount(options.privateKey);
  log(`chain ${chainId} at ${options.rpcUrl}; creator ${account.address}`);

  const factory = await findFactory(client, deploymentsDir, chainId);
  log(factory ? `factory ${factory} (from deployments/${chainId}.json)` : 'no factory on this chain yet: one will be deployed first');

  // The factory's own checks, before anything is sent.
  const predicted = factory
    ? await simulateCreate(client, factory, account.address, config)
    : await checkWithoutFactory(client, account.address, config);

  if (!options.broadcast) {
    log('dry run: nothing was sent (add --broadcast to create the community)');
    return {
      dryRun: true,
      chainId,
      communityFactory: factory ?? null,
      name: config.name,
      creator: account.address,
      community: predicted ?? null,
    };
  }

  await checkFunds(client, account.address, factory, config);
  const usedFactory = factory ?? (await deployFactory(options, log));
  const wallet = createWalletClient({ chain, account, transport: http(options.rpcUrl, { retryCount: 0 }) });
  const { request } = await client
    .simulateContract({ address: usedFactory, abi: communityFactoryAbi, functionName: 'createCommunity', args: [config], account })
    .catch((error: unknown) => {
      throw refusal(error);
    });
  const hash = await wallet.writeContract(request).catch((error: unknown) => {
    throw new CreateCommunityFailure(`Sending the transaction failed (${shortReason(error)}); nothing was created, run again.`);
  });
  log(`createCommunity sent: ${hash}; waiting for the receipt`);
  const receipt = await client.waitForTransactionReceipt({ hash, timeout: 300_000 });
  if (receipt.status !== 'success') {
    throw new CreateCommunityFailure(`The transaction ${hash} reverted; nothing was created or recorded, run the dry run to see why.`);
  }
  const [created] = parseEventLogs({ abi: communityFactoryAbi, eventName: 'CommunityCreated', logs: receipt.logs });
  if (!created) throw new CreateCommunityFailure(`The transaction ${hash} created no community; check that ${usedFactory} is a CommunityFactory.`);
  const community: DeploymentCommunity = {
    name: created.args.name,
    communityGovernor: created.args.governor,
    communityToken: created.args.token,
    timelock: created.args.timelock,
    treasury: created.args.treasury,
    paymentPolicy: created.args.policy,
    // The block before the community's: where an indexer starts for it.
    deploymentBlock: Number(receipt.blockNumber) - 1,
    creator: created.args.creator,
  };
  const { recordCommunity } = await import('./recordCommunity.js');
  const path = await recordCommunity({ deploymentsDir, chainId, factory: usedFactory, community });
  log(`recorded in ${path.startsWith(repositoryRoot) ? path.slice(repositoryRoot.length + 1) : path}`);
  return { ...community, chainId, communityFactory: usedFactory, transactionHash: hash };
}

/** The factory named in the chain's deployment file, if it has code on this chain. */
async function findFactory(client: PublicClient, deploymentsDir: string, chainId: number): Promise<Address | undefined> {
  const text = await readFile(join(deploymentsDir, `${chainId}.json`), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  let factory: Address | undefined;
  try {
    factory = parseDeployment(JSON.parse(text), { source: `deployments/${chainId}.json` }).contracts.communityFactory;
  } catch (error) {
    throw new CreateCommunityFailure(
      `deployments/${chainId}.json is damaged (${shortReason(error)}); fix or move it away, then run again.`,
    );
  }
  if (!factory) return undefined;
  const code = await client.getCode({ address: factory });
  // A file from another run of a local chain can name a factory this chain does not have.
  return code && code !== '0x' ? factory : undefined;
}

async function simulateCreate(client: PublicClient, factory: Address, creator: Address, config: CommunityConfig) {
  const { result } = await client
    .simulateContract({ address: factory, abi: communityFactoryAbi, functionName: 'createCommunity', args: [config], account: creator })
    .catch((error: unknown) => {
      throw refusal(error);
    });
  return {
    communityGovernor: result.governor,
    communityToken: result.token,
    timelock: result.timelock,
    treasury: result.treasury,
    paymentPolicy: result.policy,
  };
}

/**
 * With no factory yet, asks the factory's code itself: `checkConfig` runs on the compiled runtime code,
 * placed at a free address for this one call (a state override), so the refusal is the contract's own.
 */
async function checkWithoutFactory(client: PublicClient, creator: Address, config: CommunityConfig): Promise<undefined> {
  const artifact = JSON.parse(
    await readFile(join(repositoryRoot, 'contracts/out/CommunityFactory.sol/CommunityFactory.json'), 'utf8').catch(() => {
      throw new CreateCommunityFailure('The compiled factory is missing; run `npx forge build` at the repository root first.');
    }),
  ) as { deployedBytecode: { object: Hex } };
  const address: Address = '0x00000000000000000000000000000000c0ffee01';
  await client
    .call({
      account: creator,
      to: address,
      data: encodeFunctionData({ abi: communityFactoryAbi, functionName: 'checkConfig', args: [config] }),
      stateOverride: [{ address, code: artifact.deployedBytecode.object }],
    })
    .catch((error: unknown) => {
      throw refusal(error);
    });
  return undefined;
}

/** The account must hold the fee; a factory to deploy first costs more than the community. */
async function checkFunds(client: PublicClient, account: Address, factory: Address | undefined, config: CommunityConfig) {
  const [balance, fees] = await Promise.all([client.getBalance({ address: account }), client.estimateFeesPerGas()]);
  const feePerGas = fees.maxFeePerGas ?? 0n;
  const gas = factory
    ? await client.estimateContractGas({ address: factory, abi: communityFactoryAbi, functionName: 'createCommunity', args: [config], account }).catch(() => 0n)
    : 0n;
  const needed = gas * feePerGas;
  if (balance === 0n || balance < needed) {
    const what = factory ? `about ${formatEther(needed)} ETH` : 'the fees of deploying the factory and creating the community';
    throw new CreateCommunityFailure(
      `The account ${account} holds ${formatEther(balance)} ETH, not enough for ${what}; send it enough for the fee (or use another --private-key) and run again.`,
    );
  }
}

/** Deploys the factory with the deploy script's own code (contracts/script/03_DeployFactory.s.sol). */
async function deployFactory(options: CreateCommunityOptions, log: (line: string) => void): Promise<Address> {
  log('deploying the CommunityFactory (contracts/script/03_DeployFactory.s.sol)');
  const output = await runCommand({
    command: findFoundryBinary('forge'),
    args: ['script', 'contracts/script/03_DeployFactory.s.sol', '--rpc-url', options.rpcUrl, '--private-key', options.privateKey, '--broadcast', '--slow', '--json'],
    timeout: 600_000,
  }).catch((error: unknown) => {
    if (!(error instanceof CommandFailedError)) throw error;
    if (/insufficient funds|lack of funds/i.test(error.output)) {
      throw new CreateCommunityFailure('The account cannot pay for deploying the factory; send it enough for the fee and run again.');
    }
    throw new CreateCommunityFailure(`Deploying the factory failed (${error.reason}); nothing was recorded, run again.`);
  });
  const line = output.split('\n').find((text) => text.startsWith('{"logs"'));
  // forge names the return value after the script's named return (`factory`).
  const returns = line ? (JSON.parse(line) as { returns?: Record<string, { value?: Address }> }).returns : undefined;
  const factory = returns ? Object.values(returns)[0]?.value : undefined;
  if (!factory) throw new CreateCommunityFailure('The factory deploy printed no address; nothing was recorded, run again.');
  log(`factory deployed at ${factory}`);
  return factory;
}

/** A revert in words: the factory's refusal names the config key and the safe range. */
function refusal(error: unknown): CreateCommunityFailure {
  const decoded = decodeContractError(error);
  if (decoded && isCommunityFactoryError(decoded)) {
    const field = communityFactoryErrorField(decoded);
    const key = field ? configKeys[field] : undefined;
    const words = formatContractError(decoded).replace(/\.$/, '');
    return new CreateCommunityFailure(`The factory refuses the config${key ? ` (${key})` : ''}: ${words}; change it in the config and run again.`);
  }
  if (decoded) return new CreateCommunityFailure(`The chain refuses the community: ${formatContractError(decoded).replace(/\.$/, '')}; change the config and run again.`);
  return new CreateCommunityFailure(`The chain refuses the community (${shortReason(error)}); run the dry run again to see why.`);
}

function shortReason(error: unknown): string {
  const message = (error as { shortMessage?: string }).shortMessage ?? (error instanceof Error ? error.message : String(error));
  return (message.split('\n')[0] ?? message).replace(/\.$/, '').slice(0, 200);
}
