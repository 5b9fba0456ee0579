import { http, createPublicClient } from 'viem';
import { foundry } from 'viem/chains';
import { expect, inject, test } from 'vitest';
import { readOriginStatus } from './readOriginStatus.js';

const { contracts } = inject('deployment');
const client = createPublicClient({ chain: foundry, transport: http(inject('rpcUrl')) });
const address = contracts.paymentPolicy;

test('reads a trusted origin', async () => {
  expect(await readOriginStatus(client, { address, origin: 'http://localhost:5174' })).toEqual({
    status: 'trusted',
    note: 'CommonGuard demo shop',
  });
});

test('finds an origin whatever its letter case and trailing slash', async () => {
  expect(await readOriginStatus(client, { address, origin: 'HTTP://Scam.LocalHost:5174/' })).toEqual({
    status: 'blocked',
    note: 'Look-alike of the demo shop',
  });
});

test('another port is another origin', async () => {
  expect((await readOriginStatus(client, { address, origin: 'http://localhost:5175' })).status).toBe('unknown');
});
