import { startAnvil } from '@commonguard/sdk/testing';
import { createPublicClient, http, type PublicClient } from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { FRESH_CONTRACT_BLOCKS, readAccountFacts } from './context.js';

// Against a real anvil: a contract is fresh until it has had code for FRESH_CONTRACT_BLOCKS blocks.
let anvil: Awaited<ReturnType<typeof startAnvil>>;
let client: PublicClient;
// Runtime code `STOP`, put in place with anvil_setCode (a deployment at the current block).
const contract = '0x00000000000000000000000000000000000c0de1';
const account = '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720';

beforeAll(async () => {
  anvil = await startAnvil();
  // No block-number cache: the test mines blocks between reads.
  client = createPublicClient({ chain: foundry, transport: http(anvil.rpcUrl), cacheTime: 0 });
  await client.request({ method: 'anvil_mine' as never, params: ['0x10'] as never });
  await client.request({ method: 'anvil_setCode' as never, params: [contract, '0x00'] as never });
  await client.request({ method: 'anvil_mine' as never, params: ['0x1'] as never });
}, 60_000);

afterAll(() => anvil?.stop());

test('a contract created within the window is fresh; a plain account is never called fresh', async () => {
  expect(await readAccountFacts(client, contract)).toMatchObject({ isContract: true, fresh: true });
  expect(await readAccountFacts(client, account)).not.toHaveProperty('fresh');
});

test('a contract that has had code for longer than the window is not fresh', async () => {
  // A 20-block window instead of the week-long default, so the test mines 21 blocks, not 50,401.
  await client.request({ method: 'anvil_mine' as never, params: ['0x15'] as never });
  expect(await readAccountFacts(client, contract, { freshBlocks: 20n })).toMatchObject({ isContract: true, fresh: false });
  expect(await readAccountFacts(client, contract, { freshBlocks: 30n })).toMatchObject({ isContract: true, fresh: true });
  expect(FRESH_CONTRACT_BLOCKS).toBe(50_400n);
});
