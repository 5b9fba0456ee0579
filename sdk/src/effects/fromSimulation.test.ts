import { type Address, createPublicClient, encodeAbiParameters, encodeEventTopics, encodeFunctionData, erc20Abi, type Hex, http, maxUint256, parseAbi, parseEther, parseUnits } from 'viem';
import { foundry } from 'viem/chains';
import { describe, expect, inject, test } from 'vitest';
import { simulateBlock } from '../actions/simulateBlock.js';
import { NATIVE_TOKEN } from '../decode/types.js';
import { effectsFromSimulation, NATIVE_TRANSFER_EMITTER, PERMIT2_ADDRESS, type SimulatedCall, type SimulatedLog } from './index.js';

const me: Address = '0x976EA74026E726554dB657fA54763abd0C3a0aa9';
const router: Address = '0xa513E6E4b8f2a923D98304ec87F64353C4D5C853';
const blocked: Address = '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f';
const coffee: Address = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
const cgUsd: Address = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707';
const nft: Address = '0x0165878A594ca255338adfa4d48449f69242Eb8F';

const events = parseAbi([
  'event Transfer(address indexed from, address indexed to, uint256 value)',
  'event Approval(address indexed owner, address indexed spender, uint256 value)',
  'event ApprovalForAll(address indexed owner, address indexed operator, bool approved)',
  'event TransferSingle(address indexed operator, address indexed from, address indexed to, uint256 id, uint256 value)',
  'event TransferBatch(address indexed operator, address indexed from, address indexed to, uint256[] ids, uint256[] values)',
]);
const nftEvents = parseAbi([
  'event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)',
  'event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId)',
]);
const permit2Events = parseAbi([
  'event Approval(address indexed owner, address indexed token, address indexed spender, uint160 amount, uint48 expiration)',
  'event Permit(address indexed owner, address indexed token, address indexed spender, uint160 amount, uint48 expiration, uint48 nonce)',
]);

const transfer = (token: Address, from: Address, to: Address, value: bigint): SimulatedLog => ({
  address: token,
  topics: encodeEventTopics({ abi: events, eventName: 'Transfer', args: { from, to } }) as Hex[],
  data: encodeAbiParameters([{ type: 'uint256' }], [value]),
});
const ok = (...logs: SimulatedLog[]): SimulatedCall => ({ status: 'success', logs, gasUsed: 21_000n });

describe('effectsFromSimulation', () => {
  test('a native transfer (traceTransfers log) is a payment to its recipient', () => {
    const result = effectsFromSimulation({ account: me, calls: [ok(transfer(NATIVE_TRANSFER_EMITTER, me, coffee, parseEther('0.01')))] });
    expect(result).toEqual({ ok: true, effects: [{ kind: 'assetOut', token: NATIVE_TOKEN, to: coffee, amount: parseEther('0.01') }] });
  });

  test('a router that pulls approved tokens and forwards them pays the final recipient, not the router', () => {
    const result = effectsFromSimulation({
      account: me,
      calls: [ok(transfer(cgUsd, me, router, parseUnits('1000000', 6)), transfer(cgUsd, router, blocked, parseUnits('1000000', 6)))],
    });
    expect(result).toEqual({ ok: true, effects: [{ kind: 'assetOut', token: cgUsd, to: blocked, amount: parseUnits('1000000', 6) }] });
  });

  test('a router that keeps a fee and forwards the rest pays both; what it pays back is not an outflow', () => {
    const result = effectsFromSimulation({
      account: me,
      calls: [
        ok(
          transfer(NATIVE_TRANSFER_EMITTER, me, router, parseEther('1')),
          transfer(NATIVE_TRANSFER_EMITTER, router, coffee, parseEther('0.7')),
          transfer(NATIVE_TRANSFER_EMITTER, router, me, parseEther('0.2')),
        ),
      ],
    });
    expect(result.ok && result.effects).toEqual([
      { kind: 'assetOut', token: NATIVE_TOKEN, to: router, amount: parseEther('0.1') },
      { kind: 'assetOut', token: NATIVE_TOKEN, to: coffee, amount: parseEther('0.7') },
    ]);
  });

  test('a router cannot launder its own money into the signer’s outflows, and a swap’s proceeds arrive', () => {
    const result = effectsFromSimulation({
      account: me,
      calls: [ok(transfer(cgUsd, me, router, parseUnits('10', 6)), transfer(cgUsd, router, coffee, parseUnits('50', 6)), transfer(NATIVE_TRANSFER_EMITTER, router, me, parseEther('0.003')))],
    });
    expect(result.ok && result.effects).toEqual([
      { kind: 'assetOut', token: cgUsd, to: coffee, amount: parseUnits('10', 6) },
      { kind: 'assetIn', token: NATIVE_TOKEN, standard: 'native', from: router, amount: parseEther('0.003') },
    ]);
  });

  test('transfers spread over the calls of a batch add up per recipient', () => {
    const result = effectsFromSimulation({ account: me, calls: [ok(transfer(cgUsd, me, coffee, 300n)), ok(transfer(cgUsd, me, coffee, 300n))] });
    expect(result.ok && result.effects).toEqual([{ kind: 'assetOut', token: cgUsd, to: coffee, amount: 600n }]);
  });

  test('ERC-20 approvals (3 topics) become allowances; unlimited ones are marked', () => {
    const approval: SimulatedLog = {
      address: cgUsd,
      topics: encodeEventTopics({ abi: events, eventName: 'Approval', args: { owner: me, spender: router } }) as Hex[],
      data: encodeAbiParameters([{ type: 'uint256' }], [maxUint256]),
    };
    const someoneElse: SimulatedLog = { ...approval, topics: encodeEventTopics({ abi: events, eventName: 'Approval', args: { owner: coffee, spender: router } }) as Hex[] };
    expect(effectsFromSimulation({ account: me, calls: [ok(approval, someoneElse)] })).toEqual({
      ok: true,
      effects: [{ kind: 'allowance', token: cgUsd, spender: router, amount: maxUint256, unlimited: true, via: 'erc20' }],
    });
  });

  test('ERC-721 items (Transfer with 4 topics), approvals and ApprovalForAll', () => {
    const item: SimulatedLog = { address: nft, topics: encodeEventTopics({ abi: nftEvents, eventName: 'Transfer', args: { from: me, to: blocked, tokenId: 7n } }) as Hex[], data: '0x' };
    const single: SimulatedLog = { address: nft, topics: encodeEventTopics({ abi: nftEvents, eventName: 'Approval', args: { owner: me, approved: router, tokenId: 8n } }) as Hex[], data: '0x' };
    const all: SimulatedLog = {
      address: nft,
      topics: encodeEventTopics({ abi: events, eventName: 'ApprovalForAll', args: { owner: me, operator: blocked } }) as Hex[],
      data: encodeAbiParameters([{ type: 'bool' }], [true]),
    };
    expect(effectsFromSimulation({ account: me, calls: [ok(item, single, all)] })).toEqual({
      ok: true,
      effects: [
        { kind: 'itemOut', token: nft, standard: 'erc721', to: blocked, tokenId: 7n, amount: 1n },
        { kind: 'operator', token: nft, operator: router, approved: true, tokenId: 8n },
        { kind: 'operator', token: nft, operator: blocked, approved: true },
      ],
    });
  });

  test('ERC-1155 TransferSingle and TransferBatch leaving and arriving', () => {
    const single: SimulatedLog = {
      address: nft,
      topics: encodeEventTopics({ abi: events, eventName: 'TransferSingle', args: { operator: router, from: me, to: coffee } }) as Hex[],
      data: encodeAbiParameters([{ type: 'uint256' }, { type: 'uint256' }], [1n, 5n]),
    };
    const batch: SimulatedLog = {
      address: nft,
      topics: encodeEventTopics({ abi: events, eventName: 'TransferBatch', args: { operator: router, from: coffee, to: me } }) as Hex[],
      data: encodeAbiParameters([{ type: 'uint256[]' }, { type: 'uint256[]' }], [[2n, 3n], [1n, 4n]]),
    };
    expect(effectsFromSimulation({ account: me, calls: [ok(single, batch)] })).toEqual({
      ok: true,
      effects: [
        { kind: 'itemOut', token: nft, standard: 'erc1155', to: coffee, tokenId: 1n, amount: 5n },
        { kind: 'assetIn', token: nft, standard: 'erc1155', from: coffee, tokenId: 2n, amount: 1n },
        { kind: 'assetIn', token: nft, standard: 'erc1155', from: coffee, tokenId: 3n, amount: 4n },
      ],
    });
  });

  test('Permit2 Approval and Permit events from the canonical Permit2 are allowances; from another contract they are ignored', () => {
    const approval: SimulatedLog = {
      address: PERMIT2_ADDRESS,
      topics: encodeEventTopics({ abi: permit2Events, eventName: 'Approval', args: { owner: me, token: cgUsd, spender: router } }) as Hex[],
      data: encodeAbiParameters([{ type: 'uint160' }, { type: 'uint48' }], [2n ** 160n - 1n, 1_900_000_000]),
    };
    const permit: SimulatedLog = {
      address: PERMIT2_ADDRESS,
      topics: encodeEventTopics({ abi: permit2Events, eventName: 'Permit', args: { owner: me, token: cgUsd, spender: coffee } }) as Hex[],
      data: encodeAbiParameters([{ type: 'uint160' }, { type: 'uint48' }, { type: 'uint48' }], [100n, 0, 3]),
    };
    const lookalike = { ...approval, address: router };
    expect(effectsFromSimulation({ account: me, calls: [ok(approval, permit, lookalike)] })).toEqual({
      ok: true,
      effects: [
        { kind: 'allowance', token: cgUsd, spender: router, amount: 2n ** 160n - 1n, unlimited: true, via: 'permit2', expiresAt: 1_900_000_000n },
        { kind: 'allowance', token: cgUsd, spender: coffee, amount: 100n, unlimited: false, via: 'permit2' },
      ],
    });
  });

  test('a failing call fails the whole request, with its reason', () => {
    expect(effectsFromSimulation({ account: me, calls: [ok(), { status: 'failure', error: 'execution reverted: ERC20InsufficientBalance' }] })).toEqual({
      ok: false,
      failedCall: 1,
      error: 'execution reverted: ERC20InsufficientBalance',
    });
  });

  test('a log that claims to be a Transfer but carries no amount is skipped', () => {
    const broken: SimulatedLog = { ...transfer(cgUsd, me, coffee, 1n), data: '0x' };
    expect(effectsFromSimulation({ account: me, calls: [ok(broken)] })).toEqual({ ok: true, effects: [] });
  });
});


describe('effectsFromSimulation on anvil (real eth_simulateV1 logs)', () => {
  const client = createPublicClient({ chain: foundry, transport: http(inject('rpcUrl')) });
  const { contracts } = inject('deployment');
  const stablecoin = contracts.demoStablecoin as Address; // local deployments always have it
  const deployer: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
  const simulate = async (calls: Array<{ to: Address; value?: bigint; data?: Hex }>) => {
    const simulated = await simulateBlock(client, { calls: calls.map((call) => ({ from: deployer, to: call.to, value: call.value ?? 0n, data: call.data ?? '0x' })), traceTransfers: true, validation: false });
    return effectsFromSimulation({ account: deployer, calls: simulated.calls });
  };

  test('a native transfer and an unlimited cgUSD approval in one batch', async () => {
    const result = await simulate([
      { to: coffee, value: parseEther('0.5') },
      { to: stablecoin, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [router, maxUint256] }) },
    ]);
    expect(result).toEqual({
      ok: true,
      effects: [
        { kind: 'assetOut', token: NATIVE_TOKEN, to: coffee, amount: parseEther('0.5') },
        { kind: 'allowance', token: stablecoin, spender: router, amount: maxUint256, unlimited: true, via: 'erc20' },
      ],
    });
  });

  test('a transfer of more cgUSD than the account holds fails with the token’s reason', async () => {
    const result = await simulate([{ to: stablecoin, data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [coffee, maxUint256] }) }]);
    expect(result.ok).toBe(false);
  });
});
