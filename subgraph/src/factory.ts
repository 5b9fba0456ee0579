import { CommunityCreated } from "../generated/CommunityFactory/CommunityFactory"
import { Community } from "../generated/schema"
import { CommunityGovernor, CommunityToken, PaymentPolicy, Timelock, Treasury } from "../generated/templates"
import { communityContext } from "./community"
import { loadStats } from "./helpers"

/**
 * A new community: records it and starts indexing its five contracts. graph-node runs the new data
 * sources over this block too, so the contracts' first events (the founding holders' tokens, the
 * timelock's roles, the policy's first rules), emitted earlier in this transaction, are indexed.
 */
export function handleCommunityCreated(event: CommunityCreated): void {
  let p = event.params
  let stats = loadStats(p.governor)
  stats.save()

  let community = new Community(p.governor)
  community.name = p.name
  community.creator = p.creator
  community.factory = event.address
  community.governor = p.governor
  community.token = p.token
  community.timelock = p.timelock
  community.treasury = p.treasury
  community.policy = p.policy
  community.createdBlock = event.block.number
  community.createdAt = event.block.timestamp
  community.createdTx = event.transaction.hash
  community.stats = stats.id
  community.save()

  let context = communityContext(p.governor, event.transaction.hash)
  CommunityGovernor.createWithContext(p.governor, context)
  CommunityToken.createWithContext(p.token, context)
  Timelock.createWithContext(p.timelock, context)
  Treasury.createWithContext(p.treasury, context)
  PaymentPolicy.createWithContext(p.policy, context)
}
