// Every GraphQL query the dApp sends to the subgraph. A test validates each against
// subgraph/schema.graphql, so the two cannot drift apart. One subgraph serves every community of a
// network, so each query reads one community: `$community` is its governor's address in lowercase hex. Lists are ordered by block, not by
// timestamp: several events in one second (votes, a batch of payouts) keep the chain's order, which
// is the order the ChainIndexer returns; graph-node breaks remaining ties by id.

export const PROPOSAL_FIELDS = /* GraphQL */ `
  fragment ProposalFields on Proposal {
    id
    proposalId
    proposer
    description
    voteStart
    voteEnd
    forVotes
    againstVotes
    abstainVotes
    queued
    executed
    canceled
    eta
  }
`;

export const PROPOSALS_PAGE = /* GraphQL */ `
  query ProposalsPage($community: String!, $stats: ID!, $first: Int!, $skip: Int!) {
    # A community's Stats row has the community's id (the same value as $community).
    stats(id: $stats) {
      proposalCount
    }
    proposals(first: $first, skip: $skip, orderBy: createdBlock, orderDirection: desc, where: { community: $community }) {
      ...ProposalFields
    }
  }
  ${PROPOSAL_FIELDS}
`;

export const PROPOSALS_SEARCH = /* GraphQL */ `
  query ProposalsSearch($community: String!, $search: String!, $first: Int!) {
    proposals(first: $first, orderBy: createdBlock, orderDirection: desc, where: { community: $community, description_contains_nocase: $search }) {
      ...ProposalFields
    }
  }
  ${PROPOSAL_FIELDS}
`;

/** `$id` is `<governor>-<proposalId>`: two communities can have the same proposal id. */
export const PROPOSAL_DETAIL = /* GraphQL */ `
  query ProposalDetail($id: ID!) {
    proposal(id: $id) {
      ...ProposalFields
      actions(orderBy: index, orderDirection: asc) {
        target
        value
        calldata
      }
      createdAt
      createdTx
      queuedAt
      queuedTx
      executedAt
      executedTx
      canceledAt
      canceledTx
      extended
      extendedAt
      extendedTx
    }
  }
  ${PROPOSAL_FIELDS}
`;

/** `$proposal` is the proposal's entity id, `<governor>-<proposalId>`. */
export const PROPOSAL_VOTES = /* GraphQL */ `
  query ProposalVotes($proposal: String!, $first: Int!, $skip: Int!) {
    votes(first: $first, skip: $skip, orderBy: blockNumber, orderDirection: asc, where: { proposal: $proposal }) {
      voter {
        account
      }
      support
      weight
      reason
      timestamp
      transactionHash
    }
  }
`;

export const TOP_DELEGATES = /* GraphQL */ `
  query TopDelegates($community: String!, $first: Int!) {
    delegates(first: $first, orderBy: votingPower, orderDirection: desc, where: { community: $community, votingPower_gt: "0" }) {
      account
      votingPower
      delegatorCount
    }
  }
`;

export const PAYOUTS = /* GraphQL */ `
  query Payouts($community: String!, $first: Int!) {
    payouts(first: $first, orderBy: blockNumber, orderDirection: desc, where: { community: $community }) {
      id
      blockNumber
      executor
      token
      recipient
      amount
      memo
      byVote
      timestamp
      transactionHash
    }
  }
`;

export const BUDGETS = /* GraphQL */ `
  query Budgets($community: String!) {
    budgets(first: 1000, where: { community: $community, active: true }) {
      treasurer
      token
      amountPerPeriod
      period
      periodStart
      spentInPeriod
      # When it was last set, to list budgets in that order (as the ChainIndexer does).
      changes(first: 1, orderBy: blockNumber, orderDirection: desc) {
        id
        blockNumber
      }
    }
  }
`;

export const POLICY_VERSIONS = /* GraphQL */ `
  query PolicyVersions($community: String!, $first: Int!, $skip: Int!) {
    policyVersions(first: $first, skip: $skip, orderBy: version, orderDirection: desc, where: { community: $community }) {
      id
      version
      change
      warnAt
      blockAt
      token
      maxSinglePayment
      dailyCap
      maxFirstPayment
      unlimitedApprovalsAllowed
      merchant
      origin
      domain
      status
      note
      proposal {
        proposalId
      }
      timestamp
      transactionHash
    }
  }
`;

export const TREASURY_FLOWS = /* GraphQL */ `
  query TreasuryFlows($community: String!, $tokens: [Bytes!]!, $first: Int!) {
    deposits(first: $first, orderBy: blockNumber, orderDirection: asc, where: { community: $community, token_in: $tokens }) {
      id
      token
      amount
      blockNumber
      timestamp
      transactionHash
    }
    payouts(first: $first, orderBy: blockNumber, orderDirection: asc, where: { community: $community, token_in: $tokens }) {
      id
      token
      amount
      blockNumber
      timestamp
      transactionHash
    }
  }
`;

/** The directory: a network's communities, newest first (one subgraph serves every community of a network). */
export const COMMUNITIES = /* GraphQL */ `
  query Communities($first: Int!) {
    communities(first: $first, orderBy: createdAt, orderDirection: desc) {
      id
      name
      createdAt
    }
  }
`;

export const ALL_QUERIES = {
  PROPOSALS_PAGE,
  PROPOSALS_SEARCH,
  PROPOSAL_DETAIL,
  PROPOSAL_VOTES,
  TOP_DELEGATES,
  PAYOUTS,
  BUDGETS,
  POLICY_VERSIONS,
  TREASURY_FLOWS,
  COMMUNITIES,
};
