import { startAnvil, type StartAnvilReturnType } from '@commonguard/sdk/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { fetchRpc } from '../settings/Settings.js';
import { settingsGuard } from './guard.js';

// A real anvil: the Settings policy guards a network only where its contract exists there.
let anvil: StartAnvilReturnType;
const POLICY = '0x00000000000000000000000000000000000000Aa';
beforeAll(async () => {
  anvil = await startAnvil({ chainId: 31338 });
});
afterAll(async () => anvil?.stop());

test('the policy set in Settings guards a network where its contract exists, and no other', async () => {
  const guard = settingsGuard(async () => ({ paymentPolicy: POLICY }), fetchRpc);
  expect(await guard({ chainId: 31338, rpcUrl: anvil.rpcUrl })).toBeNull();
  await fetchRpc(anvil.rpcUrl, 'anvil_setCode', [POLICY, '0x6080']);
  expect(await guard({ chainId: 31338, rpcUrl: anvil.rpcUrl })).toEqual({ community: "Your community's rules", detail: `Rules contract ${POLICY}` });
  // A node that does not answer: nothing can be said to guard it.
  expect(await guard({ chainId: 31338, rpcUrl: 'http://127.0.0.1:9' })).toBeNull();
  expect(await settingsGuard(async () => ({ paymentPolicy: null }), fetchRpc)({ chainId: 31338, rpcUrl: anvil.rpcUrl })).toBeNull();
});
