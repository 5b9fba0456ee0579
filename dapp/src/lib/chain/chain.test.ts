import { startAnvil } from '@commonguard/sdk/testing';
import { erc20Abi, parseEther } from 'viem';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { appChain, appClient } from './chain.js';

let anvil: Awaited<ReturnType<typeof startAnvil>>;
beforeAll(async () => {
  anvil = await startAnvil();
});
afterAll(() => anvil?.stop());

const DEPLOYER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

test('the app client answers every read the dApp makes, against a real node', async () => {
  const client = appClient(appChain({ chainId: 31337, rpcUrl: anvil.rpcUrl, name: 'Local test network', explorerUrl: null }), anvil.rpcUrl);
  expect(client.chain?.id).toBe(31337);
  expect(await client.getBlockNumber()).toBe(0n);
  expect((await client.getBlock({ blockNumber: 0n })).number).toBe(0n);
  expect(await client.getBalance({ address: DEPLOYER })).toBe(parseEther('10000'));
  expect(await client.getLogs({ fromBlock: 0n, toBlock: 'latest' })).toEqual([]);
  expect(await client.call({ to: DEPLOYER, data: '0x' })).toEqual({ data: undefined });
  // No contract at this address: viem's own readable error comes through.
  await expect(client.readContract({ address: DEPLOYER, abi: erc20Abi, functionName: 'decimals' })).rejects.toThrow(/returned no data/);
  await expect(client.simulateContract({ address: DEPLOYER, abi: erc20Abi, functionName: 'transfer', args: [DEPLOYER, 1n], account: DEPLOYER })).rejects.toThrow(
    /returned no data|reverted/,
  );
  const hash = (await client.request({ method: 'eth_sendTransaction', params: [{ from: DEPLOYER, to: DEPLOYER, value: '0x1' }] } as never)) as `0x${string}`;
  expect((await client.waitForTransactionReceipt({ hash })).status).toBe('success');
  // Only these actions are bound (that is what keeps the initial JavaScript small).
  expect('verifyMessage' in client).toBe(false);
});
