import { http, createPublicClient } from 'viem';
import { foundry } from 'viem/chains';
import { expect, inject, test } from 'vitest';
import { fixture } from '../../test/fixture.js';
import { readMerchantStatus } from './readMerchantStatus.js';

const { contracts } = inject('deployment');
const client = createPublicClient({ chain: foundry, transport: http(inject('rpcUrl')) });
const address = contracts.paymentPolicy;

test('reads a trusted merchant with its note', async () => {
  expect(await readMerchantStatus(client, { address, merchant: fixture.trustedMerchant })).toEqual({
    status: 'trusted',
    note: 'Corner Coffee',
  });
});

test('reads a blocked merchant', async () => {
  expect(await readMerchantStatus(client, { address, merchant: fixture.blockedMerchant })).toEqual({
    status: 'blocked',
    note: 'Reported for fake invoices',
  });
});

test('an address the community never listed is unknown', async () => {
  expect(await readMerchantStatus(client, { address, merchant: fixture.treasurer })).toEqual({
    status: 'unknown',
    note: '',
  });
});
