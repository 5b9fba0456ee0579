import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPublicClient, encodeFunctionData, erc20Abi, http, maxUint256, parseEther, parseGwei } from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { SimulationMalformedError, SimulationRefusedError, SimulationUnsupportedError } from '../errors/simulation.js';
import { simulateBlock } from './simulateBlock.js';

const client = createPublicClient({ chain: foundry, transport: http(inject('rpcUrl')) });
const { contracts } = inject('deployment');
const deployer = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as const;
const coffee = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955' as const;
const empty = '0x000000000000000000000000000000000000dEaD' as const;

describe('on anvil', () => {
  test('returns each call’s status, gas used and logs (native transfers traced)', async () => {
    const { calls } = await simulateBlock(client, { calls: [{ from: deployer, to: coffee, value: parseEther('0.5') }], traceTransfers: true });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.status).toBe('success');
    expect(calls[0]?.gasUsed).toBe(21_000n);
    expect(calls[0]?.logs).toHaveLength(1);
  });

  test('a call that reverts is a failure with the reason, not an error', async () => {
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [coffee, maxUint256] });
    const { calls } = await simulateBlock(client, { calls: [{ from: deployer, to: contracts.demoStablecoin as `0x${string}`, data }] });
    expect(calls[0]?.status).toBe('failure');
    expect(calls[0]?.error).toMatch(/revert/i);
  });

  test('with validation on, a sender who cannot pay the value and gas is refused by the node', async () => {
    const fees = { gas: 21_000n, maxFeePerGas: parseGwei('3'), maxPriorityFeePerGas: parseGwei('1') };
    const refused = simulateBlock(client, { calls: [{ from: empty, to: coffee, value: parseEther('1'), ...fees }], validation: true, blockOverrides: { baseFeePerGas: parseGwei('1') } });
    await expect(refused).rejects.toBeInstanceOf(SimulationRefusedError);
    await expect(refused).rejects.toThrow(/refused to run the transaction/);
  });
});

describe('a node that does not simulate properly', () => {
  let server: Server;
  let answer: (id: unknown) => unknown;
  let url: string;
  beforeAll(async () => {
    // A stand-in JSON-RPC endpoint: anvil always offers eth_simulateV1, so the missing method and the
    // malformed answer can only be produced by a server that answers them on purpose.
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const { id } = JSON.parse(body) as { id: unknown };
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(answer(id)));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const simulate = () => simulateBlock(createPublicClient({ transport: http(url, { retryCount: 0 }) }), { calls: [{ from: deployer, to: coffee, value: 1n }] });

  test('without eth_simulateV1 it says so with a typed error', async () => {
    answer = (id) => ({ jsonrpc: '2.0', id, error: { code: -32601, message: 'the method eth_simulateV1 does not exist/is not available' } });
    await expect(simulate()).rejects.toBeInstanceOf(SimulationUnsupportedError);
  });

  test('an answer with no blocks, or another number of calls, is malformed', async () => {
    answer = (id) => ({ jsonrpc: '2.0', id, result: [] });
    await expect(simulate()).rejects.toBeInstanceOf(SimulationMalformedError);
    answer = (id) => ({ jsonrpc: '2.0', id, result: { calls: 'none' } });
    await expect(simulate()).rejects.toBeInstanceOf(SimulationMalformedError);
    answer = (id) => ({ jsonrpc: '2.0', id, result: [{ number: '0x1', calls: [] }] });
    await expect(simulate()).rejects.toBeInstanceOf(SimulationMalformedError);
  });
});
