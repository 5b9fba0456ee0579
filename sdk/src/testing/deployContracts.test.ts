import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { http, type Address, createPublicClient, keccak256, stringToHex, zeroAddress, zeroHash } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { expect, test } from 'vitest';
import {
  communityFactoryAbi,
  communityGovernorAbi,
  communityTokenAbi,
  paymentPolicyAbi,
  timelockControllerAbi,
  treasuryAbi,
} from '../abis/generated.js';
import { DeployFailedError, anvilDeployerPrivateKey, deployContracts } from './deployContracts.js';
import { repositoryRoot } from './foundry.js';
import { startAnvil } from './startAnvil.js';

const localConfig = {
  token: {
    name: 'Test Community',
    symbol: 'TST',
    holders: [{ account: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', amount: '5000000000000000000000' }],
  },
  governor: {
    name: 'Test Governor',
    votingDelay: 60,
    votingPeriod: 3600,
    proposalThreshold: '0',
    allowZeroProposalThreshold: true,
    quorumNumerator: 4,
    lateQuorumExtension: 0,
  },
  timelock: { minDelay: 3600 },
  policy: { warnAt: 30, blockAt: 90, unlimitedApprovalsAllowed: true },
  demoStablecoin: false,
};

// The documented local deploy (contracts/script/01_Deploy.s.sol with contracts/config/local.json and
// anvil's account 0) on a fresh anvil: it must write the committed file, and leave the timelock in charge.
test('deploys the committed deployments/31337.json, with the timelock in charge and no admin left', async () => {
  const anvil = await startAnvil();
  const output = `deployments/.deploy-check-${process.pid}.json`;
  try {
    const deployment = await deployContracts({ rpcUrl: anvil.rpcUrl, output });
    const written = JSON.parse(readFileSync(join(repositoryRoot, output), 'utf8'));
    const committed = JSON.parse(readFileSync(join(repositoryRoot, 'deployments', '31337.json'), 'utf8'));
    // Same addresses, same start block, same fields in the same order.
    expect(JSON.stringify(written)).toBe(JSON.stringify(committed));

    const client = createPublicClient({ transport: http(anvil.rpcUrl) });
    const c = deployment.contracts;
    const deployer = privateKeyToAccount(anvilDeployerPrivateKey).address;
    const role = (name: string) => (name === 'DEFAULT_ADMIN_ROLE' ? zeroHash : keccak256(stringToHex(name)));
    const hasRole = (name: string, account: Address) =>
      client.readContract({ address: c.timelock, abi: timelockControllerAbi, functionName: 'hasRole', args: [role(name), account] });
    // Every contract here is Ownable: one ABI fragment reads them all.
    const owner = (address: Address) => client.readContract({ address, abi: communityTokenAbi, functionName: 'owner' });
    expect({
      tokenOwner: await owner(c.communityToken),
      policyOwner: await owner(c.paymentPolicy),
      treasuryOwner: await owner(c.treasury),
      treasuryPolicy: await client.readContract({ address: c.treasury, abi: treasuryAbi, functionName: 'policy' }),
      governorTimelock: await client.readContract({ address: c.communityGovernor, abi: communityGovernorAbi, functionName: 'timelock' }),
      governorIsProposer: await hasRole('PROPOSER_ROLE', c.communityGovernor),
      governorIsCanceller: await hasRole('CANCELLER_ROLE', c.communityGovernor),
      anyoneMayExecute: await hasRole('EXECUTOR_ROLE', zeroAddress),
      deployerIsAdmin: await hasRole('DEFAULT_ADMIN_ROLE', deployer),
      deployerIsProposer: await hasRole('PROPOSER_ROLE', deployer),
      factoryIsAdmin: await hasRole('DEFAULT_ADMIN_ROLE', c.communityFactory as Address),
      policyVersion: await client.readContract({ address: c.paymentPolicy, abi: paymentPolicyAbi, functionName: 'version' }),
      stablecoinOwner: await owner(c.demoStablecoin as Address),
    }).toEqual({
      tokenOwner: c.timelock,
      policyOwner: c.timelock,
      treasuryOwner: c.timelock,
      treasuryPolicy: c.paymentPolicy,
      governorTimelock: c.timelock,
      governorIsProposer: true,
      governorIsCanceller: true,
      anyoneMayExecute: true,
      deployerIsAdmin: false,
      deployerIsProposer: false,
      factoryIsAdmin: false,
      // 1 at creation, then the config's two token limits (ETH and cgUSD), written by the factory.
      policyVersion: 3n,
      stablecoinOwner: deployer,
    });

    // The demo is the factory's community, made the way every community is made.
    const made = await client.readContract({
      address: c.communityFactory as Address,
      abi: communityFactoryAbi,
      functionName: 'communityOf',
      args: [c.communityGovernor],
    });
    expect(made).toMatchObject({
      governor: c.communityGovernor,
      token: c.communityToken,
      timelock: c.timelock,
      treasury: c.treasury,
      policy: c.paymentPolicy,
      creator: deployer,
    });
    expect(deployment.communities).toEqual([
      {
        name: 'CommonGuard Governor',
        communityGovernor: c.communityGovernor,
        communityToken: c.communityToken,
        timelock: c.timelock,
        treasury: c.treasury,
        paymentPolicy: c.paymentPolicy,
        deploymentBlock: 0,
        creator: deployer,
      },
    ]);
  } finally {
    rmSync(join(repositoryRoot, output), { force: true });
    await anvil.stop();
  }
});

test('deploys from a config object and leaves no file behind', async () => {
  const anvil = await startAnvil();
  try {
    const before = readdirSync(join(repositoryRoot, 'deployments')).sort();
    const deployment = await deployContracts({ rpcUrl: anvil.rpcUrl, config: localConfig });
    expect(readdirSync(join(repositoryRoot, 'deployments')).sort()).toEqual(before);
    expect(deployment.contracts.demoStablecoin).toBeUndefined();
    const client = createPublicClient({ transport: http(anvil.rpcUrl) });
    const [symbol, warnAt] = await Promise.all([
      client.readContract({ address: deployment.contracts.communityToken, abi: communityTokenAbi, functionName: 'symbol' }),
      client.readContract({ address: deployment.contracts.paymentPolicy, abi: paymentPolicyAbi, functionName: 'warnAt' }),
    ]);
    expect({ symbol, warnAt }).toEqual({ symbol: 'TST', warnAt: 30 });
  } finally {
    await anvil.stop();
  }
});

test('a bad config fails with the script’s reason', async () => {
  const anvil = await startAnvil();
  try {
    const error = await deployContracts({
      rpcUrl: anvil.rpcUrl,
      config: { ...localConfig, policy: { warnAt: 90, blockAt: 30, unlimitedApprovalsAllowed: false } },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployFailedError);
    expect((error as DeployFailedError).shortMessage).toBe('The deploy script failed: forge exited with code 1.');
    expect((error as DeployFailedError).output).toContain('policy.warnAt must be below policy.blockAt');
  } finally {
    await anvil.stop();
  }
});

test('an unsafe governance setting is refused, naming the field and the safe range', async () => {
  const anvil = await startAnvil();
  try {
    const error = await deployContracts({
      rpcUrl: anvil.rpcUrl,
      config: { ...localConfig, governor: { ...localConfig.governor, quorumNumerator: 0 } },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployFailedError);
    expect((error as DeployFailedError).output).toContain('.governor.quorumNumerator must be between 1 and 100, got 0');
  } finally {
    await anvil.stop();
  }
});
