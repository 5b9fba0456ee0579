import { Bytes, DataSourceContext, dataSource, ethereum } from "@graphprotocol/graph-ts"

// Every data source a community's contracts are indexed by starts from a template with this
// context (see handleCommunityCreated), so a handler knows its community without a lookup.
const COMMUNITY = "community"
const CREATED_TX = "createdTx"

/** The context the templates of one community start with. */
export function communityContext(governor: Bytes, createdTx: Bytes): DataSourceContext {
  let context = new DataSourceContext()
  context.setBytes(COMMUNITY, governor)
  context.setBytes(CREATED_TX, createdTx)
  return context
}

/** The community (its governor's address, the Community id) whose contract emitted the event being handled. */
export function currentCommunity(): Bytes {
  return dataSource.context().getBytes(COMMUNITY)
}

/**
 * True for the events of the transaction that created the community: the constructors' and the
 * factory's first settings, which no timelock call (and so no proposal) made.
 */
export function inCreationTransaction(event: ethereum.Event): boolean {
  return event.transaction.hash.equals(dataSource.context().getBytes(CREATED_TX))
}
