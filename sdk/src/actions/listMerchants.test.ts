import { http, createPublicClient } from 'viem';
import { foundry } from 'viem/chains';
import { expect, inject, test } from 'vitest';
import { fixture } from '../../test/fixture.js';
import { InvalidParameterError } from '../errors/parameters.js';
import { listMerchants } from './listMerchants.js';

const { contracts } = inject('deployment');
const client = createPublicClient({ chain: foundry, transport: http(inject('rpcUrl')) });
const address = contracts.paymentPolicy;

test('lists every merchant on one page', async () => {
  expect(await listMerchants(client, { address })).toEqual({
    merchants: [
      { merchant: fixture.trustedMerchant, status: 'trusted', note: 'Corner Coffee' },
      { merchant: fixture.blockedMerchant, status: 'blocked', note: 'Reported for fake invoices' },
    ],
    total: 2,
    nextOffset: undefined,
  });
});

test('pages through merchants one at a time', async () => {
  const first = await listMerchants(client, { address, limit: 1 });
  expect(first.merchants.map((entry) => entry.merchant)).toEqual([fixture.trustedMerchant]);
  expect(first.nextOffset).toBe(1);
  const second = await listMerchants(client, { address, limit: 1, offset: first.nextOffset });
  expect(second.merchants.map((entry) => entry.merchant)).toEqual([fixture.blockedMerchant]);
  expect(second.nextOffset).toBeUndefined();
});

test('an offset past the end gives an empty page', async () => {
  expect(await listMerchants(client, { address, offset: 10 })).toEqual({ merchants: [], total: 2, nextOffset: undefined });
});

test('rejects a page size out of range', async () => {
  await expect(listMerchants(client, { address, limit: 0 })).rejects.toThrowError(
    new InvalidParameterError({ parameter: 'limit', expected: 'a whole number from 1 to 1000', received: 0 }),
  );
  await expect(listMerchants(client, { address, offset: -1 })).rejects.toThrow('offset must be a whole number ≥ 0, got -1.');
});
