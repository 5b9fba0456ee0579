import { HttpRequestError, type PublicClient } from 'viem';
import { describe, expect, test } from 'vitest';
import { MAX_GAS_LIMIT } from './fees.js';
import { quoteFees } from './send.js';

const gwei = (n: number) => BigInt(n) * 10n ** 9n;
const ACCOUNT = '0x976EA74026E726554dB657fA54763abd0C3a0aa9';
const call = { to: '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955', value: 1n, data: '0x' } as const;

// Only the three reads quoteFees makes, failing with the error viem throws; the real node is used in the browser tests.
function node({ eip1559 = true, gas = 21_000n, fails = false }: { eip1559?: boolean; gas?: bigint; fails?: boolean } = {}) {
  const asked: string[] = [];
  const estimatedWith: Array<Record<string, unknown>> = [];
  const client = {
    estimateFeesPerGas: async () => {
      asked.push('estimateFeesPerGas');
      if (fails) throw new HttpRequestError({ url: 'http://127.0.0.1:8545', details: 'fetch failed' });
      if (!eip1559) throw new Error('Chain does not support EIP-1559 fees.');
      return { maxFeePerGas: gwei(100), maxPriorityFeePerGas: gwei(2) };
    },
    getGasPrice: async () => (asked.push('getGasPrice'), gwei(5)),
    estimateGas: async (request: Record<string, unknown>) => {
      asked.push('estimateGas');
      estimatedWith.push(request);
      if (fails) throw new HttpRequestError({ url: 'http://127.0.0.1:8545', details: 'fetch failed' });
      return gas;
    },
  } as unknown as PublicClient;
  return { client, asked, estimatedWith };
}

describe('quoteFees', () => {
  test('estimates what the page left out and shows the maximum fee', async () => {
    const { client, asked } = node();
    expect(await quoteFees({ client, account: ACCOUNT, call })).toEqual({
      plan: { type: 'eip1559', gas: 21_000n, maxFeePerGas: gwei(100), maxPriorityFeePerGas: gwei(2) },
      view: { maxFee: '0.0021 ETH', note: null },
    });
    expect(asked.sort()).toEqual(['estimateFeesPerGas', 'estimateGas']);
  });

  test('the gas is estimated with the fees it will pay (a contract reading tx.gasprice takes the path it takes when mined)', async () => {
    const { client, estimatedWith } = node();
    await quoteFees({ client, account: ACCOUNT, call });
    expect(estimatedWith).toEqual([expect.objectContaining({ maxFeePerGas: gwei(100), maxPriorityFeePerGas: gwei(2) })]);
  });

  test("the page's gas limit is used as given (no estimate); legacy chains get a gas price", async () => {
    const { client, asked } = node({ eip1559: false });
    const quote = await quoteFees({ client, account: ACCOUNT, call: { ...call, fees: { gas: 50_000n } } });
    expect(quote.plan).toEqual({ type: 'legacy', gas: 50_000n, gasPrice: gwei(5) });
    expect(asked).not.toContain('estimateGas');
  });

  test('an estimate above the gas cap is refused with -32602 (no window)', async () => {
    const { client } = node({ gas: MAX_GAS_LIMIT + 1n });
    await expect(quoteFees({ client, account: ACCOUNT, call })).rejects.toMatchObject({ code: -32602 });
  });

  test('a node that cannot estimate: no plan, and a note without the node’s address', async () => {
    const { client } = node({ fails: true });
    const quote = await quoteFees({ client, account: ACCOUNT, call });
    expect(quote.plan).toBeNull();
    expect(quote.view.note).toBe('The network fee cannot be estimated: the chain (RPC) is unreachable.');
  });
});
