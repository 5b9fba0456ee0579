import type { Effect } from '@commonguard/sdk/effects';
import type { Address, Hex } from 'viem';
import type { History, HistoryEntry } from '../history/History.js';
import { NATIVE_TOKEN } from '../tokens/TokenDirectory.js';
import { outflowsOf } from './effects.js';
import type { Judgement, RequestOutcome } from './types.js';
import { buildView, headlineAmount } from './view.js';

/** What an outcome does to the history: a new entry, an entry of a sent transaction settled, or nothing. */
export type HistoryChange =
  | { kind: 'add'; entry: HistoryEntry }
  | { kind: 'settle'; hash: Hex; result: { outcome: 'failed'; at: number; detail: string } }
  | null;

/**
 * The one mapping from what became of a judged request to the history (pure): a transaction being sent
 * is a pending entry with its hash; a refused broadcast settles that entry as failed (no money moved);
 * everything else is a new entry with its outcome. Messages that move no money are not payments and
 * are not recorded.
 */
export function historyChangeOf(judgement: Judgement, outcome: RequestOutcome, id: string, at: number): HistoryChange {
  switch (outcome.kind) {
    case 'broadcastRefused':
      return { kind: 'settle', hash: outcome.hash, result: { outcome: 'failed', at, detail: `The network refused it: ${outcome.reason}. No money moved.` } };
    case 'stopped':
      return added(historyEntryOf(judgement, { outcome: outcome.outcome, detail: outcome.detail }, id, at));
    case 'sending':
      return added(historyEntryOf(judgement, { outcome: 'pending', hash: outcome.hash, session: outcome.session }, id, at));
    case 'signed':
      return added(historyEntryOf(judgement, { outcome: 'signed', session: outcome.session }, id, at));
    case 'failed':
      return added(historyEntryOf(judgement, { outcome: 'failed', detail: outcome.reason }, id, at));
  }
}

function added(entry: HistoryEntry | null): HistoryChange {
  return entry ? { kind: 'add', entry } : null;
}

/** The entry of a judged request with the given outcome, or `null` for a message that moves no money. */
function historyEntryOf(
  judgement: Judgement,
  { outcome, hash, detail, session }: { outcome: HistoryEntry['outcome']; hash?: Hex | undefined; detail?: string | undefined; session?: string | undefined },
  id: string,
  at: number,
): HistoryEntry | null {
  const { request, assessment } = judgement;
  if (request.kind === 'message' && !judgement.understanding.movesMoney) return null;
  const view = buildView(judgement);
  const tokens = judgement.gathered.ok ? judgement.gathered.context.tokens : judgement.gathered.missing.tokens;
  const headline = headlineAmount(judgement);
  const token = headline?.token ?? '0x0000000000000000000000000000000000000000';
  const info = tokens[token.toLowerCase()] ?? (/^0x0{40}$/.test(token) ? { symbol: 'ETH', decimals: 18 } : { symbol: view.amount?.symbol ?? '', decimals: 0 });
  const outflows = outflowsOf(judgement.understanding, at);
  // Money that went to one recipient is recorded as paid to it, even when the call went to a token or a router.
  const recipients = new Set(outflows.map((out) => out.to.toLowerCase()));
  const to = outflows.length > 0 && recipients.size === 1 ? (outflows[0]?.to as Address) : ((view.counterparty?.address ?? null) as Address | null);
  const kind: HistoryEntry['kind'] = request.kind === 'transaction' ? request.action.kind : signedKindOf(judgement.understanding.effects.effects);
  return {
    id,
    at,
    account: request.account,
    origin: request.origin,
    kind,
    token,
    symbol: info.symbol,
    decimals: info.decimals,
    to,
    amount: (headline?.amount ?? 0n).toString(),
    score: assessment?.score ?? null,
    level: assessment?.level ?? 'unverified',
    policyVersion: assessment?.policyVersion.toString() ?? null,
    outcome,
    ...(hash ? { hash } : {}),
    ...(detail ? { detail } : {}),
    ...(outflows.length > 0 ? { outflows: outflows.map(({ token: out, to, amount }) => ({ token: out, to, amount: amount.toString() })) } : {}),
    ...(session ? { session } : {}),
  };
}

/**
 * What a signature does, as the history names it: a spending approval (a permit), a payment (it only
 * sends: a transfer authorisation such as x402's, "Pay 0.05 cgUSD"), or anything else (an order, which
 * also receives, "Contract call").
 */
function signedKindOf(effects: readonly Effect[]): HistoryEntry['kind'] {
  if (effects.some((effect) => effect.kind === 'allowance')) return 'tokenApproval';
  if (effects.length > 0 && effects.every((effect) => effect.kind === 'assetOut')) return effects.every((effect) => 'token' in effect && effect.token.toLowerCase() === NATIVE_TOKEN) ? 'nativeTransfer' : 'tokenTransfer';
  return 'contractCall';
}

/** Step 7: writes what became of a judged request to the local history (see {@link historyChangeOf}). */
export async function record(history: History, judgement: Judgement, outcome: RequestOutcome, now: number): Promise<void> {
  const change = historyChangeOf(judgement, outcome, crypto.randomUUID(), now);
  if (change?.kind === 'add') await history.record(change.entry);
  if (change?.kind === 'settle') await history.settle(change.hash, change.result);
}

