import { createPublicClient, custom, decodeErrorResult, decodeFunctionResult, encodeFunctionData, erc20Abi, http, zeroAddress } from 'viem';
import { foundry } from 'viem/chains';
import { describe, expect, inject, test } from 'vitest';
import { treasuryAbi } from '../abis/generated.js';
import { SimulationMalformedError } from '../errors/simulation.js';
import { simulateBlocks } from './simulateBlocks.js';

const client = createPublicClient({ chain: foundry, transport: http(inject('rpcUrl')) });
const { contracts } = inject('deployment');
const deployer = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as const;
const coffee = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955' as const;
const token = contracts.demoStablecoin as `0x${string}`;
const allowanceRead = { from: zeroAddress, to: token, data: encodeFunctionData({ abi: erc20Abi, functionName: 'allowance', args: [deployer, coffee] }) };
const allowanceOf = (data: `0x${string}` | undefined) => decodeFunctionResult({ abi: erc20Abi, functionName: 'allowance', data: data ?? '0x' });

describe('on anvil', () => {
  test('each block runs on top of the one before: a read, then an action and the same read, show what the action changed', async () => {
    const approve = { from: deployer, to: token, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [coffee, 123n] }) };
    const { blocks } = await simulateBlocks(client, { blocks: [{ calls: [allowanceRead] }, { calls: [approve, allowanceRead] }] });
    expect(blocks.map((block) => block.calls.map((call) => call.status))).toEqual([['success'], ['success', 'success']]);
    expect(allowanceOf(blocks[0]?.calls[0]?.returnData)).toBe(0n);
    expect(allowanceOf(blocks[1]?.calls[1]?.returnData)).toBe(123n);
    // Nothing was sent: the chain still says 0.
    expect(await client.readContract({ address: token, abi: erc20Abi, functionName: 'allowance', args: [deployer, coffee] })).toBe(0n);
  });

  test('a call that reverts with a custom error gives its revert data, decodable with the contract’s ABI', async () => {
    // Someone with no treasurer budget asks the treasury to pay.
    const payout = { from: coffee, to: contracts.treasury, data: encodeFunctionData({ abi: treasuryAbi, functionName: 'payout', args: [token, coffee, 1n, 'not mine'] }) };
    const { blocks } = await simulateBlocks(client, { blocks: [{ calls: [allowanceRead] }, { calls: [payout] }] });
    const [failed] = blocks[1]?.calls ?? [];
    expect(failed?.status).toBe('failure');
    expect(failed?.error).toMatch(/revert/i);
    expect(decodeErrorResult({ abi: treasuryAbi, data: failed?.revertData ?? '0x' })).toMatchObject({ errorName: 'TreasuryNoBudget', args: [coffee, token] });
  });
});

test('an answer with fewer blocks, or other numbers of calls, than asked for is malformed', async () => {
  // A stand-in node: anvil always answers with the blocks it was asked for.
  const answering = (result: unknown) => createPublicClient({ transport: custom({ request: async () => result }) });
  const asked = { blocks: [{ calls: [allowanceRead] }, { calls: [allowanceRead, allowanceRead] }] };
  const call = { status: '0x1', returnData: '0x', gasUsed: '0x1', logs: [] };
  const block = (calls: number) => ({ number: '0x1', hash: `0x${'00'.repeat(32)}`, timestamp: '0x1', calls: Array.from({ length: calls }, () => call) });
  await expect(simulateBlocks(answering([block(1)]), asked)).rejects.toBeInstanceOf(SimulationMalformedError);
  await expect(simulateBlocks(answering([block(1), block(1)]), asked)).rejects.toBeInstanceOf(SimulationMalformedError);
  await expect(simulateBlocks(answering([block(1), block(2)]), asked)).resolves.toMatchObject({ blocks: [{ calls: [{ status: 'success' }] }, { calls: [{ status: 'success' }, { status: 'success' }] }] });
});
