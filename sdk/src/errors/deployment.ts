import { CommonGuardError } from './base.js';

export type InvalidDeploymentErrorType = InvalidDeploymentError & { name: 'InvalidDeploymentError' };

/**
 * A deployment file (`deployments/<chainId>.json`) that is not what the sdk expects. `problems` names
 * every wrong field, one per entry, e.g. `contracts.treasury: expected an address, got "0x12"`.
 */
export class InvalidDeploymentError extends CommonGuardError {
  override name = 'InvalidDeploymentError' as const;
  readonly problems: readonly string[];

  constructor({ problems, source }: { problems: readonly string[]; source?: string | undefined }) {
    const where = source ? ` (${source})` : '';
    super(
      `Invalid deployment file${where}: ${problems.length === 1 ? '1 problem' : `${problems.length} problems`}.`,
      {
        metaMessages: [
          ...problems.map((problem) => `- ${problem}`),
          '',
          'A deployment file looks like { "chainId": 31337, "deploymentBlock": 0, "contracts": { "communityToken": "0x…", … } }',
          'and is written by the deploy script (contracts/script/01_Deploy.s.sol).',
        ],
      },
    );
    this.problems = problems;
  }
}
