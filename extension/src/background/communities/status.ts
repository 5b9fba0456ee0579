import type { Address } from 'viem';
import type { StatusRead } from '../risk/context.js';
import { mergeStatus, type RulesSource } from './rules.js';

/**
 * A site's or an address's status across the communities guarding a network, each read on its own policy
 * and merged as the rules are (blocked by any blocks; trusted by one and blocked by none is trusted), with
 * who decided.
 */
export async function statusOf(communities: readonly RulesSource[], read: (policy: Address) => Promise<StatusRead>): Promise<StatusRead> {
  const reads = await Promise.all(communities.map(async (community) => ({ name: community.name, ...(await read(community.policy)) })));
  const merged = mergeStatus(reads);
  return { status: merged.status, note: merged.note, ...(merged.by.length > 0 ? { by: merged.by } : {}) };
}
