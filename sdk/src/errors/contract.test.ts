import { http, type Address, createPublicClient, encodeErrorResult, parseAbi } from 'viem';
import { foundry } from 'viem/chains';
import { describe, expect, inject, test } from 'vitest';
import { fixture } from '../../test/fixture.js';
import { communityGovernorAbi, treasuryAbi } from '../abis/generated.js';
import {
  ContractRevertedError,
  commonGuardErrorsAbi,
  decodeContractError,
  formatContractError,
  toContractRevertedError,
} from './contract.js';

const { contracts } = inject('deployment');
const cgUsd = contracts.demoStablecoin as Address;
const client = createPublicClient({ chain: foundry, transport: http(inject('rpcUrl')) });
const tokens = { [cgUsd]: { symbol: 'cgUSD', decimals: 6 } };

/** What a treasurer's payout would revert with on the test chain. */
async function payoutError(recipient: Address, amount: bigint): Promise<unknown> {
  return client
    .simulateContract({
      account: fixture.treasurer,
      address: contracts.treasury,
      abi: treasuryAbi,
      functionName: 'payout',
      args: [cgUsd, recipient, amount, 'invoice 1'],
    })
    .then(
      () => {
        throw new Error('expected the payout to revert');
      },
      (error: unknown) => error,
    );
}

describe('decodeContractError', () => {
  test('decodes an over-budget payout with its arguments', async () => {
    // The budget (1,000) is checked before the policy's cap (500), so 1,200 fails on the budget.
    const decoded = decodeContractError(await payoutError(fixture.trustedMerchant, 1_200_000_000n));
    expect(decoded?.errorName).toBe('TreasuryBudgetExceeded');
    expect(decoded?.args).toEqual([fixture.treasurer, cgUsd, 1_000_000_000n, 200_000_000n]);
  });

  test('decodes a payout above the policy maximum', async () => {
    const decoded = decodeContractError(await payoutError(fixture.trustedMerchant, 600_000_000n));
    expect(decoded?.errorName).toBe('PaymentPolicyAmountAboveMax');
    expect(decoded?.args).toEqual([cgUsd, fixture.trustedMerchant, 600_000_000n, 500_000_000n, 100_000_000n]);
  });

  test('decodes a first payment above the first-payment cap, and says it in words', async () => {
    const decoded = decodeContractError(await payoutError(fixture.trustedMerchant, 300_000_000n));
    expect(decoded?.errorName).toBe('PaymentPolicyFirstPaymentAboveMax');
    expect(decoded?.args).toEqual([cgUsd, fixture.trustedMerchant, 300_000_000n, 100_000_000n, 200_000_000n]);
    expect(decoded && formatContractError(decoded, { tokens })).toBe(
      `First-payment cap: the treasury has never paid ${fixture.trustedMerchant}, and a first payment may be at most 100 cgUSD; 300 cgUSD is 200 cgUSD too much.`,
    );
  });

  test('decodes a governor error', async () => {
    const error = await client
      .simulateContract({
        account: fixture.deployer,
        address: contracts.communityGovernor,
        abi: communityGovernorAbi,
        functionName: 'castVote',
        args: [123n, 1],
      })
      .catch((e: unknown) => e);
    expect(decodeContractError(error)).toMatchObject({ errorName: 'GovernorNonexistentProposal', args: [123n] });
  });

  test('returns undefined for data of another contract, and for errors without data', () => {
    const foreign = encodeErrorResult({ abi: parseAbi(['error Unrelated(uint256 x)']), errorName: 'Unrelated', args: [1n] });
    expect(decodeContractError(foreign)).toBeUndefined();
    expect(decodeContractError(new Error('network down'))).toBeUndefined();
    expect(decodeContractError(undefined)).toBeUndefined();
  });

  test('lists every custom error once', () => {
    const signatures = commonGuardErrorsAbi.map((item) => `${item.name}(${item.inputs.map((i) => i.type).join(',')})`);
    expect(new Set(signatures).size).toBe(signatures.length);
    expect(signatures).toContain('TreasuryBudgetExceeded(address,address,uint256,uint256)');
  });
});

describe('formatContractError', () => {
  test('says an over-budget payout in plain words with the token amounts', async () => {
    const decoded = decodeContractError(await payoutError(fixture.trustedMerchant, 1_200_000_000n));
    expect(decoded && formatContractError(decoded, { tokens })).toBe(
      `Over budget by 200 cgUSD: only 1,000 cgUSD of ${fixture.treasurer}'s budget is left this period.`,
    );
  });

  test('shows base units for a token it was not told about', async () => {
    const decoded = decodeContractError(await payoutError(fixture.trustedMerchant, 600_000_000n));
    expect(decoded && formatContractError(decoded)).toBe(
      `Max single payment: 600000000 base units of ${cgUsd} to ${fixture.trustedMerchant} is 100000000 base units of ${cgUsd} above the community's limit of 500000000 base units of ${cgUsd} (rows of one batch to the same recipient count together).`,
    );
  });

  test('says a blocked recipient is blocked', async () => {
    const decoded = decodeContractError(await payoutError(fixture.blockedMerchant, 1_000_000n));
    expect(decoded && formatContractError(decoded)).toBe(
      `The community has blocked payments to ${fixture.blockedMerchant}.`,
    );
  });

  test('names proposal states from the state bitmap', () => {
    const data = encodeErrorResult({
      abi: communityGovernorAbi,
      errorName: 'GovernorUnexpectedProposalState',
      // current 1 (active); expected bit 4 (succeeded) | bit 5 (queued)
      args: [7n, 1, '0x0000000000000000000000000000000000000000000000000000000000000030'],
    });
    const decoded = decodeContractError(data);
    expect(decoded && formatContractError(decoded)).toBe('Proposal 7 is active; this needs it to be succeeded or queued.');
  });

  test('falls back to the error name and arguments', () => {
    const data = encodeErrorResult({ abi: treasuryAbi, errorName: 'SafeERC20FailedOperation', args: [cgUsd] });
    const decoded = decodeContractError(data);
    expect(decoded && formatContractError(decoded)).toBe(`SafeERC20FailedOperation(${cgUsd})`);
  });
});

describe('ContractRevertedError', () => {
  test('carries the decoded error and a readable message', async () => {
    const cause = await payoutError(fixture.trustedMerchant, 1_200_000_000n);
    const error = toContractRevertedError(cause, { tokens });
    expect(error).toBeInstanceOf(ContractRevertedError);
    expect(error?.errorName).toBe('TreasuryBudgetExceeded');
    expect(error?.shortMessage).toBe(
      `Over budget by 200 cgUSD: only 1,000 cgUSD of ${fixture.treasurer}'s budget is left this period.`,
    );
    expect(error?.details).toBe(
      `TreasuryBudgetExceeded(${fixture.treasurer}, ${cgUsd}, 1000000000, 200000000)`,
    );
    expect(error?.cause).toBe(cause);
  });

  test('is undefined when the error carries no CommonGuard revert', () => {
    expect(toContractRevertedError(new Error('boom'))).toBeUndefined();
  });
});
