// biome-ignore lint/performance/noBarrelFile: entry point of @commonguard/scripts
export {
  type DemoAccount,
  type DemoRole,
  anvilMnemonic,
  demo,
  demoAccounts,
  demoRoles,
} from './accounts.js';
export { type StackClients, createStackClients, sendAndWait } from './clients.js';
export {
  type PassProposalParameters,
  type PassProposalReturnType,
  type Proposal,
  type ProposalAction,
  type VoteSupport,
  castVote,
  execute,
  passProposal,
  proposalState,
  propose,
  queue,
  warpPast,
  warpPastDeadline,
  warpToEta,
  warpToVoting,
} from './governance.js';
export { type TokenLimitsInput, merchantStatusValue, proposalActions } from './proposalActions.js';
export { type SeedDemoParameters, type SeedDemoReturnType, demoSeed, seedDemo } from './seed.js';
