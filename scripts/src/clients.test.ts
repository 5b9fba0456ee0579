import { parseEther } from 'viem';
import { startAnvil } from '@commonguard/sdk/testing';
import { expect, test } from 'vitest';
import { demo } from './accounts.js';
import { createStackClients, sendAndWait } from './clients.js';

test('a node that never mines gives an error naming the step and the transaction, not a hang', async () => {
  // Automining off: the transaction is accepted but never gets a receipt.
  const anvil = await startAnvil({ args: ['--no-mining'] });
  try {
    const clients = createStackClients(anvil.rpcUrl);
    const sending = sendAndWait(
      clients,
      'Paying the spare account',
      () => clients.wallet(demo.members[0]).sendTransaction({ to: demo.spare.address, value: parseEther('1') }),
      500,
    );
    await expect(sending).rejects.toThrow(/^Paying the spare account failed: no receipt for 0x[0-9a-f]{64} within 0\.5 s\.$/);
  } finally {
    await anvil.stop();
  }
});
