import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatEther, formatUnits } from 'viem';
import { type Deployment, communityTokenAbi, listOrigins, localDeployment, readPolicy } from '@commonguard/sdk';
import { deployContracts, findFoundryBinary, repositoryRoot, runCommand, startAnvil } from '@commonguard/sdk/testing';
import { demoAccounts } from '../accounts.js';
import { createStackClients } from '../clients.js';
import { type SeedDemoReturnType, demoSeed, seedDemo } from '../seed.js';
import type { StackContext, StackStep } from './runStack.js';

export type ChainContext = StackContext & {
  port: number;
  rpcUrl?: string;
  deployment?: Deployment;
  seed?: SeedDemoReturnType;
};

/** The local chain: check the tools, start anvil, deploy, seed, and describe what is where. */
export function chainSteps<context extends ChainContext>(): StackStep<context>[] {
  return [
    {
      title: 'Check the tools (anvil, forge)',
      start: async (context) => {
        context.log(`anvil: ${findFoundryBinary('anvil')}`.replace(repositoryRoot, '.'));
        context.log(`forge: ${findFoundryBinary('forge')}`.replace(repositoryRoot, '.'));
      },
    },
    {
      title: 'Compile the contracts (forge build; the first time takes a minute)',
      start: async () => {
        await runCommand({ command: findFoundryBinary('forge'), args: ['build'] });
      },
    },
    {
      title: (context) => `Start anvil on 127.0.0.1:${context.port}`,
      start: async (context) => {
        const anvil = await startAnvil({ port: context.port });
        context.rpcUrl = anvil.rpcUrl;
        context.log(`listening at ${anvil.rpcUrl}`);
        return anvil.stop;
      },
    },
    {
      title: 'Deploy the contracts (contracts/script/01_Deploy.s.sol)',
      start: async (context) => {
        const deployment = await deployContracts({ rpcUrl: need(context.rpcUrl) });
        context.deployment = deployment;
        for (const [name, address] of Object.entries(deployment.contracts)) context.log(`${name.padEnd(18)} ${address}`);
        if (!sameAddresses(deployment, localDeployment)) {
          // The dApp and the extension read the committed file; keep it true to what a fresh anvil gets.
          const path = join(repositoryRoot, 'deployments', `${deployment.chainId}.json`);
          const previous = await readFile(path, 'utf8').catch(() => '');
          const next = `${JSON.stringify(deployment, null, 2)}\n`;
          if (previous !== next) {
            await writeFile(path, next);
            context.log(
              `deployments/${deployment.chainId}.json was out of date and has been rewritten: run \`pnpm --dir sdk generate\` and commit both`,
            );
          }
        }
      },
    },
    {
      title: 'Seed the demo through governance (propose → vote → warp → queue → execute)',
      start: async (context) => {
        context.seed = await seedDemo({ rpcUrl: need(context.rpcUrl), deployment: need(context.deployment), log: context.log });
        context.summary.push(...(await describeChain(context)));
      },
    },
  ];
}

function need<value>(value: value | undefined): value {
  if (value === undefined) throw new Error('an earlier step did not run');
  return value;
}

function sameAddresses(a: Deployment, b: Deployment): boolean {
  return a.chainId === b.chainId && JSON.stringify(a.contracts) === JSON.stringify(b.contracts);
}

async function describeChain(context: ChainContext) {
  const rpcUrl = need(context.rpcUrl);
  const deployment = need(context.deployment);
  const seed = need(context.seed);
  const clients = createStackClients(rpcUrl, deployment.chainId);
  const { contracts } = deployment;
  const votes = await Promise.all(
    demoAccounts.map((account) =>
      clients.public.readContract({
        address: contracts.communityToken,
        abi: communityTokenAbi,
        functionName: 'getVotes',
        args: [account.address],
      }),
    ),
  );
  const cgUsd = (value: bigint) => `${Number(formatUnits(value, 6)).toLocaleString('en-US')} cgUSD`;
  const policy = await readPolicy(clients.public, { address: contracts.paymentPolicy });
  const { origins } = await listOrigins(clients.public, { address: contracts.paymentPolicy });
  const amount = (token: string, value: bigint) =>
    token === contracts.demoStablecoin ? cgUsd(value) : `${formatEther(value)} ETH`;
  const roleNotes: Record<number, string> = {
    5: `budget ${cgUsd(demoSeed.budgets.cgUsd)} + ${formatEther(demoSeed.budgets.eth)} ETH per 30 days`,
    6: `holds ${cgUsd(demoSeed.shopperCgUsd)}`,
    7: 'trusted merchant',
    8: 'on the blocked list',
  };

  return [
    {
      title: 'Chain',
      lines: [`RPC URL   ${rpcUrl}`, `chain id  ${deployment.chainId}`],
    },
    {
      title: `Contracts (deployments/${deployment.chainId}.json)`,
      lines: [
        `CommunityToken      ${contracts.communityToken}`,
        `CommunityGovernor   ${contracts.communityGovernor}`,
        `TimelockController  ${contracts.timelock}`,
        `Treasury            ${contracts.treasury}`,
        `PaymentPolicy       ${contracts.paymentPolicy}`,
        ...(contracts.demoStablecoin ? [`DemoStablecoin      ${contracts.demoStablecoin}  (cgUSD, 6 decimals)`] : []),
        ...(contracts.communityFactory ? [`CommunityFactory    ${contracts.communityFactory}  (makes every community, the demo included)`] : []),
      ],
    },
    {
      title: "Demo accounts (anvil's public test keys: never send real funds to them)",
      lines: demoAccounts.map((account) => {
        const voting = votes[account.index] ? `${Number(formatEther(votes[account.index] ?? 0n)).toLocaleString('en-US')} votes` : '';
        const note = [roleNotes[account.index], voting].filter(Boolean).join(', ');
        return `${account.index}  ${account.label.padEnd(16)} ${account.address}  ${account.privateKey}${note ? `  ${note}` : ''}`;
      }),
    },
    {
      title: `Payment policy (version ${policy.version})`,
      lines: [
        `warn at score ${policy.warnAt}, block at ${policy.blockAt}; unlimited approvals ${policy.unlimitedApprovalsAllowed ? 'allowed' : 'forbidden'}`,
        ...policy.tokenLimits.map(
          (limits) =>
            `${amount(limits.token, limits.maxSinglePayment)} per payment, ${amount(limits.token, limits.dailyCap)} per day, ${amount(limits.token, limits.maxFirstPayment)} for a first payment`,
        ),
        ...origins.map((entry) => `${entry.status.padEnd(8)} ${entry.origin} (${entry.note})`),
      ],
    },
    {
      title: 'Seeded proposals',
      lines: [
        `executed   Set up the community payment rules`,
        `defeated   Raise the cgUSD single-payment limit to 5,000`,
        `succeeded  Pay Corner Coffee 300 cgUSD for the summer fair stall (ready to queue)`,
        `active     Lower the daily ETH cap to 1.5 ETH (voting open)`,
        `ids: ${[seed.proposals.executed, seed.proposals.defeated, seed.proposals.succeeded, seed.proposals.active].map((id) => `${id.toString().slice(0, 8)}…`).join(' ')}`,
      ],
    },
  ];
}
