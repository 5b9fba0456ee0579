import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  http,
  type Address,
  type ContractFunctionArgs,
  type Hex,
  createPublicClient,
  createWalletClient,
  encodeErrorResult,
  parseEther,
  zeroAddress,
} from 'viem';
import { foundry } from 'viem/chains';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { communityFactoryAbi } from '../abis/generated.js';
import { decodeContractError, formatContractError } from './contract.js';
import { repositoryRoot } from '../testing/foundry.js';
import {
  type CommunityConfigField,
  type DecodedCommunityFactoryError,
  communityFactoryErrorField,
  communityFactoryErrorNames,
  communityFactoryFieldWords,
  formatCommunityFactoryError,
  isCommunityFactoryError,
} from './factoryErrors.js';

// The real CommunityFactory, compiled by forge, on the test anvil. `checkConfig` is pure, so the
// implementations it would clone to build a community are never called here: one small stand-in contract
// (the factory only checks that each has code) serves for all five.
const artifact = JSON.parse(
  readFileSync(join(repositoryRoot, 'contracts/out/CommunityFactory.sol/CommunityFactory.json'), 'utf8'),
) as { bytecode: { object: Hex } };
const factorySource = readFileSync(join(repositoryRoot, 'contracts/src/factory/CommunityFactory.sol'), 'utf8');

const client = createPublicClient({ chain: foundry, transport: http(inject('rpcUrl')) });
/** anvil's account 9, which no other test sends from. */
const deployer = '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720' as Address;
const member = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as Address;
const cgUsd = '0x5FbDB2315678afecb367f032d93F642f64180aa3' as Address;
const tokens = { [cgUsd]: { symbol: 'cgUSD', decimals: 6 } };
let factory: Address;

beforeAll(async () => {
  const wallet = createWalletClient({ chain: foundry, account: deployer, transport: http(inject('rpcUrl')) });
  // Runtime code `PUSH1 0 DUP1 RETURN`: a contract that answers nothing, only so that the address has code.
  const standInHash = await wallet.sendTransaction({ data: '0x6003600c60003960036000f3600080f3' });
  const standIn = (await client.waitForTransactionReceipt({ hash: standInHash, pollingInterval: 20 })).contractAddress;
  if (!standIn) throw new Error('the stand-in implementation was not deployed');
  const hash = await wallet.deployContract({
    abi: communityFactoryAbi,
    bytecode: artifact.bytecode.object,
    args: [{ timelock: standIn, token: standIn, governor: standIn, treasury: standIn, policy: standIn }],
  });
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  if (!receipt.contractAddress) throw new Error('the factory was not deployed');
  factory = receipt.contractAddress;
});

type Config = ContractFunctionArgs<typeof communityFactoryAbi, 'pure', 'checkConfig'>[0];

/** A config the factory accepts: the small-group preset. */
const safe: Config = {
  name: 'Elm Street Neighbours',
  tokenName: 'Elm Street Vote',
  tokenSymbol: 'ELM',
  holders: [member],
  amounts: [parseEther('100')],
  votingDelay: 86_400,
  votingPeriod: 3 * 86_400,
  proposalThreshold: parseEther('1'),
  allowZeroProposalThreshold: false,
  quorumNumerator: 10n,
  lateQuorumExtension: 86_400,
  timelockDelay: 2n * 86_400n,
  warnAt: 40,
  blockAt: 80,
  unlimitedApprovalsAllowed: false,
  tokenLimits: [{ token: cgUsd, maxSinglePayment: 500_000_000n, dailyCap: 1_000_000_000n, maxFirstPayment: 100_000_000n }],
  merchants: [],
  origins: [],
  domains: [],
};

/** The factory's refusal of `config`, decoded, or undefined when it accepts it. */
async function refusal(config: Config): Promise<DecodedCommunityFactoryError | undefined> {
  try {
    await client.readContract({ address: factory, abi: communityFactoryAbi, functionName: 'checkConfig', args: [config] });
    return undefined;
  } catch (error) {
    const decoded = decodeContractError(error);
    if (!decoded || !isCommunityFactoryError(decoded)) throw error;
    return decoded;
  }
}

const limits = (l: Partial<Config['tokenLimits'][number]>) => [{ ...safe.tokenLimits[0]!, ...l }];

const cases: [string, Partial<Config>, CommunityConfigField, string][] = [
  ['an empty name', { name: '' }, 'name', 'The community needs a name.'],
  ['an empty token name', { tokenName: '' }, 'tokenName', 'The voting token needs a name.'],
  ['an empty symbol', { tokenSymbol: '' }, 'tokenSymbol', 'The voting token needs a symbol, a short code such as NBV.'],
  ['no founding member', { holders: [], amounts: [] }, 'holders', 'Add at least one founding member with votes: without one, nobody could ever vote.'],
  [
    'members and votes of different lengths',
    { holders: [member, deployer], amounts: [1n] },
    'holders',
    'Every founding member needs a number of votes (there are 2 members and 1 numbers of votes).',
  ],
  [
    'a member without votes',
    { holders: [deployer, member], amounts: [1n, 0n] },
    'holders',
    `Founding member 2 (${member}) must get more than 0 votes (you chose 0).`,
  ],
  [
    'a member without an address',
    { holders: [zeroAddress], amounts: [1n] },
    'holders',
    'Founding member 1 has no address: enter the address of their wallet.',
  ],
  ['a voting delay of 30 seconds', { votingDelay: 30 }, 'votingDelay', 'Voting must open at least 1 minute after a proposal is made (you chose 30 seconds).'],
  ['a voting period of 30 minutes', { votingPeriod: 1_800, lateQuorumExtension: 0 }, 'votingPeriod', 'Votes must stay open for at least 1 hour (you chose 30 minutes).'],
  [
    'a late-quorum extension longer than the vote',
    { lateQuorumExtension: 4 * 86_400 },
    'lateQuorumExtension',
    'The extra voting time when the quorum is reached late must be at most the voting period, 3 days (you chose 4 days).',
  ],
  ['a quorum of 0 %', { quorumNumerator: 0n }, 'quorumNumerator', 'The quorum, the share of all votes that must take part, must be between 1% and 100% (you chose 0%).'],
  ['a quorum of 101 %', { quorumNumerator: 101n }, 'quorumNumerator', 'The quorum, the share of all votes that must take part, must be between 1% and 100% (you chose 101%).'],
  [
    'a timelock delay of 30 minutes',
    { timelockDelay: 1_800n },
    'timelockDelay',
    'Passed decisions must wait between 1 hour and 365 days before they take effect (you chose 30 minutes).',
  ],
  [
    'a timelock delay of 2 years',
    { timelockDelay: 730n * 86_400n },
    'timelockDelay',
    'Passed decisions must wait between 1 hour and 365 days before they take effect (you chose 730 days).',
  ],
  [
    'a proposal threshold of 0 without allowing it',
    { proposalThreshold: 0n },
    'proposalThreshold',
    'Making a proposal must need more than 0 votes: with 0, anyone could propose without holding any.',
  ],
  [
    'a warning level above the blocking level',
    { warnAt: 80, blockAt: 60 },
    'thresholds',
    'The risk score that warns must be below the score that blocks, and the score that blocks at most 100 (you chose warn at 80, block at 60).',
  ],
  [
    'a single payment above the daily cap',
    { tokenLimits: limits({ maxSinglePayment: 1_500_000_000n }) },
    'tokenLimits',
    'For cgUSD, the largest single payment must be at most the daily cap, 1,000 cgUSD (you chose 1,500 cgUSD).',
  ],
  [
    'a first payment above the single payment',
    { tokenLimits: limits({ maxFirstPayment: 600_000_000n }) },
    'tokenLimits',
    'For cgUSD, the largest first payment to a new recipient must be at most the largest single payment, 500 cgUSD (you chose 600 cgUSD).',
  ],
  [
    'a first payment above the daily cap when there is no single-payment limit',
    { tokenLimits: limits({ maxSinglePayment: 0n, maxFirstPayment: 2_000_000_000n }) },
    'tokenLimits',
    'For cgUSD, the largest first payment to a new recipient must be at most the daily cap, 1,000 cgUSD (you chose 2,000 cgUSD).',
  ],
  [
    'the same token twice',
    { tokenLimits: [...safe.tokenLimits, ...safe.tokenLimits] },
    'tokenLimits',
    'cgUSD has payment limits twice: keep one set of limits per token.',
  ],
];

describe('the factory refusals in words (real CommunityFactory on anvil)', () => {
  test('accepts the safe config', async () => {
    expect(await refusal(safe)).toBeUndefined();
  });

  test.each(cases)('refuses %s, in words', async (_, change, field, words) => {
    const decoded = await refusal({ ...safe, ...change });
    expect(decoded).toBeDefined();
    expect(formatCommunityFactoryError(decoded!, { tokens })).toBe(words);
    expect(communityFactoryErrorField(decoded!)).toBe(field);
    // Every decoded revert shown anywhere (formatContractError, ContractRevertedError) uses the same words.
    expect(formatContractError(decoded!, { tokens })).toBe(words);
  });

  test('says an unknown community is unknown', async () => {
    const stranger = '0x000000000000000000000000000000000000dEaD' as Address;
    const error = await client
      .readContract({ address: factory, abi: communityFactoryAbi, functionName: 'communityOf', args: [stranger] })
      .catch((e: unknown) => e);
    const decoded = decodeContractError(error);
    expect(decoded && isCommunityFactoryError(decoded) && formatCommunityFactoryError(decoded)).toBe(
      `${stranger} is not the governor of a community this factory created.`,
    );
    expect(decoded && isCommunityFactoryError(decoded) && communityFactoryErrorField(decoded)).toBeUndefined();
  });

  test('shows limits of a token it was not told about in base units', async () => {
    const decoded = await refusal({ ...safe, tokenLimits: limits({ maxSinglePayment: 1_500_000_000n }) });
    expect(formatCommunityFactoryError(decoded!)).toBe(
      `For ${cgUsd}, the largest single payment must be at most the daily cap, 1000000000 base units of ${cgUsd} (you chose 1500000000 base units of ${cgUsd}).`,
    );
  });
});

describe('the table of words covers the factory', () => {
  test('has a sentence for every custom error in the factory ABI, and no other', () => {
    const abiErrors = communityFactoryAbi.filter((item) => item.type === 'error').map((item) => item.name);
    expect([...communityFactoryErrorNames].sort()).toEqual([...abiErrors].sort());
    for (const name of abiErrors) {
      const error = communityFactoryAbi.find((item) => item.type === 'error' && item.name === name);
      if (error?.type !== 'error') throw new Error(name);
      const args = error.inputs.map((input) =>
        input.type === 'address' ? cgUsd : input.type === 'string' ? 'name' : input.type === 'uint8' ? 1 : 1n,
      );
      const data = encodeErrorResult({ abi: communityFactoryAbi, errorName: name, args } as never);
      const decoded = decodeContractError(data);
      // A sentence of its own, not the generic `Name(arg, …)` fallback of formatContractError.
      const words = decoded && isCommunityFactoryError(decoded) && formatCommunityFactoryError(decoded);
      expect(words).toMatch(/\.$/);
      expect(words).not.toContain(name);
    }
  });

  test('has words for every field the factory names in its errors', () => {
    // The string literals in the factory's code (comments removed) are exactly the field names its errors carry.
    const code = factorySource.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    const named = new Set([...code.matchAll(/"([A-Za-z]+)"/g)].map((match) => match[1]));
    expect(named.size).toBeGreaterThan(5);
    expect([...named].sort()).toEqual(Object.keys(communityFactoryFieldWords).sort());
  });
});
