// biome-ignore lint/performance/noBarrelFile: entry point of @commonguard/sdk/testing
export {
  type DeployContractsErrorType,
  type DeployContractsParameters,
  type DeployContractsReturnType,
  type DeployFailedErrorType,
  DeployFailedError,
  anvilDeployerPrivateKey,
  deployContracts,
} from './deployContracts.js';
export {
  type FoundryNotFoundErrorType,
  type FoundryTool,
  FoundryNotFoundError,
  findFoundryBinary,
  repositoryRoot,
} from './foundry.js';
export { type ProcessStopperParameters, processStopper } from './processStopper.js';
export {
  type RunCommandErrorType,
  type RunCommandParameters,
  type RunCommandReturnType,
  CommandFailedError,
  runCommand,
} from './runCommand.js';
export {
  type AnvilStartErrorType,
  type PortInUseErrorType,
  type StartAnvilErrorType,
  type StartAnvilParameters,
  type StartAnvilReturnType,
  AnvilStartError,
  PortInUseError,
  findFreePort,
  isPortFree,
  startAnvil,
} from './startAnvil.js';
export { type TransferAuthorisationParameters, type TransferAuthorisationReturnType, transferAuthorisation } from './transferAuthorisation.js';
