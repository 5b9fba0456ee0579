import type { Address, Hex } from 'viem';
import type { History, HistoryEntry } from '../history/History.js';
import { outflowsOf } from './effects.js';
import type { Judgement } from './types.js';
import { buildView, headlineAmount } from './view.js';

/** What became of a judged request: a refusal from the confirm step, a failure, a pending transaction or a signature. */
export type RecordOutcome = { outcome: HistoryEntry['outcome']; hash?: Hex | undefined; detail?: string | undefined };

/**
 * The history entry of a judged request and what became of it (pure). Messages that move no money
 * are not payments and are not recorded.
 */
export function historyEntryOf(judgement: Judgement, { outcome, hash, detail }: RecordOutcome, id: string, at: number): HistoryEntry | null {
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
  const kind: HistoryEntry['kind'] =
    request.kind === 'transaction' ? request.action.kind : judgement.understanding.effects.effects.some((effect) => effect.kind === 'allowance') ? 'tokenApproval' : 'contractCall';
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
  };
}

/** Step 7: writes the entry (if any) to the local history. */
export async function record(history: History, judgement: Judgement, outcome: RecordOutcome, now: number): Promise<void> {
  const entry = historyEntryOf(judgement, outcome, crypto.randomUUID(), now);
  if (entry) await history.record(entry);
}

