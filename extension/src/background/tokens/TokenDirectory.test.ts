import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAnvil } from '@commonguard/sdk/testing';
import { type Address, createPublicClient, createWalletClient, getAddress, http, type PublicClient } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TokenDirectory, TokenUnreadableError } from './TokenDirectory.js';

// Against a real anvil, with the browser tests' hostile token (contracts/test/e2e/HostileToken.sol, built by
// the contracts' step): what a token says about itself reaches the wallet only through the directory.
const DEPLOYER_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const artifact = JSON.parse(readFileSync(join(import.meta.dirname, '../../../../contracts/out/HostileToken.sol/HostileToken.json'), 'utf8'));
let anvil: Awaited<ReturnType<typeof startAnvil>>;
let client: PublicClient;
let deploy: (symbol: string, name: string, decimals: bigint) => Promise<Address>;

beforeAll(async () => {
  anvil = await startAnvil();
  client = createPublicClient({ chain: foundry, transport: http(anvil.rpcUrl) });
  const deployer = createWalletClient({ account: privateKeyToAccount(DEPLOYER_KEY), chain: foundry, transport: http(anvil.rpcUrl) });
  deploy = async (symbol, name, decimals) => {
    const hash = await deployer.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode.object, args: [symbol, name, decimals] });
    return getAddress((await client.waitForTransactionReceipt({ hash })).contractAddress as Address);
  };
}, 60_000);

afterAll(() => anvil?.stop());

describe('TokenDirectory', () => {
  test('a symbol with a direction override, and a long name full of controls, come out sanitised', async () => {
    const token = await deploy('\u202EDSUgc', `Demo\u202E\n${'x'.repeat(200)}`, 6n);
    const info = await new TokenDirectory().get(client, token);
    expect(info.symbol).toBe('DSUgc');
    expect(info.decimals).toBe(6);
    expect(info.name).toBe(`Demo ${'x'.repeat(27)}`);
  });

  test('decimals of 100,000 make the token unreadable: refused by get, described (never formatted) for a window', async () => {
    const token = await deploy('HUGE', 'Huge', 100_000n);
    const directory = new TokenDirectory();
    await expect(directory.get(client, token)).rejects.toBeInstanceOf(TokenUnreadableError);
    await expect(directory.get(client, token)).rejects.toThrow('declares 100000 decimals');
    expect(await directory.describe(client, token)).toEqual({ symbol: `units of the unreadable token ${token.slice(0, 6)}…${token.slice(-4)}`, decimals: 0, unreadable: true });
  });

  test('an address that is no token is unreadable; the native coin is ETH; a read token is known afterwards', async () => {
    const directory = new TokenDirectory();
    expect((await directory.describe(client, '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720')).unreadable).toBe(true);
    expect(await directory.get(client, '0x0000000000000000000000000000000000000000')).toEqual({ symbol: 'ETH', decimals: 18 });
    const token = await deploy('BEANS', 'Beans', 18n);
    expect(directory.known(token).symbol).toBe(`${token.slice(0, 6)}…${token.slice(-4)}`);
    await directory.get(client, token);
    expect(directory.known(token)).toMatchObject({ symbol: 'BEANS', decimals: 18 });
  });

  test('the native coin is the one the network names (the wallet\'s network list), sanitised; a coin that cannot be shown is ETH', async () => {
    const on = (nativeCurrency: { name: string; symbol: string; decimals: number }) =>
      createPublicClient({ chain: { ...foundry, id: 137, nativeCurrency }, transport: http(anvil.rpcUrl) }) as PublicClient;
    const native = '0x0000000000000000000000000000000000000000';
    const directory = new TokenDirectory();
    expect(await directory.get(on({ name: 'Polygon Ecosystem Token', symbol: 'POL', decimals: 18 }), native)).toEqual({ symbol: 'POL', decimals: 18 });
    // The popup and notifications read it without a client: the network last read.
    expect(directory.known(native)).toEqual({ symbol: 'POL', decimals: 18 });
    expect(await directory.get(on({ name: 'x', symbol: 'x\u202eDAI', decimals: 18 }), native)).toEqual({ symbol: 'xDAI', decimals: 18 });
    expect(await directory.get(on({ name: 'x', symbol: 'ODD', decimals: 99 }), native)).toEqual({ symbol: 'ETH', decimals: 18 });
  });
});
