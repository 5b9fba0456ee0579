import { type Address, getAddress, isAddress } from 'viem';
import { InvalidDeploymentError, type InvalidDeploymentErrorType } from '../errors/deployment.js';

/** The contracts every deployment has; `demoStablecoin` exists only on local chains. */
export type DeploymentContracts = {
  communityToken: Address;
  communityGovernor: Address;
  timelock: Address;
  treasury: Address;
  paymentPolicy: Address;
  demoStablecoin?: Address | undefined;
  /** The CommunityFactory that starts new communities on this chain, where there is one. */
  communityFactory?: Address | undefined;
};

/** A deployment of CommonGuard on one chain, as in `deployments/<chainId>.json`. */
export type Deployment = {
  chainId: number;
  /** The block before the first contract was created: where an indexer starts. */
  deploymentBlock: number;
  contracts: DeploymentContracts;
};

export type ParseDeploymentParameters = {
  /** Where the JSON came from (a file name, a URL), named in error messages. */
  source?: string | undefined;
};

export type ParseDeploymentReturnType = Deployment;

export type ParseDeploymentErrorType = InvalidDeploymentErrorType;

const requiredContracts = ['communityToken', 'communityGovernor', 'timelock', 'treasury', 'paymentPolicy'] as const;
const optionalContracts = ['demoStablecoin', 'communityFactory'] as const;

/**
 * Checks that `json` is a CommonGuard deployment and returns it typed, with checksummed addresses.
 * Every problem is reported at once, each naming its field.
 *
 * @param json - The parsed content of `deployments/<chainId>.json`.
 * @param parameters - {@link ParseDeploymentParameters}
 * @returns The deployment. {@link ParseDeploymentReturnType}
 * @throws {InvalidDeploymentError} when a field is missing or wrong.
 *
 * @example
 * import { parseDeployment } from '@commonguard/sdk'
 * const deployment = parseDeployment(await (await fetch('/deployments/31337.json')).json())
 */
export function parseDeployment(json: unknown, parameters: ParseDeploymentParameters = {}): ParseDeploymentReturnType {
  const problems: string[] = [];
  if (!isRecord(json)) {
    throw new InvalidDeploymentError({
      problems: [`expected a JSON object, got ${describe(json)}`],
      source: parameters.source,
    });
  }
  const chainId = readInteger(json, 'chainId', problems, { min: 1 });
  const deploymentBlock = readInteger(json, 'deploymentBlock', problems, { min: 0 });

  const contracts: Partial<Record<keyof DeploymentContracts, Address>> = {};
  const rawContracts = json.contracts;
  if (!isRecord(rawContracts)) {
    problems.push(`contracts: expected an object of contract addresses, got ${describe(rawContracts)}`);
  } else {
    for (const name of requiredContracts) {
      const address = readAddress(rawContracts, name, problems, true);
      if (address) contracts[name] = address;
    }
    for (const name of optionalContracts) {
      const address = readAddress(rawContracts, name, problems, false);
      if (address) contracts[name] = address;
    }
    const known = new Set<string>([...requiredContracts, ...optionalContracts]);
    for (const key of Object.keys(rawContracts)) {
      if (!known.has(key)) problems.push(`contracts.${key}: not a CommonGuard contract (known: ${[...known].join(', ')})`);
    }
  }

  if (problems.length > 0) throw new InvalidDeploymentError({ problems, source: parameters.source });
  return { chainId: chainId!, deploymentBlock: deploymentBlock!, contracts: contracts as DeploymentContracts };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function readInteger(
  record: Record<string, unknown>,
  key: string,
  problems: string[],
  { min }: { min: number },
): number | undefined {
  const value = record[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    problems.push(`${key}: expected a whole number ≥ ${min}, got ${describe(value)}`);
    return undefined;
  }
  return value;
}

function readAddress(
  record: Record<string, unknown>,
  key: string,
  problems: string[],
  required: boolean,
): Address | undefined {
  const value = record[key];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || !isAddress(value, { strict: false })) {
    problems.push(`contracts.${key}: expected an address (0x and 40 hex digits), got ${describe(value)}`);
    return undefined;
  }
  if (!isAddress(value, { strict: true })) {
    problems.push(`contracts.${key}: ${value} has a wrong checksum (mixed-case letters that do not match the address)`);
    return undefined;
  }
  if (/^0x0{40}$/.test(value)) {
    problems.push(`contracts.${key}: the zero address is not a contract`);
    return undefined;
  }
  return getAddress(value);
}
