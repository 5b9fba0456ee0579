import { type Address, decodeAbiParameters, getAddress, type Hex } from 'viem';
import { NATIVE_TOKEN, UNLIMITED_APPROVAL_THRESHOLD } from '../decode/types.js';
import type { Effect } from './types.js';

/** The canonical Permit2 deployment (same address on every chain). */
export const PERMIT2_ADDRESS: Address = '0x000000000022D473030F116dDEE9F6B43aC78BA3';

/** `eth_simulateV1` with `traceTransfers` reports native-coin movements as ERC-20 `Transfer` logs from this address. */
export const NATIVE_TRANSFER_EMITTER: Address = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE';

const TOPIC = {
  /** Transfer(address,address,uint256): ERC-20 (3 topics) and ERC-721 (4 topics). */
  transfer: '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef',
  /** Approval(address,address,uint256): ERC-20 (3 topics); ERC-721's single-item approval has 4. */
  approval: '0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925',
  /** ApprovalForAll(address,address,bool). */
  approvalForAll: '0x17307eab39ab6107e8899845ad3d59bd9653f200f220920489ca2b5937696c31',
  /** TransferSingle(address,address,address,uint256,uint256). */
  transferSingle: '0xc3d58168c5ae7397731d063d5bbf3d657854427343f4c083240f7aacaa2d0f62',
  /** TransferBatch(address,address,address,uint256[],uint256[]). */
  transferBatch: '0x4a39dc06d4c0dbc64b70af90fd698a233a518aa5d07e595d983b8c0526c8f7fb',
  /** Permit2 Approval(address owner, address token, address spender, uint160 amount, uint48 expiration). */
  permit2Approval: '0xda9fa7c1b00402c17d0161b249b1ab8bbec047c5a52207b9c112deffd817036b',
  /** Permit2 Permit(address owner, address token, address spender, uint160 amount, uint48 expiration, uint48 nonce). */
  permit2Permit: '0xc6a377bfc4eb120024a8ac08eef205be16b817020812c73223e81d1bdb9708ec',
  /** Permit2 Lockdown(address owner, address token, address spender): revokes. */
  permit2Lockdown: '0x89b1add15eff56b3dfe299ad94e01f2b52fbcb80ae1a3baea6ae8c04cb2b98a4',
} as const;

/** One log of a simulated call, as `eth_simulateV1` returns it. */
export type SimulatedLog = { address: Address; topics: readonly Hex[]; data: Hex };

/** One call's outcome in an `eth_simulateV1` block, as {@link simulateBlock} returns it. */
export type SimulatedCall = {
  status: 'success' | 'failure';
  logs?: readonly SimulatedLog[] | undefined;
  /** Why a failed call failed, in the node's words (a decoded revert reason where there is one). */
  error?: string | undefined;
  gasUsed?: bigint | undefined;
  /** What a successful call returned (a view read in the same block). */
  returnData?: Hex | undefined;
};

export type EffectsFromSimulationParameters = {
  /** The signer: only what leaves or reaches it, or what it grants, is an effect. */
  account: Address;
  /** The simulated calls of one request (one transaction, or the calls of a batch). */
  calls: readonly SimulatedCall[];
};

export type EffectsFromSimulationReturnType =
  | { ok: true; effects: Effect[] }
  | { ok: false; failedCall: number; error: string };

export type EffectsFromSimulationErrorType = never;

/**
 * Derives what a simulated request does to the signer from its logs (`eth_simulateV1` with
 * `traceTransfers`): native and ERC-20 amounts leaving (to whom) and arriving, ERC-721/1155 items
 * leaving and arriving, ERC-20 allowances, operator approvals and Permit2 allowances granted.
 *
 * An amount the signer sends to an intermediary that, in the same request, passes it on to someone
 * else (a router, a forwarder, a multicall) counts as a payment to whoever finally receives it: the
 * intermediary is only a conduit. What the intermediary keeps stays a payment to it.
 *
 * Pure: the caller runs the simulation ({@link simulateBlock}). A call that fails makes the whole result `ok: false` (nothing
 * it would do can be trusted as its effects).
 *
 * @example
 * import { effectsFromSimulation } from '@commonguard/sdk/effects'
 * import { simulateBlock } from '@commonguard/sdk'
 * const simulated = await simulateBlock(client, { calls, traceTransfers: true })
 * const result = effectsFromSimulation({ account, calls: simulated.calls })
 */
export function effectsFromSimulation({ account, calls }: EffectsFromSimulationParameters): EffectsFromSimulationReturnType {
  const me = account.toLowerCase();
  const moves: Move[] = [];
  const grants: Effect[] = [];
  const items: Effect[] = [];
  for (const [index, call] of calls.entries()) {
    if (call.status !== 'success') return { ok: false, failedCall: index, error: call.error?.slice(0, 200) || 'the transaction would fail' };
    for (const log of call.logs ?? []) readLog(log, me, moves, grants, items);
  }
  return { ok: true, effects: [...fungibleEffects(moves, me), ...items, ...grants] };
}

type Move = { token: string; from: string; to: string; amount: bigint };

function readLog(log: SimulatedLog, me: string, moves: Move[], grants: Effect[], items: Effect[]): void {
  const [topic, a, b, c] = log.topics;
  const emitter = log.address.toLowerCase();
  try {
    if (topic === TOPIC.transfer && log.topics.length === 3) {
      const token = emitter === NATIVE_TRANSFER_EMITTER.toLowerCase() ? NATIVE_TOKEN.toLowerCase() : emitter;
      moves.push({ token, from: word(a), to: word(b), amount: uint(log.data) });
    } else if (topic === TOPIC.transfer && log.topics.length === 4) {
      const from = word(a);
      const to = word(b);
      const tokenId = BigInt(c as Hex);
      if (from === me && to !== me) items.push({ kind: 'itemOut', token: getAddress(emitter), standard: 'erc721', to: getAddress(to), tokenId, amount: 1n });
      else if (to === me && from !== me) items.push({ kind: 'assetIn', token: getAddress(emitter), standard: 'erc721', from: getAddress(from), tokenId, amount: 1n });
    } else if (topic === TOPIC.transferSingle && log.topics.length === 4) {
      const [id, value] = decodeAbiParameters([{ type: 'uint256' }, { type: 'uint256' }], log.data);
      pushItems(items, emitter, word(b), word(c), me, [id], [value]);
    } else if (topic === TOPIC.transferBatch && log.topics.length === 4) {
      const [ids, values] = decodeAbiParameters([{ type: 'uint256[]' }, { type: 'uint256[]' }], log.data);
      pushItems(items, emitter, word(b), word(c), me, ids, values);
    } else if (topic === TOPIC.approval && log.topics.length === 3 && word(a) === me) {
      const amount = uint(log.data);
      grants.push({ kind: 'allowance', token: getAddress(emitter), spender: getAddress(word(b)), amount, unlimited: amount >= UNLIMITED_APPROVAL_THRESHOLD, via: 'erc20' });
    } else if (topic === TOPIC.approval && log.topics.length === 4 && word(a) === me && word(b) !== ZERO) {
      // ERC-721 approve(spender, tokenId): the spender may take that one item.
      grants.push({ kind: 'operator', token: getAddress(emitter), operator: getAddress(word(b)), approved: true, tokenId: BigInt(c as Hex) });
    } else if (topic === TOPIC.approvalForAll && log.topics.length === 3 && word(a) === me) {
      const [approved] = decodeAbiParameters([{ type: 'bool' }], log.data);
      grants.push({ kind: 'operator', token: getAddress(emitter), operator: getAddress(word(b)), approved });
    } else if (emitter === PERMIT2_ADDRESS.toLowerCase()) {
      readPermit2Log(log, me, grants);
    }
  } catch {
    // A log that claims a standard event but does not carry its fields is not one: skip it, the
    // balance-moving logs of real tokens are what count.
  }
}

function readPermit2Log(log: SimulatedLog, me: string, grants: Effect[]): void {
  const [topic, owner, token, spender] = log.topics;
  if (log.topics.length !== 4 || word(owner) !== me) return;
  if (topic === TOPIC.permit2Approval || topic === TOPIC.permit2Permit) {
    const [amount, expiration] = decodeAbiParameters([{ type: 'uint160' }, { type: 'uint48' }], log.data);
    grants.push({
      kind: 'allowance',
      token: getAddress(word(token)),
      spender: getAddress(word(spender)),
      amount,
      unlimited: amount >= UNLIMITED_APPROVAL_THRESHOLD,
      via: 'permit2',
      ...(expiration > 0 ? { expiresAt: BigInt(expiration) } : {}),
    });
  }
  // Lockdown(owner, token, spender) only revokes: it has no indexed token and spender, and takes nothing.
}

function pushItems(items: Effect[], emitter: string, from: string, to: string, me: string, ids: readonly bigint[], values: readonly bigint[]): void {
  for (const [index, tokenId] of ids.entries()) {
    const amount = values[index] ?? 0n;
    if (from === me && to !== me) items.push({ kind: 'itemOut', token: getAddress(emitter), standard: 'erc1155', to: getAddress(to), tokenId, amount });
    else if (to === me && from !== me) items.push({ kind: 'assetIn', token: getAddress(emitter), standard: 'erc1155', from: getAddress(from), tokenId, amount });
  }
}

/**
 * Follows every amount that leaves the signer through the intermediaries that pass it on, in log
 * order, and sums what finally reaches each recipient; sums what arrives at the signer per sender.
 */
function fungibleEffects(moves: readonly Move[], me: string): Effect[] {
  // holdings[token][holder] = amounts of the signer's money the holder has received and not yet passed on.
  const held = new Map<string, Map<string, bigint>>();
  const arrived = new Map<string, bigint>();
  const holding = (token: string) => {
    let map = held.get(token);
    if (!map) held.set(token, (map = new Map()));
    return map;
  };
  for (const { token, from, to, amount } of moves) {
    if (amount === 0n || from === to) continue;
    const tokenHeld = holding(token);
    if (from === me) {
      tokenHeld.set(to, (tokenHeld.get(to) ?? 0n) + amount);
      continue;
    }
    let passedOn = 0n;
    const heldByFrom = tokenHeld.get(from) ?? 0n;
    if (heldByFrom > 0n) {
      passedOn = heldByFrom < amount ? heldByFrom : amount;
      tokenHeld.set(from, heldByFrom - passedOn);
      // Passed back to the signer: it never left. Passed on elsewhere: that is who is paid.
      if (to !== me) tokenHeld.set(to, (tokenHeld.get(to) ?? 0n) + passedOn);
    }
    if (to === me && amount > passedOn) {
      const key = `${token}:${from}`;
      arrived.set(key, (arrived.get(key) ?? 0n) + amount - passedOn);
    }
  }
  const effects: Effect[] = [];
  for (const [token, holders] of held)
    for (const [to, amount] of holders) if (amount > 0n) effects.push({ kind: 'assetOut', token: getAddress(token), to: getAddress(to), amount });
  for (const [key, amount] of arrived) {
    const [token = '', from = ''] = key.split(':');
    const native = token === NATIVE_TOKEN.toLowerCase();
    effects.push({ kind: 'assetIn', token: getAddress(token), standard: native ? 'native' : 'erc20', from: getAddress(from), amount });
  }
  return effects;
}

const ZERO = '0x0000000000000000000000000000000000000000';

function word(topic: Hex | undefined): string {
  if (!topic || topic.length !== 66) throw new Error('not an address topic');
  return `0x${topic.slice(26)}`.toLowerCase();
}

function uint(data: Hex): bigint {
  const [value] = decodeAbiParameters([{ type: 'uint256' }], data);
  return value;
}
