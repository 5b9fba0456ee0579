import { http, createPublicClient } from 'viem';
import { foundry } from 'viem/chains';
import { expect, inject, test } from 'vitest';
import { listOrigins } from './listOrigins.js';

const { contracts } = inject('deployment');
const client = createPublicClient({ chain: foundry, transport: http(inject('rpcUrl')) });
const address = contracts.paymentPolicy;

test('lists every origin with its status and note', async () => {
  expect(await listOrigins(client, { address })).toEqual({
    origins: [
      { origin: 'http://localhost:5174', status: 'trusted', note: 'CommonGuard demo shop' },
      { origin: 'http://scam.localhost:5174', status: 'blocked', note: 'Look-alike of the demo shop' },
    ],
    total: 2,
    nextOffset: undefined,
  });
});

test('pages through origins', async () => {
  const first = await listOrigins(client, { address, limit: 1 });
  expect(first).toMatchObject({ total: 2, nextOffset: 1 });
  expect(first.origins).toHaveLength(1);
  const second = await listOrigins(client, { address, limit: 1, offset: 1 });
  expect(second.origins[0]?.origin).toBe('http://scam.localhost:5174');
  expect(second.nextOffset).toBeUndefined();
});

test('rejects a fractional offset', async () => {
  await expect(listOrigins(client, { address, offset: 1.5 })).rejects.toThrow('offset must be a whole number ≥ 0, got 1.5.');
});
