import { describe, expect, test } from 'vitest';
import { InvalidDeploymentError } from '../errors/deployment.js';
import { readFileSync } from 'node:fs';
import { generatedLocalDeploymentPath, renderLocalDeployment } from '../../scripts/generate-deployments.js';
import { localDeployment } from './local.generated.js';
import { parseDeployment } from './parseDeployment.js';

const valid = {
  chainId: 31337,
  deploymentBlock: 0,
  contracts: {
    communityToken: '0xe7f1725e7734ce288f8367e1bb143e90bb3f0512',
    communityGovernor: '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0',
    timelock: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    treasury: '0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9',
    paymentPolicy: '0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9',
  },
};

function problemsOf(json: unknown): readonly string[] {
  try {
    parseDeployment(json);
  } catch (error) {
    if (error instanceof InvalidDeploymentError) return error.problems;
    throw error;
  }
  throw new Error('expected parseDeployment to throw');
}

describe('parseDeployment', () => {
  test('returns a valid deployment with checksummed addresses', () => {
    const deployment = parseDeployment(valid);
    expect(deployment.chainId).toBe(31337);
    expect(deployment.contracts.communityToken).toBe('0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512');
    expect(deployment.contracts.demoStablecoin).toBeUndefined();
  });

  test('the committed local deployment is deployments/31337.json (run `pnpm --dir sdk generate` if not)', () => {
    expect(readFileSync(generatedLocalDeploymentPath, 'utf8') === renderLocalDeployment()).toBe(true);
    expect(localDeployment.chainId).toBe(31337);
    expect(localDeployment.contracts.demoStablecoin).toMatch(/^0x[0-9a-fA-F]{40}$/);
    // The demo is one community among those recorded on the chain, made through the factory.
    expect(localDeployment.contracts.communityFactory).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(localDeployment.communities?.map((community) => community.communityGovernor)).toEqual([
      localDeployment.contracts.communityGovernor,
    ]);
  });

  test('names every wrong field at once', () => {
    expect(
      problemsOf({
        chainId: '31337',
        deploymentBlock: -1,
        contracts: { ...valid.contracts, treasury: '0x12', timelock: undefined, vault: '0x0' },
      }),
    ).toEqual([
      'chainId: expected a whole number ≥ 1, got "31337"',
      'deploymentBlock: expected a whole number ≥ 0, got number -1',
      'contracts.timelock: expected an address (0x and 40 hex digits), got nothing',
      'contracts.treasury: expected an address (0x and 40 hex digits), got "0x12"',
      'contracts.vault: not a CommonGuard contract (known: communityToken, communityGovernor, timelock, treasury, paymentPolicy, demoStablecoin, communityFactory)',
    ]);
  });

  test('reads the communities recorded on the chain, with checksummed addresses', () => {
    const community = {
      name: 'Riverside Food Co-op',
      communityGovernor: valid.contracts.communityGovernor.toLowerCase(),
      communityToken: valid.contracts.communityToken,
      timelock: valid.contracts.timelock,
      treasury: valid.contracts.treasury,
      paymentPolicy: valid.contracts.paymentPolicy,
      deploymentBlock: 12,
      creator: '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266',
    };
    const deployment = parseDeployment({
      ...valid,
      contracts: { ...valid.contracts, communityFactory: '0x0165878A594ca255338adfa4d48449f69242Eb8F' },
      communities: [community],
    });
    expect(deployment.contracts.communityFactory).toBe('0x0165878A594ca255338adfa4d48449f69242Eb8F');
    expect(deployment.communities).toEqual([
      {
        ...community,
        communityGovernor: '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0',
        communityToken: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
        creator: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
      },
    ]);
    expect(parseDeployment(valid).communities).toBeUndefined();
  });

  test('names every wrong field of a recorded community', () => {
    expect(problemsOf({ ...valid, communities: {} })).toEqual(['communities: expected a list of communities, got an object']);
    expect(
      problemsOf({
        ...valid,
        communities: [
          'the demo',
          { name: '', communityGovernor: '0x12', communityToken: valid.contracts.communityToken, timelock: valid.contracts.timelock, treasury: valid.contracts.treasury, paymentPolicy: valid.contracts.paymentPolicy, deploymentBlock: -1 },
        ],
      }),
    ).toEqual([
      'communities[0]: expected an object, got "the demo"',
      'communities[1].name: expected the community\'s name, got ""',
      'communities[1].communityGovernor: expected an address (0x and 40 hex digits), got "0x12"',
      'communities[1].deploymentBlock: expected a whole number ≥ 0, got number -1',
      'communities[1].creator: expected an address (0x and 40 hex digits), got nothing',
    ]);
  });

  test('rejects a wrong checksum and the zero address', () => {
    expect(
      problemsOf({
        ...valid,
        contracts: {
          ...valid.contracts,
          treasury: '0xdC64a140Aa3E981100a9becA4E685f962f0cF6C9',
          paymentPolicy: '0x0000000000000000000000000000000000000000',
        },
      }),
    ).toEqual([
      'contracts.treasury: 0xdC64a140Aa3E981100a9becA4E685f962f0cF6C9 has a wrong checksum (mixed-case letters that do not match the address)',
      'contracts.paymentPolicy: the zero address is not a contract',
    ]);
  });

  test('rejects something that is not an object', () => {
    expect(problemsOf([])).toEqual(['expected a JSON object, got an array']);
    expect(problemsOf(null)).toEqual(['expected a JSON object, got null']);
    expect(problemsOf({ chainId: 1, deploymentBlock: 0 })).toEqual([
      'contracts: expected an object of contract addresses, got nothing',
    ]);
  });

  test('the message says what is wrong and where the file comes from', () => {
    expect(() => parseDeployment({ ...valid, chainId: 0 }, { source: 'deployments/0.json' })).toThrowErrorMatchingInlineSnapshot(`
      [InvalidDeploymentError: Invalid deployment file (deployments/0.json): 1 problem.

      - chainId: expected a whole number ≥ 1, got number 0

      A deployment file looks like { "chainId": 31337, "deploymentBlock": 0, "contracts": { "communityToken": "0x…", … } }
      and is written by the deploy script (contracts/script/01_Deploy.s.sol).]
    `);
  });
});
