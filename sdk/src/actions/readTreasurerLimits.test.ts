import { http, type Address, createPublicClient } from 'viem';
import { foundry } from 'viem/chains';
import { expect, inject, test } from 'vitest';
import { fixture } from '../../test/fixture.js';
import { readTreasurerLimits } from './readTreasurerLimits.js';

const { contracts } = inject('deployment');
const client = createPublicClient({ chain: foundry, transport: http(inject('rpcUrl')) });
const cgUsd = contracts.demoStablecoin as Address;

test('reads the budget, the daily window, the limits and who was paid before', async () => {
  const result = await readTreasurerLimits(client, {
    address: contracts.treasury,
    treasurer: fixture.treasurer,
    token: cgUsd,
    recipients: [fixture.trustedMerchant, fixture.trustedMerchant.toUpperCase().replace('0X', '0x') as Address],
  });
  expect(result.budget.amountPerPeriod).toBe(1_000_000_000n);
  expect(result.budget.remaining).toBe(result.budget.amountPerPeriod - result.budget.spent);
  expect(result.dailyWindow.windowEnd - result.dailyWindow.windowStart).toBe(2n * 86_400n);
  expect(result.limits).toEqual({ token: cgUsd, maxSinglePayment: 500_000_000n, dailyCap: 1_000_000_000n, maxFirstPayment: 100_000_000n });
  // The same address in two spellings is asked about once.
  expect(result.paidBefore).toEqual({ [fixture.trustedMerchant.toLowerCase()]: false });
  // Never paid: nothing in its window, and the first-payment cap applies.
  expect(result.recipientWindows).toEqual({ [fixture.trustedMerchant.toLowerCase()]: { paid: 0n, isNew: true } });
});

test('a treasurer without a budget reads as zeros', async () => {
  const result = await readTreasurerLimits(client, { address: contracts.treasury, treasurer: fixture.deployer, token: cgUsd });
  expect(result.budget).toEqual({ amountPerPeriod: 0n, period: 0n, periodStart: 0n, spent: 0n, remaining: 0n });
  expect(result.dailyWindow.spent).toBe(0n);
  expect(result.paidBefore).toEqual({});
  expect(result.recipientWindows).toEqual({});
});
