import { type Address, erc1155Abi, erc20Abi, erc721Abi, getAddress, type Hex, type Log, parseAbi, parseEventLogs } from 'viem';
import { NATIVE_TOKEN, UNLIMITED_APPROVAL_THRESHOLD } from './constants.js';
import type { Effect } from './types.js';

/** The canonical Permit2 deployment (same address on every chain). */
export const PERMIT2_ADDRESS: Address = '0x000000000022D473030F116dDEE9F6B43aC78BA3';

/** `eth_simulateV1` with `traceTransfers` reports native-coin movements as ERC-20 `Transfer` logs from this address. */
export const NATIVE_TRANSFER_EMITTER: Address = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE';

/** The standard token events, from viem's ABIs: ERC-20 and ERC-721 share `Transfer` and `Approval` and differ in what is indexed. */
const STANDARD_EVENTS = [...erc20Abi, ...erc721Abi, ...erc1155Abi].filter((item) => item.type === 'event');

/** Permit2's allowance events (only read from the canonical Permit2 deployment). */
const PERMIT2_EVENTS = parseAbi([
  'event Approval(address indexed owner, address indexed token, address indexed spender, uint160 amount, uint48 expiration)',
  'event Permit(address indexed owner, address indexed token, address indexed spender, uint160 amount, uint48 expiration, uint48 nonce)',
]);

/** One log of a simulated call, as `eth_simulateV1` returns it. */
export type SimulatedLog = { address: Address; topics: readonly Hex[]; data: Hex };

/** One call's outcome in an `eth_simulateV1` block, as {@link simulateBlock} returns it. */
export type SimulatedCall = {
  status: 'success' | 'failure';
  logs?: readonly SimulatedLog[] | undefined;
  /** Why a failed call failed, in the node's words (a decoded revert reason where there is one). */
  error?: string | undefined;
  /** What a failed call reverted with (a custom error's selector and arguments), when the node gives it. */
  revertData?: Hex | undefined;
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
  const emitter = log.address.toLowerCase();
  // viem decodes only a log whose topics and data carry the event's fields (strict): a log that claims a
  // standard event but does not is not one, and is skipped; the balance-moving logs of real tokens are what count.
  const asLog = { ...log, topics: [...log.topics] as [Hex, ...Hex[]] } as unknown as Log;
  const [standard] = parseEventLogs({ abi: STANDARD_EVENTS, logs: [asLog], strict: true });
  if (standard) {
    const { eventName, args } = standard as unknown as { eventName: string; args: Record<string, unknown> };
    const from = lower(args.from);
    const to = lower(args.to);
    if (eventName === 'Transfer' && typeof args.value === 'bigint') {
      const token = emitter === NATIVE_TRANSFER_EMITTER.toLowerCase() ? NATIVE_TOKEN.toLowerCase() : emitter;
      moves.push({ token, from, to, amount: args.value });
    } else if (eventName === 'Transfer' && typeof args.tokenId === 'bigint') {
      const tokenId = args.tokenId;
      if (from === me && to !== me) items.push({ kind: 'itemOut', token: getAddress(emitter), standard: 'erc721', to: getAddress(to), tokenId, amount: 1n });
      else if (to === me && from !== me) items.push({ kind: 'assetIn', token: getAddress(emitter), standard: 'erc721', from: getAddress(from), tokenId, amount: 1n });
    } else if (eventName === 'TransferSingle') {
      pushItems(items, emitter, from, to, me, [args.id as bigint], [args.value as bigint]);
    } else if (eventName === 'TransferBatch') {
      pushItems(items, emitter, from, to, me, args.ids as readonly bigint[], args.values as readonly bigint[]);
    } else if (eventName === 'Approval' && typeof args.value === 'bigint' && lower(args.owner) === me) {
      const amount = args.value;
      grants.push({ kind: 'allowance', token: getAddress(emitter), spender: getAddress(args.spender as Address), amount, unlimited: amount >= UNLIMITED_APPROVAL_THRESHOLD, via: 'erc20' });
    } else if (eventName === 'Approval' && typeof args.tokenId === 'bigint' && lower(args.owner) === me && lower(args.spender) !== ZERO) {
      // ERC-721 approve(spender, tokenId): the spender may take that one item.
      grants.push({ kind: 'operator', token: getAddress(emitter), operator: getAddress(args.spender as Address), approved: true, tokenId: args.tokenId });
    } else if (eventName === 'ApprovalForAll' && lower(args.owner) === me) {
      grants.push({ kind: 'operator', token: getAddress(emitter), operator: getAddress(args.operator as Address), approved: args.approved as boolean });
    }
    return;
  }
  if (emitter !== PERMIT2_ADDRESS.toLowerCase()) return;
  const [permit2] = parseEventLogs({ abi: PERMIT2_EVENTS, logs: [asLog], strict: true });
  // Lockdown(owner, token, spender) only revokes, and takes nothing: not read.
  if (!permit2 || lower(permit2.args.owner) !== me) return;
  const { token, spender, amount, expiration } = permit2.args;
  grants.push({
    kind: 'allowance',
    token: getAddress(token),
    spender: getAddress(spender),
    amount,
    unlimited: amount >= UNLIMITED_APPROVAL_THRESHOLD,
    via: 'permit2',
    ...(expiration > 0 ? { expiresAt: BigInt(expiration) } : {}),
  });
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

function lower(value: unknown): string {
  return typeof value === 'string' ? value.toLowerCase() : '';
}
