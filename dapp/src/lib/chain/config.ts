import { getAddress, type Address } from 'viem';

/** Addresses of one CommonGuard deployment (the agreed `deployments/<chainId>.json` shape). */
export type Deployment = {
  chainId: number;
  deploymentBlock: number;
  contracts: {
    communityToken: Address;
    communityGovernor: Address;
    timelock: Address;
    treasury: Address;
    paymentPolicy: Address;
    demoStablecoin?: Address;
  };
};

export type AppConfig = {
  rpcUrl: string;
  chainId: number;
  subgraphUrl: string | null;
  deployment: Deployment | null;
};

const CONTRACT_KEYS = ['communityToken', 'communityGovernor', 'timelock', 'treasury', 'paymentPolicy'] as const;

/**
 * Checks a deployment file and returns it with checksummed addresses.
 * TODO(sdk): replace with `parseDeployment` from `@commonguard/sdk` when it lands.
 */
export function parseDeployment(json: unknown): Deployment {
  if (!json || typeof json !== 'object') throw new Error('The deployment file is not a JSON object.');
  const value = json as Record<string, any>;
  const chainId = Number(value.chainId);
  if (!Number.isInteger(chainId) || chainId <= 0) throw new Error('The deployment file has no valid chainId.');
  const contracts = value.contracts ?? {};
  const out: Record<string, Address> = {};
  for (const key of [...CONTRACT_KEYS, 'demoStablecoin']) {
    const address = contracts[key];
    if (address === undefined && key === 'demoStablecoin') continue;
    try {
      out[key] = getAddress(address);
    } catch {
      throw new Error(`The deployment file's contracts.${key} is not an address: ${String(address)}`);
    }
  }
  return { chainId, deploymentBlock: Number(value.deploymentBlock ?? 0), contracts: out as Deployment['contracts'] };
}

// Deployment files committed in the repository, bundled at build time.
const bundled = import.meta.glob('../../../../deployments/*.json', { eager: true, import: 'default' }) as Record<
  string,
  unknown
>;

function bundledDeployment(chainId: number): Deployment | null {
  for (const [path, json] of Object.entries(bundled)) {
    if (path.endsWith(`/${chainId}.json`)) return parseDeployment(json);
  }
  return null;
}

/**
 * The app's configuration: build-time PUBLIC_* values, overridden by an optional `config.json` next to
 * the app (so one static build can be pointed at another chain without rebuilding).
 */
export async function loadConfig(fetcher: typeof fetch = fetch): Promise<AppConfig> {
  const base = __COMMONGUARD_CONFIG__;
  let override: Partial<AppConfig> & { deployment?: unknown } = {};
  try {
    const response = await fetcher('/config.json', { cache: 'no-store' });
    if (response.ok && (response.headers.get('content-type') ?? '').includes('json')) override = await response.json();
  } catch {
    // No runtime override: the build-time values apply.
  }
  const chainId = Number(override.chainId ?? base.chainId);
  const deployment = override.deployment ? parseDeployment(override.deployment) : bundledDeployment(chainId);
  return {
    rpcUrl: override.rpcUrl ?? base.rpcUrl,
    chainId,
    subgraphUrl: override.subgraphUrl ?? base.subgraphUrl,
    deployment,
  };
}
