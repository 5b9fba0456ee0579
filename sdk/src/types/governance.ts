/**
 * OpenZeppelin Governor proposal states, in the order of `IGovernor.ProposalState` (so
 * `proposalStates[await governor.state(id)]` names a state).
 */
export const proposalStates = [
  'pending',
  'active',
  'canceled',
  'defeated',
  'succeeded',
  'queued',
  'expired',
  'executed',
] as const;

/** A proposal's state, as a word. */
export type ProposalState = (typeof proposalStates)[number];
