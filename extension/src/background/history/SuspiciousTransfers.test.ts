import { decodeTransaction } from '@commonguard/sdk/decode';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Abi, type Address, createPublicClient, createWalletClient, encodeFunctionData, erc20Abi, getAddress, type Hex, http, parseUnits, type PublicClient } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Approvals } from '../approvals/Approvals.js';
import { ChainAccess } from '../chain/ChainAccess.js';
import { Communities, type JoinedCommunity } from '../communities/Communities.js';
import { Guard } from '../communities/Guard.js';
import { Keyring } from '../keyring/Keyring.js';
import { Pipeline } from '../pipeline/Pipeline.js';
import { startRpcProxy } from '../pipeline/rpcProxy.test-helpers.js';
import { coffee, type SeededChain, shopper, startSeededChain } from '../pipeline/seededChain.test-helpers.js';
import type { WalletRequest } from '../pipeline/types.js';
import { PolicyCache } from '../policy/PolicyCache.js';
import { seenTokenReader } from '../tokens/tokenConcerns.js';
import { TokenDirectory } from '../tokens/TokenDirectory.js';
import { toSuspiciousView } from '../ui/UiApi.js';
import { History, type HistoryEntry } from './History.js';
import { type PrimerRecord, SuspiciousTransfers } from './SuspiciousTransfers.js';

// Address poisoning, for real, on anvil with the demo deployment: an attacker calls the demo stablecoin's
// transferFrom(shopper, lookAlike, 0) (accepted with no allowance) and a copycat "cgUSD" token emits a
// Transfer from the shopper to another look-alike. Both look-alikes share Corner Coffee's first and last
// four hex characters; the shopper paid Corner Coffee before, through the wallet.

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const SHOPPER_KEY: Hex = '0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e';
/** anvil's account 9 (a public test key): the attacker. */
const ATTACKER_KEY: Hex = '0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6';
/** Corner Coffee's (0x14dC…9955) look-alikes. */
const lookAlike = getAddress('0x14dc000000000000000000000000000000009955');
const copycatLookAlike = getAddress('0x14dcabcdefabcdef0000000000000000000a9955');

let anvil: SeededChain;
let client: PublicClient;
let cgUsd: Address;
let copycat: Address;
/** The shopper's own payment to Corner Coffee, sent through the wallet (its transaction is in the history). */
let ownPayment: Hex;

beforeAll(async () => {
  anvil = await startSeededChain();
  cgUsd = anvil.deployment.contracts.demoStablecoin as Address;
  client = createPublicClient({ chain: foundry, transport: http(anvil.rpcUrl) }) as PublicClient;
  const shopperWallet = createWalletClient({ account: privateKeyToAccount(SHOPPER_KEY), chain: foundry, transport: http(anvil.rpcUrl) });
  const attacker = createWalletClient({ account: privateKeyToAccount(ATTACKER_KEY), chain: foundry, transport: http(anvil.rpcUrl) });
  ownPayment = await shopperWallet.writeContract({ address: cgUsd, abi: erc20Abi, functionName: 'transfer', args: [coffee, parseUnits('5', 6)] });
  await client.waitForTransactionReceipt({ hash: ownPayment });
  // (a) the real token, zero value, "from" the shopper: no allowance is needed for 0.
  await client.waitForTransactionReceipt({ hash: await attacker.writeContract({ address: cgUsd, abi: erc20Abi, functionName: 'transferFrom', args: [shopper, lookAlike, 0n] }) });
  // (c) a copycat token calling itself cgUSD, mimicking a 5 cgUSD payment from the shopper.
  const artifact = JSON.parse(readFileSync(join(root, 'contracts/out/CopycatToken.sol/CopycatToken.json'), 'utf8')) as { abi: Abi; bytecode: { object: Hex } };
  const deployed = await client.waitForTransactionReceipt({ hash: await attacker.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode.object, args: ['cgUSD', 6] }) });
  copycat = getAddress(deployed.contractAddress as Address);
  await client.waitForTransactionReceipt({ hash: await attacker.writeContract({ address: copycat, abi: artifact.abi, functionName: 'mimic', args: [shopper, copycatLookAlike, parseUnits('5', 6)] }) });
  // Benign: a real payment received (the stablecoin's owner mints to the shopper).
  const deployer = createWalletClient({ account: privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'), chain: foundry, transport: http(anvil.rpcUrl) });
  await client.waitForTransactionReceipt({ hash: await deployer.writeContract({ address: cgUsd, abi: [{ type: 'function', name: 'mint', stateMutability: 'nonpayable', inputs: [{ name: 'to', type: 'address' }, { name: 'amount', type: 'uint256' }], outputs: [] }], functionName: 'mint', args: [shopper, parseUnits('12', 6)] }) });
}, 240_000);

afterAll(() => anvil?.stop());

/** The wallet's parts as `wallet.ts` wires them, with memory storage: the history holds the shopper's own payment. */
async function makeWallet({ node = () => Promise.resolve(client) }: { node?: () => Promise<PublicClient> } = {}) {
  const genesis = (await client.getBlock({ blockNumber: 0n })).hash as Hex;
  const instance = { chainId: 31337, genesis };
  const own: HistoryEntry = {
    id: 'own',
    at: Date.now() - 60_000,
    account: shopper,
    origin: 'http://localhost:5174',
    kind: 'tokenTransfer',
    token: cgUsd,
    symbol: 'cgUSD',
    decimals: 6,
    to: coffee,
    amount: parseUnits('5', 6).toString(),
    score: 0,
    level: 'allow',
    policyVersion: '1',
    outcome: 'confirmed',
    hash: ownPayment,
    chain: instance,
  };
  let entries: HistoryEntry[] = [own];
  const history = new History({ item: { getValue: async () => entries, setValue: async (value) => void (entries = value ?? []) }, chain: async () => instance });
  let stored: PrimerRecord[] = [];
  const tokens = new TokenDirectory();
  const suspicious = new SuspiciousTransfers({
    item: { getValue: async () => stored, setValue: async (value) => void (stored = value ?? []) },
    chain: async () => instance,
    client: node,
    sent: async () => new Set((await history.list()).flatMap((entry) => (entry.hash ? [entry.hash.toLowerCase()] : []))),
    // The community lists the demo stablecoin (its policy's token limits).
    token: seenTokenReader(tokens, async () => [{ token: cgUsd }]),
  });
  return { history, suspicious, tokens, stored: () => stored };
}

function makePipeline(history: History, suspicious: SuspiciousTransfers, tokens: TokenDirectory, rpcUrl = anvil.rpcUrl): Pipeline {
  const memory = () => {
    let value: unknown = null;
    return { getValue: async () => value, setValue: async (next: unknown) => void (value = next) };
  };
  const { communityGovernor: governor, communityToken: token, timelock, treasury, paymentPolicy } = anvil.deployment.contracts;
  let joined: JoinedCommunity[] = [{ chainId: 31337, governor, name: 'Demo community', token, timelock, treasury, policy: paymentPolicy, joinedAt: 1 }];
  const communities = new Communities({ item: { getValue: async () => joined, setValue: async (value) => void (joined = value ?? []) } });
  const approvals = new Approvals({ windows: { open: async () => 1, focus: async () => {}, close: async () => {} } });
  const keyring = new Keyring({ vault: memory() as never, session: memory() as never, autoLockMs: () => 60_000 });
  const settings = { rpcUrl, chainId: 31337, paymentPolicy, autoLockMinutes: 15 };
  return new Pipeline({ chain: new ChainAccess({ settings: async () => settings }), guard: new Guard({ communities, policy: new PolicyCache() }), history, approvals, keyring, tokens, suspicious: (account) => suspicious.of(account) });
}

const payUsd = (to: Address, amount: string): WalletRequest => {
  const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, parseUnits(amount, 6)] });
  return { kind: 'transaction', origin: 'http://localhost:5174', account: shopper, source: 'sendTransaction', action: decodeTransaction({ to: cgUsd, data, value: '0x0' }), call: { to: cgUsd, value: 0n, data } };
};

describe('address-poisoning primers on anvil', () => {
  test('the reader finds the zero-value transferFrom and the copycat transfer, and neither the shopper’s own payment nor a real payment received', async () => {
    const { suspicious } = await makeWallet();
    await suspicious.refresh(shopper);
    const found = await suspicious.of(shopper);
    expect(found.map(({ kind, token, counterparty, value }) => ({ kind, token, counterparty, value }))).toEqual([
      { kind: 'copycatToken', token: copycat, counterparty: copycatLookAlike, value: '5000000' },
      { kind: 'zeroValue', token: cgUsd, counterparty: lookAlike, value: '0' },
    ]);
    expect(found[0]?.imitates).toBe(cgUsd);
    expect(found.every((primer) => primer.at > 0)).toBe(true);
    expect(toSuspiciousView(found[1]!).warning).toBe(
      `Suspicious: a transfer of 0 cgUSD you did not make, to ${lookAlike.slice(0, 6)}…9955. Someone may be trying to get you to copy a look-alike address. Never pay an address copied from this entry.`,
    );
    expect(toSuspiciousView(found[0]!).warning).toContain('a token calling itself cgUSD that is not the cgUSD your community lists');
    // Read again: nothing new since, nothing twice.
    await suspicious.refresh(shopper);
    expect(await suspicious.of(shopper)).toHaveLength(2);
  });

  test('the same read keeps the tokens the account received, for the popup\'s balances: the stablecoin it was paid in, not the copycat it only "sent"', async () => {
    const { suspicious, stored } = await makeWallet();
    const proxy = await startRpcProxy(anvil.rpcUrl);
    await suspicious.refresh(shopper);
    expect(await suspicious.receivedOf(shopper)).toEqual([cgUsd]);
    // A record kept before received tokens were (none listed) is read again from the start, once.
    const [record] = stored();
    const { received: _dropped, ...older } = record as PrimerRecord;
    const { suspicious: upgraded, stored: upgradedStore } = await makeWallet({ node: async () => createPublicClient({ chain: foundry, transport: http(proxy.url) }) as PublicClient });
    upgradedStore().push(older);
    try {
      await upgraded.refresh(shopper);
      expect(proxy.seen.filter((method) => method === 'eth_getLogs')).toHaveLength(2);
      expect(await upgraded.receivedOf(shopper)).toEqual([cgUsd]);
      expect(await upgraded.of(shopper)).toHaveLength(2);
      // Read up to date: the next refresh asks for no logs.
      await upgraded.refresh(shopper);
      expect(proxy.seen.filter((method) => method === 'eth_getLogs')).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });

  test('a node that does not answer leaves the stored primers as they were, and the refresh does not throw', async () => {
    let up = true;
    const down = createPublicClient({ chain: foundry, transport: http('http://127.0.0.1:9', { retryCount: 0 }) }) as PublicClient;
    const { suspicious, stored } = await makeWallet({ node: async () => (up ? client : down) });
    await suspicious.refresh(shopper);
    const before = structuredClone(stored());
    expect(before[0]?.transfers).toHaveLength(2);
    up = false;
    await suspicious.refresh(shopper);
    expect(stored()).toEqual(before);
    expect(await suspicious.of(shopper)).toHaveLength(2);
  });

  test('primers never count as payments: spending and familiarity are untouched, and paying the look-alike is a warned first payment naming the primer and Corner Coffee', async () => {
    const { history, suspicious, tokens } = await makeWallet();
    await suspicious.refresh(shopper);
    expect((await history.paymentsOf(shopper)).map((payment) => payment.to)).toEqual([coffee]);
    expect((await history.spending()).map((payment) => payment.to)).toEqual([coffee]);
    const pipeline = makePipeline(history, suspicious, tokens);
    const { judgement } = await pipeline.judge(payUsd(lookAlike, '5'));
    const rules = judgement.assessment?.reasons.map((reason) => reason.rule) ?? [];
    expect(rules).toEqual(expect.arrayContaining(['poisonedAddress', 'lookAlikeAddress', 'firstPayment']));
    expect(judgement.assessment?.level).not.toBe('allow');
    const message = judgement.assessment?.reasons.find((reason) => reason.rule === 'poisonedAddress')?.message;
    expect(message).toContain(`${lookAlike} is the address in a transfer of 0 cgUSD you did not make, to ${lookAlike.slice(0, 6)}…9955`);
    expect(message).toContain(`It also looks like ${coffee}, which you paid before`);
    // The copycat's look-alike too, with the copycat named.
    const copied = await pipeline.judge(payUsd(copycatLookAlike, '5'));
    expect(copied.judgement.assessment?.reasons.find((reason) => reason.rule === 'poisonedAddress')?.message).toContain('a token calling itself cgUSD');
  }, 60_000);

  test('judging a payment reads the primers from storage: no log scan, and the verdict still names the primer', async () => {
    const { history, suspicious, tokens } = await makeWallet();
    await suspicious.refresh(shopper);
    const proxy = await startRpcProxy(anvil.rpcUrl);
    try {
      const { judgement } = await makePipeline(history, suspicious, tokens, proxy.url).judge(payUsd(lookAlike, '5'));
      expect(judgement.assessment?.reasons.map((reason) => reason.rule)).toContain('poisonedAddress');
      expect(proxy.seen.length).toBeGreaterThan(0);
      expect(proxy.seen).not.toContain('eth_getLogs');
    } finally {
      await proxy.close();
    }
  }, 60_000);

  test('benign: paying Corner Coffee, the address the primers imitate, adds no poisoning signal', async () => {
    const { history, suspicious, tokens } = await makeWallet();
    await suspicious.refresh(shopper);
    const { judgement } = await makePipeline(history, suspicious, tokens).judge(payUsd(coffee, '5'));
    const rules = judgement.assessment?.reasons.map((reason) => reason.rule) ?? [];
    expect(rules).not.toContain('poisonedAddress');
    expect(rules).not.toContain('firstPayment');
    expect(judgement.assessment?.level).toBe('allow');
  }, 60_000);
});
