import { type Address, getAddress, isAddress } from 'viem';
import { InvalidDeploymentError, type InvalidDeploymentErrorType } from '../errors/deployment.js';

/**
 * The chain's default community, and the chain's shared contracts: `demoStablecoin` exists only on local
 * chains, `communityFactory` wherever a community was created through the factory.
 */
export type DeploymentContracts = {
  communityToken: Address;
  communityGovernor: Address;
  timelock: Address;
  treasury: Address;
  paymentPolicy: Address;
  demoStablecoin?: Address | undefined;
  communityFactory?: Address | undefined;
};

/** One community recorded on a chain (the default one included). */
export type DeploymentCommunity = {
  name: string;
  communityGovernor: Address;
  communityToken: Address;
  timelock: Address;
  treasury: Address;
  paymentPolicy: Address;
  /** The block before the community was created: where an indexer starts for it. */
  deploymentBlock: number;
  /** The account that created it. */
  creator: Address;
};

/** A deployment of CommonGuard on one chain, as in `deployments/<chainId>.json`. */
export type Deployment = {
  chainId: number;
  /** The block before the first contract was created: where an indexer starts. */
  deploymentBlock: number;
  contracts: DeploymentContracts;
  /** Every community recorded on the chain, oldest first; absent in files written before the factory. */
  communities?: DeploymentCommunity[] | undefined;
};

export type ParseDeploymentParameters = {
  /** Where the JSON came from (a file name, a URL), named in error messages. */
  source?: string | undefined;
};

export type ParseDeploymentReturnType = Deployment;

export type ParseDeploymentErrorType = InvalidDeploymentErrorType;

const requiredContracts = ['communityToken', 'communityGovernor', 'timelock', 'treasury', 'paymentPolicy'] as const;
const optionalContracts = ['demoStablecoin', 'communityFactory'] as const;
const communityContracts = ['communityGovernor', 'communityToken', 'timelock', 'treasury', 'paymentPolicy'] as const;

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
      const address = readAddress(rawContracts, name, problems, true, 'contracts');
      if (address) contracts[name] = address;
    }
    for (const name of optionalContracts) {
      const address = readAddress(rawContracts, name, problems, false, 'contracts');
      if (address) contracts[name] = address;
    }
    const known = new Set<string>([...requiredContracts, ...optionalContracts]);
    for (const key of Object.keys(rawContracts)) {
      if (!known.has(key)) problems.push(`contracts.${key}: not a CommonGuard contract (known: ${[...known].join(', ')})`);
    }
  }

  const communities = json.communities === undefined ? undefined : readCommunities(json.communities, problems);

  if (problems.length > 0) throw new InvalidDeploymentError({ problems, source: parameters.source });
  return {
    chainId: chainId!,
    deploymentBlock: deploymentBlock!,
    contracts: contracts as DeploymentContracts,
    ...(communities ? { communities } : {}),
  };
}

function readCommunities(value: unknown, problems: string[]): DeploymentCommunity[] | undefined {
  if (!Array.isArray(value)) {
    problems.push(`communities: expected a list of communities, got ${describe(value)}`);
    return undefined;
  }
  const before = problems.length;
  const communities = value.map((entry, index): Partial<DeploymentCommunity> => {
    const field = `communities[${index}]`;
    if (!isRecord(entry)) {
      problems.push(`${field}: expected an object, got ${describe(entry)}`);
      return {};
    }
    const community: Partial<DeploymentCommunity> = {};
    if (typeof entry.name === 'string' && entry.name.length > 0) community.name = entry.name;
    else problems.push(`${field}.name: expected the community's name, got ${describe(entry.name)}`);
    for (const name of communityContracts) {
      const address = readAddress(entry, name, problems, true, field);
      if (address) community[name] = address;
    }
    const deploymentBlock = readInteger(entry, 'deploymentBlock', problems, { min: 0 }, field);
    if (deploymentBlock !== undefined) community.deploymentBlock = deploymentBlock;
    const creator = readAddress(entry, 'creator', problems, true, field);
    if (creator) community.creator = creator;
    return community;
  });
  return problems.length === before ? (communities as DeploymentCommunity[]) : undefined;
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
  parent?: string,
): number | undefined {
  const value = record[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    problems.push(`${parent ? `${parent}.` : ''}${key}: expected a whole number ≥ ${min}, got ${describe(value)}`);
    return undefined;
  }
  return value;
}

function readAddress(
  record: Record<string, unknown>,
  key: string,
  problems: string[],
  required: boolean,
  parent: string,
): Address | undefined {
  const value = record[key];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || !isAddress(value, { strict: false })) {
    problems.push(`${parent}.${key}: expected an address (0x and 40 hex digits), got ${describe(value)}`);
    return undefined;
  }
  if (!isAddress(value, { strict: true })) {
    problems.push(`${parent}.${key}: ${value} has a wrong checksum (mixed-case letters that do not match the address)`);
    return undefined;
  }
  if (/^0x0{40}$/.test(value)) {
    problems.push(`${parent}.${key}: the zero address is not a contract`);
    return undefined;
  }
  return getAddress(value);
}
