// Appends a created community to deployments/<chainId>.json: only ever called after its receipt, so the
// file never lists a community that is not on chain.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Address } from 'viem';
import { type DeploymentCommunity, parseDeployment } from '@commonguard/sdk';

export type RecordCommunityParameters = {
  deploymentsDir: string;
  chainId: number;
  factory: Address;
  community: DeploymentCommunity;
};

/**
 * Adds `community` to the chain's deployment file. A chain without a file gets one whose default
 * community is this one; a file without a factory (or naming another) now names the one that made it.
 */
export async function recordCommunity({ deploymentsDir, chainId, factory, community }: RecordCommunityParameters): Promise<string> {
  const path = join(deploymentsDir, `${chainId}.json`);
  const text = await readFile(path, 'utf8').catch(() => undefined);
  let json: Record<string, unknown>;
  if (text === undefined) {
    const { name: _, deploymentBlock, creator: __, ...contracts } = community;
    json = { chainId, deploymentBlock, contracts: { ...contracts, communityFactory: factory }, communities: [] };
  } else {
    json = JSON.parse(text) as Record<string, unknown>;
    // Refuse to write into a file that is not a deployment: better stop than damage it.
    parseDeployment(json, { source: path });
    (json.contracts as Record<string, unknown>).communityFactory = factory;
  }
  const communities = Array.isArray(json.communities) ? json.communities : [];
  json.communities = [...communities, community];
  parseDeployment(json, { source: path });
  await mkdir(deploymentsDir, { recursive: true });
  await writeFile(path, `${JSON.stringify(json, null, 2)}\n`);
  return path;
}
