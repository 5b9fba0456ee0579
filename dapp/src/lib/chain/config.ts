import { parseDeployment, type Deployment } from '@commonguard/sdk';

export type { Deployment };
export { parseDeployment };

export type AppConfig = {
  rpcUrl: string;
  chainId: number;
  subgraphUrl: string | null;
  deployment: Deployment | null;
};

// Deployment files committed in the repository, bundled at build time.
const bundled = import.meta.glob('../../../../deployments/*.json', { eager: true, import: 'default' }) as Record<
  string,
  unknown
>;

function bundledDeployment(chainId: number): Deployment | null {
  for (const [path, json] of Object.entries(bundled)) {
    if (path.endsWith(`/${chainId}.json`)) return parseDeployment(json, { source: `deployments/${chainId}.json` });
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
  const deployment = override.deployment ? parseDeployment(override.deployment, { source: 'config.json' }) : bundledDeployment(chainId);
  return {
    rpcUrl: override.rpcUrl ?? base.rpcUrl,
    chainId,
    subgraphUrl: override.subgraphUrl ?? base.subgraphUrl,
    deployment,
  };
}
