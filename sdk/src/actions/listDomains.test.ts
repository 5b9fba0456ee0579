import { http, createPublicClient } from 'viem';
import { foundry } from 'viem/chains';
import { expect, inject, test } from 'vitest';
import { listDomains } from './listDomains.js';

const { contracts } = inject('deployment');
const client = createPublicClient({ chain: foundry, transport: http(inject('rpcUrl')) });

test('lists the domain rules with their status as a word', async () => {
  expect(await listDomains(client, { address: contracts.paymentPolicy })).toEqual({
    domains: [{ domain: 'scam.localhost', status: 'blocked', note: 'Every site of the look-alike' }],
    total: 1,
    nextOffset: undefined,
  });
});

test('a page past the end is empty', async () => {
  expect(await listDomains(client, { address: contracts.paymentPolicy, offset: 5 })).toEqual({
    domains: [],
    total: 1,
    nextOffset: undefined,
  });
});
