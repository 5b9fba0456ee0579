// biome-ignore lint/performance/noBarrelFile: entry point of @commonguard/sdk
export {
  communityFactoryAbi,
  communityGovernorAbi,
  communityTokenAbi,
  demoStablecoinAbi,
  paymentPolicyAbi,
  timelockControllerAbi,
  treasuryAbi,
} from './abis/generated.js';
export {
  type ListMerchantsErrorType,
  type ListMerchantsParameters,
  type ListMerchantsReturnType,
  listMerchants,
} from './actions/listMerchants.js';
export {
  type ListDomainsErrorType,
  type ListDomainsParameters,
  type ListDomainsReturnType,
  listDomains,
} from './actions/listDomains.js';
export {
  type ListOriginsErrorType,
  type ListOriginsParameters,
  type ListOriginsReturnType,
  listOrigins,
} from './actions/listOrigins.js';
export {
  type ReadMerchantStatusErrorType,
  type ReadMerchantStatusParameters,
  type ReadMerchantStatusReturnType,
  readMerchantStatus,
} from './actions/readMerchantStatus.js';
export {
  type ReadOriginStatusErrorType,
  type ReadOriginStatusParameters,
  type ReadOriginStatusReturnType,
  readOriginStatus,
} from './actions/readOriginStatus.js';
export {
  type ReadPolicyErrorType,
  type ReadPolicyParameters,
  type ReadPolicyReturnType,
  readPolicy,
} from './actions/readPolicy.js';
export {
  type SimulateBlockErrorType,
  type SimulateBlockParameters,
  type SimulateBlockReturnType,
  type SimulationCall,
  simulateBlock,
} from './actions/simulateBlock.js';
export {
  type SimulateBlocksErrorType,
  type SimulateBlocksParameters,
  type SimulateBlocksReturnType,
  type SimulationBlock,
  simulateBlocks,
} from './actions/simulateBlocks.js';
export {
  type ReadSiteStatusErrorType,
  type ReadSiteStatusParameters,
  type ReadSiteStatusReturnType,
  readSiteStatus,
} from './actions/readSiteStatus.js';
export {
  type ReadTreasurerLimitsErrorType,
  type ReadTreasurerLimitsParameters,
  type ReadTreasurerLimitsReturnType,
  readTreasurerLimits,
} from './actions/readTreasurerLimits.js';
export {
  type SiteValue,
  type SiteValueProblem,
  isWithinDomain,
  normaliseDomain,
  normaliseOrigin,
} from './site/normalise.js';
export {
  type ReadPolicyVersionErrorType,
  type ReadPolicyVersionParameters,
  type ReadPolicyVersionReturnType,
  readPolicyVersion,
} from './actions/readPolicyVersion.js';
export {
  type CommunityConfigField,
  type CommunityFactoryErrorName,
  type DecodedCommunityFactoryError,
  type FormatCommunityFactoryErrorOptions,
  communityFactoryErrorField,
  communityFactoryErrorNames,
  communityFactoryFieldWords,
  formatCommunityFactoryError,
  isCommunityFactoryError,
} from './errors/factoryErrors.js';
export {
  type CommunityListing,
  type ListCommunitiesErrorType,
  type ListCommunitiesParameters,
  type ListCommunitiesReturnType,
  listCommunities,
} from './community/listCommunities.js';
export {
  type FindCommunityFactoryErrorType,
  type FindCommunityFactoryParameters,
  type FindCommunityFactoryReturnType,
  findCommunityFactory,
} from './community/findCommunityFactory.js';
export {
  type ReadCommunityErrorType,
  type ReadCommunityParameters,
  type ReadCommunityReturnType,
  readCommunity,
} from './community/readCommunity.js';
export { localDeployment } from './deployments/local.generated.js';
export {
  type Deployment,
  type DeploymentCommunity,
  type DeploymentContracts,
  type ParseDeploymentErrorType,
  type ParseDeploymentParameters,
  type ParseDeploymentReturnType,
  parseDeployment,
} from './deployments/parseDeployment.js';
export { type CommonGuardErrorParameters, type CommonGuardErrorType, CommonGuardError } from './errors/base.js';
export {
  type CommonGuardErrorAbiItem,
  type ContractErrorName,
  type ContractRevertedErrorType,
  type DecodedContractError,
  type FormatContractErrorOptions,
  type TokenDisplay,
  ContractRevertedError,
  commonGuardErrorsAbi,
  decodeContractError,
  formatContractError,
  toContractRevertedError,
} from './errors/contract.js';
export {
  type CommunityMismatch,
  type CommunityMismatchErrorType,
  type CommunityNotFoundErrorType,
  type CommunityNotFoundReason,
  CommunityMismatchError,
  CommunityNotFoundError,
} from './errors/community.js';
export { type InvalidDeploymentErrorType, InvalidDeploymentError } from './errors/deployment.js';
export { type InvalidParameterErrorType, InvalidParameterError } from './errors/parameters.js';
export {
  type SimulationMalformedErrorType,
  SimulationMalformedError,
  type SimulationRefusedErrorType,
  SimulationRefusedError,
  type SimulationUnsupportedErrorType,
  SimulationUnsupportedError,
} from './errors/simulation.js';
export {
  type ChainMismatchErrorType,
  type ContractNotFoundErrorType,
  type RpcUnreachableErrorType,
  ChainMismatchError,
  ContractNotFoundError,
  RpcUnreachableError,
} from './errors/rpc.js';
export {
  type BudgetState,
  type DayWindow,
  type PayByVoteCall,
  type PayoutRow,
  type RecipientCheck,
  type RecipientState,
  type RecipientTotal,
  type SetBudgetCall,
  type TreasurerPayoutCall,
  type TreasuryLedger,
  type TreasuryOutcome,
  type TreasuryPolicy,
  type TreasuryRuleError,
  TREASURY_MAX_BATCH_SIZE,
  SECONDS_PER_DAY,
  TREASURY_WINDOW_DAY_MAX,
  addToWindow,
  budgetRemaining,
  checkDailyCap,
  checkMaxSingle,
  checkRecipient,
  checkRecipients,
  currentPeriod,
  emptyLedger,
  isNewRecipient,
  ledgerFromViews,
  ledgerKey,
  applyPayByVote,
  applySetBudget,
  totalsByRecipient,
  applyTreasurerPayout,
  utcDay,
  windowDays,
  windowTotal,
} from './treasury/rules.js';
export { type ProposalState, proposalStates } from './types/governance.js';
export { durationText } from './utils/durationText.js';
export {
  type DomainEntry,
  type MerchantEntry,
  type MerchantStatus,
  type MerchantStatusEntry,
  type OriginEntry,
  type PolicySnapshot,
  type SiteRule,
  type SiteStatusEntry,
  type TokenLimits,
  type TreasurerLimits,
  merchantStatuses,
} from './types/policy.js';
