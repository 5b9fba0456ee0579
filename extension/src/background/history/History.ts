import type { PastPayment, RiskLevel } from '@commonguard/sdk/risk';
import type { Address, Hex } from 'viem';
import type { StoredValue } from '../keyring/Keyring.js';

/** One pay request and what became of it. Amounts are decimal strings (storage is JSON). */
export type HistoryEntry = {
  id: string;
  at: number;
  account: Address;
  origin: string | null;
  kind: 'nativeTransfer' | 'tokenTransfer' | 'tokenApproval' | 'contractCall';
  token: Address;
  symbol: string;
  decimals: number;
  to: Address | null;
  amount: string;
  score: number | null;
  level: RiskLevel | 'unverified';
  policyVersion: string | null;
  outcome: 'sent' | 'signed' | 'rejected' | 'blocked' | 'failed';
  hash?: Hex;
  detail?: string;
  /**
   * Every amount the request paid, to whom (decimal strings), when it paid more than the one `to`/`amount`
   * names (a router, a batch call): the daily cap counts them all. Absent in entries written before.
   */
  outflows?: Array<{ token: Address; to: Address; amount: string }>;
};

/** Entries kept; older ones are dropped (the amount model reads only the most recent anyway). */
export const MAX_HISTORY = 500;

/**
 * The shopper's local payment history: feeds the risk engine and the popup. It never leaves the
 * device.
 */
export class History {
  #item: StoredValue<HistoryEntry[]>;
  #entries: HistoryEntry[] | null = null;

  constructor({ item }: { item: StoredValue<HistoryEntry[]> }) {
    this.#item = item;
  }

  /** Newest first. */
  async list(): Promise<HistoryEntry[]> {
    this.#entries ??= (await this.#item.getValue()) ?? [];
    return this.#entries;
  }

  async record(entry: HistoryEntry): Promise<void> {
    const entries = await this.list();
    this.#entries = [entry, ...entries].slice(0, MAX_HISTORY);
    await this.#item.setValue(this.#entries);
  }

  /** Money that actually left `account`, newest first, as the risk engine reads it. */
  async paymentsOf(account: Address): Promise<PastPayment[]> {
    const payments: PastPayment[] = [];
    for (const entry of await this.list()) {
      if (entry.account.toLowerCase() !== account.toLowerCase()) continue;
      // A signed transfer authorisation (EIP-3009, a Permit2 transfer) pays as soon as anyone submits it.
      if (entry.outflows && (entry.outcome === 'sent' || entry.outcome === 'signed')) {
        for (const out of entry.outflows) payments.push({ token: out.token, to: out.to, amount: BigInt(out.amount), timestamp: entry.at });
        continue;
      }
      if (entry.outcome !== 'sent' || entry.to === null || entry.kind === 'tokenApproval') continue;
      payments.push({ token: entry.token, to: entry.to, amount: BigInt(entry.amount), timestamp: entry.at });
    }
    return payments;
  }
}

