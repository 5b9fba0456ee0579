import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Hex } from 'viem';
import { type Deployment, parseDeployment } from '../deployments/parseDeployment.js';
import { CommonGuardError } from '../errors/base.js';
import type { InvalidDeploymentErrorType } from '../errors/deployment.js';
import { type FoundryNotFoundErrorType, findFoundryBinary, repositoryRoot } from './foundry.js';
import { CommandFailedError, runCommand } from './runCommand.js';

/** anvil's account 0 (default mnemonic): the local deployer. A public test key, never for real funds. */
export const anvilDeployerPrivateKey: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

export type DeployContractsParameters = {
  rpcUrl: string;
  /** The deployer's key; anvil's account 0 by default. */
  privateKey?: Hex | undefined;
  /**
   * The deployment config: a path relative to the repository root (default
   * `contracts/config/local.json`), or the config itself as an object.
   */
  config?: string | Record<string, unknown> | undefined;
  /**
   * Where the script writes the deployment file, relative to the repository root and under
   * `deployments/`; this file is kept. By default a temporary file that is removed afterwards.
   */
  output?: string | undefined;
  /** Time limit in milliseconds. Default 120 000 (the first run compiles the contracts). */
  timeout?: number | undefined;
};

export type DeployContractsReturnType = Deployment;

export type DeployContractsErrorType = DeployFailedErrorType | FoundryNotFoundErrorType | InvalidDeploymentErrorType;

export type DeployFailedErrorType = DeployFailedError & { name: 'DeployFailedError' };

/** The forge deploy script failed; `output` holds what it printed. */
export class DeployFailedError extends CommonGuardError {
  override name = 'DeployFailedError' as const;
  readonly output: string;

  constructor({ reason, output }: { reason: string; output: string }) {
    const lastLines = output.trim().split('\n').filter(Boolean).slice(-12).join('\n');
    super(`The deploy script failed: ${reason}.`, { details: lastLines || undefined });
    this.output = output;
  }
}

/**
 * Deploys CommonGuard with the project's forge script (`contracts/script/01_Deploy.s.sol`) and
 * returns the deployment it wrote. Node only; runs in the repository (it needs `contracts/`).
 * Unless `output` names a file, the deployment file goes to a temporary name under `deployments/`
 * and is removed afterwards, so the committed `deployments/<chainId>.json` is never touched.
 *
 * @example
 * import { deployContracts, startAnvil } from '@commonguard/sdk/testing'
 * const anvil = await startAnvil()
 * const deployment = await deployContracts({ rpcUrl: anvil.rpcUrl })
 */
export async function deployContracts(parameters: DeployContractsParameters): Promise<DeployContractsReturnType> {
  const forge = findFoundryBinary('forge');
  const id = `${process.pid}-${randomBytes(4).toString('hex')}`;
  // forge may only read and write inside deployments/ (foundry.toml fs_permissions).
  const output = parameters.output ?? `deployments/.deploy-${id}.json`;
  const temporaryConfig = typeof parameters.config === 'object' ? `deployments/.config-${id}.json` : undefined;
  const configPath = temporaryConfig ?? (parameters.config as string | undefined) ?? 'contracts/config/local.json';

  try {
    // A file left from an earlier run must not pass for this run's output.
    if (parameters.output !== undefined) await rm(join(repositoryRoot, output), { force: true });
    if (temporaryConfig) await writeFile(join(repositoryRoot, temporaryConfig), JSON.stringify(parameters.config));
    const args = [
      'script',
      'contracts/script/01_Deploy.s.sol',
      '--rpc-url',
      parameters.rpcUrl,
      '--private-key',
      parameters.privateKey ?? anvilDeployerPrivateKey,
      '--broadcast',
      // One transaction at a time, each sent once the one before is mined: without it forge can miss
      // a receipt anvil has already mined and wait forever (foundry-rs/foundry#10630).
      '--slow',
    ];
    const log = await runCommand({
      command: forge,
      args,
      env: { ...process.env, DEPLOY_CONFIG: configPath, DEPLOY_OUTPUT: output },
      timeout: parameters.timeout ?? 120_000,
    }).catch((error: unknown) => {
      throw error instanceof CommandFailedError ? new DeployFailedError({ reason: error.reason, output: error.output }) : error;
    });
    let text: string;
    try {
      text = await readFile(join(repositoryRoot, output), 'utf8');
    } catch {
      throw new DeployFailedError({ reason: 'it wrote no deployment file', output: log });
    }
    return parseDeployment(JSON.parse(text), { source: 'the deploy script output' });
  } finally {
    if (parameters.output === undefined) await rm(join(repositoryRoot, output), { force: true });
    if (temporaryConfig) await rm(join(repositoryRoot, temporaryConfig), { force: true });
  }
}
