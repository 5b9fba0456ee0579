import { http, createPublicClient } from 'viem';
import { foundry } from 'viem/chains';
import { expect, inject, test } from 'vitest';
import { readSiteStatus } from './readSiteStatus.js';

const { contracts } = inject('deployment');
const client = createPublicClient({ chain: foundry, transport: http(inject('rpcUrl')) });
const address = contracts.paymentPolicy;

test('a trusted origin, by its exact origin rule', async () => {
  expect(await readSiteStatus(client, { address, origin: 'http://localhost:5174' })).toEqual({
    status: 'trusted',
    note: 'CommonGuard demo shop',
    rule: { kind: 'origin', origin: 'http://localhost:5174' },
  });
});

test('a subdomain of a blocked domain is blocked, on any port and in any spelling', async () => {
  for (const origin of ['http://pay.scam.localhost:5174', 'https://a.b.scam.localhost', 'HTTP://Pay.Scam.LocalHost.:80/']) {
    expect(await readSiteStatus(client, { address, origin }), origin).toEqual({
      status: 'blocked',
      note: 'Every site of the look-alike',
      rule: { kind: 'domain', domain: 'scam.localhost' },
    });
  }
});

test('the exact blocked origin names its own rule', async () => {
  expect((await readSiteStatus(client, { address, origin: 'http://scam.localhost:5174' })).rule).toEqual({
    kind: 'origin',
    origin: 'http://scam.localhost:5174',
  });
});

test('a look-alike of the blocked domain is not covered by it', async () => {
  expect(await readSiteStatus(client, { address, origin: 'http://notscam.localhost:5174' })).toEqual({
    status: 'unknown',
    note: '',
    rule: undefined,
  });
});

test('an origin nothing can be listed for is unknown', async () => {
  expect((await readSiteStatus(client, { address, origin: 'null' })).status).toBe('unknown');
  expect((await readSiteStatus(client, { address, origin: 'file://' })).status).toBe('unknown');
});
