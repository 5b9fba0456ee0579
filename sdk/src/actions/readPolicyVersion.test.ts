import { http, createPublicClient } from 'viem';
import { foundry } from 'viem/chains';
import { expect, inject, test } from 'vitest';
import { fixture } from '../../test/fixture.js';
import { ContractNotFoundError } from '../errors/rpc.js';
import { readPolicyVersion } from './readPolicyVersion.js';

const { contracts } = inject('deployment');
const client = createPublicClient({ chain: foundry, transport: http(inject('rpcUrl')) });

test('reads the current policy version', async () => {
  expect(await readPolicyVersion(client, { address: contracts.paymentPolicy })).toBe(fixture.policyVersion);
});

test('the version was 1 right after deployment', async () => {
  expect(await readPolicyVersion(client, { address: contracts.paymentPolicy, blockNumber: inject('deployedBlock') })).toBe(1n);
});

test('says there is no PaymentPolicy at the token address', async () => {
  await expect(readPolicyVersion(client, { address: contracts.communityToken })).rejects.toBeInstanceOf(
    ContractNotFoundError,
  );
});
