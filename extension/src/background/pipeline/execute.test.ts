import { decodeMessage, decodeTransaction, decodeTypedData } from '@commonguard/sdk/decode';
import { startAnvil } from '@commonguard/sdk/testing';
import { type Address, createPublicClient, type Hex, http, parseEther, type PublicClient, verifyMessage, verifyTypedData } from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Keyring } from '../keyring/Keyring.js';
import type { WalletSettings } from '../settings/Settings.js';
import { prepareSigning } from '../transactions/send.js';
import { execute, type ExecuteSources, RecordedFailure } from './execute.js';
import { context, noteToSign, paying } from './fixtures.test-helpers.js';
import type { Judgement, WalletRequest } from './types.js';

// Step 6 on a real anvil with the real keyring: what is signed and sent is exactly what was judged.
/** anvil's tenth development account and its public test key. */
const shopper: Address = '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720';
const SHOPPER_KEY = '0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6';
const coffee: Address = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';

let anvil: Awaited<ReturnType<typeof startAnvil>>;
let client: PublicClient;
let settings: WalletSettings;
let keyring: Keyring;

beforeAll(async () => {
  anvil = await startAnvil();
  client = createPublicClient({ chain: foundry, transport: http(anvil.rpcUrl) }) as PublicClient;
  settings = { rpcUrl: anvil.rpcUrl, chainId: 31337, paymentPolicy: null, autoLockMinutes: 15 };
  const memory = () => {
    let value: unknown = null;
    return { getValue: async () => value, setValue: async (next: unknown) => void (value = next) };
  };
  keyring = new Keyring({ vault: memory() as never, session: memory() as never, autoLockMs: () => 60_000 });
  await keyring.create({ password: 'correct horse battery', privateKey: SHOPPER_KEY });
}, 60_000);

afterAll(() => anvil?.stop());

/** A judgement of `request` as steps 1–3 leave it; only the request, the fee and the base matter to execute. */
async function judged(request: WalletRequest): Promise<Judgement> {
  const signing = request.kind === 'transaction' ? await prepareSigning(client, request.account, request.call) : undefined;
  return { request, understanding: paying([]), gathered: { ok: true, context: context() }, assessment: null, ...(signing ?? {}) };
}

const payment = (value: bigint): WalletRequest => ({
  kind: 'transaction',
  origin: 'https://shop.example',
  account: shopper,
  source: 'sendTransaction',
  action: decodeTransaction({ to: coffee, value: `0x${value.toString(16)}` }),
  call: { to: coffee, value, data: '0x' },
});

/** Sources that note each record in order. */
function recording(): { sources: ExecuteSources; notes: string[] } {
  const notes: string[] = [];
  return {
    notes,
    sources: {
      keyring,
      settings,
      record: async (outcome) => void notes.push(outcome.kind === 'sending' ? `sending ${outcome.hash}` : `refused ${outcome.hash}: ${outcome.reason}`),
    },
  };
}

describe('execute', () => {
  test('a transaction is recorded as being sent, with its hash, before it is sent, and is mined with exactly the nonce, gas and fees judged', async () => {
    const judgement = await judged(payment(parseEther('0.01')));
    const { sources, notes } = recording();
    let recordedBeforeSent = false;
    const { record } = sources;
    sources.record = async (outcome) => {
      recordedBeforeSent = (await client.getTransaction({ hash: outcome.hash }).catch(() => null)) === null;
      await record(outcome);
    };
    const hash = await execute(sources, judgement);
    expect(notes).toEqual([`sending ${hash}`]);
    expect(recordedBeforeSent).toBe(true);
    const [sent, receipt] = await Promise.all([client.getTransaction({ hash }), client.waitForTransactionReceipt({ hash })]);
    expect(receipt.status).toBe('success');
    const plan = judgement.fee?.plan;
    expect(plan?.type).toBe('eip1559');
    expect(sent).toMatchObject({ from: shopper.toLowerCase(), to: coffee.toLowerCase(), value: parseEther('0.01'), nonce: judgement.base?.nonce, gas: plan?.gas });
    if (plan?.type === 'eip1559') expect(sent).toMatchObject({ maxFeePerGas: plan.maxFeePerGas, maxPriorityFeePerGas: plan.maxPriorityFeePerGas });
  });

  test('a transaction the node refuses (its nonce is spent) is recorded refused with its hash, and the page gets -32603 with the hash', async () => {
    const stale = await judged(payment(1n));
    // Another payment takes the nonce the stale judgement was made with.
    await execute(recording().sources, await judged(payment(2n)));
    const { sources, notes } = recording();
    const error = await execute(sources, stale).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RecordedFailure);
    const { pageError } = error as RecordedFailure;
    expect(pageError).toMatchObject({ code: -32603, message: expect.stringContaining('The payment was approved but sending failed'), data: { hash: expect.stringMatching(/^0x[0-9a-f]{64}$/) } });
    const hash = (pageError.data as { hash: Hex }).hash;
    expect(notes).toEqual([`sending ${hash}`, expect.stringMatching(new RegExp(`^refused ${hash}: .+`))]);
  });

  test('without a fee quote or a nonce nothing is signed, sent or recorded', async () => {
    const judgement = await judged(payment(1n));
    const { sources, notes } = recording();
    const before = await client.getTransactionCount({ address: shopper });
    await expect(execute(sources, { ...judgement, base: null })).rejects.toThrow('the network fee could not be estimated');
    await expect(execute(sources, { ...judgement, fee: { plan: null, view: { maxFee: null, note: null } } })).rejects.toThrow('the network fee could not be estimated');
    expect(notes).toEqual([]);
    expect(await client.getTransactionCount({ address: shopper })).toBe(before);
  });

  test('typed data is signed exactly as the page declared it, and records nothing itself', async () => {
    const typed = noteToSign(31337);
    const { sources, notes } = recording();
    const signature = await execute(sources, await judged({ kind: 'typedData', origin: 'https://shop.example', account: shopper, decoded: decodeTypedData(JSON.stringify(typed)) }));
    expect(await verifyTypedData({ address: shopper, ...typed, signature } as never)).toBe(true);
    expect(notes).toEqual([]);
  });

  test('a message is signed as text, or as its bytes when the page sent hex', async () => {
    const sign = async (message: string, raw: boolean) =>
      execute(recording().sources, await judged({ kind: 'message', origin: 'https://shop.example', account: shopper, message, raw, decoded: decodeMessage(message, { origin: 'https://shop.example', account: shopper, chainId: 31337 }) }));
    expect(await verifyMessage({ address: shopper, message: 'Hello', signature: await sign('Hello', false) })).toBe(true);
    const bytes = await sign('0x48656c6c6f', true);
    expect(await verifyMessage({ address: shopper, message: { raw: '0x48656c6c6f' }, signature: bytes })).toBe(true);
    expect(await verifyMessage({ address: shopper, message: '0x48656c6c6f', signature: bytes })).toBe(false);
  });
});
