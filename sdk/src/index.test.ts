import { expect, test } from 'vitest';
import * as sdk from './index.js';
import * as testing from './testing/index.js';

test('exports', () => {
  expect(Object.keys(sdk).sort()).toMatchInlineSnapshot(`
    [
      "ChainMismatchError",
      "CommonGuardError",
      "ContractNotFoundError",
      "ContractRevertedError",
      "InvalidDeploymentError",
      "InvalidParameterError",
      "RpcUnreachableError",
      "SimulationMalformedError",
      "SimulationRefusedError",
      "SimulationUnsupportedError",
      "commonGuardErrorsAbi",
      "communityGovernorAbi",
      "communityTokenAbi",
      "decodeContractError",
      "demoStablecoinAbi",
      "formatContractError",
      "isWithinDomain",
      "listDomains",
      "listMerchants",
      "listOrigins",
      "localDeployment",
      "merchantStatuses",
      "normaliseDomain",
      "normaliseOrigin",
      "parseDeployment",
      "paymentPolicyAbi",
      "proposalStates",
      "readMerchantStatus",
      "readOriginStatus",
      "readPolicy",
      "readPolicyVersion",
      "readSiteStatus",
      "readTreasurerLimits",
      "simulateBlock",
      "timelockControllerAbi",
      "toContractRevertedError",
      "treasuryAbi",
    ]
  `);
});

test('testing exports', () => {
  expect(Object.keys(testing).sort()).toMatchInlineSnapshot(`
    [
      "AnvilStartError",
      "CommandFailedError",
      "DeployFailedError",
      "FoundryNotFoundError",
      "PortInUseError",
      "anvilDeployerPrivateKey",
      "deployContracts",
      "findFoundryBinary",
      "findFreePort",
      "isPortFree",
      "processStopper",
      "repositoryRoot",
      "runCommand",
      "startAnvil",
    ]
  `);
});
